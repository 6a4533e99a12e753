import { AppFailure } from '../../../contract/result.js'
import { checkGolden, type GoldenReport } from '../../coding/golden-check.js'
import { readModelBundle } from '../../coding/model-bundle.js'
import { fillDatastore, openWorkspaceModel, useModelBundle } from '../../coding/workspace-model.js'
import { JSON_OPTION, WORKSPACE_OPTION } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'

export const modelsUseCommand: Command<{ modelDir: string; modelVersion: string; golden: GoldenReport; knnSize: number }> = {
  name: ['models', 'use'],
  summary: 'Check a model bundle (hashes, tokenizer, golden outputs) and make the workspace code with it.',
  positionals: 'BUNDLE',
  options: { workspace: WORKSPACE_OPTION, json: JSON_OPTION },
  run: (options, positionals) =>
    withWorkspace(options, async (workspace) => {
      const dir = positionals[0]
      if (!dir) throw new AppFailure('invalid-input', 'Give the model bundle folder.')
      const bundle = readModelBundle(dir)
      const golden = await checkGolden(bundle)
      if (!golden.passed) throw new AppFailure('model-invalid', `${bundle.dir}: ONNX outputs differ from golden.json by ${golden.maxAbsDifference}.`)
      const model = await openWorkspaceModel(workspace, bundle.dir)
      try {
        await fillDatastore(workspace.database, model)
        useModelBundle(workspace, bundle.dir)
        return { modelDir: bundle.dir, modelVersion: bundle.manifest.modelVersion, golden, knnSize: model.datastore.size() }
      } finally {
        await model.close()
      }
    }),
  describe: (result) => [`The workspace now codes with ${result.modelVersion} (${result.modelDir}); ${result.knnSize} records in its kNN datastore.`],
}
