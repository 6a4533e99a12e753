/**
 * The code set as the normaliser sees it: every category and code with its
 * titles and synonyms in one TF-IDF index, exact-term lookup, the hierarchy,
 * and the word list the splitter segments Chinese names with. Built in memory
 * from the workspace's code set and cached per code set id (building from the
 * 40k-row Chinese v601 table takes 1.3–1.6 s, ICD-10-CM with its index 9–12 s, so it happens once).
 */
import type { SqliteDatabase } from '../store/database.js'
import type { CodeEntry } from '../taxonomy/code-set-data.js'
import { buildSparseIndex, type SparseIndex } from './sparse-index.js'
import type { SegmentationDictionary } from './split-name.js'
import { isHan, normaliseText, textFeatures } from './text-features.js'

export interface LexiconTerm {
  code: string
  term: string
}

export interface Lexicon {
  /** Codes that may be suggested (categories and codes, not chapters or blocks), by number. */
  codes: CodeEntry[]
  codeNumber: Map<string, number>
  /** Parent code number, -1 for none or a chapter/block parent. */
  parentOf: Int32Array
  /** Per indexed term: the code number it names, its text as written, and normalised. */
  termCode: Int32Array
  termText: string[]
  termNormalised: string[]
  titleIndex: SparseIndex
  /** Normalised term → code numbers naming it exactly. */
  exactTerms: Map<string, number[]>
  dictionary: SegmentationDictionary
}

const SUGGESTABLE_LEVELS = new Set(['category', 'code'])
const MAX_DICTIONARY_WORD = 16

export function buildLexicon(codes: CodeEntry[], extraTerms: LexiconTerm[]): Lexicon {
  const suggestable = codes.filter((entry) => SUGGESTABLE_LEVELS.has(entry.level))
  const codeNumber = new Map(suggestable.map((entry, number) => [entry.code, number]))
  const parentOf = new Int32Array(suggestable.length)
  suggestable.forEach((entry, number) => {
    parentOf[number] = entry.parent === null ? -1 : (codeNumber.get(entry.parent) ?? -1)
  })
  const termCode: number[] = []
  const termText: string[] = []
  const termNormalised: string[] = []
  const seen = new Set<string>()
  const addTerm = (code: string, term: string): void => {
    const number = codeNumber.get(code)
    const normalised = normaliseText(term)
    if (number === undefined || normalised === '') return
    const key = `${number}\u0000${normalised}`
    if (seen.has(key)) return
    seen.add(key)
    termCode.push(number)
    termText.push(term)
    termNormalised.push(normalised)
  }
  for (const entry of suggestable) addTerm(entry.code, entry.title)
  for (const term of extraTerms) addTerm(term.code, term.term)

  const exactTerms = new Map<string, number[]>()
  const words = new Set<string>()
  termNormalised.forEach((normalised, term) => {
    const list = exactTerms.get(normalised)
    const number = termCode[term] ?? 0
    if (list) {
      if (!list.includes(number)) list.push(number)
    } else exactTerms.set(normalised, [number])
    addDictionaryWord(words, normalised)
  })
  return {
    codes: suggestable,
    codeNumber,
    parentOf,
    termCode: Int32Array.from(termCode),
    termText,
    termNormalised,
    titleIndex: buildSparseIndex(termNormalised.length, (term) => textFeatures(termNormalised[term] ?? '')),
    exactTerms,
    dictionary: { words, maxLength: MAX_DICTIONARY_WORD, titles: exactTerms },
  }
}

export function addDictionaryWord(words: Set<string>, normalised: string): void {
  if (normalised.length >= 2 && normalised.length <= MAX_DICTIONARY_WORD && [...normalised].some(isHan)) words.add(normalised)
}

const lexiconCache = new Map<string, Lexicon>()

/**
 * The lexicon of an installed code set, from the cache when the code set is
 * unchanged (installed code sets are immutable: same id + digest, same content).
 */
export function loadLexicon(database: SqliteDatabase, codeSetId: number): Lexicon {
  const digest = database.prepare<{ source_sha256: string }>('SELECT source_sha256 FROM code_sets WHERE id = ?').get(codeSetId)?.source_sha256
  const cacheKey = `${database.path}\u0000${codeSetId}\u0000${digest ?? ''}`
  const cached = lexiconCache.get(cacheKey)
  if (cached) return cached
  const codes = database
    .prepare<{ code: string; title: string; parent: string | null; level: CodeEntry['level']; assignable: number }>(
      'SELECT code, title, parent, level, assignable FROM codes WHERE code_set_id = ? ORDER BY rowid',
    )
    .all(codeSetId)
    .map((row) => ({ code: row.code, title: row.title, parent: row.parent, level: row.level, assignable: row.assignable === 1 }))
  const terms = database
    .prepare<LexiconTerm>('SELECT code, term FROM code_terms WHERE code_set_id = ? ORDER BY id')
    .all(codeSetId)
  const lexicon = buildLexicon(codes, terms)
  lexiconCache.set(cacheKey, lexicon)
  return lexicon
}
