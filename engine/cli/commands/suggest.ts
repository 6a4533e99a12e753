import type { Suggestions } from '../../../contract/domain.js'
import { toSuggestions } from '../../coding/suggestions.js'
import { fillDatastore, openWorkspaceModel } from '../../coding/workspace-model.js'
import { recordRowId } from '../../records/record-row-id.js'
import { JSON_OPTION, WORKSPACE_OPTION, optionalString, requireString } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'
import { MODEL_OPTION, modelDirOption } from './workspace-options.js'

export const suggestCommand: Command<Suggestions> = {
  name: ['suggest'],
  access: 'read-records',
  summary: "Suggest codes for one record: probability, source, evidence and similar cases, as the coding view shows them.",
  options: {
    workspace: WORKSPACE_OPTION,
    model: MODEL_OPTION,
    record: { type: 'string', description: 'record id' },
    language: { type: 'string', description: 'language of code titles (e.g. zh)' },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, async (workspace) => {
      const recordId = requireString(options, 'record')
      const model = await openWorkspaceModel(workspace, await modelDirOption(workspace, options), { threads: 2 })
      try {
        await fillDatastore(workspace.database, model)
        const scores = await model.scoreRecord(recordRowId(workspace.database, recordId))
        return toSuggestions(workspace.database, model, scores, { recordId, language: optionalString(options, 'language') })
      } finally {
        await model.close()
      }
    }),
  describe: (result) => [
    `Record ${result.recordId}, model ${result.modelVersion} (threshold ${result.threshold.toFixed(2)}, ${result.elapsedMs.toFixed(0)} ms):`,
    ...result.codes
      .filter((code) => code.probability >= result.threshold / 2)
      .map((code) => `  ${code.probability >= result.threshold ? '✓' : ' '} ${code.code.padEnd(9)} ${code.probability.toFixed(2)}  ${code.source.padEnd(7)} ${code.title}`),
    'Similar cases:',
    ...result.similarCases.map((item) => `  ${item.recordId}  similarity ${item.similarity.toFixed(2)}  ${item.codes.map((code) => code.code).join(' ')}`),
  ],
}
