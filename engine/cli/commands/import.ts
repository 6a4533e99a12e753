import { AppFailure } from '../../../contract/result.js'
import { importRecordFile } from '../../records/import-records.js'
import type { RecordFileFormat } from '../../records/import-records.js'
import { readMapping } from '../../records/importers/read-mapped-records.js'
import type { ImportSummary } from '../../records/store-records.js'
import { JSON_OPTION, WORKSPACE_OPTION, actorOf, optionalString } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'

const FORMATS: readonly RecordFileFormat[] = ['csv', 'jsonl', 'json', 'codiesp']

export const importCommand: Command<ImportSummary & { source: string }> = {
  name: ['import'],
  access: 'import-records',
  summary: 'Import inpatient records: CSV / JSON / JSONL with a field-mapping file, or the CodiEsp corpus folder.',
  positionals: 'PATH',
  options: {
    workspace: WORKSPACE_OPTION,
    format: { type: 'string', description: FORMATS.join(' | ') },
    mapping: { type: 'string', description: 'field-mapping JSON file (csv, json, jsonl)' },
    language: { type: 'string', description: 'codiesp: es (original text) | en (English translation)', default: 'es' },
    json: JSON_OPTION,
  },
  run: (options, positionals, context) =>
    withWorkspace(options, ({ database }) => {
      const path = positionals[0]
      if (!path) throw new AppFailure('invalid-input', 'Name the file or folder to import.')
      const format = optionalString(options, 'format') as RecordFileFormat | undefined
      if (!format || !FORMATS.includes(format)) throw new AppFailure('invalid-input', `--format must be one of ${FORMATS.join(', ')}.`)
      const language = String(options.language)
      if (language !== 'es' && language !== 'en') throw new AppFailure('invalid-input', `--language must be es or en, not "${language}".`)
      const mappingPath = optionalString(options, 'mapping')
      const summary = importRecordFile(database, {
        path,
        format,
        language,
        actor: actorOf(context).id,
        ...(mappingPath ? { mapping: readMapping(mappingPath) } : {}),
      })
      return { source: path, ...summary, rejects: summary.rejects.slice(0, 200) }
    }),
  describe: (result) => [
    `Imported ${result.source}: ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected (import run ${result.importRunId}).`,
    ...result.rejects.slice(0, 20).map((reject) => `  rejected ${reject.file}:${reject.line}: ${reject.reason}`),
    ...(result.rejected > 20 ? [`  … and ${result.rejected - 20} more (see --json)`] : []),
  ],
}
