import { AppFailure } from '../../../contract/result.js'
import type { SqliteDatabase } from '../../store/database.js'
import { defaultUserId, ensureUser } from '../../workspace/workspace.js'
import type { OptionSpec, ParsedOptions } from '../command.js'

export const actorOption: OptionSpec = { type: 'string', description: 'user recorded in the audit log (default: the workspace default user, else "admin")' }

/** Who the audit log names for a CLI change: `--user`, else the workspace default, else a local `admin`. */
export function resolveActor(database: SqliteDatabase, options: ParsedOptions): string {
  const named = options.user
  if (typeof named === 'string' && named.length > 0) {
    if (!database.prepare('SELECT 1 FROM users WHERE id = ?').get(named)) {
      throw new AppFailure('not-found', `No user "${named}" in this workspace.`)
    }
    return named
  }
  const fallback = defaultUserId(database)
  if (fallback) return fallback
  ensureUser(database, { id: 'admin', displayName: 'Administrator', role: 'admin' })
  return 'admin'
}
