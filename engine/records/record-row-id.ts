import { AppFailure } from '../../contract/result.js'
import type { SqliteDatabase } from '../store/database.js'

/** The database row of the record with this source id; `not-found` when the workspace has none. */
export function recordRowId(database: SqliteDatabase, externalId: string): number {
  const row = database.prepare<{ id: number }>('SELECT id FROM records WHERE external_id = ?').get(externalId)
  if (!row) throw new AppFailure('not-found', `No record "${externalId}" in this workspace.`)
  return row.id
}
