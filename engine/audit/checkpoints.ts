/**
 * Signed checkpoints of the audit chain's head: (last row id, row count, head
 * hash, time), signed with the workspace's Ed25519 key and appended to a file
 * outside the database. Deleting the last rows of the log, or re-chaining it,
 * no longer matches the last checkpoint; an exported checkpoint (kept by IT
 * elsewhere) checks the same with only the public key it carries.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs'
import { join } from 'node:path'
import { createPublicKey, sign, verify } from 'node:crypto'
import { AppFailure } from '../../contract/result.js'
import type { SqliteDatabase } from '../store/database.js'
import { auditKeysFor, existingAuditKeys } from './audit-keys.js'
import type { AuditKeys } from './audit-keys.js'

export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl'
/**
 * A running engine checkpoints at most this often (and always when it stops):
 * rows deleted from the end within the last interval are the only ones a
 * checkpoint cannot vouch for.
 */
export const CHECKPOINT_INTERVAL_MS = 10_000

export interface Checkpoint {
  version: 1
  workspaceId: string
  keyId: string
  rowId: number
  rows: number
  head: string
  at: string
  /** Ed25519 over `checkpointPayload`, base64. */
  signature: string
}

export interface ExportedCheckpoint {
  checkpoint: Checkpoint
  publicKeyPem: string
}

const lastWritten = new Map<string, { rowId: number; atMs: number }>()

function checkpointPath(keys: AuditKeys): string {
  return join(keys.dir, CHECKPOINT_FILE)
}

export function checkpointPayload(checkpoint: Omit<Checkpoint, 'signature'>): Buffer {
  return Buffer.from(JSON.stringify(['checkpoint/1', checkpoint.workspaceId, checkpoint.keyId, checkpoint.rowId, checkpoint.rows, checkpoint.head, checkpoint.at]))
}

/**
 * Appends a checkpoint when the head moved since the last one, and (unless
 * forced) the last is older than the interval. Returns the checkpoint written, or null.
 */
export function writeCheckpoint(database: SqliteDatabase, options: { force?: boolean; now?: number } = {}): Checkpoint | null {
  const head = database
    .prepare<{ id: number; hash: string; rows: number }>('SELECT id, hash, (SELECT count(*) FROM audit_log) AS rows FROM audit_log ORDER BY id DESC LIMIT 1')
    .get()
  if (!head) return null
  const keys = auditKeysFor(database)
  const now = options.now ?? Date.now()
  const path = checkpointPath(keys)
  const last = lastWritten.get(path) ?? lastOnDisk(path)
  if (last && last.rowId === head.id) return null
  if (!options.force && last && now - last.atMs < CHECKPOINT_INTERVAL_MS) return null
  const unsigned = { version: 1 as const, workspaceId: keys.workspaceId, keyId: keys.keyId, rowId: head.id, rows: head.rows, head: head.hash, at: new Date(now).toISOString() }
  const checkpoint: Checkpoint = { ...unsigned, signature: sign(null, checkpointPayload(unsigned), keys.signingKey).toString('base64') }
  appendDurably(path, `${JSON.stringify(checkpoint)}\n`)
  lastWritten.set(path, { rowId: head.id, atMs: now })
  return checkpoint
}

export function readCheckpoints(database: SqliteDatabase): { checkpoints: Checkpoint[]; unreadable: number[] } {
  const keys = existingAuditKeys(database)
  if (!keys) return { checkpoints: [], unreadable: [] }
  const path = checkpointPath(keys)
  if (!existsSync(path)) return { checkpoints: [], unreadable: [] }
  const checkpoints: Checkpoint[] = []
  const unreadable: number[] = []
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return
      try {
        checkpoints.push(JSON.parse(line) as Checkpoint)
      } catch {
        unreadable.push(index + 1)
      }
    })
  return { checkpoints, unreadable }
}

/** The newest checkpoint (written now if the head moved) with the public key that verifies it, for IT to keep elsewhere. */
export function exportCheckpoint(database: SqliteDatabase, out: string): ExportedCheckpoint {
  writeCheckpoint(database, { force: true })
  const { checkpoints } = readCheckpoints(database)
  const latest = checkpoints.at(-1)
  if (!latest) throw new AppFailure('not-found', 'The audit log is empty: there is nothing to checkpoint yet.')
  const exported: ExportedCheckpoint = { checkpoint: latest, publicKeyPem: auditKeysFor(database).publicKeyPem }
  writeFileSync(out, `${JSON.stringify(exported, null, 2)}\n`, { flag: 'w' })
  return exported
}

export function readExportedCheckpoint(path: string): ExportedCheckpoint {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as ExportedCheckpoint
    if (!parsed.checkpoint || typeof parsed.publicKeyPem !== 'string') throw new Error('not an exported checkpoint')
    return parsed
  } catch (error) {
    throw new AppFailure('invalid-input', `${path}: ${(error as Error).message}`)
  }
}

/** True when the checkpoint's signature verifies under the given public key (PEM). */
export function signatureHolds(checkpoint: Checkpoint, publicKeyPem: string): boolean {
  try {
    const { signature, ...unsigned } = checkpoint
    return verify(null, checkpointPayload(unsigned), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'))
  } catch {
    return false
  }
}

function lastOnDisk(path: string): { rowId: number; atMs: number } | null {
  if (!existsSync(path)) return null
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n')
  try {
    const last = JSON.parse(lines.at(-1) ?? '') as Checkpoint
    return { rowId: last.rowId, atMs: Date.parse(last.at) }
  } catch {
    return null
  }
}

function appendDurably(path: string, line: string): void {
  appendFileSync(path, line, { mode: 0o600 })
  // A checkpoint that a power cut loses vouches for nothing: flush it like the database's own writes.
  const handle = openSync(path, 'r')
  try {
    fsyncSync(handle)
  } finally {
    closeSync(handle)
  }
}

/** Forgets what this process wrote (tests that edit the checkpoint file by hand). */
export function forgetCheckpoints(): void {
  lastWritten.clear()
}
