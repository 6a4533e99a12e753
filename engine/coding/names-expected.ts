/**
 * Whether a workspace's records usually carry diagnosis names. Where they do,
 * a record that shows none has lost them (the EMR's *missing* error at its
 * worst), and the name-quality flags call every code its evidence supports
 * missing; where names are rare (a hospital that does not export them) a
 * record without names says nothing about its names.
 */
import type { SqliteDatabase } from '../store/database.js'

/** Names are the rule when at least this share of the records shows one. */
export const NAMED_RECORDS_SHARE = 0.5

export function namedRecordsShare(database: SqliteDatabase): number {
  const row = database
    .prepare<{ records: number; named: number }>(
      `SELECT (SELECT COUNT(*) FROM records) AS records,
              (SELECT COUNT(DISTINCT record_id) FROM diagnosis_names WHERE injected_error IS NOT 'missing') AS named`,
    )
    .get()
  return row && row.records > 0 ? row.named / row.records : 0
}
