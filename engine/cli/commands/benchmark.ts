import { dirname, join, resolve } from 'node:path'
import { AppFailure } from '../../../contract/result.js'
import { DEFAULT_BENCHMARK_ENCODER_MINUTES, type BenchmarkEncoderOptions } from '../../normalize/benchmark-encoder.js'
import { runChipCdnBenchmark, type ChipCdnReport } from '../../normalize/chip-cdn-benchmark.js'
import { runCodiEspBenchmark, type CodiEspReport } from '../../normalize/codiesp-benchmark.js'
import { runIcd10cmIndexBenchmark, type IndexBenchmarkReport } from '../../normalize/icd10cm-index-benchmark.js'
import { JSON_OPTION, optionalString, requireString } from '../command.js'
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
  const minutes = Number(options['encoder-budget-minutes'])
  if (!Number.isFinite(minutes) || minutes <= 0) throw new AppFailure('invalid-input', '--encoder-budget-minutes must be a positive number.')
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
    return runIcd10cmIndexBenchmark(resolve(requireString(options, 'data')), { sample: Number(options.sample), ...(encoder ? { encoder } : {}) })
  },
  describe: (result) => [
    `ICD-10-CM index paths as names (${result.test.count} of ${result.index_terms}), titles only:`,
    `  acc@1 ${result.test.accuracy_at_1}  acc@5 ${result.test.accuracy_at_5}  F1 ${result.test.f1}`,
    `  latency per name: p50 ${result.latency.p50_ms} ms, p95 ${result.latency.p95_ms} ms`,
    encoderLine(result),
  ],
}
