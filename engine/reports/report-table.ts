/**
 * A report as a table (headers, typed columns, rows), written as CSV (UTF-8 with
 * BOM, or GB18030) or XLSX (write-excel-file). Text cells are made safe for
 * spreadsheets in both (a comment starting with `=` stays text); numbers stay numbers.
 */
import writeExcelFile from 'write-excel-file/node'
import type { ExportEncoding } from '../io/decode-text.js'
import { encodeText } from '../io/decode-text.js'
import { csvField, spreadsheetSafe } from '../io/spreadsheet-cell.js'

export type CellValue = string | number | null

export interface ReportColumn {
  header: string
  /** `share`: a 0–1 fraction (XLSX shows it as a percentage; CSV keeps the fraction). */
  kind: 'text' | 'number' | 'share'
}

export interface ReportTable {
  name: string
  columns: ReportColumn[]
  rows: CellValue[][]
}

export function tableToCsv(table: ReportTable, encoding: ExportEncoding): Uint8Array {
  const lines = [table.columns.map((column) => csvField(column.header)), ...table.rows.map((row) => row.map((cell) => csvCell(cell)))]
  const text = `${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`
  // A BOM makes spreadsheet tools read UTF-8 as UTF-8; GB18030 is read by locale.
  return encodeText((encoding === 'utf-8' ? '\uFEFF' : '') + text, encoding)
}

export async function tablesToXlsx(tables: readonly ReportTable[]): Promise<Buffer> {
  const sheets = tables.map((table) => ({
    sheet: table.name.slice(0, 31),
    data: [
      table.columns.map((column) => ({ value: spreadsheetSafe(column.header), fontWeight: 'bold' as const })),
      ...table.rows.map((row) =>
        row.map((cell, index) => {
          if (cell === null) return null
          if (typeof cell === 'number') return table.columns[index]?.kind === 'share' ? { value: cell, format: '0.0%' } : { value: cell }
          return { value: spreadsheetSafe(cell) }
        }),
      ),
    ],
  }))
  return (await writeExcelFile(sheets).toBuffer()) as Buffer
}

function csvCell(cell: CellValue): string {
  if (cell === null) return ''
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : cell.toFixed(4)
  return csvField(cell)
}
