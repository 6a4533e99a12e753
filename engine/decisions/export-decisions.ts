/**
 * Decision exports for the hospital's other systems: CSV (UTF-8 with BOM so
 * spreadsheet tools detect it, or GB18030 for systems in China) or JSON Lines.
 * Text that would start a formula is escaped (io/spreadsheet-cell.ts).
 */
import { encodeText } from '../io/decode-text.js'
import { csvField } from '../io/spreadsheet-cell.js'
import type { ExportEncoding } from '../io/decode-text.js'
import type { SqliteDatabase } from '../store/database.js'
import { decisionExportRows } from './decision-queries.js'
import type { DecisionExportRow } from './decision-queries.js'

export type ExportFormat = 'csv' | 'jsonl'

export interface DecisionExport {
  rows: number
  records: number
  bytes: Uint8Array
}

const CSV_COLUMNS: Array<[string, (row: DecisionExportRow) => string]> = [
  ['record_id', (row) => row.recordId],
  ['version', (row) => String(row.version)],
  ['coder', (row) => row.coder],
  ['submitted_at', (row) => row.submittedAt],
  ['code_set', (row) => row.codeSet],
  ['code', (row) => row.code],
  ['title', (row) => row.title],
  ['is_primary', (row) => (row.isPrimary ? '1' : '0')],
  ['comment', (row) => row.comment],
  ['active_seconds', (row) => (row.activeMs / 1000).toFixed(1)],
  ['mode', (row) => row.mode],
]

export function exportDecisions(
  database: SqliteDatabase,
  options: { format: ExportFormat; encoding: ExportEncoding; latestOnly: boolean },
): DecisionExport {
  const rows = decisionExportRows(database, options.latestOnly)
  const text =
    options.format === 'csv'
      ? [CSV_COLUMNS.map(([name]) => name), ...rows.map((row) => CSV_COLUMNS.map(([, value]) => value(row)))]
          .map((cells) => cells.map(csvField).join(','))
          .join('\r\n') + '\r\n'
      : rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length > 0 ? '\n' : '')
  const bom = options.format === 'csv' && options.encoding === 'utf-8' ? '\uFEFF' : ''
  return {
    rows: rows.length,
    records: new Set(rows.map((row) => row.recordId)).size,
    bytes: encodeText(bom + text, options.encoding),
  }
}
