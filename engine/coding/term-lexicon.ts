/**
 * The Chinese terms of a code set (titles, synonyms, index terms), so the
 * evidence of a Chinese record can be grown from a character to the whole
 * term it belongs to (脑 → 脑梗死). Read once per code set: a code set is
 * versioned, never changed in place.
 */
import type { SqliteDatabase } from '../store/database.js'
import type { TermLexicon } from './evidence-spans.js'

const MAX_TERM_LENGTH = 12
const lexicons = new WeakMap<SqliteDatabase, Map<number, TermLexicon>>()

export function chineseTermLexicon(database: SqliteDatabase, codeSetId: number): TermLexicon {
  let bySet = lexicons.get(database)
  if (!bySet) {
    bySet = new Map()
    lexicons.set(database, bySet)
  }
  const known = bySet.get(codeSetId)
  if (known) return known
  const terms = new Set(
    database
      .prepare<{ term: string }>("SELECT term FROM code_terms WHERE code_set_id = ? AND (language = 'zh' OR language LIKE 'zh-%')")
      .all(codeSetId)
      .map((row) => row.term)
      .filter((term) => term.length >= 2 && term.length <= MAX_TERM_LENGTH),
  )
  const lexicon: TermLexicon = { has: (term) => terms.has(term), maxLength: [...terms].reduce((longest, term) => Math.max(longest, term.length), 2) }
  bySet.set(codeSetId, lexicon)
  return lexicon
}
