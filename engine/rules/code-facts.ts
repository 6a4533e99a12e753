/**
 * What the rules need to know about the codes of one code set: whether a code
 * exists and may be assigned, its title in the UI language, its ancestors, and
 * the assignable codes under a heading. Remembered for the life of the object
 * (a code set does not change under a check).
 */
import type { SqliteDatabase } from '../store/database.js'
import { codeKey } from '../taxonomy/code-key.js'
import { localTitle } from '../taxonomy/code-lookup.js'

export interface CodeFact {
  code: string
  title: string
  assignable: boolean
  parent: string | null
}

export interface CodeFacts {
  /** The code as the set spells it (`e119` finds `E11.9`); null when the set has no such code. */
  get(code: string): CodeFact | null
  /** Ancestors, nearest first. */
  ancestors(code: string): string[]
  /** Assignable codes under a code, in code order, at most `limit`. */
  assignableUnder(code: string, limit: number): CodeFact[]
}

const MAX_DEPTH = 16

export function codeFacts(database: SqliteDatabase, codeSetId: number, language?: string): CodeFacts {
  const byCode = database.prepare<{ code: string; title: string; assignable: number; parent: string | null }>(
    'SELECT code, title, assignable, parent FROM codes WHERE code_set_id = ? AND code = ?',
  )
  const byKey = database.prepare<{ code: string; title: string; assignable: number; parent: string | null }>(
    'SELECT code, title, assignable, parent FROM codes WHERE code_set_id = ? AND code_key = ? LIMIT 1',
  )
  const children = database.prepare<{ code: string }>('SELECT code FROM codes WHERE code_set_id = ? AND parent = ? ORDER BY code')
  const known = new Map<string, CodeFact | null>()
  const get = (code: string): CodeFact | null => {
    if (known.has(code)) return known.get(code) ?? null
    const row = byCode.get(codeSetId, code) ?? byKey.get(codeSetId, codeKey(code))
    const fact = row
      ? {
          code: row.code,
          title: (language && !language.startsWith('en') ? localTitle(database, codeSetId, row.code, language) : null) ?? row.title,
          assignable: row.assignable === 1,
          parent: row.parent,
        }
      : null
    known.set(code, fact)
    return fact
  }
  const ancestors = (code: string): string[] => {
    const chain: string[] = []
    for (let parent = get(code)?.parent ?? null; parent !== null && chain.length < MAX_DEPTH; parent = get(parent)?.parent ?? null) chain.push(parent)
    return chain
  }
  const assignableUnder = (code: string, limit: number): CodeFact[] => {
    const found: CodeFact[] = []
    const visit = (parent: string, depth: number): void => {
      if (depth > MAX_DEPTH) return
      for (const { code: child } of children.all(codeSetId, parent)) {
        if (found.length >= limit) return
        const fact = get(child)
        if (fact?.assignable) found.push(fact)
        visit(child, depth + 1)
      }
    }
    visit(code, 0)
    return found
  }
  return { get, ancestors, assignableUnder }
}
