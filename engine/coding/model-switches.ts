/**
 * Which model bundle a workspace codes with, as an append-only history: every
 * switch is a row pinning the bundle's folder and its manifest's sha256, with
 * how it was judged (signature, golden check) and who made it. The model in use
 * is the latest row. Rows are written only by `engine/model-trust/` after its
 * checks, each with its audit row in the same transaction.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import type { SqliteDatabase } from '../store/database.js'

export type SwitchKind = 'use' | 'rollback' | 'pin-existing'
export type SignatureState = 'trusted' | 'unsigned' | 'untrusted'

export interface ModelSwitch {
  id: number
  bundleDir: string
  modelVersion: string
  manifestSha256: string
  /** The manifest's `createdAt`: what "older" means when a version would go back. */
  modelCreatedAt: string
  codeSet: { name: string; version: string }
  signature: SignatureState
  signer: { keyId: string; name: string | null } | null
  goldenMaxDifference: number
  kind: SwitchKind
  reason: string | null
  actor: string
  at: string
}

interface SwitchRow {
  id: number
  bundle_dir: string
  model_version: string
  manifest_sha256: string
  model_created_at: string
  code_set_name: string
  code_set_version: string
  signature: SignatureState
  signer_key_id: string | null
  signer_name: string | null
  golden_max_difference: number
  kind: SwitchKind
  reason: string | null
  actor: string
  at: string
}

function toSwitch(row: SwitchRow): ModelSwitch {
  return {
    id: row.id,
    bundleDir: row.bundle_dir,
    modelVersion: row.model_version,
    manifestSha256: row.manifest_sha256,
    modelCreatedAt: row.model_created_at,
    codeSet: { name: row.code_set_name, version: row.code_set_version },
    signature: row.signature,
    signer: row.signer_key_id === null ? null : { keyId: row.signer_key_id, name: row.signer_name },
    goldenMaxDifference: row.golden_max_difference,
    kind: row.kind,
    reason: row.reason,
    actor: row.actor,
    at: row.at,
  }
}

export function currentModelSwitch(database: SqliteDatabase): ModelSwitch | null {
  const row = database.prepare<SwitchRow>('SELECT * FROM model_switches ORDER BY id DESC LIMIT 1').get()
  return row ? toSwitch(row) : null
}

/** Every switch, oldest first: the provenance of the model in use and of each one before it. */
export function modelSwitchHistory(database: SqliteDatabase): ModelSwitch[] {
  return database.prepare<SwitchRow>('SELECT * FROM model_switches ORDER BY id').all().map(toSwitch)
}

/** sha256 of a bundle's `manifest.json` as stored: what a switch pins. */
export function manifestSha256(bundleDir: string): string {
  return createHash('sha256').update(readFileSync(join(bundleDir, 'manifest.json'))).digest('hex')
}

/**
 * Writes the switch and its audit row in one transaction. Callers check the
 * bundle first (`engine/model-trust/`) against the switch they saw as current,
 * `expectedPreviousId`: if another process switched meanwhile, this one is
 * refused rather than landing on top of a model its checks never compared.
 */
export function recordModelSwitch(
  database: SqliteDatabase,
  entry: Omit<ModelSwitch, 'id' | 'at'>,
  expectedPreviousId: number | null,
  at = new Date().toISOString(),
): ModelSwitch {
  return database.transaction(() => {
    const previous = currentModelSwitch(database)
    if ((previous?.id ?? null) !== expectedPreviousId) {
      throw new AppFailure('conflict', `The model in use changed while ${entry.modelVersion} was being checked (now ${previous?.modelVersion ?? 'none'}): check it again.`)
    }
    const { lastInsertRowid } = database
      .prepare(
        `INSERT INTO model_switches (bundle_dir, model_version, manifest_sha256, model_created_at, code_set_name, code_set_version,
           signature, signer_key_id, signer_name, golden_max_difference, kind, reason, actor, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        entry.bundleDir,
        entry.modelVersion,
        entry.manifestSha256,
        entry.modelCreatedAt,
        entry.codeSet.name,
        entry.codeSet.version,
        entry.signature,
        entry.signer?.keyId ?? null,
        entry.signer?.name ?? null,
        entry.goldenMaxDifference,
        entry.kind,
        entry.reason,
        entry.actor,
        at,
      )
    appendAudit(
      database,
      {
        actor: entry.actor,
        action: `model.${entry.kind}`,
        entity: 'model',
        entityId: entry.modelVersion,
        detail: {
          from: previous ? { modelVersion: previous.modelVersion, manifestSha256: previous.manifestSha256 } : null,
          to: { modelVersion: entry.modelVersion, manifestSha256: entry.manifestSha256, bundleDir: entry.bundleDir, createdAt: entry.modelCreatedAt },
          signature: entry.signature,
          signer: entry.signer,
          goldenMaxDifference: entry.goldenMaxDifference,
          reason: entry.reason,
        },
      },
      at,
    )
    return { ...entry, id: Number(lastInsertRowid), at }
  })
}
