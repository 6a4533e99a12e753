import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { AppFailure } from '../../../contract/result.js'
import { exportDecisions } from '../../decisions/export-decisions.js'
import { JSON_OPTION, WORKSPACE_OPTION, optionalString } from '../command.js'
import type { Command } from '../command.js'
import { READ_ONLY, withWorkspace } from './with-workspace.js'

interface ExportResult {
  out: string | null
  format: string
  encoding: string
  rows: number
  records: number
  bytes: number
}

export const exportCommand: Command<ExportResult> = {
  name: ['export'],
  access: 'reports',
  summary: 'Export coder decisions (current versions, or every version) as CSV or JSON Lines.',
  options: {
    workspace: WORKSPACE_OPTION,
    format: { type: 'string', description: 'csv | jsonl', default: 'csv' },
    encoding: { type: 'string', description: 'utf-8 | gb18030', default: 'utf-8' },
    'all-versions': { type: 'boolean', description: 'every submitted version, not only the current one' },
    out: { type: 'string', description: 'file to write (default: standard output)' },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, ({ database }) => {
      const format = String(options.format)
      const encoding = String(options.encoding)
      if (format !== 'csv' && format !== 'jsonl') throw new AppFailure('invalid-input', `--format must be csv or jsonl, not "${format}".`)
      if (encoding !== 'utf-8' && encoding !== 'gb18030') {
        throw new AppFailure('invalid-input', `--encoding must be utf-8 or gb18030, not "${encoding}".`)
      }
      const exported = exportDecisions(database, { format, encoding, latestOnly: options['all-versions'] !== true })
      const out = optionalString(options, 'out')
      if (out) writeFileSync(resolve(out), exported.bytes)
      else if (options.json !== true) process.stdout.write(exported.bytes)
      return { out: out ? resolve(out) : null, format, encoding, rows: exported.rows, records: exported.records, bytes: exported.bytes.length }
    }, READ_ONLY),
  describe: (result) =>
    result.out ? [`Wrote ${result.rows} codes of ${result.records} records to ${result.out} (${result.format}, ${result.encoding}).`] : [],
}
