import { assignSplits, type SplitAssignmentSummary } from '../../splits/assign-splits.js'
import { activeCodeSetId } from '../../workspace/workspace.js'
import { JSON_OPTION, actorOf, numberOption, WORKSPACE_OPTION } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'

export const splitsAssignCommand: Command<SplitAssignmentSummary> = {
  name: ['splits', 'assign'],
  // What a model learns from is the administrator's, as training is.
  access: 'train-models',
  summary: "Draw train / dev / test for records imported without a split: seeded, stratified by their codes so rare codes reach dev; audited.",
  options: {
    workspace: WORKSPACE_OPTION,
    dev: { type: 'string', description: 'share of records for dev (threshold and model selection)', default: '0.15' },
    test: { type: 'string', description: 'share of records for test (reported only)', default: '0.15' },
    seed: { type: 'string', description: 'seed of the draw (recorded with the run)', default: '13' },
    redo: { type: 'boolean', description: 'draw again the records an earlier run placed (coded records stay where they are)' },
    json: JSON_OPTION,
  },
  run: (options, _positionals, context) =>
    withWorkspace(options, ({ database }) =>
      assignSplits(database, {
        dev: numberOption(options, 'dev', { min: 0, max: 0.9 }) ?? 0.15,
        test: numberOption(options, 'test', { min: 0, max: 0.9 }) ?? 0.15,
        seed: numberOption(options, 'seed', { min: 0, max: 2 ** 31, whole: true }) ?? 13,
        redo: options.redo === true,
        actor: actorOf(context).id,
        codeSetId: activeCodeSetIdOrNull(database),
      }),
    ),
  describe: (result) => [
    `Split assignment ${result.assignmentId} (seed ${result.seed}, dev ${result.shares.dev}, test ${result.shares.test}):`,
    `  placed: ${result.assigned.train} train, ${result.assigned.dev} dev, ${result.assigned.test} test`,
    `  stratified by: ${result.stratifiedBy.reference} reference codes, ${result.stratifiedBy.decision} coder decisions, ${result.stratifiedBy.noisy} noisy labels, ${result.stratifiedBy.none} unlabelled`,
    `  codes: ${result.codes.total}, ${result.codes.inDev} with a dev record, ${result.codes.inTest} with a test record`,
    `  records now: ${Object.entries(result.recordsBySplit).map(([split, count]) => `${count} ${split}`).join(', ')}`,
  ],
}

function activeCodeSetIdOrNull(database: Parameters<typeof activeCodeSetId>[0]): number | null {
  try {
    return activeCodeSetId(database)
  } catch {
    return null
  }
}
