import { resolve } from 'node:path'
import { exportTrainingBundle, type TrainingBundleSummary } from '../../training/export-training-bundle.js'
import { activeCodeSetId } from '../../workspace/workspace.js'
import { JSON_OPTION, WORKSPACE_OPTION, numberOption, requireString } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'
import { CLEAN_SHARE_OPTION } from './workspace-options.js'

export const bundleExportCommand: Command<TrainingBundleSummary> = {
  name: ['bundle', 'export'],
  access: 'train-models',
  summary: 'Write the training bundle (token ids, labels, splits raw/noisy/clean/dev/test, vocabulary, codes) for the Python trainer.',
  options: {
    workspace: WORKSPACE_OPTION,
    out: { type: 'string', description: 'folder to write' },
    'clean-share': CLEAN_SHARE_OPTION,
    seed: { type: 'string', description: 'seed of the clean draw' },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, ({ database }) =>
      exportTrainingBundle(database, {
        outDir: resolve(requireString(options, 'out')),
        codeSetId: activeCodeSetId(database),
        cleanShare: numberOption(options, 'clean-share', { min: 0, max: 1 }),
        seed: numberOption(options, 'seed', { min: 0, max: 2 ** 31, whole: true }),
      }),
    ),
  describe: (result) => [
    `Training bundle in ${result.outDir} (${result.codeSet.name} ${result.codeSet.version}):`,
    `  records: ${Object.entries(result.records).map(([split, count]) => `${count} ${split}`).join(', ')}`,
    `  label space: ${result.codes} codes (${result.unseenEvaluationLabels} dev/test labels outside it)`,
    `  vocabulary: ${result.vocabulary.size} tokens; tokens per record p50 ${result.tokensPerRecord.p50}, p90 ${result.tokensPerRecord.p90}, max ${result.tokensPerRecord.max}`,
  ],
}
