import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fillDatastore, openWorkspaceModel, useModelBundle } from '../../coding/workspace-model.js'
import { modelsDirectory } from '../../bundle/run-trainer.js'
import { openWorkspace } from '../../workspace/workspace.js'
import { DEFAULT_DEMO, createDemoWorkspace } from '../../demo/create-demo-workspace.js'
import type { DemoSummary } from '../../demo/create-demo-workspace.js'
import { JSON_OPTION, WORKSPACE_OPTION, requireNumber, requireString } from '../command.js'
import type { Command } from '../command.js'

/** The demo model committed with the app (`npm run models:demo`): trained on the generated demo hospital only. */
export function bundledDemoModelDir(): string {
  return join(modelsDirectory(), 'demo')
}

export const demoCommand: Command<DemoSummary & { model: { dir: string; knnSize: number } | null }> = {
  name: ['demo'],
  summary: 'Create the generated bilingual demo hospital (code set, records with simulated EMR errors, users).',
  options: {
    workspace: WORKSPACE_OPTION,
    records: { type: 'string', description: 'number of inpatient records', default: String(DEFAULT_DEMO.recordCount) },
    seed: { type: 'string', description: 'random seed (same seed, same hospital)', default: String(DEFAULT_DEMO.seed) },
    noise: { type: 'string', description: 'share of diagnosis names given a vague/wrong/missing error', default: String(DEFAULT_DEMO.noiseRatio) },
    'chinese-share': { type: 'string', description: 'share of records written in Chinese', default: String(DEFAULT_DEMO.chineseShare) },
    model: { type: 'string', description: 'model bundle to code with (default: the bundled demo model, where present)' },
    'no-model': { type: 'boolean', description: 'create the hospital without a coding model' },
    json: JSON_OPTION,
  },
  run: async (options) => {
    const summary = createDemoWorkspace(requireString(options, 'workspace'), {
      recordCount: requireNumber(options, 'records', { min: 1, max: 200_000, whole: true }),
      seed: requireNumber(options, 'seed', { min: 0, max: 2 ** 31, whole: true }),
      noiseRatio: requireNumber(options, 'noise', { min: 0, max: 1 }),
      chineseShare: requireNumber(options, 'chinese-share', { min: 0, max: 1 }),
    })
    const given = typeof options.model === 'string' ? resolve(options.model) : null
    const modelDir = options['no-model'] === true ? null : (given ?? (existsSync(join(bundledDemoModelDir(), 'manifest.json')) ? bundledDemoModelDir() : null))
    if (modelDir === null) return { ...summary, model: null }
    // The kNN datastore is filled now, so the app's first suggestion does not wait for it.
    const workspace = openWorkspace(summary.workspace)
    try {
      const model = await openWorkspaceModel(workspace, modelDir, { threads: 2 })
      try {
        await fillDatastore(workspace.database, model)
        useModelBundle(workspace, modelDir)
        return { ...summary, model: { dir: modelDir, knnSize: model.datastore.size() } }
      } finally {
        await model.close()
      }
    } finally {
      workspace.close()
    }
  },
  describe: (result) => [
    `Demo hospital in ${result.workspace}:`,
    `  code set ${result.codeSet.name} ${result.codeSet.version}: ${result.codeSet.codes} codes (${result.codeSet.assignable} assignable)`,
    `  records: ${result.records.inserted} new, ${result.records.unchanged} unchanged (${Object.entries(result.records.byLanguage).map(([language, count]) => `${count} ${language}`).join(', ')})`,
    `  simulated name errors: ${result.injectedErrors.vague} vague, ${result.injectedErrors.wrong} wrong, ${result.injectedErrors.missing} missing`,
    `  users: ${result.users.join(', ')}`,
    result.model ? `  coding model: ${result.model.dir} (${result.model.knnSize} records in its kNN datastore)` : '  coding model: none (suggestions off)',
  ],
}
