/**
 * A supervisor's study settings for one coder: the mode (which decision support
 * the app shows) and the study group (the pilot's arm or cohort). Each change is
 * its own audited row; the coder's next submission is refused if it was made in
 * a mode they no longer have.
 */
import type { Account } from '../../contract/auth.js'
import type { CodingMode } from '../../contract/domain.js'
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import { requireAccount } from '../auth/accounts.js'
import type { SqliteDatabase } from '../store/database.js'
import { setCodingMode } from './coding-mode.js'

export function setCoderSettings(
  database: SqliteDatabase,
  change: { userId: string; mode?: CodingMode; studyGroup?: string | null },
  actor: string,
): Account {
  return database.transaction(() => {
    const account = requireAccount(database, change.userId)
    if (account.role !== 'coder') throw new AppFailure('invalid-input', `"${account.id}" is a ${account.role}: modes and study groups are for coders.`)
    if (change.mode !== undefined && change.mode !== account.mode) setCodingMode(database, { userId: account.id, mode: change.mode, actor })
    const group = change.studyGroup === undefined ? account.studyGroup : change.studyGroup === null || change.studyGroup === '' ? null : change.studyGroup
    if (group !== account.studyGroup) {
      database.prepare('UPDATE users SET study_group = ? WHERE id = ?').run(group, account.id)
      appendAudit(database, { actor, action: 'user.study-group', entity: 'user', entityId: account.id, detail: { from: account.studyGroup, to: group } })
    }
    return requireAccount(database, account.id)
  })
}
