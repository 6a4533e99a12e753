import type { CodingMode } from '../../contract/domain.js'
import { appendAudit } from '../audit/audit-log.js'
import type { SqliteDatabase } from '../store/database.js'
import { getUser } from './workspace.js'

/** A supervisor sets which decision support a coder gets; the change is audited with who made it. */
export function setCodingMode(database: SqliteDatabase, change: { userId: string; mode: CodingMode; actor: string }): CodingMode {
  return database.transaction(() => {
    const previous = getUser(database, change.userId).mode
    database.prepare('UPDATE users SET coding_mode = ? WHERE id = ?').run(change.mode, change.userId)
    appendAudit(database, {
      actor: change.actor,
      action: 'user.coding-mode',
      entity: 'user',
      entityId: change.userId,
      detail: { from: previous, to: change.mode },
    })
    return previous
  })
}
