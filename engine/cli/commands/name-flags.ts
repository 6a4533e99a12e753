import { AppFailure } from '../../../contract/result.js'
import { fillDatastore, openWorkspaceModel } from '../../coding/workspace-model.js'
import { evaluateNameFlags, type NameFlagEvaluation } from '../../evaluation/evaluate-name-flags.js'
import { JSON_OPTION, WORKSPACE_OPTION, numberOption, requireString } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'
import { MODEL_OPTION, modelDirOption } from './workspace-options.js'

export const nameFlagsCommand: Command<NameFlagEvaluation> = {
  name: ['name-flags'],
  access: 'train-models',
  summary: 'Score the name-quality flags (missing / vague / wrong) against the errors a simulator injected into the diagnosis names.',
  options: {
    workspace: WORKSPACE_OPTION,
    model: MODEL_OPTION,
    split: { type: 'string', description: 'records of this split (dev, test, train)', default: 'dev' },
    limit: { type: 'string', description: 'at most this many records' },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, async (workspace) => {
      const injected = workspace.database.prepare<{ count: number }>('SELECT COUNT(*) AS count FROM diagnosis_names WHERE injected_error IS NOT NULL').get()
      if (!injected?.count) throw new AppFailure('not-found', 'No diagnosis name in this workspace carries an injected error: there is nothing to score the flags against.')
      const model = await openWorkspaceModel(workspace, await modelDirOption(workspace, options), { threads: 2 })
      try {
        await fillDatastore(workspace.database, model)
        const limit = numberOption(options, 'limit', { min: 1, max: Number.MAX_SAFE_INTEGER, whole: true })
        return await evaluateNameFlags(workspace.database, model, { split: requireString(options, 'split'), limit })
      } finally {
        await model.close()
      }
    }),
  describe: (result) => [
    `${result.records} ${result.split} records with names; flags shown at the model's threshold ${result.threshold.toFixed(3)}`,
    ...(['missing', 'vague', 'wrong'] as const).map((kind) => {
      const report = result.kinds[kind]
      const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`)
      return `  ${kind.padEnd(7)}: ${report.flags} flags, precision ${percent(report.precision)}; ${report.caught} of ${report.errors} injected errors caught, recall ${percent(report.recall)}`
    }),
    `  records without an injected error that show a flag: ${result.errorFreeFlaggedShare === null ? '—' : `${(result.errorFreeFlaggedShare * 100).toFixed(1)} %`} of ${result.errorFreeRecords}`,
  ],
}
