import type { CodeRef } from '../../contract/domain.js'
import type { SqliteDatabase } from '../store/database.js'
import { codeKey } from './code-key.js'

interface CodeRow {
  code: string
  title: string
  parent: string | null
  level: CodeRef['level']
  assignable: number
}

export function getCode(database: SqliteDatabase, codeSetId: number, code: string): (CodeRef & { parent: string | null }) | null {
  const row =
    database
      .prepare<CodeRow>('SELECT code, title, parent, level, assignable FROM codes WHERE code_set_id = ? AND code = ?')
      .get(codeSetId, code) ??
    database
      .prepare<CodeRow>('SELECT code, title, parent, level, assignable FROM codes WHERE code_set_id = ? AND code_key = ? LIMIT 1')
      .get(codeSetId, codeKey(code))
  if (!row) return null
  return { code: row.code, title: row.title, level: row.level, assignable: row.assignable === 1, parent: row.parent }
}

/** Ancestors of a code, chapter first, not including the code itself. */
export function codePath(database: SqliteDatabase, codeSetId: number, code: string): Array<{ code: string; title: string }> {
  const path: Array<{ code: string; title: string }> = []
  let parent = getCode(database, codeSetId, code)?.parent ?? null
  while (parent !== null && path.length < 16) {
    const entry = getCode(database, codeSetId, parent)
    if (!entry) break
    path.unshift({ code: entry.code, title: entry.title })
    parent = entry.parent
  }
  return path
}
