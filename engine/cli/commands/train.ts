import { readPrivateKeyFile } from '../../crypto/ed25519.js'
import { trainModel, type TrainModelSummary } from '../../training/train-model.js'
import { JSON_OPTION, WORKSPACE_OPTION, actorOf, numberOption, optionalString, progressLines, requireString } from '../command.js'
import type { Command } from '../command.js'
import { useModel } from '../../model-trust/use-model.js'
import { machinePolicy } from '../../policy/machine-policy.js'
import { withWorkspace } from './with-workspace.js'
import { CLEAN_SHARE_OPTION } from './workspace-options.js'

export const trainCommand: Command<TrainModelSummary> = {
  name: ['train'],
  access: 'train-models',
  summary: 'Train the coding model: training bundle → PyTorch 3-step training → ONNX model bundle, checked against its golden outputs.',
  options: {
    workspace: WORKSPACE_OPTION,
    out: { type: 'string', description: 'model bundle folder to write' },
    'budget-minutes': { type: 'string', description: 'stop training after this many minutes and keep the best model so far' },
    seed: { type: 'string', description: 'random seed', default: '13' },
    'clean-share': CLEAN_SHARE_OPTION,
    'no-raw': { type: 'boolean', description: 'skip step 1 (raw pre-training), for the ablation' },
    'no-noisy': { type: 'boolean', description: 'skip step 2 (noisy-label contrastive), for the ablation' },
    'no-name-documents': { type: 'boolean', description: "fit the text model's regression without the records' diagnosis names, for the ablation" },
    resume: { type: 'boolean', description: 'continue from the checkpoint of an interrupted run' },
    tiny: { type: 'boolean', description: 'a toy-sized model (tests, CI)' },
    'trainer-arg': { type: 'string', multiple: true, description: 'extra trainer flag, repeatable (e.g. --trainer-arg=--clean-epochs=5)' },
    'keep-training-bundle': { type: 'boolean', description: 'keep the exported training bundle beside the model' },
    use: { type: 'boolean', description: 'make the workspace code with the new model (the checks of `models use`, audited)' },
    'sign-key': { type: 'string', description: 'sign the new bundle with this Ed25519 private key (PEM) once it passed the golden check' },
    quiet: { type: 'boolean', description: 'no progress lines on stderr' },
    json: JSON_OPTION,
  },
  run: (options, _positionals, context) =>
    withWorkspace(options, async (workspace) => {
      // Read before hours of training: a wrong key path fails now, not at the end.
      const signKeyFile = optionalString(options, 'sign-key')
      const signKey = signKeyFile === undefined ? undefined : readPrivateKeyFile(signKeyFile)
      const summary = await trainModel(workspace.database, {
        ...(signKey ? { signKey } : {}),
        outDir: requireString(options, 'out'),
        seed: numberOption(options, 'seed', { min: 0, max: 2 ** 31, whole: true }),
        budgetMinutes: numberOption(options, 'budget-minutes', { min: 0.1, max: 10_000 }),
        cleanShare: numberOption(options, 'clean-share', { min: 0, max: 1 }),
        withoutRawStep: options['no-raw'] === true,
        withoutNoisyStep: options['no-noisy'] === true,
        withoutNameDocuments: options['no-name-documents'] === true,
        resume: options.resume === true,
        tiny: options.tiny === true,
        extraArgs: (options['trainer-arg'] as string[] | undefined) ?? [],
        keepTrainingBundle: options['keep-training-bundle'] === true,
        onLine: progressLines(options),
      })
      if (options.use === true) await useModel(workspace, summary.modelDir, { actor: actorOf(context).id, policy: machinePolicy().policy.models })
      return summary
    }),
  describe: (result) => [
    `Model ${result.modelVersion} in ${result.modelDir}: ${result.codes} codes, trained in ${result.trainingSeconds} s`,
    `  training records: ${Object.entries(result.trainingBundle.records).map(([split, count]) => `${count} ${split}`).join(', ')}`,
    `  golden check: ${result.golden.cases} cases, max |ONNX − PyTorch| = ${result.golden.maxAbsDifference.toExponential(2)} (tolerance ${result.golden.tolerance})`,
    `  ${result.signedBy ? `signed with key ${result.signedBy}` : 'unsigned (sign it with `clinicoco models sign` before it is used where the policy requires signed models)'}`,
  ],
}
