import { labelRecords, type LabelReport } from '../../normalize/auto-label.js'
import { encoderWorkspaceNormalizer } from '../../normalize/workspace-encoder.js'
import { JSON_OPTION, WORKSPACE_OPTION, numberOption } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'
import { CODE_SET_OPTION, NAME_THRESHOLD_OPTION, codeSetOption } from './workspace-options.js'

export const labelCommand: Command<LabelReport> = {
  name: ['label'],
  summary: "Noisy auto-labelling: normalise every record's diagnosis names and store the codes with confidence and provenance.",
  options: {
    workspace: WORKSPACE_OPTION,
    'code-set': CODE_SET_OPTION,
    threshold: NAME_THRESHOLD_OPTION,
    fit: { type: 'boolean', description: "fit the ranker on the workspace's confirmed name pairs first (50+ names)" },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, async (workspace) => {
      const { database } = workspace
      const codeSetId = codeSetOption(database, options)
      const given = numberOption(options, 'threshold', { min: 0, max: 1 })
      // The installed name encoder (if any) with every record's names embedded first: labelling itself stays synchronous.
      const names = database.prepare<{ text: string }>("SELECT DISTINCT text FROM diagnosis_names WHERE injected_error IS NOT 'missing'").all().map((row) => row.text)
      const { encoder } = await encoderWorkspaceNormalizer(workspace, codeSetId, names)
      return labelRecords(database, {
        codeSetId,
        fit: options.fit === true,
        encoder,
        ...(given === undefined ? {} : { threshold: given }),
      })
    }),
  describe: (result) => [
    `Labelled with ${result.labeller} (${result.ranker} ranker, threshold ${result.threshold}):`,
    `  records: ${result.records.labelled} of ${result.records.withNames} with diagnosis names (${(result.records.coverage * 100).toFixed(1)}%); ${result.records.total} records in all`,
    `  names: ${result.names.labelled} of ${result.names.total} given an accepted code (${(result.names.coverage * 100).toFixed(1)}%)`,
    `  labels stored: ${result.labels.stored} (${result.labels.accepted} accepted)`,
    ...(result.againstGold
      ? [`  against reference codes (${result.againstGold.records} records): precision ${result.againstGold.precision}, recall ${result.againstGold.recall}`]
      : []),
    `  ${result.elapsedMs} ms (${result.perNameMs} ms per name)`,
  ],
}
