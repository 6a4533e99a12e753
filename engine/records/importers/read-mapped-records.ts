/**
 * Records from a hospital export (CSV/TSV, a JSON array of objects, or JSONL)
 * read through an `ImportMapping` that says which field holds what.
 *
 * Problems with one record (no id, a repeated id, a bad date or split, a JSONL
 * line that is not JSON) reject that record with its line; the others are
 * kept. Problems with the whole file (a mapped field that no record has,
 * JSON that does not parse) throw `import-failed`, since every record would
 * fail the same way.
 */
import { extname } from 'node:path'
import { ImportMapping } from '../../../contract/import-mapping.js'
import { AppFailure } from '../../../contract/result.js'
import { columnIndexes, parseDelimited } from '../../io/delimited.js'
import { decodeText } from '../../io/decode-text.js'
import { arrayElementLines, findJsonSyntaxError, parseJsonText } from '../../io/json-text.js'
import { readSourceFile, type SourceFile } from '../../io/source-file.js'
import { codeKey } from '../../taxonomy/code-key.js'
import type { DiagnosisNameInput, GoldCodeInput, RecordInput, RecordSection, RecordSplit } from '../record-input.js'
import type { ImportReject } from '../../io/import-reject.js'
import { ageAt, parseAgeYears, parseSex, type Parsed } from './patient-demographics.js'
import type { RecordImport } from './record-import.js'

export type RecordFormat = 'csv' | 'json' | 'jsonl'

/** A field's value as the source holds it: text, a JSON list, or nothing. */
type FieldValue = string | string[] | undefined

interface SourceRow {
  line: number
  get(field: string): FieldValue
}

const SPLITS: RecordSplit[] = ['train', 'dev', 'test', 'background', 'none']
const LANGUAGE_TAG_PATTERN = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/

/** Reads a mapping file (JSON); errors name the line of a syntax error or the path of a bad field. */
export function parseMapping(text: string, file: string): ImportMapping {
  const value = parseJsonText(text, file)
  const parsed = ImportMapping.safeParse(value)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((issue) => `${issuePath(issue.path)}: ${issue.message}`)
  throw new AppFailure('import-failed', `${file}: invalid import mapping: ${problems.join('; ')}`)
}

export function readMapping(path: string): ImportMapping {
  const source = readSourceFile(path)
  return parseMapping(decodeText(source.bytes, 'auto', path).text, path)
}

/** `.json` → json, `.jsonl`/`.ndjson` → jsonl, anything else (`.csv`, `.tsv`, `.txt`) → csv. */
export function recordFormatOf(path: string): RecordFormat {
  const extension = extname(path).toLowerCase()
  if (extension === '.json') return 'json'
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl'
  return 'csv'
}

export function readMappedRecords(path: string, mapping: ImportMapping, format: RecordFormat = recordFormatOf(path)): RecordImport {
  return parseMappedRecords(readSourceFile(path), mapping, format)
}

export function parseMappedRecords(source: SourceFile, mapping: ImportMapping, format: RecordFormat): RecordImport {
  const { text } = decodeText(source.bytes, mapping.encoding, source.file)
  const rejects: ImportReject[] = []
  const rows =
    format === 'csv'
      ? csvRows(text, mapping, source.file, rejects)
      : format === 'json'
        ? jsonRows(text, mapping, source.file, rejects)
        : jsonlRows(text, mapping, source.file, rejects)
  const records: RecordInput[] = []
  const idLines = new Map<string, number>()
  for (const row of rows) {
    try {
      const record = buildRecord(row, mapping)
      const earlier = idLines.get(record.externalId)
      if (earlier !== undefined) throw new RowProblem(`id ${record.externalId} already used on line ${earlier}`)
      idLines.set(record.externalId, row.line)
      records.push(record)
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error
      rejects.push({ file: source.file, line: row.line, reason: error.message })
    }
  }
  rejects.sort((left, right) => left.line - right.line)
  return { records, rejects }
}

class RowProblem extends Error {}

/** Every source field the mapping reads. */
function mappedFields(mapping: ImportMapping): string[] {
  const fields = [mapping.id, ...mapping.sections.map((section) => section.field)]
  if (typeof mapping.language === 'object') fields.push(mapping.language.field)
  for (const field of [
    mapping.split,
    mapping.patientId,
    mapping.encounterId,
    mapping.department,
    mapping.admittedAt,
    mapping.dischargedAt,
    mapping.sex,
    mapping.age,
    mapping.birthDate,
    mapping.diagnosisNames?.field,
    mapping.primaryDiagnosisName,
    mapping.goldCodes?.field,
    mapping.primaryCode,
  ]) {
    if (field !== undefined) fields.push(field)
  }
  return [...new Set(fields)]
}

function csvRows(text: string, mapping: ImportMapping, file: string, rejects: ImportReject[]): SourceRow[] {
  const table = parseDelimited(text, { file, delimiter: mapping.delimiter, quoting: 'rfc4180' })
  rejects.push(...table.rejects)
  const columns = columnIndexes(table.header, mappedFields(mapping), file)
  return table.rows.map((row) => ({
    line: row.line,
    get: (field: string) => {
      const index = columns.get(field)
      return index === undefined ? undefined : row.fields[index]
    },
  }))
}

function jsonRows(text: string, mapping: ImportMapping, file: string, rejects: ImportReject[]): SourceRow[] {
  const value = parseJsonText(text, file)
  if (!Array.isArray(value)) throw new AppFailure('import-failed', `${file}: expected a JSON array of record objects.`)
  const lines = arrayElementLines(text)
  const objects: Array<{ line: number; object: Record<string, unknown> }> = []
  value.forEach((element: unknown, index) => {
    const line = lines[index] ?? 0
    if (isPlainObject(element)) objects.push({ line, object: element })
    else rejects.push({ file, line, reason: `array element ${index + 1} is not an object` })
  })
  return objectRows(objects, mapping, file)
}

function jsonlRows(text: string, mapping: ImportMapping, file: string, rejects: ImportReject[]): SourceRow[] {
  const objects: Array<{ line: number; object: Record<string, unknown> }> = []
  text.split('\n').forEach((content, index) => {
    const line = index + 1
    if (content.trim() === '') return
    let element: unknown
    try {
      element = JSON.parse(content)
    } catch {
      const syntax = findJsonSyntaxError(content)
      const reason = syntax ? `invalid JSON at column ${syntax.column}: ${syntax.reason}` : 'invalid JSON'
      rejects.push({ file, line, reason })
      return
    }
    if (isPlainObject(element)) objects.push({ line, object: element })
    else rejects.push({ file, line, reason: 'the line is JSON but not an object' })
  })
  return objectRows(objects, mapping, file)
}

function objectRows(objects: Array<{ line: number; object: Record<string, unknown> }>, mapping: ImportMapping, file: string): SourceRow[] {
  if (objects.length > 0) {
    const missing = mappedFields(mapping).filter((field) => !objects.some(({ object }) => Object.hasOwn(object, field)))
    if (missing.length > 0) {
      throw new AppFailure(
        'import-failed',
        `${file}: missing field${missing.length > 1 ? 's' : ''} ${missing.map((field) => `"${field}"`).join(', ')}: no record has ${missing.length > 1 ? 'them' : 'it'}.`,
      )
    }
  }
  return objects.map(({ line, object }) => ({ line, get: (field: string) => jsonFieldValue(object, field) }))
}

function jsonFieldValue(object: Record<string, unknown>, field: string): FieldValue {
  const value = object[field]
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) {
    return value.map((item: unknown) => {
      if (typeof item === 'string' || typeof item === 'number') return String(item)
      throw new RowProblem(`field "${field}" holds a list with a ${item === null ? 'null' : typeof item} in it; expected text`)
    })
  }
  throw new RowProblem(`field "${field}" holds an object; expected text`)
}

function buildRecord(row: SourceRow, mapping: ImportMapping): RecordInput {
  const externalId = scalar(row, mapping.id)
  if (externalId === '') throw new RowProblem(`no id in field "${mapping.id}"`)
  const record: RecordInput = {
    externalId,
    language: recordLanguage(row, mapping),
    split: recordSplit(row, mapping),
    sections: recordSections(row, mapping),
    diagnosisNames: diagnosisNames(row, mapping),
    goldCodes: goldCodes(row, mapping),
    mentions: [],
  }
  for (const key of ['patientId', 'encounterId', 'department'] as const) {
    const field = mapping[key]
    const value = field === undefined ? '' : scalar(row, field)
    if (value !== '') record[key] = value
  }
  const admittedAt = mapping.admittedAt === undefined ? '' : dateValue(row, mapping.admittedAt)
  const dischargedAt = mapping.dischargedAt === undefined ? '' : dateValue(row, mapping.dischargedAt)
  if (admittedAt !== '') record.admittedAt = admittedAt
  if (dischargedAt !== '') record.dischargedAt = dischargedAt
  if (admittedAt !== '' && dischargedAt !== '' && dischargedAt.slice(0, 10) < admittedAt.slice(0, 10)) {
    throw new RowProblem(`discharged ${dischargedAt} before admitted ${admittedAt}`)
  }
  addDemographics(row, mapping, record)
  return record
}

/** Sex and age where the mapping names them and the row has them; unknown stays absent. */
function addDemographics(row: SourceRow, mapping: ImportMapping, record: RecordInput): void {
  const take = <T>(field: string, parsed: Parsed<T>): T => {
    if ('problem' in parsed) throw new RowProblem(`field "${field}": ${parsed.problem}`)
    return parsed.value
  }
  const sexText = mapping.sex === undefined ? '' : scalar(row, mapping.sex)
  if (mapping.sex !== undefined && sexText !== '') {
    const sex = take(mapping.sex, parseSex(sexText))
    if (sex !== null) record.sex = sex
  }
  const birthDate = mapping.birthDate === undefined ? '' : dateValue(row, mapping.birthDate)
  if (mapping.birthDate !== undefined && birthDate !== '') {
    if (record.admittedAt === undefined) throw new RowProblem(`field "${mapping.birthDate}": a birth date needs the admission date to give an age`)
    const age = take(mapping.birthDate, ageAt(birthDate, record.admittedAt))
    record.age = age.years
    record.ageDays = age.days
    return
  }
  const ageText = mapping.age === undefined ? '' : scalar(row, mapping.age)
  if (mapping.age !== undefined && ageText !== '') record.age = take(mapping.age, parseAgeYears(ageText))
}

/** A single value, trimmed; '' when absent. */
function scalar(row: SourceRow, field: string): string {
  const value = row.get(field)
  if (Array.isArray(value)) throw new RowProblem(`field "${field}" holds a list; expected a single value`)
  return (value ?? '').trim()
}

function list(row: SourceRow, field: string, separator: string | undefined): string[] {
  const value = row.get(field)
  const items = value === undefined ? [] : Array.isArray(value) ? value : separator === undefined ? [value] : value.split(separator)
  return [...new Set(items.map((item) => item.trim()).filter((item) => item !== ''))]
}

function recordLanguage(row: SourceRow, mapping: ImportMapping): string {
  if (typeof mapping.language === 'string') return mapping.language
  const language = scalar(row, mapping.language.field)
  if (language === '') throw new RowProblem(`no language in field "${mapping.language.field}"`)
  if (!LANGUAGE_TAG_PATTERN.test(language)) throw new RowProblem(`language ${JSON.stringify(language)} is not a language tag such as zh or en`)
  return language
}

function recordSplit(row: SourceRow, mapping: ImportMapping): RecordSplit {
  if (mapping.split === undefined) return 'none'
  const value = scalar(row, mapping.split).toLowerCase()
  if (value === '') return 'none'
  const split = SPLITS.find((candidate) => candidate === value)
  if (!split) throw new RowProblem(`split ${JSON.stringify(value)} must be one of ${SPLITS.join(', ')}`)
  return split
}

function recordSections(row: SourceRow, mapping: ImportMapping): RecordSection[] {
  const sections: RecordSection[] = []
  for (const section of mapping.sections) {
    const text = scalar(row, section.field)
    if (text !== '') sections.push({ kind: section.kind, title: section.title ?? section.field, text })
  }
  return sections
}

/**
 * The first name is the primary diagnosis, unless the mapping names a primary
 * field: then its value is primary (added in front if the list lacks it), and
 * a record with that field empty has no primary rather than a guessed one.
 */
function diagnosisNames(row: SourceRow, mapping: ImportMapping): DiagnosisNameInput[] {
  const names = mapping.diagnosisNames ? list(row, mapping.diagnosisNames.field, mapping.diagnosisNames.separator) : []
  if (mapping.primaryDiagnosisName === undefined) return names.map((text, index) => ({ text, isPrimary: index === 0 }))
  const primary = scalar(row, mapping.primaryDiagnosisName)
  if (primary !== '' && !names.includes(primary)) names.unshift(primary)
  return names.map((text) => ({ text, isPrimary: text === primary }))
}

/** Gold codes have a primary only where the mapping names a primary-code field. */
function goldCodes(row: SourceRow, mapping: ImportMapping): GoldCodeInput[] {
  const codes: string[] = []
  const keys = new Set<string>()
  for (const code of mapping.goldCodes ? list(row, mapping.goldCodes.field, mapping.goldCodes.separator) : []) {
    if (keys.has(codeKey(code))) continue
    keys.add(codeKey(code))
    codes.push(code)
  }
  const primary = mapping.primaryCode === undefined ? '' : scalar(row, mapping.primaryCode)
  if (primary !== '' && !keys.has(codeKey(primary))) codes.unshift(primary)
  return codes.map((code) => ({ code, isPrimary: primary !== '' && codeKey(code) === codeKey(primary) }))
}

function dateValue(row: SourceRow, field: string): string {
  const value = scalar(row, field)
  if (value === '') return ''
  const normalized = normalizeDate(value)
  if (normalized === null) {
    throw new RowProblem(`field "${field}": ${JSON.stringify(value)} is not a date (YYYY-MM-DD, optionally with HH:MM[:SS])`)
  }
  return normalized
}

/**
 * ISO `YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM]`, with `/` or `.` as date separators,
 * compact `YYYYMMDD[HHMM[SS]]`, or `YYYY年M月D日` as Chinese HIS exports write
 * it → ISO. Impossible dates (Feb 30) are refused, not rolled over.
 */
function normalizeDate(value: string): string | null {
  const match =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(value) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s*(\d{1,2})[:时](\d{2})分?(?::(\d{2}))?)?()$/.exec(value) ??
    /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?()$/.exec(value)
  if (!match) return null
  const [, year = '', month = '', day = '', hour, minute, second, zone] = match
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return null
  const isoDate = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
  if (hour === undefined || minute === undefined) return isoDate
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? '0') > 59) return null
  return `${isoDate}T${hour.padStart(2, '0')}:${minute}:${second ?? '00'}${zone ?? ''}`
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function issuePath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(mapping)'
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
    .join('')
}
