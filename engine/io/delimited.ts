/**
 * CSV/TSV rows with the line each starts on. A malformed row (unterminated or
 * stray quote, wrong column count) becomes a reject naming its line and the
 * rest of the file still parses: one bad row in a 50,000-record export must
 * not cost the other 49,999, and the coder must be able to find and fix it.
 */
import { AppFailure } from '../../contract/result.js'
import type { ImportReject } from './import-reject.js'

/**
 * `rfc4180`: fields may be quoted, with doubled quotes and line breaks inside.
 * `none`: plain TSV as the ICD-10-CM and Chinese code tables are written, where
 * every line is a row and `"` is an ordinary character (titles such as 5" exist).
 */
export type Quoting = 'rfc4180' | 'none'

export interface DelimitedOptions {
  /** Shown in errors and rejects. */
  file: string
  /** One character, or `auto` (the default) to pick `,` `;` tab or `|` from the header line. */
  delimiter?: string
  quoting?: Quoting
  /** True (the default) when the first row names the columns and fixes the column count. */
  header?: boolean
  /** Without a header: how many fields every row must have. */
  columns?: number
}

export interface DelimitedRow {
  /** 1-based line on which the row starts. */
  line: number
  fields: string[]
}

export interface DelimitedTable {
  delimiter: string
  /** Trimmed column names; empty without a header. */
  header: string[]
  rows: DelimitedRow[]
  rejects: ImportReject[]
}

const CANDIDATE_DELIMITERS = ['\t', ',', ';', '|']

export function parseDelimited(text: string, options: DelimitedOptions): DelimitedTable {
  const delimiter = resolveDelimiter(text, options)
  const rawRows = options.quoting === 'none' ? splitPlain(text, delimiter) : splitQuoted(text, delimiter, options.file)
  const rejects = rawRows.rejects
  let rows = rawRows.rows
  let header: string[] = []
  let expectedColumns = options.columns
  if (options.header !== false) {
    const headerRow = rows[0]
    const firstReject = rejects[0]
    if (firstReject && (!headerRow || firstReject.line < headerRow.line)) {
      throw new AppFailure('import-failed', `${options.file}: the header line is malformed: ${firstReject.reason}`)
    }
    if (!headerRow) throw new AppFailure('import-failed', `${options.file}: the file is empty; expected a header line.`)
    header = headerRow.fields.map((name) => name.trim())
    expectedColumns = header.length
    rows = rows.slice(1)
  }
  if (expectedColumns === undefined) return { delimiter, header, rows, rejects }
  const kept: DelimitedRow[] = []
  for (const row of rows) {
    if (row.fields.length === expectedColumns) kept.push(row)
    else {
      const source = options.header === false ? 'expected' : 'the header has'
      rejects.push({
        file: options.file,
        line: row.line,
        reason: `${source} ${expectedColumns} fields, this row has ${row.fields.length}`,
      })
    }
  }
  rejects.sort((left, right) => left.line - right.line)
  return { delimiter, header, rows: kept, rejects }
}

/** The candidate delimiter found most often outside quotes in the header line; `,` when none is. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(CANDIDATE_DELIMITERS.map((candidate) => [candidate, 0]))
  let quoted = false
  for (const character of headerLine) {
    if (character === '"') quoted = !quoted
    else if (!quoted && counts.has(character)) counts.set(character, (counts.get(character) ?? 0) + 1)
  }
  let best = ','
  let bestCount = 0
  for (const candidate of CANDIDATE_DELIMITERS) {
    const count = counts.get(candidate) ?? 0
    if (count > bestCount) {
      best = candidate
      bestCount = count
    }
  }
  return best
}

/**
 * Index of each named column in the header; throws naming every missing one,
 * and any that appear twice, since a mapping onto them would be a guess.
 */
export function columnIndexes(header: string[], names: string[], file: string): Map<string, number> {
  const indexes = new Map<string, number>()
  const missing: string[] = []
  const ambiguous: string[] = []
  for (const name of new Set(names)) {
    const index = header.indexOf(name)
    if (index < 0) missing.push(name)
    else if (header.indexOf(name, index + 1) >= 0) ambiguous.push(name)
    else indexes.set(name, index)
  }
  const problems: string[] = []
  if (missing.length > 0) problems.push(`missing field${missing.length > 1 ? 's' : ''} ${missing.map(quote).join(', ')}`)
  if (ambiguous.length > 0) {
    const names = ambiguous.map(quote).join(', ')
    problems.push(ambiguous.length > 1 ? `fields ${names} appear more than once` : `field ${names} appears more than once`)
  }
  if (problems.length > 0) {
    throw new AppFailure('import-failed', `${file}: ${problems.join('; ')} in the header (found: ${header.map(quote).join(', ')}).`)
  }
  return indexes
}

interface RawRows {
  rows: DelimitedRow[]
  rejects: ImportReject[]
}

function resolveDelimiter(text: string, options: DelimitedOptions): string {
  const requested = options.delimiter ?? 'auto'
  if (requested === 'auto') {
    const firstLine = /^[^\n]*\S[^\n]*$/m.exec(text)?.[0] ?? ''
    return detectDelimiter(firstLine)
  }
  if (requested.length !== 1 || requested === '"' || requested === '\n' || requested === '\r') {
    throw new AppFailure('invalid-input', `${options.file}: delimiter ${JSON.stringify(requested)} must be one character other than a quote or line break.`)
  }
  return requested
}

function splitPlain(text: string, delimiter: string): RawRows {
  const rows: DelimitedRow[] = []
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index += 1) {
    let content = lines[index] ?? ''
    if (content.endsWith('\r')) content = content.slice(0, -1)
    if (content.trim() === '') continue
    rows.push({ line: index + 1, fields: content.split(delimiter) })
  }
  return { rows, rejects: [] }
}

interface RowResult {
  fields: string[]
  /** Offset just past the row's line break. */
  end: number
  /** Line on which the next row starts. */
  nextLine: number
  blank: boolean
}

class RowError extends Error {}

function splitQuoted(text: string, delimiter: string, file: string): RawRows {
  const rows: DelimitedRow[] = []
  const rejects: ImportReject[] = []
  let position = 0
  let line = 1
  while (position < text.length) {
    try {
      const row = readQuotedRow(text, position, line, delimiter)
      if (!row.blank) rows.push({ line, fields: row.fields })
      position = row.end
      line = row.nextLine
    } catch (error) {
      if (!(error instanceof RowError)) throw error
      rejects.push({ file, line, reason: error.message })
      // Resume on the line after the one the bad row started on: an unclosed
      // quote must not swallow the rest of the file.
      const lineEnd = text.indexOf('\n', position)
      position = lineEnd < 0 ? text.length : lineEnd + 1
      line += 1
    }
  }
  return { rows, rejects }
}

function readQuotedRow(text: string, start: number, startLine: number, delimiter: string): RowResult {
  const fields: string[] = []
  let position = start
  let line = startLine
  let quotedAny = false
  for (;;) {
    if (text[position] === '"') {
      quotedAny = true
      const openedOn = line
      let value = ''
      position += 1
      for (;;) {
        const close = text.indexOf('"', position)
        if (close < 0) throw new RowError(`the quote opened in field ${fields.length + 1} on line ${openedOn} is never closed`)
        const chunk = text.slice(position, close)
        value += chunk
        line += countNewlines(chunk)
        if (text[close + 1] === '"') {
          value += '"'
          position = close + 2
          continue
        }
        position = close + 1
        break
      }
      fields.push(value)
      const next = text[position]
      if (next === delimiter) {
        position += 1
        continue
      }
      const lineBreak = lineBreakLength(text, position)
      if (lineBreak > 0 || position >= text.length) {
        return { fields, end: position + lineBreak, nextLine: line + (lineBreak > 0 ? 1 : 0), blank: false }
      }
      throw new RowError(
        `unexpected text after the closing quote of field ${fields.length} on line ${line}` +
          (openedOn !== line ? ` (the quote opened on line ${openedOn})` : ''),
      )
    }
    let cursor = position
    while (cursor < text.length) {
      const character = text[cursor]
      if (character === delimiter || character === '\n') break
      if (character === '"') {
        throw new RowError(
          `stray quote in unquoted field ${fields.length + 1} on line ${line}; quote the whole field and double the quote, or import as plain TSV`,
        )
      }
      cursor += 1
    }
    let value = text.slice(position, cursor)
    if (text[cursor] === '\n' && value.endsWith('\r')) value = value.slice(0, -1)
    fields.push(value)
    if (text[cursor] === delimiter) {
      position = cursor + 1
      continue
    }
    const end = cursor < text.length ? cursor + 1 : cursor
    const blank = !quotedAny && fields.length === 1 && value.trim() === ''
    return { fields, end, nextLine: line + (cursor < text.length ? 1 : 0), blank }
  }
}

function lineBreakLength(text: string, position: number): number {
  if (text[position] === '\n') return 1
  if (text[position] === '\r' && text[position + 1] === '\n') return 2
  return 0
}

function countNewlines(chunk: string): number {
  let count = 0
  for (let index = chunk.indexOf('\n'); index >= 0; index = chunk.indexOf('\n', index + 1)) count += 1
  return count
}

function quote(name: string): string {
  return `"${name}"`
}
