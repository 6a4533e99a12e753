/**
 * Checks of the suggestions as a coder meets them: `clinicoco primary-accuracy`
 * (how often the suggested primary is the reference one, beside the naive
 * answers) and `clinicoco suggest-audit` (no noisy evidence, no heading, no
 * exclusive pair above the threshold, over a whole split).
 */
import { resolve } from 'node:path'
import { AppFailure } from '../../../contract/result.js'
import { auditSuggestions, type SuggestionAudit } from '../../coding/audit-suggestions.js'
import { evaluatePrimary, type PrimaryEvaluation } from '../../coding/evaluate-primary.js'
import { configuredModelDir, fillDatastore, openWorkspaceModel } from '../../coding/workspace-model.js'
import { JSON_OPTION, WORKSPACE_OPTION, optionalString, requireString } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'

export const primaryAccuracyCommand: Command<PrimaryEvaluation> = {
  name: ['primary-accuracy'],
  summary: 'How often the suggested primary diagnosis is the reference primary (demo: the marked one; CodiEsp: --gold first-code).',
  options: {
    workspace: WORKSPACE_OPTION,
    model: { type: 'string', description: "model bundle folder (default: the workspace's model)" },
    split: { type: 'string', description: 'records of this split (dev, test, train)', default: 'dev' },
    gold: { type: 'string', description: 'marked (the primary the source marked) or first-code (the first reference code, as CodiEsp lists them)', default: 'marked' },
    limit: { type: 'string', description: 'at most this many records' },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, async (workspace) => {
      const gold = requireString(options, 'gold')
      if (gold !== 'marked' && gold !== 'first-code') throw new AppFailure('invalid-input', '--gold must be marked or first-code.')
      const given = optionalString(options, 'model')
      const dir = given ? resolve(given) : configuredModelDir(workspace)
      if (!dir) throw new AppFailure('model-missing', 'No model: pass --model BUNDLE or install one with `clinicoco models use`.')
      const limitText = optionalString(options, 'limit')
      const limit = limitText === undefined ? undefined : Number(limitText)
      if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new AppFailure('invalid-input', '--limit must be a whole number above 0.')
      const model = await openWorkspaceModel(workspace, dir, { threads: 2 })
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

export const suggestAuditCommand: Command<SuggestionAudit> = {
  name: ['suggest-audit'],
  summary: 'Run `suggest` on every record of a split and count what a coder must never see: digit-only or one-character evidence, headings, exclusive pairs above the threshold.',
  options: {
    workspace: WORKSPACE_OPTION,
    model: { type: 'string', description: "model bundle folder (default: the workspace's model)" },
    split: { type: 'string', description: 'records of this split (dev, test, train)', default: 'test' },
    limit: { type: 'string', description: 'at most this many records' },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, async (workspace) => {
      const given = optionalString(options, 'model')
      const dir = given ? resolve(given) : configuredModelDir(workspace)
      if (!dir) throw new AppFailure('model-missing', 'No model: pass --model BUNDLE or install one with `clinicoco models use`.')
      const limitText = optionalString(options, 'limit')
      const limit = limitText === undefined ? undefined : Number(limitText)
      if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new AppFailure('invalid-input', '--limit must be a whole number above 0.')
      const model = await openWorkspaceModel(workspace, dir, { threads: 2 })
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
