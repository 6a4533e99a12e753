/**
 * `clinicoco benchmark …`: every benchmark on a public corpus, the normaliser's
 * (CHIP-CDN, CodiEsp mentions, ICD-10-CM index, generated Chinese EMRs) and the coding model's (CodiEsp).
 */
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { runChineseEmrBenchmark, type ChineseEmrBenchmarkReport, type LabelRunScores } from '../../evaluation/chinese-emr-benchmark.js'
import { DEFAULT_BENCHMARK_ENCODER_MINUTES, type BenchmarkEncoderOptions } from '../../evaluation/benchmark-encoder.js'
import { runChipCdnBenchmark, type ChipCdnReport } from '../../evaluation/chip-cdn-benchmark.js'
import { runCodiEspBenchmark, type CodiEspReport } from '../../evaluation/codiesp-mentions-benchmark.js'
import { runCodiEspCodingBenchmark, type CodiEspCodingReport } from '../../evaluation/codiesp-coding-benchmark.js'
import { defaultCodesDir, type CodiEspSetting } from '../../evaluation/codiesp-workspace.js'
import { runIcd10cmIndexBenchmark, type IndexBenchmarkReport } from '../../evaluation/icd10cm-index-benchmark.js'
import { JSON_OPTION, choiceOption, numberOption, optionalString, progressLines, requireNumber, requireString } from '../command.js'
import type { Command, OptionSpec, ParsedOptions } from '../command.js'

const DATA_OPTION = { type: 'string', description: 'data directory' } as const

/** The name encoder in the normaliser benchmarks: trained on the training part in the run, or taken from --encoder; --no-encoder is the ablation. */
const ENCODER_OPTIONS: Record<string, OptionSpec> = {
  'no-encoder': { type: 'boolean', description: 'lexical normaliser only (the ablation)' },
  'encoder-budget-minutes': { type: 'string', description: 'minutes of name-encoder training', default: String(DEFAULT_BENCHMARK_ENCODER_MINUTES) },
  encoder: { type: 'string', description: "a name-encoder bundle trained on this benchmark's training part (skips training)" },
  'keep-encoder': { type: 'string', description: 'keep the trained name encoder in this folder' },
}

function encoderOptions(options: ParsedOptions): BenchmarkEncoderOptions | undefined {
  if (options['no-encoder'] === true) return undefined
  const minutes = requireNumber(options, 'encoder-budget-minutes', { min: 0.1, max: 10_000 })
  const encoderDir = optionalString(options, 'encoder')
  const keepAt = optionalString(options, 'keep-encoder')
  return {
    budgetMinutes: minutes,
    ...(encoderDir ? { encoderDir: resolve(encoderDir) } : {}),
    ...(keepAt ? { keepAt: resolve(keepAt) } : {}),
    onLine: (line) => console.error(`  encoder: ${line}`),
  }
}

function encoderLine(report: { encoder: { encoder_version: string; training_seconds: number | null; term_index: { terms: number; build_ms: number } } | null }): string {
  const { encoder } = report
  return encoder
    ? `  name encoder ${encoder.encoder_version}: trained ${encoder.training_seconds ?? '(given)'} s, ${encoder.term_index.terms} terms indexed in ${encoder.term_index.build_ms} ms`
    : '  no name encoder (lexical only)'
}

export const benchmarkChipCdnCommand: Command<ChipCdnReport> = {
  name: ['benchmark', 'chip-cdn'],
  access: 'none',
  summary: 'Diagnosis-name normaliser on CHIP-CDN: train on train.json, score dev.json/test.json (or a seeded 20% of train).',
  options: { data: DATA_OPTION, ...ENCODER_OPTIONS, json: JSON_OPTION },
  run: (options) => {
    const encoder = encoderOptions(options)
    return runChipCdnBenchmark(resolve(requireString(options, 'data')), encoder ? { encoder } : {})
  },
  describe: (result) => [
    `CHIP-CDN (${result.split}); ${result.train_count} training names, threshold ${result.threshold}`,
    ...(['dev', 'test'] as const).flatMap((split) => {
      const scores = result[split]
      return scores ? [`  ${split}: F1 ${scores.f1}  acc@1 ${scores.accuracy_at_1}  acc@5 ${scores.accuracy_at_5}  ECE ${scores.calibration_error}  (${scores.count})`] : []
    }),
    `  latency per name: p50 ${result.latency.p50_ms} ms, p95 ${result.latency.p95_ms} ms`,
    encoderLine(result),
  ],
}

export const benchmarkCodiEspCommand: Command<CodiEspReport> = {
  name: ['benchmark', 'codiesp-mentions'],
  access: 'none',
  summary: 'Diagnosis-name normaliser on CodiEsp evidence mentions: train on train mentions, score dev (and test).',
  options: {
    data: DATA_OPTION,
    codes: { type: 'string', description: 'ICD-10-CM directory for titles (default: icd10cm beside DATA)' },
    ...ENCODER_OPTIONS,
    json: JSON_OPTION,
  },
  run: (options) => {
    const data = resolve(requireString(options, 'data'))
    const encoder = encoderOptions(options)
    return runCodiEspBenchmark(data, { codesDirectory: resolve(optionalString(options, 'codes') ?? join(dirname(data), 'icd10cm')), ...(encoder ? { encoder } : {}) })
  },
  describe: (result) => [
    `CodiEsp mentions; ${result.train_count} training mentions, threshold ${result.threshold}`,
    ...(['dev', 'test'] as const).flatMap((split) => {
      const scores = result[split]
      const titles = result.titles_only[split]
      return scores
        ? [
            `  ${split}: acc@1 ${scores.accuracy_at_1}  acc@5 ${scores.accuracy_at_5}  F1 ${scores.f1}  ECE ${scores.calibration_error}  (${scores.count})`,
            ...(titles ? [`  ${split}, titles only: acc@1 ${titles.accuracy_at_1}  acc@5 ${titles.accuracy_at_5}`] : []),
            `  ${split}, exact lookup baseline: acc@1 ${result.exact_lookup_baseline[split]?.accuracy_at_1}`,
          ]
        : []
    }),
    `  latency per name: p50 ${result.latency.p50_ms} ms, p95 ${result.latency.p95_ms} ms`,
    encoderLine(result),
  ],
}

export const benchmarkIcd10cmIndexCommand: Command<IndexBenchmarkReport> = {
  name: ['benchmark', 'icd10cm-index'],
  access: 'none',
  summary: 'English zero-shot: ICD-10-CM index term paths as names, matched against titles only (no index terms, no pairs).',
  options: {
    data: { type: 'string', description: 'ICD-10-CM directory (code table, chapters, index paths)' },
    sample: { type: 'string', description: 'index rows scored, evenly spread', default: '3000' },
    ...ENCODER_OPTIONS,
    json: JSON_OPTION,
  },
  run: (options) => {
    const encoder = encoderOptions(options)
    return runIcd10cmIndexBenchmark(resolve(requireString(options, 'data')), { sample: requireNumber(options, 'sample', { min: 1, max: 1_000_000, whole: true }), ...(encoder ? { encoder } : {}) })
  },
  describe: (result) => [
    `ICD-10-CM index paths as names (${result.test.count} of ${result.index_terms}), titles only:`,
    `  acc@1 ${result.test.accuracy_at_1}  acc@5 ${result.test.accuracy_at_5}  F1 ${result.test.f1}`,
    `  latency per name: p50 ${result.latency.p50_ms} ms, p95 ${result.latency.p95_ms} ms`,
    encoderLine(result),
  ],
}

export const benchmarkChineseEmrCommand: Command<ChineseEmrBenchmarkReport> = {
  name: ['benchmark', 'chinese-emr'],
  access: 'none',
  summary: 'Normaliser on generated Chinese inpatient records (clinical 2.0): list splitting, and labels vs gold codes on held-out records — zero-shot, with pairs learned from the other records, and with a fitted ranker.',
  options: {
    codes: { type: 'string', description: 'folder with clinical-2.0.tsv, disease_catalog.csv, disease.csv', default: '../shared/data/icd10-cn' },
    records: { type: 'string', description: 'number of records to generate', default: '600' },
    seed: { type: 'string', description: 'generator seed', default: '17' },
    'test-share': { type: 'string', description: 'share of records held out for scoring', default: '0.3' },
    'no-fit': { type: 'boolean', description: 'skip the fitted-ranker run' },
    workspace: { type: 'string', description: 'keep the benchmark workspace in this folder (default: a temporary one)' },
    json: JSON_OPTION,
  },
  run: (options) => {
    const records = requireNumber(options, 'records', { min: 10, max: 200_000, whole: true })
    const seed = requireNumber(options, 'seed', { min: 0, max: 2 ** 31, whole: true })
    const testShare = requireNumber(options, 'test-share', { min: 0.01, max: 0.99 })
    const workspace = optionalString(options, 'workspace')
    return runChineseEmrBenchmark({
      codesDir: resolve(String(options.codes)),
      records,
      seed,
      testShare,
      fit: options['no-fit'] !== true,
      ...(workspace ? { workspaceDir: resolve(workspace) } : {}),
    })
  },
  describe: (result) => {
    const row = (name: string, run: LabelRunScores | null): string[] =>
      run === null
        ? []
        : [
            `  ${name} (${run.ranker}; ${run.acceptedPerName} codes per name, ${run.perNameMs} ms per name):`,
            `    F1 full code ${run.quality.full.f1} (P ${run.quality.full.precision}, R ${run.quality.full.recall}) · 7 characters ${run.quality.sevenCharacters.f1} · category ${run.quality.category.f1}`,
            `    primary code found ${run.quality.primary.recall} (category ${run.quality.primary.categoryRecall}); ECE ${run.quality.calibrationError}`,
          ]
    return [
      `${result.records} generated records (seed ${result.seed}), code set ${result.codeSet}`,
      `  import: ${result.import.inserted} records, ${result.import.rejected} rejected; gold codes in the code set ${result.import.goldCodes ? `${result.import.goldCodes.inCodeSet}/${result.import.goldCodes.total}` : 'not checked'}`,
      `  list splitting (${result.listSplitting.lists} lists, ${result.listSplitting.items} items): import exact ${result.listSplitting.importExact}, normaliser segments exact ${result.listSplitting.normaliserSegmentsExact}`,
      `  labels vs gold on ${result.split.test} held-out records (${result.split.train} teach; recall names can reach: ${result.reachableRecall}):`,
      ...row('zero-shot', result.zeroShot),
      ...row(`learned ${result.learned.goldPairs.pairs} pairs from gold codes`, result.learned),
      ...row('learned pairs + fitted ranker', result.fitted),
      `  ${result.elapsedSeconds} s`,
    ]
  },
}

export const benchmarkCodiEspCodingCommand: Command<CodiEspCodingReport> = {
  name: ['benchmark', 'codiesp'],
  access: 'none',
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
    const setting: CodiEspSetting = choiceOption(options, 'setting', ['free-text', 'clinicoco'] as const) ?? 'clinicoco'
    return runCodiEspCodingBenchmark({
      dataDir: data,
      codesDir: resolve(optionalString(options, 'codes') ?? defaultCodesDir(data)),
      setting,
      // Never beside the data: a dataset folder may be shared or read-only.
      workDir: resolve(optionalString(options, 'work-dir') ?? join(tmpdir(), `clinicoco-codiesp-benchmark-${setting}`)),
      budgetMinutes: numberOption(options, 'budget-minutes', { min: 0.1, max: 10_000 }),
      seed: numberOption(options, 'seed', { min: 0, max: 2 ** 31, whole: true }),
      trainingAblations: options['training-ablations'] === true,
      tiny: options.tiny === true,
      trainerArgs: (options['trainer-arg'] as string[] | undefined) ?? [],
      onLine: progressLines(options),
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
