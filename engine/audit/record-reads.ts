/**
 * Reads of a record are audited (who opened what, when), as ISO 27789 asks of
 * health record systems: a supervisor can answer "who looked at this patient".
 */
import type { SqliteDatabase } from '../store/database.js'
import { appendAudit } from './audit-log.js'

export function auditRecordRead(database: SqliteDatabase, read: { actor: string; recordId: string; purpose?: string }): void {
  database.transaction(() =>
    appendAudit(database, {
      actor: read.actor,
      action: 'record.open',
      entity: 'record',
      entityId: read.recordId,
      detail: read.purpose ? { purpose: read.purpose } : {},
    }),
  )
}
