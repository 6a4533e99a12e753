import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Suggestions } from '../../../contract/domain.js'
import { AppFailure } from '../../../contract/result.js'
import { evaluateModel, type EvaluationSplit, type ModelEvaluation } from '../../coding/evaluate-model.js'
import { evaluateNameFlags, type NameFlagEvaluation } from '../../coding/evaluate-name-flags.js'
import { checkGolden, type GoldenReport } from '../../coding/golden-check.js'
import { readModelBundle } from '../../coding/model-bundle.js'
import { toSuggestions } from '../../coding/suggestions.js'
import { configuredModelDir, fillDatastore, openWorkspaceModel, useModelBundle } from '../../coding/workspace-model.js'
import { recordRowId } from '../../records/record-queries.js'
import { runCodiEspCodingBenchmark, type CodiEspCodingReport } from '../../training/codiesp-coding-benchmark.js'
import { defaultCodesDir, type CodiEspSetting } from '../../training/codiesp-workspace.js'
import { exportTrainingBundle, type TrainingBundleSummary } from '../../training/export-training-bundle.js'
import { trainModel, type TrainModelSummary } from '../../training/train-model.js'
import { activeCodeSetId } from '../../workspace/workspace.js'
import type { Workspace } from '../../workspace/workspace.js'
import { JSON_OPTION, WORKSPACE_OPTION, optionalString, requireString } from '../command.js'
import type { Command, ParsedOptions } from '../command.js'
import { withWorkspace } from './with-workspace.js'

const MODEL_OPTION = { type: 'string', description: "model bundle folder (default: the workspace's model)" } as const
const CLEAN_SHARE_OPTION = {
  type: 'string',
  description: "share of reference-labelled records used as clean labels (default: the workspace's setting, else 1)",
} as const

function numberOption(options: ParsedOptions, name: string, min: number, max: number): number | undefined {
  const text = optionalString(options, name)
  if (text === undefined) return undefined
  const value = Number(text)
  if (!Number.isFinite(value) || value < min || value > max) throw new AppFailure('invalid-input', `--${name} must be a number from ${min} to ${max}.`)
  return value
}

function progress(options: ParsedOptions): (line: string) => void {
  // Progress goes to stderr so that `--json` output stays one JSON document on stdout.
  return (line) => {
    if (options.quiet !== true) process.stderr.write(`${line}\n`)
  }
}

function modelDir(workspace: Workspace, options: ParsedOptions): string {
  const given = optionalString(options, 'model')
  const dir = given ? resolve(given) : configuredModelDir(workspace)
  if (!dir) throw new AppFailure('model-missing', 'No model: pass --model BUNDLE or install one with `clinicoco models use`.')
  return dir
}

export const bundleExportCommand: Command<TrainingBundleSummary> = {
  name: ['bundle', 'export'],
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
        cleanShare: numberOption(options, 'clean-share', 0, 1),
        seed: numberOption(options, 'seed', 0, 2 ** 31),
      }),
    ),
  describe: (result) => [
    `Training bundle in ${result.outDir} (${result.codeSet.name} ${result.codeSet.version}):`,
    `  records: ${Object.entries(result.records).map(([split, count]) => `${count} ${split}`).join(', ')}`,
    `  label space: ${result.codes} codes (${result.unseenEvaluationLabels} dev/test labels outside it)`,
    `  vocabulary: ${result.vocabulary.size} tokens; tokens per record p50 ${result.tokensPerRecord.p50}, p90 ${result.tokensPerRecord.p90}, max ${result.tokensPerRecord.max}`,
  ],
}

export const trainCommand: Command<TrainModelSummary> = {
  name: ['train'],
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
    use: { type: 'boolean', description: 'make the workspace code with the new model' },
    quiet: { type: 'boolean', description: 'no progress lines on stderr' },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, async (workspace) => {
      const summary = await trainModel(workspace.database, {
        outDir: requireString(options, 'out'),
        seed: numberOption(options, 'seed', 0, 2 ** 31),
        budgetMinutes: numberOption(options, 'budget-minutes', 0.1, 10_000),
        cleanShare: numberOption(options, 'clean-share', 0, 1),
        withoutRawStep: options['no-raw'] === true,
        withoutNoisyStep: options['no-noisy'] === true,
        withoutNameDocuments: options['no-name-documents'] === true,
        resume: options.resume === true,
        tiny: options.tiny === true,
        extraArgs: (options['trainer-arg'] as string[] | undefined) ?? [],
        keepTrainingBundle: options['keep-training-bundle'] === true,
        onLine: progress(options),
      })
      if (options.use === true) useModelBundle(workspace, summary.modelDir)
      return summary
    }),
  describe: (result) => [
    `Model ${result.modelVersion} in ${result.modelDir}: ${result.codes} codes, trained in ${result.trainingSeconds} s`,
    `  training records: ${Object.entries(result.trainingBundle.records).map(([split, count]) => `${count} ${split}`).join(', ')}`,
    `  golden check: ${result.golden.cases} cases, max |ONNX − PyTorch| = ${result.golden.maxAbsDifference.toExponential(2)} (tolerance ${result.golden.tolerance})`,
  ],
}

export const evalCommand: Command<ModelEvaluation> = {
  name: ['eval'],
  summary: 'Score dev/test records with the model (+ kNN + diagnosis names); threshold chosen on dev; top-50 and all-code metrics.',
  options: {
    workspace: WORKSPACE_OPTION,
    model: MODEL_OPTION,
    split: { type: 'string', description: 'dev or test (test: threshold still chosen on dev)', default: 'dev' },
    'no-knn': { type: 'boolean', description: 'without similar cases (ablation)' },
    'no-names': { type: 'boolean', description: 'without the diagnosis-name source (ablation)' },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, async (workspace) => {
      const split = requireString(options, 'split')
      if (split !== 'dev' && split !== 'test') throw new AppFailure('invalid-input', '--split must be dev or test.')
      const model = await openWorkspaceModel(workspace, modelDir(workspace, options), { threads: 2 })
      try {
        await fillDatastore(workspace.database, model)
        const splits: EvaluationSplit[] = split === 'test' ? ['dev', 'test'] : ['dev']
        const evaluation = await evaluateModel(workspace.database, model, { knn: options['no-knn'] !== true, names: options['no-names'] !== true, splits })
        if (split === 'test' && !evaluation.test) throw new AppFailure('not-found', 'The workspace has no labelled test records.')
        return evaluation
      } finally {
        await model.close()
      }
    }),
  describe: (result) =>
    (['dev', 'test'] as const).flatMap((split) => {
      const groups = result[split]
      if (!groups) return []
      return (['top50', 'all'] as const).map((group) => {
        const report = groups[group]
        return `${split} ${group.padEnd(5)}: micro-F1 ${report.micro_f1.toFixed(3)}  macro-F1 ${report.macro_f1.toFixed(3)}  micro-AUC ${report.micro_auc?.toFixed(3)}  macro-AUC ${report.macro_auc?.toFixed(3)}  P ${report.precision.toFixed(3)}  R ${report.recall.toFixed(3)}  R@5/9/15 ${[report.recall_at_5, report.recall_at_9, report.recall_at_15].map((value) => value?.toFixed(3) ?? '—').join('/')}  MAP ${report.map?.toFixed(3)}  (threshold ${report.threshold.toFixed(3)})`
      })
    }),
}

export const nameFlagsCommand: Command<NameFlagEvaluation> = {
  name: ['name-flags'],
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
      const model = await openWorkspaceModel(workspace, modelDir(workspace, options), { threads: 2 })
      try {
        await fillDatastore(workspace.database, model)
        const limit = numberOption(options, 'limit', 1, Number.MAX_SAFE_INTEGER)
        return await evaluateNameFlags(workspace.database, model, { split: requireString(options, 'split'), limit: limit === undefined ? undefined : Math.floor(limit) })
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

export const suggestCommand: Command<Suggestions> = {
  name: ['suggest'],
  summary: "Suggest codes for one record: probability, source, evidence and similar cases, as the coding view shows them.",
  options: {
    workspace: WORKSPACE_OPTION,
    model: MODEL_OPTION,
    record: { type: 'string', description: 'record id' },
    language: { type: 'string', description: 'language of code titles (e.g. zh)' },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, async (workspace) => {
      const recordId = requireString(options, 'record')
      const model = await openWorkspaceModel(workspace, modelDir(workspace, options), { threads: 2 })
      try {
        await fillDatastore(workspace.database, model)
        const scores = await model.scoreRecord(recordRowId(workspace.database, recordId))
        return toSuggestions(workspace.database, model, scores, { recordId, language: optionalString(options, 'language') })
      } finally {
        await model.close()
      }
    }),
  describe: (result) => [
    `Record ${result.recordId}, model ${result.modelVersion} (threshold ${result.threshold.toFixed(2)}, ${result.elapsedMs.toFixed(0)} ms):`,
    ...result.codes
      .filter((code) => code.probability >= result.threshold / 2)
      .map((code) => `  ${code.probability >= result.threshold ? '✓' : ' '} ${code.code.padEnd(9)} ${code.probability.toFixed(2)}  ${code.source.padEnd(7)} ${code.title}`),
    'Similar cases:',
    ...result.similarCases.map((item) => `  ${item.recordId}  similarity ${item.similarity.toFixed(2)}  ${item.codes.map((code) => code.code).join(' ')}`),
  ],
}

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

export const benchmarkCodiEspCodingCommand: Command<CodiEspCodingReport> = {
  name: ['benchmark', 'codiesp'],
  summary: 'The coding-model protocol on CodiEsp: import, simulate (clinicoco setting), train, threshold on dev, metrics and ablations.',
  options: {
    data: { type: 'string', description: 'CodiEsp folder (train/, dev/, optional test/ and background/)' },
    codes: { type: 'string', description: 'ICD-10-CM folder (default: icd10cm beside DATA)' },
    setting: { type: 'string', description: 'free-text or clinicoco', default: 'clinicoco' },
    'budget-minutes': { type: 'string', description: 'training time limit per trained model' },
    seed: { type: 'string', description: 'random seed', default: '13' },
    'work-dir': { type: 'string', description: 'scratch folder for the workspace and models (replaced; default: clinicoco-codiesp-benchmark-SETTING in the system temp folder)' },
    'training-ablations': { type: 'boolean', description: 'also retrain without step 1 and without step 2' },
    tiny: { type: 'boolean', description: 'a toy-sized model (tests)' },
    'trainer-arg': { type: 'string', multiple: true, description: 'extra trainer flag, repeatable' },
    quiet: { type: 'boolean', description: 'no progress lines on stderr' },
    json: JSON_OPTION,
  },
  run: (options) => {
    const data = resolve(requireString(options, 'data'))
    const setting = requireString(options, 'setting')
    if (setting !== 'free-text' && setting !== 'clinicoco') throw new AppFailure('invalid-input', '--setting must be free-text or clinicoco.')
    return runCodiEspCodingBenchmark({
      dataDir: data,
      codesDir: resolve(optionalString(options, 'codes') ?? defaultCodesDir(data)),
      setting: setting as CodiEspSetting,
      // Never beside the data: a dataset folder may be shared or read-only.
      workDir: resolve(optionalString(options, 'work-dir') ?? join(tmpdir(), `clinicoco-codiesp-benchmark-${setting}`)),
      budgetMinutes: numberOption(options, 'budget-minutes', 0.1, 10_000),
      seed: numberOption(options, 'seed', 0, 2 ** 31),
      trainingAblations: options['training-ablations'] === true,
      tiny: options.tiny === true,
      trainerArgs: (options['trainer-arg'] as string[] | undefined) ?? [],
      onLine: progress(options),
    })
  },
  describe: (result) => [
    `CodiEsp, ${result.setting} setting: model ${result.model.version} (${result.model.codes} codes), trained in ${result.training_seconds} s, ${result.ms_per_record} ms per record`,
    ...(['dev', 'test'] as const).flatMap((split) =>
      (['top50', 'all'] as const).flatMap((group) => {
        const report = result[split]?.[group]
        return report
          ? [`  ${split} ${group.padEnd(5)}: micro-F1 ${report.micro_f1}  macro-F1 ${report.macro_f1}  micro-AUC ${report.micro_auc}  macro-AUC ${report.macro_auc}  R@5 ${report.recall_at_5}  MAP ${report.map}`]
          : []
      }),
    ),
    '  ablations (dev micro-F1 top50 / all):',
    ...Object.entries(result.ablations).map(([name, value]) => `    ${name.padEnd(20)} ${value.top50} / ${value.all}`),
  ],
}
