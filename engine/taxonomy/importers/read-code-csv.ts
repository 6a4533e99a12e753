/**
 * A code set as a generic delimited file with a header: `code`, `title` and an
 * optional `parent` column (names case-insensitive, any order; other columns
 * are ignored). Any delimiter that `delimited.ts` detects, any encoding that
 * `decode-text.ts` reads. A row with an empty code or title, a duplicate code,
 * a parent that is not in the file, or a parent chain that loops is rejected
 * with its line, and so is everything below it; the other rows are kept.
 *
 * Levels are inferred because the file does not carry them: a top-level entry
 * with children is a chapter, a range code (`I10-I15`) a block, a letter and
 * two characters a category, anything else a code. Leaves are assignable.
 */
import { AppFailure } from '../../../contract/result.js'
import { parseDelimited } from '../../io/delimited.js'
import { decodeText, type DeclaredEncoding } from '../../io/decode-text.js'
import { readSourceFile, type SourceFile } from '../../io/source-file.js'
import type { ImportReject } from '../../io/import-reject.js'
import type { CodeLevel } from '../code-set-data.js'
import type { CodeSetImport } from './code-set-import.js'
import { isCategoryCode } from './code-ranges.js'
import { pruneHierarchy, type LocatedEntry } from './prune-hierarchy.js'

export interface CodeCsvOptions {
  name: string
  version: string
  /** BCP 47 language of the titles. */
  language: string
  label: string
  /** Default `auto`. */
  encoding?: DeclaredEncoding
  /** One character or `auto` (default). */
  delimiter?: string
}

const RANGE_PATTERN = /^[A-Z0-9.]+-[A-Z0-9.]+$/i

export function readCodeCsv(path: string, options: CodeCsvOptions): CodeSetImport {
  return parseCodeCsv(readSourceFile(path), options)
}

export function parseCodeCsv(source: SourceFile, options: CodeCsvOptions): CodeSetImport {
  const { text } = decodeText(source.bytes, options.encoding ?? 'auto', source.file)
  const table = parseDelimited(text, { file: source.file, delimiter: options.delimiter ?? 'auto', quoting: 'rfc4180' })
  const rejects: ImportReject[] = [...table.rejects]
  const lowerHeader = table.header.map((column) => column.toLowerCase())
  const codeColumn = lowerHeader.indexOf('code')
  const titleColumn = lowerHeader.indexOf('title')
  const parentColumn = lowerHeader.indexOf('parent')
  const missing = [codeColumn < 0 ? '"code"' : '', titleColumn < 0 ? '"title"' : ''].filter((name) => name !== '')
  if (missing.length > 0) {
    throw new AppFailure(
      'import-failed',
      `${source.file}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in the header (found: ${table.header.join(', ')}).`,
    )
  }

  const located: LocatedEntry[] = []
  const seen = new Map<string, number>()
  for (const row of table.rows) {
    const code = (row.fields[codeColumn] ?? '').trim()
    const title = (row.fields[titleColumn] ?? '').trim()
    const parentText = parentColumn >= 0 ? (row.fields[parentColumn] ?? '').trim() : ''
    const earlier = seen.get(code)
    let problem: string | null = null
    if (code === '') problem = 'empty code'
    else if (title === '') problem = `${code}: empty title`
    else if (earlier !== undefined) problem = `${code}: duplicate code, first given on line ${earlier}`
    else if (parentText === code) problem = `${code}: is its own parent`
    if (problem) {
      rejects.push({ file: source.file, line: row.line, reason: problem })
      continue
    }
    seen.set(code, row.line)
    const parent = parentText === '' ? null : parentText
    located.push({ entry: { code, title, parent, level: 'code', assignable: true }, file: source.file, line: row.line })
  }

  const pruned = pruneHierarchy(located)
  rejects.push(...pruned.rejects)
  rejects.sort((left, right) => left.line - right.line)
  const parents = new Set(pruned.entries.map((entry) => entry.parent))
  for (const entry of pruned.entries) {
    const hasChildren = parents.has(entry.code)
    entry.level = inferLevel(entry.code, entry.parent, hasChildren)
    entry.assignable = !hasChildren
  }
  return {
    codeSet: {
      name: options.name,
      version: options.version,
      language: options.language,
      label: options.label,
      codes: pruned.entries,
      terms: [],
    },
    rejects,
  }
}

function inferLevel(code: string, parent: string | null, hasChildren: boolean): CodeLevel {
  if (parent === null && hasChildren && !isCategoryCode(code)) return 'chapter'
  if (RANGE_PATTERN.test(code)) return 'block'
  if (isCategoryCode(code.toUpperCase())) return 'category'
  return 'code'
}
