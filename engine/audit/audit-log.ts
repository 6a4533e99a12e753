/**
 * The append-only audit trail. Each row carries the hash of the content it
 * records, and its chain hash covers that, its own fields and the previous row's
 * hash, keyed with HMAC-SHA-256 under a workspace key kept outside the database
 * (audit-keys.ts): an edited, deleted or re-chained row breaks the chain, and
 * without the key it cannot be mended. Signed checkpoints of the head
 * (checkpoints.ts) catch rows deleted from the end. Callers write the audit row
 * inside the same transaction as the change it records: a change without its
 * audit row cannot land.
 */
import { createHash, createHmac } from 'node:crypto'
import type { SqliteDatabase } from '../store/database.js'
import { auditKeysFor } from './audit-keys.js'

export const GENESIS_HASH = '0'.repeat(64)

export type AuditScheme = 'sha256' | 'hmac-sha256'

export interface AuditEntry {
  actor: string
  action: string
  entity: string
  entityId: string
  detail: Record<string, unknown>
  /**
   * SHA-256 of the content the row records, where it lives elsewhere (a decision
   * as stored: decision-content.ts); absent, the hash of `detail`.
   */
  contentHash?: string
}

export interface AuditRow {
  id: number
  at: string
  actor: string
  action: string
  entity: string
  entity_id: string
  detail: string
  prev_hash: string
  hash: string
  scheme: AuditScheme
  content_hash: string
}

export function appendAudit(database: SqliteDatabase, entry: AuditEntry, at = new Date().toISOString()): string {
  const keys = auditKeysFor(database)
  const previous = database.prepare<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get()
  const prevHash = previous?.hash ?? GENESIS_HASH
  const detail = JSON.stringify(entry.detail)
  const contentHash = entry.contentHash ?? sha256(detail)
  const fields = { at, actor: entry.actor, action: entry.action, entity: entry.entity, entityId: entry.entityId, detail, contentHash, prevHash }
  const hash = chainHash('hmac-sha256', fields, keys.chainKey)
  database
    .prepare(
      `INSERT INTO audit_log (at, actor, action, entity, entity_id, detail, prev_hash, hash, scheme, content_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'hmac-sha256', ?)`,
    )
    .run(at, entry.actor, entry.action, entry.entity, entry.entityId, detail, prevHash, hash, contentHash)
  return hash
}

export interface ChainFields {
  at: string
  actor: string
  action: string
  entity: string
  entityId: string
  detail: string
  contentHash: string
  prevHash: string
}

/** The chain hash of a row under its scheme; `sha256` is the unkeyed form of rows written before the trail was keyed. */
export function chainHash(scheme: AuditScheme, fields: ChainFields, key: Buffer | null): string {
  if (scheme === 'sha256') {
    // A JSON array keeps field boundaries unambiguous ('a','bc' ≠ 'ab','c').
    const legacy = JSON.stringify([fields.prevHash, fields.at, fields.actor, fields.action, fields.entity, fields.entityId, fields.detail])
    return sha256(legacy)
  }
  if (!key) throw new Error('A keyed audit row needs the workspace audit key.')
  const canonical = JSON.stringify([scheme, fields.prevHash, fields.at, fields.actor, fields.action, fields.entity, fields.entityId, fields.detail, fields.contentHash])
  return createHmac('sha256', key).update(canonical).digest('hex')
}

export function rowFields(row: AuditRow, prevHash: string): ChainFields {
  return { at: row.at, actor: row.actor, action: row.action, entity: row.entity, entityId: row.entity_id, detail: row.detail, contentHash: row.content_hash, prevHash }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
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

export interface AuditFilter {
  entity?: string
  entityId?: string
  actor?: string
  /** An action, or a family with a trailing dot: `decision.` matches `decision.submit`. */
  action?: string
  /** ISO times, inclusive from, exclusive to. */
  from?: string
  to?: string
  /** Newest first, and paged; absent: every row, oldest first. */
  newestFirst?: boolean
  offset?: number
  limit?: number
}

export function listAudit(database: SqliteDatabase, filter: AuditFilter = {}): AuditRecord[] {
  const { where, params } = auditWhere(filter)
  const order = filter.newestFirst ? 'DESC' : 'ASC'
  const page = filter.limit !== undefined ? `LIMIT ${Math.max(0, Math.floor(filter.limit))} OFFSET ${Math.max(0, Math.floor(filter.offset ?? 0))}` : ''
  const rows = database.prepare<AuditRow>(`SELECT * FROM audit_log WHERE ${where} ORDER BY id ${order} ${page}`).all(params)
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

export function countAudit(database: SqliteDatabase, filter: AuditFilter = {}): number {
  const { where, params } = auditWhere(filter)
  return database.prepare<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE ${where}`).get(params)?.n ?? 0
}

function auditWhere(filter: AuditFilter): { where: string; params: Record<string, string | null> } {
  const action = filter.action ?? null
  return {
    where: `(:entity IS NULL OR entity = :entity) AND (:entityId IS NULL OR entity_id = :entityId)
      AND (:actor IS NULL OR actor = :actor)
      AND (:action IS NULL OR action = :action OR (substr(:action, -1) = '.' AND substr(action, 1, length(:action)) = :action))
      AND (:from IS NULL OR at >= :from) AND (:to IS NULL OR at < :to)`,
    params: {
      entity: filter.entity ?? null,
      entityId: filter.entityId ?? null,
      actor: filter.actor ?? null,
      action,
      from: filter.from ?? null,
      to: filter.to ?? null,
    },
  }
}
