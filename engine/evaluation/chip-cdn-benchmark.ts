/**
 * CHIP-CDN (CBLUE): clinician-written Chinese diagnosis strings, each with
 * one or more standard names (`##`-separated) of the Beijing clinical v601
 * table. Trains on `train.json` (the pairs become the confirmed-pair memory,
 * the ranker is fitted on them), scores `dev.json` / `test.json` when present,
 * else a fixed seeded 20% of train held out as dev. Scored in standard names,
 * as CBLUE scores it (several v601 codes share a name).
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { AppFailure } from '../../contract/result.js'
import { SeededRandom } from '../random/seeded-random.js'
import { parseJsonText } from '../io/json-text.js'
import { decodeText } from '../io/decode-text.js'
import { readSourceFile } from '../io/source-file.js'
import { readChineseTable } from '../taxonomy/importers/read-chinese-table.js'
import { attachBenchmarkEncoder, type AttachedEncoder, type BenchmarkEncoderOptions, type BenchmarkEncoderReport } from './benchmark-encoder.js'
import { encodeNames } from '../normalize/encoder-matcher.js'
import { latencySummary, scoreNames, type LatencySummary, type SplitScores } from '../normalize/evaluation.js'
import { buildLexicon } from '../normalize/lexicon.js'
import { createNormalizer, type Normalizer } from '../normalize/normalizer.js'
import type { ConfirmedPair } from '../normalize/pair-memory.js'
import { describeRanker } from '../normalize/ranker.js'
import { splitDiagnosisName } from '../normalize/split-name.js'
import { contentUnits, normaliseText } from '../normalize/text-features.js'
import { chooseThreshold, fitNormalizerRanker, scoreName, type AnswerOf, type LabelledName } from '../normalize/train-normalizer.js'

export interface ChipCdnExample {
  text: string
  names: string[]
}

export interface ChipCdnOptions {
  /** Use at most this many training examples (tests use a slice to stay fast). */
  trainLimit?: number
  /** Score at most this many examples per evaluation split. */
  evalLimit?: number
  /** Fit the ranker on at most this many training examples (default 2,500). */
  fitLimit?: number
  seed?: number
  /** Train (or take) a name encoder on the training part and fuse it; absent: lexical only (the ablation). */
  encoder?: BenchmarkEncoderOptions
}

export interface ChipCdnReport {
  benchmark: 'chip-cdn'
  data: string
  /** How dev was formed: the given dev.json, or a held-out share of train. */
  split: string
  train_count: number
  code_set: { codes: number; terms: number; build_ms: number }
  threshold: number
  ranker: ReturnType<typeof describeRanker>
  /** Gold names missing from the v601 table (no code can produce them). */
  unreachable_gold_share: Record<string, number>
  /** Per name, including splitting, embedding the parts (when there is an encoder), both indexes, features, trees and set rescoring. */
  latency: LatencySummary
  /** null: run without the name encoder. */
  encoder: BenchmarkEncoderReport | null
  dev?: SplitScores
  test?: SplitScores
}

const HOLDOUT_SHARE = 0.2
const DEFAULT_SEED = 20_240_601
// Fitting on all 4,800 training names instead gives the same dev F1 (0.583) in twice the time.
const DEFAULT_FIT_LIMIT = 2_500

export function readChipCdnExamples(path: string): ChipCdnExample[] {
  const { text } = decodeText(readSourceFile(path).bytes, 'utf-8', path)
  const parsed = parseJsonText(text, path)
  if (!Array.isArray(parsed)) throw new AppFailure('import-failed', `${path}: expected a JSON array of {text, normalized_result}.`)
  return parsed.map((item: unknown, position) => {
    const row = item as { text?: unknown; normalized_result?: unknown }
    if (typeof row.text !== 'string') throw new AppFailure('import-failed', `${path}: item ${position} has no "text" string.`)
    const result = typeof row.normalized_result === 'string' ? row.normalized_result : ''
    // A name that holds a comma is quoted in the file ("下肢未特指的损伤,水平未特指"); the table writes it bare.
    const names = result.split('##').map((name) => name.trim().replace(/^"(.*)"$/, '$1')).filter((name) => name !== '')
    return { text: row.text, names }
  })
}

export async function runChipCdnBenchmark(directory: string, options: ChipCdnOptions = {}): Promise<ChipCdnReport> {
  const tablePath = findTable(directory)
  const trainPath = join(directory, 'train.json')
  if (!existsSync(trainPath)) throw new AppFailure('invalid-input', `${directory}: no train.json (CHIP-CDN format).`)
  let train = readChipCdnExamples(trainPath)
  const splits: Record<string, ChipCdnExample[]> = {}
  let split: string
  if (existsSync(join(directory, 'dev.json'))) {
    splits.dev = readChipCdnExamples(join(directory, 'dev.json'))
    split = 'dev.json as given'
  } else {
    const order = shuffledIndexes(train.length, options.seed ?? DEFAULT_SEED)
    const holdout = new Set(order.slice(0, Math.round(train.length * HOLDOUT_SHARE)))
    splits.dev = train.filter((_, index) => holdout.has(index))
    train = train.filter((_, index) => !holdout.has(index))
    split = `no dev.json: dev is a fixed seeded ${HOLDOUT_SHARE * 100}% of train.json (seed ${options.seed ?? DEFAULT_SEED}), trained on the other ${100 - HOLDOUT_SHARE * 100}%`
  }
  if (existsSync(join(directory, 'test.json'))) splits.test = readChipCdnExamples(join(directory, 'test.json'))
  if (options.trainLimit !== undefined) train = train.slice(0, options.trainLimit)

  const started = performance.now()
  const codeSet = readChineseTable(tablePath, { name: 'chip-cdn', version: 'v601', label: 'Beijing clinical v601' }).codeSet
  const lexicon = buildLexicon(codeSet.codes, [])
  const buildMs = performance.now() - started
  const codeByName = canonicalCodes(lexicon.codes)
  const answerOf: AnswerOf = (_normalizer, _code, title) => title

  const pairs = train.flatMap((example, index) => alignPairs(example, `train:${index}`, codeByName))
  const lexical = createNormalizer(lexicon, pairs)
  const labelled = train.map((example, index) => ({ name: example.text, gold: example.names, source: `train:${index}` }))
  const fitting = labelled.slice(0, options.fitLimit ?? DEFAULT_FIT_LIMIT)
  // The encoder learns from the training names the ranker is not fitted on: fitted on
  // names the encoder was trained with, the ranker would trust its similarity too much.
  const attached: AttachedEncoder | null = options.encoder
    ? await attachBenchmarkEncoder(
        lexical,
        {
          texts: [...lexicon.termText, ...train.map((example) => example.text)],
          pairs: train.slice(fitting.length).flatMap((example, index) =>
            alignPairs(example, `train:${index}`, codeByName).map((pair) => ({ name: pair.name, code: pair.code, title: lexicon.codes[lexicon.codeNumber.get(pair.code) ?? -1]?.title ?? '' })),
          ),
        },
        fitting.map((item) => item.name),
        options.encoder,
      )
    : null
  const untrained = attached?.normalizer ?? lexical
  const ranker = fitNormalizerRanker(untrained, fitting, answerOf)
  const fitted: Normalizer = { ...untrained, ranker }
  const threshold = chooseThreshold(fitted, fitting, answerOf)
  const normalizer: Normalizer = { ...fitted, threshold }

  const report: ChipCdnReport = {
    benchmark: 'chip-cdn',
    data: directory,
    split,
    train_count: train.length,
    code_set: { codes: lexicon.codes.length, terms: lexicon.termText.length, build_ms: Math.round(buildMs) },
    threshold,
    ranker: describeRanker(ranker),
    unreachable_gold_share: {},
    latency: { p50_ms: 0, p95_ms: 0, names: 0 },
    encoder: attached?.report ?? null,
  }
  const latencies: number[] = []
  for (const [name, examples] of Object.entries(splits)) {
    const scored = []
    for (const example of examples.slice(0, options.evalLimit ?? examples.length)) {
      const timer = performance.now()
      await encodeNames(normalizer, [example.text])
      scored.push(scoreName(normalizer, { name: example.text, gold: example.names, source: null } satisfies LabelledName, answerOf, threshold))
      latencies.push(performance.now() - timer)
    }
    const golds = scored.flatMap((item) => item.gold)
    report.unreachable_gold_share[name] = Number((golds.filter((gold) => !codeByName.has(gold)).length / Math.max(1, golds.length)).toFixed(4))
    if (name === 'dev' || name === 'test') report[name] = scoreNames(scored)
  }
  report.latency = latencySummary(latencies)
  await attached?.close()
  return report
}

/** The code a standard name stands for: the first assignable code titled so, else the first. */
function canonicalCodes(codes: Array<{ code: string; title: string; assignable: boolean }>): Map<string, string> {
  const byName = new Map<string, string>()
  for (const entry of codes) if (entry.assignable && !byName.has(entry.title)) byName.set(entry.title, entry.code)
  for (const entry of codes) if (!byName.has(entry.title)) byName.set(entry.title, entry.code)
  return byName
}

/**
 * A training string with several parts and several names: each name is paired
 * with the part that shares most of its characters, so the memory learns
 * "高血压" → 高血压 and not the whole string → every name.
 */
export function alignPairs(example: ChipCdnExample, source: string, codeByName: Map<string, string>): ConfirmedPair[] {
  const segments = splitDiagnosisName(normaliseText(example.text), null).filter((part) => part.kind === 'segment')
  const pairs: ConfirmedPair[] = []
  for (const name of example.names) {
    const code = codeByName.get(name)
    if (code === undefined) continue
    let best = { text: example.text, overlap: -1 }
    if (segments.length > 1) {
      const nameUnits = contentUnits(normaliseText(name))
      for (const segment of segments) {
        const units = contentUnits(segment.text)
        let shared = 0
        for (const unit of nameUnits) if (units.has(unit)) shared += 1
        const overlap = shared / Math.max(1, nameUnits.size)
        if (overlap > best.overlap) best = { text: segment.text, overlap }
      }
    }
    pairs.push({ name: best.text, code, source })
    if (segments.length > 1) pairs.push({ name: example.text, code, source })
  }
  return pairs
}

function findTable(directory: string): string {
  if (!existsSync(directory)) throw new AppFailure('invalid-input', `${directory}: no such directory.`)
  const tables = readdirSync(directory).filter((name) => name.endsWith('.tsv')).sort()
  const table = tables.find((name) => name.includes('v601')) ?? tables[0]
  if (!table) throw new AppFailure('invalid-input', `${directory}: no v601 code table (*.tsv) found.`)
  return join(directory, table)
}

function shuffledIndexes(count: number, seed: number): number[] {
  return new SeededRandom(seed).shuffle(Array.from({ length: count }, (_, index) => index))
}
