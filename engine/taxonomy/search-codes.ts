/**
 * Code search for coders: by code (`E11`, `e11.9`, `E119`) or by words in any
 * script, matching titles, synonyms and index terms, prefix or infix. Words of
 * three or more characters go through the trigram FTS index; shorter words
 * (common in Chinese: 肺炎) filter the FTS hits, or scan the terms when the
 * query holds nothing longer.
 */
import type { CodeHit } from '../../contract/domain.js'
import type { SqliteDatabase } from '../store/database.js'
import { codeKey } from './code-key.js'
import { codePath, getCode } from './code-lookup.js'

export interface CodeSearchOptions {
  codeSetId: number
  query: string
  limit: number
  assignableOnly: boolean
  /** Titles in this language where the code set has them. */
  language?: string | undefined
}

interface TermHit {
  code: string
  term: string
  kind: 'title' | 'synonym' | 'index'
  language: string
  rank: number
}

const FTS_CANDIDATES = 400
const RANKED_MATCHES_MAX = 3_000
const CODE_LIKE = /^[A-Za-z][0-9][0-9A-Za-z.x-]*$/

export function searchCodes(database: SqliteDatabase, options: CodeSearchOptions): CodeHit[] {
  const query = options.query.normalize('NFKC').trim()
  if (query.length === 0) return []
  const mainLanguage =
    database.prepare<{ language: string }>('SELECT language FROM code_sets WHERE id = ?').get(options.codeSetId)?.language ?? ''
  const scored = new Map<string, { score: number; matchedTerm: string | null }>()
  const offer = (code: string, score: number, matchedTerm: string | null) => {
    const current = scored.get(code)
    if (!current || score > current.score) scored.set(code, { score, matchedTerm })
  }

  if (CODE_LIKE.test(query)) {
    const key = codeKey(query)
    const rows = database
      .prepare<{ code: string; code_key: string }>(
        `SELECT code, code_key FROM codes
         WHERE code_set_id = ? AND code_key >= ? AND code_key < ? AND (? = 0 OR assignable = 1)
         ORDER BY length(code_key), code_key LIMIT ?`,
      )
      .all(options.codeSetId, key, `${key}\uffff`, options.assignableOnly ? 1 : 0, options.limit * 2)
    for (const row of rows) offer(row.code, 1000 - (row.code_key.length - key.length), null)
  }

  for (const hit of findTerms(database, options.codeSetId, query, options.limit)) {
    offer(hit.code, termScore(hit, query), hit.kind === 'title' && hit.language === mainLanguage ? null : hit.term)
  }

  const hits: CodeHit[] = []
  const ranked = [...scored.entries()].sort((a, b) => b[1].score - a[1].score)
  for (const [code, { matchedTerm }] of ranked) {
    const entry = getCode(database, options.codeSetId, code, options.language)
    if (!entry || (options.assignableOnly && !entry.assignable)) continue
    hits.push({
      code: entry.code,
      title: entry.title,
      level: entry.level,
      assignable: entry.assignable,
      // A hit through another language's title (高血压 → I10 in an English set) says so.
      matchedTerm: matchedTerm === entry.title ? null : matchedTerm,
      path: codePath(database, options.codeSetId, code, options.language),
    })
    if (hits.length >= options.limit) break
  }
  return hits
}

function findTerms(database: SqliteDatabase, codeSetId: number, query: string, limit: number): TermHit[] {
  const needle = query.toLowerCase()
  // Terms that start with the query are the best hits and come cheaply from a
  // B-tree; the FTS index is asked only when they do not fill the list.
  const prefixHits = database
    .prepare<TermHit>(
      `SELECT code, term, kind, language, 0 AS rank FROM code_terms
       WHERE code_set_id = ? AND lower(term) >= ? AND lower(term) < ?
       ORDER BY kind <> 'title', length(term) LIMIT ?`,
    )
    .all(codeSetId, needle, `${needle}\u{10FFFF}`, FTS_CANDIDATES)
  if (new Set(prefixHits.map((hit) => hit.code)).size >= limit) return prefixHits
  return [...prefixHits, ...findTermsByWords(database, codeSetId, needle)]
}

function findTermsByWords(database: SqliteDatabase, codeSetId: number, needle: string): TermHit[] {
  const words = needle.split(/[\s,;，；、]+/u).filter((word) => word.length > 0)
  const long = words.filter((word) => [...word].length >= 3)
  const short = words.filter((word) => [...word].length < 3)
  if (long.length > 0) {
    const match = long.map((word) => `"${word.replaceAll('"', '""')}"`).join(' AND ')
    // One pass over at most RANKED_MATCHES_MAX matches, ranked here: ordering by
    // bm25 in SQL scores every match (a bare "ure" matches 40k terms, 100 ms).
    // CROSS JOIN keeps the FTS index as the outer loop; otherwise SQLite walks
    // every term of the code set and probes the FTS index for each (seconds).
    const rows = database
      .prepare<TermHit>(
        `SELECT t.code AS code, t.term AS term, t.kind AS kind, t.language AS language, f.rank AS rank
         FROM code_terms_fts AS f CROSS JOIN code_terms AS t ON t.id = f.rowid
         WHERE code_terms_fts MATCH ? AND t.code_set_id = ?
         LIMIT ?`,
      )
      .all(match, codeSetId, RANKED_MATCHES_MAX)
      .sort((a, b) => a.rank - b.rank)
      .slice(0, FTS_CANDIDATES)
    return rows.filter((row) => short.every((word) => row.term.toLowerCase().includes(word)))
  }
  const pattern = `%${short.join('%').replace(/[\\%_]/g, (char) => `\\${char}`)}%`
  return database
    .prepare<TermHit>(
      `SELECT code, term, kind, language, 0 AS rank FROM code_terms
       WHERE code_set_id = ? AND term LIKE ? ESCAPE '\\'
       ORDER BY length(term) LIMIT ?`,
    )
    .all(codeSetId, pattern, FTS_CANDIDATES)
}

/** Higher is better: a title over an index term, a whole-term or prefix match over an infix one, shorter terms first. */
function termScore(hit: TermHit, query: string): number {
  const term = hit.term.toLowerCase()
  const needle = query.toLowerCase()
  let score = 500
  if (term === needle) score += 300
  else if (term.startsWith(needle)) score += 150
  if (hit.kind === 'title') score += 60
  else if (hit.kind === 'synonym') score += 40
  score -= Math.min(term.length, 200) * 0.5
  score -= hit.rank // bm25: lower (more negative) is better
  return score
}
