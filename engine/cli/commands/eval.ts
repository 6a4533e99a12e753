import { AppFailure } from '../../../contract/result.js'
import { fillDatastore, openWorkspaceModel } from '../../coding/workspace-model.js'
import { evaluateModel, type EvaluationSplit, type ModelEvaluation } from '../../evaluation/evaluate-model.js'
import { JSON_OPTION, WORKSPACE_OPTION, choiceOption } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'
import { MODEL_OPTION, modelDirOption } from './workspace-options.js'

export const evalCommand: Command<ModelEvaluation> = {
  name: ['eval'],
  access: 'train-models',
  summary: 'Score dev/test records with the model (+ kNN + diagnosis names); threshold chosen on dev; top-50 and all-code metrics.',
  options: {
    workspace: WORKSPACE_OPTION,
    model: MODEL_OPTION,
    split: { type: 'string', description: 'dev or test (test: threshold still chosen on dev)', default: 'dev' },
    'no-knn': { type: 'boolean', description: 'without similar cases (ablation)' },
    'no-names': { type: 'boolean', description: 'without the diagnosis-name source (ablation)' },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, async (workspace) => {
      const split = choiceOption(options, 'split', ['dev', 'test'] as const)
      const model = await openWorkspaceModel(workspace, await modelDirOption(workspace, options), { threads: 2 })
      try {
        await fillDatastore(workspace.database, model)
        const splits: EvaluationSplit[] = split === 'test' ? ['dev', 'test'] : ['dev']
        const evaluation = await evaluateModel(workspace.database, model, { knn: options['no-knn'] !== true, names: options['no-names'] !== true, splits })
        if (split === 'test' && !evaluation.test) throw new AppFailure('not-found', 'The workspace has no labelled test records.')
        return evaluation
      } finally {
        await model.close()
      }
    }),
  describe: (result) =>
    (['dev', 'test'] as const).flatMap((split) => {
      const groups = result[split]
      if (!groups) return []
      return (['top50', 'all'] as const).map((group) => {
        const report = groups[group]
        return `${split} ${group.padEnd(5)}: micro-F1 ${report.micro_f1.toFixed(3)}  macro-F1 ${report.macro_f1.toFixed(3)}  micro-AUC ${report.micro_auc?.toFixed(3)}  macro-AUC ${report.macro_auc?.toFixed(3)}  P ${report.precision.toFixed(3)}  R ${report.recall.toFixed(3)}  R@5/9/15 ${[report.recall_at_5, report.recall_at_9, report.recall_at_15].map((value) => value?.toFixed(3) ?? '—').join('/')}  MAP ${report.map?.toFixed(3)}  (threshold ${report.threshold.toFixed(3)})`
      })
    }),
}
