/**
 * The ICD-10-CM directory layout: `icd10cm<year>.tsv` (the code table, codes
 * without dots), `icd10_chapters.tsv` and `icd10_sub_chapters.tsv` (name,
 * start, end ranges), and optionally `index-<year>-paths.tsv` (the Alphabetic
 * Index flattened to term paths). All are plain TSV: no quoting.
 *
 * Hierarchy: chapter `A00-B99` → block `A00-A09` → category `A00` → subcodes,
 * each under the longest shorter code that exists (`E11.65` → `E11.6` → `E11`;
 * the placeholder codes `E08.37X1` have no `E08.37X` row and go to `E08.37`).
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { AppFailure } from '../../../contract/result.js'
import { parseDelimited, columnIndexes, type DelimitedTable } from '../../io/delimited.js'
import { decodeText } from '../../io/decode-text.js'
import { readSourceFile } from '../../io/source-file.js'
import type { ImportReject } from '../../io/import-reject.js'
import type { CodeEntry, CodeTerm } from '../code-set-data.js'
import type { CodeSetImport } from './code-set-import.js'
import { narrowestRange, rangeCode, rangeProblem, type CodeRange } from './code-ranges.js'
import { pruneHierarchy, type LocatedEntry } from './prune-hierarchy.js'

export interface Icd10cmOptions {
  /** Shown in the UI; defaults to `ICD-10-CM <year> (CMS/NCHS)`. */
  label?: string
}

export interface Icd10cmImport extends CodeSetImport {
  /**
   * Index rows whose code is not in the table. Expected, not an error: the
   * index may be a later edition than the table (FY2025 index, FY2019 table).
   */
  indexRowsOutsideTable: number
}

const TABLE_FILE_PATTERN = /^icd10cm(\d{4})\.tsv$/
const INDEX_FILE_PATTERN = /^index-(\d{4})-paths\.tsv$/
const CHAPTERS_FILE = 'icd10_chapters.tsv'
const BLOCKS_FILE = 'icd10_sub_chapters.tsv'
const CODE_PATTERN = /^[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$/

interface TableRow {
  raw: string
  title: string
  shortTitle: string
  billable: boolean
  blockName: string
  chapterName: string
  line: number
}

export function readIcd10cm(directory: string, options: Icd10cmOptions = {}): Icd10cmImport {
  const tableFile = findOne(directory, TABLE_FILE_PATTERN)
  if (!tableFile) {
    throw new AppFailure('import-failed', `${directory}: no ICD-10-CM code table (icd10cm<year>.tsv) found.`)
  }
  const version = TABLE_FILE_PATTERN.exec(tableFile)?.[1] ?? ''
  const rejects: ImportReject[] = []
  const chapters = readRanges(join(directory, CHAPTERS_FILE), rejects)
  const blocks = readRanges(join(directory, BLOCKS_FILE), rejects)
  const tablePath = join(directory, tableFile)
  const rows = readTableRows(tablePath, rejects)
  const rawCodes = new Set(rows.map((row) => row.raw))

  const located: LocatedEntry[] = []
  const blockParents = new Map<CodeRange, string>()
  for (const chapter of chapters) {
    located.push({ entry: rangeEntry(chapter, null, 'chapter'), line: chapter.line, file: chapter.file })
  }
  for (const block of blocks) {
    const chapter = narrowestRange(chapters, block.start, block.end)
    if (!chapter) {
      rejects.push({ file: block.file, line: block.line, reason: `no chapter range covers block ${rangeCode(block)}` })
      continue
    }
    blockParents.set(block, rangeCode(chapter))
    located.push({ entry: rangeEntry(block, rangeCode(chapter), 'block'), line: block.line, file: block.file })
  }
  const placedBlocks = [...blockParents.keys()]
  const blocksByName = new Map(placedBlocks.map((block) => [block.title, block]))
  const chaptersByName = new Map(chapters.map((chapter) => [chapter.title, chapter]))

  const terms: CodeTerm[] = []
  for (const row of rows) {
    const code = dotted(row.raw)
    let parent: string | null
    if (row.raw.length === 3) {
      parent = categoryParent(row, placedBlocks, blocksByName, chapters, chaptersByName)
      if (parent === null) {
        rejects.push({ file: tablePath, line: row.line, reason: `${code}: no block or chapter range covers this category` })
        continue
      }
    } else {
      parent = dotted(longestExistingPrefix(row.raw, rawCodes))
    }
    const level = row.raw.length === 3 ? 'category' : 'code'
    located.push({ entry: { code, title: row.title, parent, level, assignable: row.billable }, line: row.line, file: tablePath })
    if (row.shortTitle !== '' && row.shortTitle.toLowerCase() !== row.title.toLowerCase()) {
      terms.push({ code, term: row.shortTitle, language: 'en', kind: 'synonym' })
    }
  }

  const pruned = pruneHierarchy(located)
  rejects.push(...pruned.rejects)
  const kept = new Map(pruned.entries.map((entry) => [entry.code, entry]))
  const keptTerms = terms.filter((term) => kept.has(term.code))
  const indexFile = findOne(directory, INDEX_FILE_PATTERN)
  let indexRowsOutsideTable = 0
  if (indexFile) {
    const index = readIndexTerms(join(directory, indexFile), kept, keptTerms, rejects)
    indexRowsOutsideTable = index.outsideTable
  }
  return {
    codeSet: {
      name: 'icd10cm',
      version,
      language: 'en',
      label: options.label ?? `ICD-10-CM ${version} (CMS/NCHS)`,
      codes: pruned.entries,
      terms: keptTerms,
    },
    rejects,
    indexRowsOutsideTable,
  }
}

/** `E119` → `E11.9`; categories stay as they are. */
function dotted(raw: string): string {
  return raw.length > 3 ? `${raw.slice(0, 3)}.${raw.slice(3)}` : raw
}

function longestExistingPrefix(raw: string, rawCodes: Set<string>): string {
  for (let length = raw.length - 1; length > 3; length -= 1) {
    const prefix = raw.slice(0, length)
    if (rawCodes.has(prefix)) return prefix
  }
  // The category itself: if it is absent, pruning rejects the code by name.
  return raw.slice(0, 3)
}

/**
 * The narrowest block range wins over the table's `sub_chapter` column, which
 * is wrong for a dozen categories in the FY2019 file (C48, C49 and M15–M19 sit
 * under the wrong block there). The column is the fallback for C4A, M1A and
 * Z3A, which no range covers because letters sort after digits.
 */
function categoryParent(
  row: TableRow,
  placedBlocks: CodeRange[],
  blocksByName: Map<string, CodeRange>,
  chapters: CodeRange[],
  chaptersByName: Map<string, CodeRange>,
): string | null {
  const block = narrowestRange(placedBlocks, row.raw) ?? blocksByName.get(row.blockName)
  if (block) return rangeCode(block)
  const chapter = narrowestRange(chapters, row.raw) ?? chaptersByName.get(row.chapterName)
  return chapter ? rangeCode(chapter) : null
}

function rangeEntry(range: CodeRange, parent: string | null, level: 'chapter' | 'block'): CodeEntry {
  return { code: rangeCode(range), title: range.title, parent, level, assignable: false }
}

function readTsv(path: string): DelimitedTable {
  const source = readSourceFile(path)
  const { text } = decodeText(source.bytes, 'auto', path)
  return parseDelimited(text, { file: path, delimiter: '\t', quoting: 'none' })
}

function readRanges(path: string, rejects: ImportReject[]): CodeRange[] {
  const table = readTsv(path)
  rejects.push(...table.rejects)
  const columns = columnIndexes(table.header, ['name', 'start', 'end'], path)
  const nameColumn = columns.get('name') ?? 0
  const startColumn = columns.get('start') ?? 1
  const endColumn = columns.get('end') ?? 2
  const ranges: CodeRange[] = []
  const seen = new Map<string, number>()
  for (const row of table.rows) {
    const title = (row.fields[nameColumn] ?? '').trim()
    const start = (row.fields[startColumn] ?? '').trim()
    const end = (row.fields[endColumn] ?? '').trim()
    const problem = title === '' ? 'empty name' : rangeProblem(start, end)
    const code = `${start}-${end}`
    const earlier = seen.get(code)
    if (problem) rejects.push({ file: path, line: row.line, reason: problem })
    else if (earlier !== undefined) rejects.push({ file: path, line: row.line, reason: `range ${code} already given on line ${earlier}` })
    else {
      seen.set(code, row.line)
      ranges.push({ start, end, title, file: path, line: row.line })
    }
  }
  return ranges
}

function readTableRows(path: string, rejects: ImportReject[]): TableRow[] {
  const table = readTsv(path)
  rejects.push(...table.rejects)
  const columns = columnIndexes(table.header, ['code', 'billable', 'short_desc', 'long_desc'], path)
  const codeColumn = columns.get('code') ?? 0
  const billableColumn = columns.get('billable') ?? 1
  const shortColumn = columns.get('short_desc') ?? 2
  const longColumn = columns.get('long_desc') ?? 3
  const blockColumn = table.header.indexOf('sub_chapter')
  const chapterColumn = table.header.indexOf('chapter')
  const rows: TableRow[] = []
  const seen = new Map<string, number>()
  for (const row of table.rows) {
    const raw = (row.fields[codeColumn] ?? '').trim().toUpperCase()
    const billableText = (row.fields[billableColumn] ?? '').trim()
    const billable = billableText.toUpperCase()
    const shortTitle = (row.fields[shortColumn] ?? '').trim()
    const longTitle = (row.fields[longColumn] ?? '').trim()
    const earlier = seen.get(raw)
    let problem: string | null = null
    if (!CODE_PATTERN.test(raw)) problem = `code ${JSON.stringify(raw)} is not an ICD-10-CM code (letter, digit, then 1–5 letters or digits, no dot)`
    else if (earlier !== undefined) problem = `code ${raw} already given on line ${earlier}`
    else if (billable !== 'TRUE' && billable !== 'FALSE') problem = `billable must be TRUE or FALSE, found ${JSON.stringify(billableText)}`
    else if (longTitle === '' && shortTitle === '') problem = `code ${raw} has no title`
    if (problem) {
      rejects.push({ file: path, line: row.line, reason: problem })
      continue
    }
    seen.set(raw, row.line)
    rows.push({
      raw,
      title: longTitle === '' ? shortTitle : longTitle,
      shortTitle,
      billable: billable === 'TRUE',
      blockName: blockColumn >= 0 ? (row.fields[blockColumn] ?? '').trim() : '',
      chapterName: chapterColumn >= 0 ? (row.fields[chapterColumn] ?? '').trim() : '',
      line: row.line,
    })
  }
  return rows
}

/**
 * Index term paths (`Aberrant | artery | cerebral` → Q28.3) become `index`
 * terms of codes in the table. A trailing `-` in the index means "more
 * characters needed"; the path still names the stem, so it attaches there.
 * Non-essential modifiers are left out: they are optional words, and adding
 * them would make the term longer than what coders write.
 */
function readIndexTerms(
  path: string,
  kept: Map<string, CodeEntry>,
  terms: CodeTerm[],
  rejects: ImportReject[],
): { outsideTable: number } {
  const table = readTsv(path)
  rejects.push(...table.rejects)
  const columns = columnIndexes(table.header, ['term_path', 'code'], path)
  const pathColumn = columns.get('term_path') ?? 0
  const codeColumn = columns.get('code') ?? 1
  const seen = new Set(terms.map((term) => `${term.code}\u0000${term.term.toLowerCase()}`))
  let outsideTable = 0
  for (const row of table.rows) {
    const indexCode = (row.fields[codeColumn] ?? '').trim().toUpperCase()
    if (indexCode === '') continue
    const termPath = (row.fields[pathColumn] ?? '').trim()
    if (termPath === '') {
      rejects.push({ file: path, line: row.line, reason: `index row for ${indexCode} has no term path` })
      continue
    }
    const raw = indexCode.replace(/[-.]+$/, '').replace('.', '')
    const entry = kept.get(dotted(raw))
    if (!entry) {
      outsideTable += 1
      continue
    }
    const key = `${entry.code}\u0000${termPath.toLowerCase()}`
    if (seen.has(key) || termPath.toLowerCase() === entry.title.toLowerCase()) continue
    seen.add(key)
    terms.push({ code: entry.code, term: termPath, language: 'en', kind: 'index' })
  }
  return { outsideTable }
}

function findOne(directory: string, pattern: RegExp): string | undefined {
  if (!existsSync(directory)) throw new AppFailure('import-failed', `${directory}: no such directory.`)
  const matches = readdirSync(directory).filter((name) => pattern.test(name)).sort()
  if (matches.length > 1) {
    throw new AppFailure('import-failed', `${directory}: several files match (${matches.join(', ')}); keep one edition per directory.`)
  }
  return matches[0]
}
