import { join } from 'node:path'
import { AppFailure } from '../../../contract/result.js'
import { readModelBundle } from '../../coding/model-bundle.js'
import { configuredModelDir } from '../../coding/workspace-model.js'
import { normalizeName, type NormalizedName } from '../../normalize/normalizer.js'
import { encoderWorkspaceNormalizer, trainWorkspaceNameEncoder } from '../../normalize/workspace-encoder.js'
import { JSON_OPTION, WORKSPACE_OPTION, actorOf, numberOption, optionalString, requireNumber } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'
import { CODE_SET_OPTION, NAME_THRESHOLD_OPTION, codeSetOption } from './workspace-options.js'

export const normalizeCommand: Command<{ codeSetId: number; encoder: string | null; elapsedMs: number; names: NormalizedName[] }> = {
  name: ['normalize'],
  access: 'signed-in',
  summary: 'Normalise informal diagnosis names to codes of the code set, with confidence and the matched title.',
  positionals: 'NAME…',
  options: {
    workspace: WORKSPACE_OPTION,
    'code-set': CODE_SET_OPTION,
    threshold: NAME_THRESHOLD_OPTION,
    limit: { type: 'string', description: 'codes shown per name', default: '5' },
    json: JSON_OPTION,
  },
  run: (options, positionals) =>
    withWorkspace(options, async (workspace) => {
      const { database } = workspace
      if (positionals.length === 0) throw new AppFailure('invalid-input', 'Give one or more diagnosis names.')
      const codeSetId = codeSetOption(database, options)
      const limit = requireNumber(options, 'limit', { min: 1, max: 1_000, whole: true })
      const given = numberOption(options, 'threshold', { min: 0, max: 1 })
      const started = performance.now()
      // With the workspace's name encoder when one is installed (`normalize train-encoder`), lexical only otherwise.
      const normalizer = await encoderWorkspaceNormalizer(workspace, codeSetId, positionals, given === undefined ? {} : { threshold: given })
      const names = positionals.map((name) => normalizeName(normalizer, name, { limit }))
      return { codeSetId, encoder: normalizer.encoder?.encoder.bundle.manifest.encoderVersion ?? null, elapsedMs: Number((performance.now() - started).toFixed(2)), names }
    }),
  describe: (result) =>
    result.names.flatMap((name) => [
      `${name.name}`,
      ...(name.codes.length === 0
        ? ['  (no match)']
        : name.codes.map(
            (code) =>
              `  ${code.accepted ? '✓' : ' '} ${code.code.padEnd(12)} ${code.confidence.toFixed(2)}  ${code.title}  [${code.matchedVia}: ${code.matchedTerm}] ← "${code.part.text}"`,
          )),
    ]),
}

export const trainEncoderCommand: Command<Awaited<ReturnType<typeof trainWorkspaceNameEncoder>>> = {
  name: ['normalize', 'train-encoder'],
  access: 'train-models',
  summary: "Train the workspace's diagnosis-name encoder (SimCSE on titles, synonyms and names, then confirmed pairs) and install it.",
  options: {
    workspace: WORKSPACE_OPTION,
    'code-set': CODE_SET_OPTION,
    out: { type: 'string', description: 'encoder bundle folder to write (default: WORKSPACE/name-encoder)' },
    'budget-minutes': { type: 'string', description: 'minutes of training', default: '5' },
    seed: { type: 'string', description: 'random seed', default: '13' },
    tiny: { type: 'boolean', description: 'toy sizes (tests)' },
    'no-install': { type: 'boolean', description: "train only; keep the workspace's current encoder setting" },
    json: JSON_OPTION,
  },
  run: (options, _positionals, context) =>
    withWorkspace(options, (workspace) => {
      // The same tokenizer as the document model: its vocabulary when one is installed, else one learned from these names.
      const modelDir = configuredModelDir(workspace)
      return trainWorkspaceNameEncoder(workspace, {
        ...(modelDir ? { documentVocabulary: { vocabulary: readModelBundle(modelDir).vocabulary, modelDir } } : {}),
        codeSetId: codeSetOption(workspace.database, options),
        outDir: optionalString(options, 'out') ?? join(workspace.dir, 'name-encoder'),
        budgetMinutes: requireNumber(options, 'budget-minutes', { min: 0.1, max: 10_000 }),
        seed: requireNumber(options, 'seed', { min: 0, max: 2 ** 31, whole: true }),
        tiny: options.tiny === true,
        install: options['no-install'] !== true,
        actor: actorOf(context).id,
        onLine: options.json === true ? undefined : (line) => console.error(`  ${line}`),
      })
    }),
  describe: (result) => [
    ...result.warnings.map((warning) => `Warning: ${warning}`),
    `Name encoder ${result.encoderVersion} at ${result.encoderDir}${result.installed ? ' (installed for this workspace)' : ''}`,
    `  trained on ${result.bundle.texts} texts and ${result.bundle.pairs} pairs in ${result.trainingSeconds} s; vocabulary: ${result.vocabulary}`,
    `  pairs: ${result.sources.confirmed} coder-confirmed, ${result.sources.fromGold} learned from gold codes (${result.goldPairs.records.aligned} records aligned now), ${result.sources.synonyms} code-set synonyms; texts include ${result.sources.names} diagnosis names`,
    `  held-out pairs: ${result.metrics.held_out_pairs === undefined ? 'none (no pairs to hold out)' : JSON.stringify(result.metrics.held_out_pairs)}`,
    `  golden check: ONNX Runtime within ${result.golden.maxAbsDifference.toExponential(1)} of PyTorch (tolerance ${result.golden.tolerance})`,
  ],
}
