/**
 * Coder-confirmed (diagnosis name, code) pairs in the workspace. Confirming
 * writes the pair and its audit row in one transaction; the next
 * normalisation in this workspace sees it (`workspace-normalizer.ts` rebuilds
 * its pair memory whenever the stored pairs changed).
 */
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import type { SqliteDatabase } from '../store/database.js'
import type { ConfirmedPair } from './pair-memory.js'

export interface PairConfirmation {
  codeSetId: number
  actor: string
  recordId?: number | null
  pairs: Array<{ name: string; code: string }>
}

export function confirmNamePairs(database: SqliteDatabase, confirmation: PairConfirmation): number {
  const pairs = confirmation.pairs
    .map((pair) => ({ name: pair.name.trim(), code: pair.code.trim() }))
    .filter((pair) => pair.name !== '' && pair.code !== '')
  if (pairs.length === 0) return 0
  return database.transaction(() => {
    const known = database.prepare<{ code: string }>('SELECT code FROM codes WHERE code_set_id = ? AND code = ?')
    const insert = database.prepare(
      'INSERT INTO name_code_pairs (code_set_id, name, code, record_id, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    const now = new Date().toISOString()
    for (const pair of pairs) {
      if (!known.get(confirmation.codeSetId, pair.code)) {
        throw new AppFailure('invalid-input', `Code ${pair.code} is not in code set ${confirmation.codeSetId}.`)
      }
      insert.run(confirmation.codeSetId, pair.name, pair.code, confirmation.recordId ?? null, confirmation.actor, now)
    }
    appendAudit(database, {
      actor: confirmation.actor,
      action: 'name-pairs.confirm',
      entity: confirmation.recordId ? 'record' : 'code_set',
      entityId: String(confirmation.recordId ?? confirmation.codeSetId),
      detail: { codeSetId: confirmation.codeSetId, pairs },
    })
    return pairs.length
  })
}

/** Version stamp of a code set's pairs (coder-confirmed and learned from gold codes): changes whenever a pair is added or removed. */
export function namePairsStamp(database: SqliteDatabase, codeSetId: number): string {
  const stamp = (table: string): string => {
    const row = database.prepare<{ count: number; last: number | null }>(`SELECT count(*) AS count, max(id) AS last FROM ${table} WHERE code_set_id = ?`).get(codeSetId)
    return `${row?.count ?? 0}:${row?.last ?? 0}`
  }
  return `${stamp('name_code_pairs')}/${stamp('gold_name_pairs')}`
}

/**
 * The pairs the normaliser learns from: coders' confirmations, then the pairs
 * aligned from imported gold codes (`gold-pairs.ts`). Both carry their record
 * as source, so a record's own pairs can be left out while it is labelled.
 */
export function loadNamePairs(database: SqliteDatabase, codeSetId: number, options: { gold?: boolean } = {}): ConfirmedPair[] {
  const confirmed = database
    .prepare<{ name: string; code: string; record_id: number | null }>('SELECT name, code, record_id FROM name_code_pairs WHERE code_set_id = ? ORDER BY id')
    .all(codeSetId)
    .map((row): ConfirmedPair => ({ name: row.name, code: row.code, source: row.record_id === null ? null : `record:${row.record_id}`, origin: 'coder' }))
  if (options.gold === false) return confirmed
  const gold = database
    .prepare<{ name: string; code: string; record_id: number }>('SELECT name, code, record_id FROM gold_name_pairs WHERE code_set_id = ? ORDER BY id')
    .all(codeSetId)
    .map((row): ConfirmedPair => ({ name: row.name, code: row.code, source: `record:${row.record_id}`, origin: 'gold' }))
  return [...confirmed, ...gold]
}
