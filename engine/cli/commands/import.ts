import { AppFailure } from '../../../contract/result.js'
import { importRecordFile } from '../../records/import-records.js'
import type { RecordFileFormat } from '../../records/import-records.js'
import { readMapping } from '../../records/importers/read-mapped-records.js'
import type { GoldCodeCoverage } from '../../records/check-gold-codes.js'
import type { ImportSummary } from '../../records/store-records.js'
import { activeCodeSetId } from '../../workspace/workspace.js'
import { JSON_OPTION, WORKSPACE_OPTION, actorOf, optionalString } from '../command.js'
import type { Command } from '../command.js'
import { EXIT_CODES } from '../exit-codes.js'
import { withWorkspace } from './with-workspace.js'

const FORMATS: readonly RecordFileFormat[] = ['csv', 'jsonl', 'json', 'codiesp']

export const importCommand: Command<ImportSummary & { source: string; goldCodes?: GoldCodeCoverage }> = {
  name: ['import'],
  access: 'import-records',
  summary: 'Import inpatient records: CSV / JSON / JSONL with a field-mapping file, or the CodiEsp corpus folder.',
  positionals: 'PATH',
  options: {
    workspace: WORKSPACE_OPTION,
    format: { type: 'string', description: FORMATS.join(' | ') },
    mapping: { type: 'string', description: 'field-mapping JSON file (csv, json, jsonl)' },
    language: { type: 'string', description: 'codiesp: es (original text) | en (English translation)', default: 'es' },
    'no-code-check': { type: 'boolean', description: 'store gold codes as read, without checking them against the active code set' },
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
      // Gold codes are checked against the active code set when one is installed (a workspace may import records first).
      const hasCodeSet = database.prepare('SELECT 1 FROM code_sets LIMIT 1').get() !== undefined
      const summary = importRecordFile(database, {
        path,
        format,
        language,
        actor: actorOf(context).id,
        ...(mappingPath ? { mapping: readMapping(mappingPath) } : {}),
        ...(hasCodeSet && options['no-code-check'] !== true ? { goldCodeSetId: activeCodeSetId(database) } : {}),
      })
      return { source: path, ...summary, rejects: summary.rejects.slice(0, 200) }
    }),
  describe: (result) => [
    `Imported ${result.source}: ${result.inserted} new, ${result.updated} changed (kept as new versions${result.reReview > 0 ? `; ${result.reReview} coded, marked for re-review` : ''}), ${result.unchanged} unchanged, ${result.rejected} rejected (import run ${result.importRunId}).`,
    result.goldCodes
      ? `Gold codes: ${result.goldCodes.inCodeSet} of ${result.goldCodes.total} in code set ${result.goldCodes.codeSet.name} ${result.goldCodes.codeSet.version} (${(result.goldCodes.coverage * 100).toFixed(1)}%)` +
        `${result.goldCodes.respelled > 0 ? `, ${result.goldCodes.respelled} written another way and stored as the code set spells them` : ''}` +
        `${result.goldCodes.notInCodeSet > 0 ? `; ${result.goldCodes.notInCodeSet} not in it, not stored (listed below)` : ''}.`
      : 'Gold codes: not checked (no code set installed, or --no-code-check).',
    ...result.rejects.slice(0, 20).map((reject) => `  ${reject.rowKept ? 'imported, but' : 'rejected'} ${reject.file}:${reject.line}: ${reject.reason}`),
    ...(result.rejects.length > 20 ? [`  … and ${result.rejects.length - 20} more (see --json)`] : []),
  ],
  // A script must not mistake "stored the good rows, refused some" for a clean import.
  exitCode: (result) => (result.rejected > 0 ? EXIT_CODES.partial : EXIT_CODES.ok),
}
