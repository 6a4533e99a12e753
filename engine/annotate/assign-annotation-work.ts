/**
 * Who annotates which planned record. This is the seam where the supervisors'
 * work-assignment model plugs in once it exists; until then a simple per-coder
 * queue: records in plan order, dealt to the coders so that each one's open
 * work stays level (the coder with the fewest open tasks gets the next record).
 */
import { AppFailure } from '../../contract/result.js'
import type { SqliteDatabase } from '../store/database.js'

export function annotationCoders(database: SqliteDatabase, named: readonly string[] | undefined): string[] {
  if (named && named.length > 0) {
    const known = new Map(database.prepare<{ id: string; role: string }>('SELECT id, role FROM users').all().map((row) => [row.id, row.role]))
    const unknown = named.filter((coder) => !known.has(coder))
    if (unknown.length > 0) throw new AppFailure('not-found', `No user ${unknown.map((id) => `"${id}"`).join(', ')} in this workspace.`)
    return [...new Set(named)]
  }
  // A disabled account (issue 15) cannot sign in to annotate: it is dealt nothing.
  const coders = database.prepare<{ id: string }>("SELECT id FROM users WHERE role = 'coder' AND disabled_at IS NULL ORDER BY id").all().map((row) => row.id)
  if (coders.length === 0) throw new AppFailure('not-found', 'This workspace has no coder to annotate: add one, or name the annotators.')
  return coders
}

/** Deals `recordIds` (in plan order) to `coders`, starting from each coder's `openTasks`. */
export function dealToCoders(recordIds: readonly number[], coders: readonly string[], openTasks: ReadonlyMap<string, number>): Map<number, string> {
  if (coders.length === 0) throw new RangeError('At least one coder is needed.')
  const load = new Map(coders.map((coder) => [coder, openTasks.get(coder) ?? 0]))
  const dealt = new Map<number, string>()
  for (const recordId of recordIds) {
    let chosen = coders[0] as string
    for (const coder of coders) if ((load.get(coder) ?? 0) < (load.get(chosen) ?? 0)) chosen = coder
    dealt.set(recordId, chosen)
    load.set(chosen, (load.get(chosen) ?? 0) + 1)
  }
  return dealt
}
