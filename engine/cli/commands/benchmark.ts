import { dirname, join, resolve } from 'node:path'
import { runChipCdnBenchmark, type ChipCdnReport } from '../../normalize/chip-cdn-benchmark.js'
import { runCodiEspBenchmark, type CodiEspReport } from '../../normalize/codiesp-benchmark.js'
import { runIcd10cmIndexBenchmark, type IndexBenchmarkReport } from '../../normalize/icd10cm-index-benchmark.js'
import { JSON_OPTION, optionalString, requireString } from '../command.js'
import type { Command } from '../command.js'

const DATA_OPTION = { type: 'string', description: 'data directory' } as const

export const benchmarkChipCdnCommand: Command<ChipCdnReport> = {
  name: ['benchmark', 'chip-cdn'],
  summary: 'Diagnosis-name normaliser on CHIP-CDN: train on train.json, score dev.json/test.json (or a seeded 20% of train).',
  options: { data: DATA_OPTION, json: JSON_OPTION },
  run: (options) => runChipCdnBenchmark(resolve(requireString(options, 'data'))),
  describe: (result) => [
    `CHIP-CDN (${result.split}); ${result.train_count} training names, threshold ${result.threshold}`,
    ...(['dev', 'test'] as const).flatMap((split) => {
      const scores = result[split]
      return scores ? [`  ${split}: F1 ${scores.f1}  acc@1 ${scores.accuracy_at_1}  acc@5 ${scores.accuracy_at_5}  ECE ${scores.calibration_error}  (${scores.count})`] : []
    }),
    `  latency per name: p50 ${result.latency.p50_ms} ms, p95 ${result.latency.p95_ms} ms`,
  ],
}

export const benchmarkCodiEspCommand: Command<CodiEspReport> = {
  name: ['benchmark', 'codiesp-mentions'],
  summary: 'Diagnosis-name normaliser on CodiEsp evidence mentions: train on train mentions, score dev (and test).',
  options: {
    data: DATA_OPTION,
    codes: { type: 'string', description: 'ICD-10-CM directory for titles (default: icd10cm beside DATA)' },
    json: JSON_OPTION,
  },
  run: (options) => {
    const data = resolve(requireString(options, 'data'))
    return runCodiEspBenchmark(data, { codesDirectory: resolve(optionalString(options, 'codes') ?? join(dirname(data), 'icd10cm')) })
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
  ],
}

export const benchmarkIcd10cmIndexCommand: Command<IndexBenchmarkReport> = {
  name: ['benchmark', 'icd10cm-index'],
  summary: 'English zero-shot: ICD-10-CM index term paths as names, matched against titles only (no index terms, no pairs).',
  options: {
    data: { type: 'string', description: 'ICD-10-CM directory (code table, chapters, index paths)' },
    sample: { type: 'string', description: 'index rows scored, evenly spread', default: '3000' },
    json: JSON_OPTION,
  },
  run: (options) => runIcd10cmIndexBenchmark(resolve(requireString(options, 'data')), { sample: Number(options.sample) }),
  describe: (result) => [
    `ICD-10-CM index paths as names (${result.test.count} of ${result.index_terms}), titles only:`,
    `  acc@1 ${result.test.accuracy_at_1}  acc@5 ${result.test.accuracy_at_5}  F1 ${result.test.f1}`,
    `  latency per name: p50 ${result.latency.p50_ms} ms, p95 ${result.latency.p95_ms} ms`,
  ],
}
