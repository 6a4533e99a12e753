import { AppFailure } from '../../../contract/result.js'
import { DEFAULT_DEMO, createDemoWorkspace } from '../../workspace/create-demo-workspace.js'
import type { DemoSummary } from '../../workspace/create-demo-workspace.js'
import { JSON_OPTION, WORKSPACE_OPTION, requireString } from '../command.js'
import type { Command } from '../command.js'

export const demoCommand: Command<DemoSummary> = {
  name: ['demo'],
  summary: 'Create the generated bilingual demo hospital (code set, records with simulated EMR errors, users).',
  options: {
    workspace: WORKSPACE_OPTION,
    records: { type: 'string', description: 'number of inpatient records', default: String(DEFAULT_DEMO.recordCount) },
    seed: { type: 'string', description: 'random seed (same seed, same hospital)', default: String(DEFAULT_DEMO.seed) },
    noise: { type: 'string', description: 'share of diagnosis names given a vague/wrong/missing error', default: String(DEFAULT_DEMO.noiseRatio) },
    'chinese-share': { type: 'string', description: 'share of records written in Chinese', default: String(DEFAULT_DEMO.chineseShare) },
    json: JSON_OPTION,
  },
  run: (options) => {
    const number = (name: string, min: number, max: number) => {
      const value = Number(options[name])
      if (!Number.isFinite(value) || value < min || value > max) {
        throw new AppFailure('invalid-input', `--${name} must be a number from ${min} to ${max}.`)
      }
      return value
    }
    return createDemoWorkspace(requireString(options, 'workspace'), {
      recordCount: Math.round(number('records', 1, 200_000)),
      seed: Math.round(number('seed', 0, 2 ** 31)),
      noiseRatio: number('noise', 0, 1),
      chineseShare: number('chinese-share', 0, 1),
    })
  },
  describe: (result) => [
    `Demo hospital in ${result.workspace}:`,
    `  code set ${result.codeSet.name} ${result.codeSet.version}: ${result.codeSet.codes} codes (${result.codeSet.assignable} assignable)`,
    `  records: ${result.records.inserted} new, ${result.records.unchanged} unchanged (${Object.entries(result.records.byLanguage).map(([language, count]) => `${count} ${language}`).join(', ')})`,
    `  simulated name errors: ${result.injectedErrors.vague} vague, ${result.injectedErrors.wrong} wrong, ${result.injectedErrors.missing} missing`,
    `  users: ${result.users.join(', ')}`,
  ],
}
