/**
 * Keeps only entries whose parent chain reaches a top-level entry. An entry
 * whose parent is absent, or whose chain loops, is rejected with its line, and
 * so is everything below it (naming the rejected ancestor): `installCodeSet`
 * refuses a set with a dangling parent, and a loop would hang tree walks.
 */
import type { ImportReject } from '../../io/import-reject.js'
import type { CodeEntry } from '../code-set-data.js'

export interface LocatedEntry {
  entry: CodeEntry
  /** 1-based line of the entry in `file`. */
  line: number
  file: string
}

export interface PrunedHierarchy {
  entries: CodeEntry[]
  rejects: ImportReject[]
}

type Outcome = { kept: true } | { kept: false; reason: string }

/** Entries must have unique codes; the order of `located` is kept. */
export function pruneHierarchy(located: LocatedEntry[]): PrunedHierarchy {
  const byCode = new Map(located.map((item) => [item.entry.code, item]))
  const outcomes = new Map<string, Outcome>()
  for (const start of located) {
    const path: LocatedEntry[] = []
    const onPath = new Map<string, number>()
    let current: LocatedEntry | undefined = start
    while (current && !outcomes.has(current.entry.code)) {
      const cycleStart = onPath.get(current.entry.code)
      if (cycleStart !== undefined) {
        const cycle = path.slice(cycleStart).map((item) => item.entry.code)
        const reason = `parent chain forms a cycle: ${[...cycle, current.entry.code].join(' → ')}`
        for (const member of path.slice(cycleStart)) outcomes.set(member.entry.code, { kept: false, reason })
        path.length = cycleStart
        break
      }
      onPath.set(current.entry.code, path.length)
      path.push(current)
      const parent: string | null = current.entry.parent
      if (parent === null) {
        outcomes.set(current.entry.code, { kept: true })
        path.pop()
        break
      }
      const parentItem = byCode.get(parent)
      if (!parentItem) {
        outcomes.set(current.entry.code, { kept: false, reason: `parent ${parent} is not in the code set` })
        path.pop()
        break
      }
      current = parentItem
    }
    // Settle the walked path from the top down: each takes its parent's outcome.
    for (let index = path.length - 1; index >= 0; index -= 1) {
      const item = path[index]
      if (!item) continue
      const parentCode = item.entry.parent
      const parentOutcome = parentCode === null ? undefined : outcomes.get(parentCode)
      const parentItem = parentCode === null ? undefined : byCode.get(parentCode)
      if (!parentOutcome || parentOutcome.kept) outcomes.set(item.entry.code, { kept: true })
      else {
        const where = parentItem ? ` (${parentItem.file} line ${parentItem.line})` : ''
        outcomes.set(item.entry.code, { kept: false, reason: `parent ${parentCode} was rejected${where}` })
      }
    }
  }
  const entries: CodeEntry[] = []
  const rejects: ImportReject[] = []
  for (const item of located) {
    const outcome = outcomes.get(item.entry.code)
    if (!outcome || outcome.kept) entries.push(item.entry)
    else rejects.push({ file: item.file, line: item.line, reason: `${item.entry.code}: ${outcome.reason}` })
  }
  return { entries, rejects }
}
