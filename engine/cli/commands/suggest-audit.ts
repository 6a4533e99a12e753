/**
 * `clinicoco suggest-audit`: `suggest` over a whole split, counting what a
 * coder must never see (engine/evaluation/audit-suggestions.ts).
 */
import { fillDatastore, openWorkspaceModel } from '../../coding/workspace-model.js'
import { auditSuggestions, type SuggestionAudit } from '../../evaluation/audit-suggestions.js'
import { JSON_OPTION, WORKSPACE_OPTION, numberOption, requireString } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'
import { MODEL_OPTION, modelDirOption } from './workspace-options.js'

export const suggestAuditCommand: Command<SuggestionAudit> = {
  name: ['suggest-audit'],
  // A model evaluation over a split, like `eval` (it fills the model's kNN datastore).
  access: 'train-models',
  summary: 'Run `suggest` on every record of a split and count what a coder must never see: digit-only or one-character evidence, headings, exclusive pairs above the threshold.',
  options: {
    workspace: WORKSPACE_OPTION,
    model: MODEL_OPTION,
    split: { type: 'string', description: 'records of this split (dev, test, train)', default: 'test' },
    limit: { type: 'string', description: 'at most this many records' },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, async (workspace) => {
      const limit = numberOption(options, 'limit', { min: 1, max: Number.MAX_SAFE_INTEGER, whole: true })
      const model = await openWorkspaceModel(workspace, await modelDirOption(workspace, options), { threads: 2 })
      try {
        await fillDatastore(workspace.database, model)
        return await auditSuggestions(workspace.database, model, { split: requireString(options, 'split'), limit })
      } finally {
        await model.close()
      }
    }),
  describe: (result) => [
    `${result.records} ${result.split} records: ${result.suggestionsAboveThreshold} suggestions above the threshold, ${result.heldSuggestions} held back by a rule, ${result.evidenceSpans} evidence passages`,
    `  passages of only digits or punctuation: ${result.numericOrPunctuationSpans}; of one Chinese character: ${result.singleCharacterSpans}`,
    `  headings suggested: ${result.headingSuggestions}; exclusive pairs above the threshold: ${result.exclusivePairsAboveThreshold}`,
    ...result.examples.map((example) => `  e.g. ${example}`),
  ],
}
