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

export interface CodeEntryView extends CodeRef {
  parent: string | null
}

/**
 * A code by its exact spelling or its key (`j189` finds `J18.9`), titled in
 * `language` where the code set has a title in it (`zh-CN` takes `zh` titles).
 */
export function getCode(database: SqliteDatabase, codeSetId: number, code: string, language?: string): CodeEntryView | null {
  const row =
    database
      .prepare<CodeRow>('SELECT code, title, parent, level, assignable FROM codes WHERE code_set_id = ? AND code = ?')
      .get(codeSetId, code) ??
    database
      .prepare<CodeRow>('SELECT code, title, parent, level, assignable FROM codes WHERE code_set_id = ? AND code_key = ? LIMIT 1')
      .get(codeSetId, codeKey(code))
  if (!row) return null
  const title = (language && localTitle(database, codeSetId, row.code, language)) || row.title
  return { code: row.code, title, level: row.level, assignable: row.assignable === 1, parent: row.parent }
}

/** The code's title in a language other than the set's main one, or null. */
export function localTitle(database: SqliteDatabase, codeSetId: number, code: string, language: string): string | null {
  const base = language.toLowerCase().split('-')[0] ?? language
  return (
    database
      .prepare<{ term: string }>(
        `SELECT term FROM code_terms WHERE code_set_id = ? AND code = ? AND kind = 'title' AND (language = ? OR language = ?)
         ORDER BY language = ? DESC, id LIMIT 1`,
      )
      .get(codeSetId, code, language, base, language)?.term ?? null
  )
}

/** Ancestors of a code, chapter first, not including the code itself. */
export function codePath(
  database: SqliteDatabase,
  codeSetId: number,
  code: string,
  language?: string,
): Array<{ code: string; title: string }> {
  const path: Array<{ code: string; title: string }> = []
  let parent = getCode(database, codeSetId, code)?.parent ?? null
  while (parent !== null && path.length < 16) {
    const entry = getCode(database, codeSetId, parent, language)
    if (!entry) break
    path.unshift({ code: entry.code, title: entry.title })
    parent = entry.parent
  }
  return path
}
