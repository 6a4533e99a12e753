/**
 * The audit trail's keys, kept outside the database (in the workspace's `keys/`
 * folder, readable by the workstation account only): an HMAC key that chains the
 * rows, so a log edited and re-chained without it does not verify, and an Ed25519
 * key pair that signs checkpoints of the chain's head, so a log whose last rows
 * were deleted (or re-chained with the key) is caught against the last checkpoint
 * — and against any checkpoint exported elsewhere, which the public key verifies.
 * Back these files up with the database: without the HMAC key no new row can be
 * appended to a keyed trail.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, createHash } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { AppFailure } from '../../contract/result.js'
import type { SqliteDatabase } from '../store/database.js'

export const KEYS_FOLDER = 'keys'
const KEY_FILE = 'audit-keys.json'

export interface AuditKeys {
  /** Binds checkpoints to this workspace: one workspace's checkpoint never vouches for another's. */
  workspaceId: string
  chainKey: Buffer
  signingKey: KeyObject
  publicKey: KeyObject
  publicKeyPem: string
  /** SHA-256 of the public key (SPKI DER), hex: names the key in checkpoints and exports. */
  keyId: string
  /** Rows written before the trail was keyed (plain SHA-256): only these may use the old scheme. */
  legacyRows: number
  legacyHead: string | null
  dir: string
}

interface KeyFile {
  version: 1
  workspaceId: string
  createdAt: string
  chainKey: string
  signingKeyPem: string
  legacyRows: number
  legacyHead: string | null
}

const cache = new Map<string, AuditKeys>()

export function keysDir(database: SqliteDatabase): string {
  return join(dirname(database.path), KEYS_FOLDER)
}

/** The workspace's audit keys, created on first use; refused when a keyed trail has lost them. */
export function auditKeysFor(database: SqliteDatabase): AuditKeys {
  const dir = keysDir(database)
  const cached = cache.get(dir)
  if (cached) return cached
  const path = join(dir, KEY_FILE)
  if (!existsSync(path)) createKeyFile(database, dir, path)
  const keys = readKeyFile(path, dir)
  cache.set(dir, keys)
  return keys
}

/** Where the workspace's key file is (it may not exist yet): backups carry it beside the database. */
export function auditKeyFile(database: SqliteDatabase): string {
  return join(keysDir(database), KEY_FILE)
}

/** The key file without creating one (verification never creates keys). */
export function existingAuditKeys(database: SqliteDatabase): AuditKeys | null {
  const dir = keysDir(database)
  const path = join(dir, KEY_FILE)
  return cache.get(dir) ?? (existsSync(path) ? readKeyFile(path, dir) : null)
}

function createKeyFile(database: SqliteDatabase, dir: string, path: string): void {
  const keyed = database.prepare<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE scheme <> 'sha256'").get()?.n ?? 0
  if (keyed > 0) {
    throw new AppFailure(
      'internal',
      `The audit trail is keyed but its key file ${path} is missing: restore the workspace's keys/ folder from the backup. Nothing was written.`,
    )
  }
  const legacy = database.prepare<{ n: number; head: string | null }>('SELECT count(*) AS n, (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS head FROM audit_log').get()
  const { privateKey } = generateKeyPairSync('ed25519')
  const file: KeyFile = {
    version: 1,
    workspaceId: randomUUID(),
    createdAt: new Date().toISOString(),
    chainKey: randomBytes(32).toString('base64'),
    signingKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    legacyRows: legacy?.n ?? 0,
    legacyHead: legacy?.head ?? null,
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  try {
    // 'wx': two processes opening a new workspace at once agree on the first key written.
    writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { flag: 'wx', mode: 0o600 })
    chmodSync(path, 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
}

function readKeyFile(path: string, dir: string): AuditKeys {
  let file: KeyFile
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as KeyFile
  } catch (error) {
    throw new AppFailure('internal', `The audit key file ${path} cannot be read: ${(error as Error).message}`)
  }
  const signingKey = createPrivateKey(file.signingKeyPem)
  const publicKey = createPublicKey(signingKey)
  const der = publicKey.export({ type: 'spki', format: 'der' })
  return {
    workspaceId: file.workspaceId,
    chainKey: Buffer.from(file.chainKey, 'base64'),
    signingKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: createHash('sha256').update(der).digest('hex'),
    legacyRows: file.legacyRows,
    legacyHead: file.legacyHead,
    dir,
  }
}

/** Forgets cached keys (a test that replaces the key files, or a workspace restored from backup). */
export function forgetAuditKeys(): void {
  cache.clear()
}
