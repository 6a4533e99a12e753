import { join } from 'node:path'
import { AppFailure } from '../../../contract/result.js'
import { labelRecords, type LabelReport } from '../../normalize/auto-label.js'
import { normalizeName, type NormalizedName } from '../../normalize/normalizer.js'
import { encoderWorkspaceNormalizer, trainWorkspaceNameEncoder } from '../../normalize/workspace-encoder.js'
import { activeCodeSetId } from '../../workspace/workspace.js'
import { JSON_OPTION, WORKSPACE_OPTION, optionalString } from '../command.js'
import type { Command, ParsedOptions } from '../command.js'
import { withWorkspace } from './with-workspace.js'

const CODE_SET_OPTION = { type: 'string', description: 'code set id (default: the active one)' } as const
const THRESHOLD_OPTION = { type: 'string', description: 'confidence at which a code is accepted (default 0.5)' } as const

function threshold(options: ParsedOptions): number | undefined {
  const text = optionalString(options, 'threshold')
  if (text === undefined) return undefined
  const value = Number(text)
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new AppFailure('invalid-input', '--threshold must be a number from 0 to 1.')
  return value
}

export const normalizeCommand: Command<{ codeSetId: number; encoder: string | null; elapsedMs: number; names: NormalizedName[] }> = {
  name: ['normalize'],
  access: 'signed-in',
  summary: 'Normalise informal diagnosis names to codes of the code set, with confidence and the matched title.',
  positionals: 'NAME…',
  options: {
    workspace: WORKSPACE_OPTION,
    'code-set': CODE_SET_OPTION,
    threshold: THRESHOLD_OPTION,
    limit: { type: 'string', description: 'codes shown per name', default: '5' },
    json: JSON_OPTION,
  },
  run: (options, positionals) =>
    withWorkspace(options, async (workspace) => {
      const { database } = workspace
      if (positionals.length === 0) throw new AppFailure('invalid-input', 'Give one or more diagnosis names.')
      const codeSet = optionalString(options, 'code-set')
      const codeSetId = codeSet ? Number(codeSet) : activeCodeSetId(database)
      const limit = Number(options.limit)
      if (!Number.isInteger(limit) || limit < 1) throw new AppFailure('invalid-input', '--limit must be a positive whole number.')
      const given = threshold(options)
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

export const labelCommand: Command<LabelReport> = {
  name: ['label'],
  access: 'train-models',
  summary: "Noisy auto-labelling: normalise every record's diagnosis names and store the codes with confidence and provenance.",
  options: {
    workspace: WORKSPACE_OPTION,
    'code-set': CODE_SET_OPTION,
    threshold: THRESHOLD_OPTION,
    fit: { type: 'boolean', description: "fit the ranker on the workspace's confirmed name pairs first (50+ names)" },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, async (workspace) => {
      const { database } = workspace
      const codeSet = optionalString(options, 'code-set')
      const codeSetId = codeSet ? Number(codeSet) : activeCodeSetId(database)
      const given = threshold(options)
      // The installed name encoder (if any) with every record's names embedded first: labelling itself stays synchronous.
      const names = database.prepare<{ text: string }>("SELECT DISTINCT text FROM diagnosis_names WHERE injected_error IS NOT 'missing'").all().map((row) => row.text)
      const { encoder } = await encoderWorkspaceNormalizer(workspace, codeSetId, names)
      return labelRecords(database, {
        codeSetId,
        fit: options.fit === true,
        encoder,
        ...(given === undefined ? {} : { threshold: given }),
      })
    }),
  describe: (result) => [
    `Labelled with ${result.labeller} (${result.ranker} ranker, threshold ${result.threshold}):`,
    `  records: ${result.records.labelled} of ${result.records.withNames} with diagnosis names (${(result.records.coverage * 100).toFixed(1)}%); ${result.records.total} records in all`,
    `  names: ${result.names.labelled} of ${result.names.total} given an accepted code (${(result.names.coverage * 100).toFixed(1)}%)`,
    `  labels stored: ${result.labels.stored} (${result.labels.accepted} accepted)`,
    ...(result.againstGold
      ? [`  against reference codes (${result.againstGold.records} records): precision ${result.againstGold.precision}, recall ${result.againstGold.recall}`]
      : []),
    `  ${result.elapsedMs} ms (${result.perNameMs} ms per name)`,
  ],
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
  run: (options) =>
    withWorkspace(options, (workspace) => {
      const codeSet = optionalString(options, 'code-set')
      const minutes = Number(options['budget-minutes'])
      const seed = Number(options.seed)
      if (!Number.isFinite(minutes) || minutes <= 0) throw new AppFailure('invalid-input', '--budget-minutes must be a positive number.')
      if (!Number.isInteger(seed)) throw new AppFailure('invalid-input', '--seed must be a whole number.')
      return trainWorkspaceNameEncoder(workspace, {
        codeSetId: codeSet ? Number(codeSet) : activeCodeSetId(workspace.database),
        outDir: optionalString(options, 'out') ?? join(workspace.dir, 'name-encoder'),
        budgetMinutes: minutes,
        seed,
        tiny: options.tiny === true,
        install: options['no-install'] !== true,
        onLine: options.json === true ? undefined : (line) => console.error(`  ${line}`),
      })
    }),
  describe: (result) => [
    `Name encoder ${result.encoderVersion} at ${result.encoderDir}${result.installed ? ' (installed for this workspace)' : ''}`,
    `  trained on ${result.bundle.texts} texts and ${result.bundle.pairs} pairs in ${result.trainingSeconds} s; vocabulary: ${result.vocabulary}`,
    `  golden check: ONNX Runtime within ${result.golden.maxAbsDifference.toExponential(1)} of PyTorch (tolerance ${result.golden.tolerance})`,
  ],
}
