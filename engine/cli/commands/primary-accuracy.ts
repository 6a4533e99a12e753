/**
 * `clinicoco primary-accuracy`: how often the suggested primary diagnosis is
 * the reference one, beside the strongest suggestion and the first name's
 * match (engine/evaluation/evaluate-primary.ts).
 */
import { AppFailure } from '../../../contract/result.js'
import { fillDatastore, openWorkspaceModel } from '../../coding/workspace-model.js'
import { evaluatePrimary, type PrimaryEvaluation } from '../../evaluation/evaluate-primary.js'
import { JSON_OPTION, WORKSPACE_OPTION, numberOption, requireString } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'
import { MODEL_OPTION, modelDirOption } from './workspace-options.js'

export const primaryAccuracyCommand: Command<PrimaryEvaluation> = {
  name: ['primary-accuracy'],
  // A model evaluation over a split, like `eval` (it fills the model's kNN datastore).
  access: 'train-models',
  summary: 'How often the suggested primary diagnosis is the reference primary (demo: the marked one; CodiEsp: --gold first-code).',
  options: {
    workspace: WORKSPACE_OPTION,
    model: MODEL_OPTION,
    split: { type: 'string', description: 'records of this split (dev, test, train)', default: 'dev' },
    gold: { type: 'string', description: 'marked (the primary the source marked) or first-code (the first reference code, as CodiEsp lists them)', default: 'marked' },
    limit: { type: 'string', description: 'at most this many records' },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, async (workspace) => {
      const gold = requireString(options, 'gold')
      if (gold !== 'marked' && gold !== 'first-code') throw new AppFailure('invalid-input', '--gold must be marked or first-code.')
      const limit = numberOption(options, 'limit', { min: 1, max: Number.MAX_SAFE_INTEGER, whole: true })
      const model = await openWorkspaceModel(workspace, await modelDirOption(workspace, options), { threads: 2 })
      try {
        await fillDatastore(workspace.database, model)
        return await evaluatePrimary(workspace.database, model, { split: requireString(options, 'split'), goldPrimary: gold, limit })
      } finally {
        await model.close()
      }
    }),
  describe: (result) => {
    const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`)
    return [
      `${result.records} ${result.split} records (reference primary: ${result.goldPrimary})`,
      `  suggested primary is the reference: ${percent(result.accuracy)}`,
      `  reference primary among the suggestions above the threshold: ${percent(result.primaryAmongSuggested)}`,
      `  naive answers: the strongest suggestion ${percent(result.baselines.strongest)}; the first name's match ${percent(result.baselines.firstName)} (${result.baselines.firstNameRecords} records with names)`,
    ]
  },
}
