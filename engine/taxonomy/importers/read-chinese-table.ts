/**
 * A Chinese clinical ICD-10 edition given as a `code<TAB>name` table: the
 * national clinical edition 2.0 (`A00.000`, `A00.000x001`, `A33.x00`) or the
 * Beijing clinical edition v601 (`A00`, `A00.0`, `A00.001`, `A33xx01`).
 *
 * The hierarchy comes from the code's structure. Each code stands under the
 * longest shorter code the table has (`A00.000x001` → `A00.000` → `A00.0` if
 * present → `A00`); a 3-character category the table lacks is synthesised,
 * titled from the categories file when given, else from its first child.
 * Chapters and blocks come from the catalogue file when given.
 *
 * The editions write more than a code in the code column, and only the first
 * code (the stem) places an entry: dagger/asterisk pairs `A01.001†K77.0*` and
 * `A01.003+G01*`, a trailing `*` or `+`, and an appended morphology or
 * manifestation code `C22.101M81600/3`, `B37.600I39.8`. The full text stays the
 * entry's code. ICD-O morphology codes (`M80000/0`) form a chapter of their own.
 */
import { AppFailure } from '../../../contract/result.js'
import { columnIndexes, detectDelimiter, parseDelimited, type DelimitedTable } from '../../io/delimited.js'
import { decodeText, type DeclaredEncoding } from '../../io/decode-text.js'
import { readSourceFile, type SourceFile } from '../../io/source-file.js'
import type { ImportReject } from '../../io/import-reject.js'
import type { CodeEntry } from '../code-set-data.js'
import type { CodeSetImport } from './code-set-import.js'
import { narrowestRange, rangeCode, rangeProblem, type CodeRange } from './code-ranges.js'
import { pruneHierarchy, type LocatedEntry } from './prune-hierarchy.js'

export interface ChineseTableOptions {
  name: string
  version: string
  label: string
  encoding?: DeclaredEncoding
  /** `disease.csv`: `code`, `disease` — titles of 3-character categories. */
  categoriesPath?: string
  /** `disease_catalog.csv`: `code_lower_bound`, `code_upper_bound`, `level` (1 chapter, 2 block), `catalog` (title). */
  catalogPath?: string
}

export interface ChineseTableSources {
  table: SourceFile
  categories?: SourceFile
  catalog?: SourceFile
}

const STEM_PATTERN = /^([A-Z][0-9]{2}[0-9A-Za-z.]*?)(?=[†+*]|[A-Z][0-9]{2}|$)/
const MORPHOLOGY_PATTERN = /^M[0-9]{5,6}\/[0-9]$/
const MORPHOLOGY_CHAPTER: CodeEntry = {
  code: 'M8-M9',
  title: '肿瘤形态学编码（ICD-O）',
  parent: null,
  level: 'chapter',
  assignable: false,
}

/**
 * WHO ICD-10 chapters that the Chinese catalogue file leaves out (it stops at
 * S00–T98); used only when a catalogue is given, so that external causes,
 * factors influencing health and special-purpose codes still have a chapter.
 */
const WHO_CHAPTERS_BEYOND_CATALOGUE = [
  { start: 'U00', end: 'U99', title: '用于特殊目的的编码' },
  { start: 'V01', end: 'Y98', title: '疾病和死亡的外因' },
  { start: 'Z00', end: 'Z99', title: '影响健康状态和与保健机构接触的因素' },
]

interface TableRow {
  code: string
  title: string
  line: number
  /** Normalised stem used to find parents; null for a morphology code. */
  key: string | null
}

export function readChineseTable(path: string, options: ChineseTableOptions): CodeSetImport {
  return parseChineseTable(
    {
      table: readSourceFile(path),
      ...(options.categoriesPath ? { categories: readSourceFile(options.categoriesPath) } : {}),
      ...(options.catalogPath ? { catalog: readSourceFile(options.catalogPath) } : {}),
    },
    options,
  )
}

export function parseChineseTable(sources: ChineseTableSources, options: ChineseTableOptions): CodeSetImport {
  const encoding = options.encoding ?? 'auto'
  const rejects: ImportReject[] = []
  const rows = readRows(sources.table, encoding, rejects)
  const categoryTitles = sources.categories ? readCategoryTitles(sources.categories, encoding, rejects) : new Map<string, string>()
  const catalogue = sources.catalog ? readCatalogue(sources.catalog, encoding, rejects) : undefined

  const keyOwners = new Map<string, string>()
  for (const row of rows) if (row.key !== null && !keyOwners.has(row.key)) keyOwners.set(row.key, row.code)

  const located: LocatedEntry[] = []
  const extraChapters = new Map<string, LocatedEntry>()
  if (catalogue) {
    for (const chapter of catalogue.chapters) located.push(rangeLocated(chapter, null, 'chapter'))
    for (const { block, chapter } of catalogue.blocks) located.push(rangeLocated(block, rangeCode(chapter), 'block'))
  }
  const tableFile = sources.table.file
  const blockRanges = catalogue ? catalogue.blocks.map((placed) => placed.block) : []
  const categoryParent = (category: string, line: number): string | null => {
    if (!catalogue) return null
    const block = narrowestRange(blockRanges, category)
    if (block) return rangeCode(block)
    const chapter = narrowestRange(catalogue.chapters, category)
    if (chapter) return rangeCode(chapter)
    const fallback = fallbackChapter(category)
    if (!extraChapters.has(fallback.code)) {
      extraChapters.set(fallback.code, { entry: fallback, file: tableFile, line })
    }
    return fallback.code
  }

  const tableEntries: LocatedEntry[] = []
  const synthesised = new Set<string>()
  let morphologyLine = 0
  for (const row of rows) {
    if (row.key === null) {
      if (morphologyLine === 0) morphologyLine = row.line
      tableEntries.push(tableEntry(row, MORPHOLOGY_CHAPTER.code, 'code', tableFile))
      continue
    }
    const owner = keyOwners.get(row.key)
    if (owner !== row.code) {
      // Another row has the same stem (`A17` and `A17+`): this one is its variant.
      tableEntries.push(tableEntry(row, owner ?? null, 'code', tableFile))
      continue
    }
    if (row.key.length === 3) {
      tableEntries.push(tableEntry(row, categoryParent(row.key, row.line), 'category', tableFile))
      continue
    }
    const parentKey = longestExistingPrefix(row.key, keyOwners)
    if (parentKey !== null) {
      tableEntries.push(tableEntry(row, keyOwners.get(parentKey) ?? null, 'code', tableFile))
      continue
    }
    const category = row.key.slice(0, 3)
    if (!synthesised.has(category)) {
      synthesised.add(category)
      const title = categoryTitles.get(category) ?? row.title
      tableEntries.push({
        entry: { code: category, title, parent: categoryParent(category, row.line), level: 'category', assignable: false },
        file: tableFile,
        line: row.line,
      })
    }
    tableEntries.push(tableEntry(row, category, 'code', tableFile))
  }
  located.push(...extraChapters.values())
  if (morphologyLine > 0) located.push({ entry: { ...MORPHOLOGY_CHAPTER }, file: tableFile, line: morphologyLine })
  located.push(...tableEntries)

  // A category the table lists may still be a heading over finer codes; only
  // those without children are assignable (coding practice codes to the finest level).
  const parents = new Set(located.map((item) => item.entry.parent))
  for (const item of tableEntries) {
    if (item.entry.level === 'category' && parents.has(item.entry.code)) item.entry.assignable = false
  }
  const pruned = pruneHierarchy(located)
  rejects.push(...pruned.rejects)
  return {
    codeSet: {
      name: options.name,
      version: options.version,
      language: 'zh',
      label: options.label,
      codes: pruned.entries,
      terms: [],
    },
    rejects,
  }
}

function tableEntry(row: TableRow, parent: string | null, level: 'category' | 'code', file: string): LocatedEntry {
  return { entry: { code: row.code, title: row.title, parent, level, assignable: true }, file, line: row.line }
}

/**
 * `A33xx01` (v601) is `A33.x` + `x01` and `A38.X` is `A38.x`: normalise so the
 * prefix walk finds `A33.x` in the same table.
 */
function hierarchyKey(stem: string): string {
  return stem.replace(/^([A-Z][0-9]{2})x/, '$1.x').replace(/^([A-Z][0-9]{2}\.)X/, '$1x')
}

function longestExistingPrefix(key: string, keyOwners: Map<string, string>): string | null {
  for (let length = key.length - 1; length > 3; length -= 1) {
    const prefix = key.slice(0, length)
    if (!prefix.endsWith('.') && keyOwners.has(prefix)) return prefix
  }
  return keyOwners.has(key.slice(0, 3)) ? key.slice(0, 3) : null
}

function fallbackChapter(category: string): CodeEntry {
  const who = WHO_CHAPTERS_BEYOND_CATALOGUE.find((chapter) => chapter.start <= category && category <= chapter.end)
  if (who) return { code: `${who.start}-${who.end}`, title: who.title, parent: null, level: 'chapter', assignable: false }
  const letter = category.charAt(0)
  return { code: `${letter}00-${letter}99`, title: `${letter}00-${letter}99`, parent: null, level: 'chapter', assignable: false }
}

function rangeLocated(range: CodeRange, parent: string | null, level: 'chapter' | 'block'): LocatedEntry {
  return { entry: { code: rangeCode(range), title: range.title, parent, level, assignable: false }, file: range.file, line: range.line }
}

function readTable(source: SourceFile, encoding: DeclaredEncoding): DelimitedTable {
  const { text } = decodeText(source.bytes, encoding, source.file)
  const delimiter = detectDelimiter(text.split('\n', 1)[0] ?? '')
  // Tab-separated code tables are written without quoting; titles may hold `"`.
  return parseDelimited(text, { file: source.file, delimiter, quoting: delimiter === '\t' ? 'none' : 'rfc4180' })
}

/** Column by name, else by position: the tables in circulation name them `code`/`name` or not at all usefully. */
function pickColumn(header: string[], names: string[], position: number): number {
  const byName = header.findIndex((column) => names.includes(column.toLowerCase()))
  return byName >= 0 ? byName : position
}

function readRows(source: SourceFile, encoding: DeclaredEncoding, rejects: ImportReject[]): TableRow[] {
  const table = readTable(source, encoding)
  rejects.push(...table.rejects)
  if (STEM_PATTERN.test(table.header[0] ?? '') || MORPHOLOGY_PATTERN.test(table.header[0] ?? '')) {
    throw new AppFailure('import-failed', `${source.file}: the first line holds a code; expected a header line such as "code<TAB>name".`)
  }
  if (table.header.length < 2) {
    throw new AppFailure('import-failed', `${source.file}: expected at least two columns (code and name), found ${table.header.length}.`)
  }
  const codeColumn = pickColumn(table.header, ['code'], 0)
  const titleColumn = pickColumn(table.header, ['name', 'title'], codeColumn === 0 ? 1 : 0)
  const rows: TableRow[] = []
  const seen = new Map<string, number>()
  for (const row of table.rows) {
    const code = (row.fields[codeColumn] ?? '').trim()
    const title = (row.fields[titleColumn] ?? '').trim()
    const earlier = seen.get(code)
    const stem = STEM_PATTERN.exec(code)?.[1]
    let problem: string | null = null
    if (code === '') problem = 'empty code'
    else if (title === '') problem = `${code}: empty name`
    else if (earlier !== undefined) problem = `${code}: already given on line ${earlier}`
    else if (!stem && !MORPHOLOGY_PATTERN.test(code)) {
      problem = `${JSON.stringify(code)} is neither an ICD-10 code (letter, two digits, …) nor an ICD-O morphology code (M80000/0)`
    }
    if (problem) {
      rejects.push({ file: source.file, line: row.line, reason: problem })
      continue
    }
    seen.set(code, row.line)
    rows.push({ code, title, line: row.line, key: stem ? hierarchyKey(stem) : null })
  }
  return rows
}

function readCategoryTitles(source: SourceFile, encoding: DeclaredEncoding, rejects: ImportReject[]): Map<string, string> {
  const table = readTable(source, encoding)
  rejects.push(...table.rejects)
  const codeColumn = pickColumn(table.header, ['code'], 0)
  const titleColumn = pickColumn(table.header, ['disease', 'name', 'title'], codeColumn === 0 ? 1 : 0)
  const titles = new Map<string, string>()
  const seen = new Map<string, number>()
  for (const row of table.rows) {
    const code = (row.fields[codeColumn] ?? '').trim()
    const title = (row.fields[titleColumn] ?? '').trim()
    // `D63*` and `A17+` title the categories D63 and A17.
    const category = /^([A-Z][0-9]{2})[*+†]?$/.exec(code)?.[1]
    const earlier = category === undefined ? undefined : seen.get(category)
    let problem: string | null = null
    if (!category) problem = `${JSON.stringify(code)} is not a 3-character category`
    else if (title === '') problem = `${code}: empty title`
    else if (earlier !== undefined) problem = `${code}: category ${category} already given on line ${earlier}`
    if (problem || !category) {
      rejects.push({ file: source.file, line: row.line, reason: problem ?? 'unreadable row' })
      continue
    }
    seen.set(category, row.line)
    titles.set(category, title)
  }
  return titles
}

interface Catalogue {
  chapters: CodeRange[]
  blocks: Array<{ block: CodeRange; chapter: CodeRange }>
}

function readCatalogue(source: SourceFile, encoding: DeclaredEncoding, rejects: ImportReject[]): Catalogue {
  const table = readTable(source, encoding)
  rejects.push(...table.rejects)
  const columns = columnIndexes(table.header, ['code_lower_bound', 'code_upper_bound', 'level', 'catalog'], source.file)
  const column = (name: string): number => columns.get(name) ?? 0
  const ranges: Array<CodeRange & { level: string }> = []
  const seen = new Map<string, number>()
  for (const row of table.rows) {
    const start = (row.fields[column('code_lower_bound')] ?? '').trim()
    const end = (row.fields[column('code_upper_bound')] ?? '').trim()
    const level = (row.fields[column('level')] ?? '').trim()
    const title = (row.fields[column('catalog')] ?? '').trim()
    const earlier = seen.get(`${start}-${end}`)
    let problem = rangeProblem(start, end)
    if (!problem && level !== '1' && level !== '2') problem = `level must be 1 (chapter) or 2 (block), found ${JSON.stringify(level)}`
    if (!problem && title === '') problem = `range ${start}-${end} has no title`
    if (!problem && earlier !== undefined) problem = `range ${start}-${end} already given on line ${earlier}`
    if (problem) {
      rejects.push({ file: source.file, line: row.line, reason: problem })
      continue
    }
    seen.set(`${start}-${end}`, row.line)
    ranges.push({ start, end, title, level, file: source.file, line: row.line })
  }
  const chapters = ranges.filter((range) => range.level === '1')
  const blocks: Catalogue['blocks'] = []
  for (const block of ranges.filter((range) => range.level === '2')) {
    const chapter = narrowestRange(chapters, block.start, block.end)
    if (chapter) blocks.push({ block, chapter })
    else rejects.push({ file: source.file, line: block.line, reason: `no chapter range covers block ${rangeCode(block)}` })
  }
  return { chapters, blocks }
}
