/**
 * The append-only audit trail. Each row's hash covers its content and the
 * previous row's hash, so an edited or deleted row breaks the chain at that
 * point. Callers write the audit row inside the same transaction as the change
 * it records: a change without its audit row cannot land.
 */
import { createHash } from 'node:crypto'
import type { SqliteDatabase } from '../store/database.js'

const GENESIS_HASH = '0'.repeat(64)

export interface AuditEntry {
  actor: string
  action: string
  entity: string
  entityId: string
  detail: Record<string, unknown>
}

interface AuditRow {
  id: number
  at: string
  actor: string
  action: string
  entity: string
  entity_id: string
  detail: string
  prev_hash: string
  hash: string
}

export function appendAudit(database: SqliteDatabase, entry: AuditEntry, at = new Date().toISOString()): string {
  const previous = database
    .prepare<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1')
    .get()
  const prevHash = previous?.hash ?? GENESIS_HASH
  const detail = JSON.stringify(entry.detail)
  const hash = hashAuditRow({ at, actor: entry.actor, action: entry.action, entity: entry.entity, entityId: entry.entityId, detail, prevHash })
  database
    .prepare(
      'INSERT INTO audit_log (at, actor, action, entity, entity_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(at, entry.actor, entry.action, entry.entity, entry.entityId, detail, prevHash, hash)
  return hash
}

export interface AuditVerification {
  rows: number
  /** Id of the first row whose hash does not match; null when the chain is intact. */
  firstBrokenId: number | null
}

export function verifyAuditChain(database: SqliteDatabase): AuditVerification {
  let prevHash = GENESIS_HASH
  let rows = 0
  for (const row of database.prepare<AuditRow>('SELECT * FROM audit_log ORDER BY id').iterate()) {
    rows += 1
    const expected = hashAuditRow({
      at: row.at,
      actor: row.actor,
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      detail: row.detail,
      prevHash,
    })
    if (row.prev_hash !== prevHash || row.hash !== expected) return { rows, firstBrokenId: row.id }
    prevHash = row.hash
  }
  return { rows, firstBrokenId: null }
}

export interface AuditRecord {
  id: number
  at: string
  actor: string
  action: string
  entity: string
  entityId: string
  detail: Record<string, unknown>
}

export function listAudit(database: SqliteDatabase, filter: { entity?: string; entityId?: string } = {}): AuditRecord[] {
  const rows = database
    .prepare<AuditRow>(
      `SELECT * FROM audit_log
       WHERE (:entity IS NULL OR entity = :entity) AND (:entityId IS NULL OR entity_id = :entityId)
       ORDER BY id`,
    )
    .all({ entity: filter.entity ?? null, entityId: filter.entityId ?? null })
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  }))
}

function hashAuditRow(fields: {
  at: string
  actor: string
  action: string
  entity: string
  entityId: string
  detail: string
  prevHash: string
}): string {
  // A JSON array keeps field boundaries unambiguous ('a','bc' ≠ 'ab','c').
  const canonical = JSON.stringify([
    fields.prevHash,
    fields.at,
    fields.actor,
    fields.action,
    fields.entity,
    fields.entityId,
    fields.detail,
  ])
  return createHash('sha256').update(canonical).digest('hex')
}
