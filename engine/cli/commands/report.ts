import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { IsoDate } from '../../../contract/domain.js'
import { AppFailure } from '../../../contract/result.js'
import type { ReportTable } from '../../reports/report-table.js'
import { tableToCsv, tablesToXlsx } from '../../reports/report-table.js'
import { buildReport } from '../../reports/supervision-reports.js'
import type { ReportParameters } from '../../reports/supervision-reports.js'
import { JSON_OPTION, WORKSPACE_OPTION, optionalString, requireString } from '../command.js'
import type { Command, OptionSpec, ParsedOptions } from '../command.js'
import { withWorkspace } from './with-workspace.js'

const REPORTS = ['coders', 'agreement', 'reviews'] as const

export const FORMAT_OPTIONS: Record<string, OptionSpec> = {
  format: { type: 'string', description: 'csv | xlsx', default: 'csv' },
  encoding: { type: 'string', description: 'CSV text encoding: utf-8 (with BOM) | gb18030', default: 'utf-8' },
  out: { type: 'string', description: 'file to write' },
}

export function dateOption(options: ParsedOptions, name: string): string | undefined {
  const value = optionalString(options, name)
  if (value === undefined) return undefined
  if (!IsoDate.safeParse(value).success) throw new AppFailure('invalid-input', `--${name} must be a date like 2026-03-01.`)
  return value
}

/** Writes a report's tables as CSV (the detailed table) or XLSX (every table a sheet); text that starts a formula is escaped. */
export async function writeReport(tables: ReportTable[], options: ParsedOptions): Promise<{ out: string; format: string; rows: number }> {
  const format = String(options.format)
  const encoding = String(options.encoding)
  if (format !== 'csv' && format !== 'xlsx') throw new AppFailure('invalid-input', '--format must be csv or xlsx.')
  if (encoding !== 'utf-8' && encoding !== 'gb18030') throw new AppFailure('invalid-input', '--encoding must be utf-8 or gb18030.')
  const out = resolve(requireString(options, 'out'))
  const table = tables.at(-1)
  if (!table) throw new AppFailure('internal', 'A report without a table.')
  writeFileSync(out, format === 'xlsx' ? await tablesToXlsx(tables) : tableToCsv(table, encoding))
  return { out, format, rows: format === 'xlsx' ? tables.reduce((sum, entry) => sum + entry.rows.length, 0) : table.rows.length }
}

export const reportCommand: Command<{ report: string; out: string; format: string; rows: number }> = {
  name: ['report'],
  access: 'reports',
  summary: 'Export a supervisor report: coders (per coder and mode: records, time, suggestions, F1 vs gold, missing codes caught), agreement (double coding: kappa per code), reviews.',
  positionals: REPORTS.join('|'),
  options: {
    workspace: WORKSPACE_OPTION,
    ...FORMAT_OPTIONS,
    from: { type: 'string', description: 'first day (submitted or reviewed), YYYY-MM-DD' },
    to: { type: 'string', description: 'last day, inclusive' },
    json: JSON_OPTION,
  },
  run: (options, positionals) => {
    const report = positionals[0] as (typeof REPORTS)[number] | undefined
    if (!report || !REPORTS.includes(report)) throw new AppFailure('invalid-input', `Name the report: ${REPORTS.join(', ')}.`)
    const from = dateOption(options, 'from')
    const to = dateOption(options, 'to')
    const parameters: ReportParameters = { ...(from ? { from } : {}), ...(to ? { to } : {}) }
    return withWorkspace(options, async ({ database }) => ({ report, ...(await writeReport(buildReport(database, report, parameters), options)) }))
  },
  describe: (result) => [`Wrote the ${result.report} report (${result.rows} rows, ${result.format}) to ${result.out}.`],
}
