/**
 * CodiEsp evidence mentions (CLEF eHealth 2020): each DIAGNOSTICO row of
 * `<split>X.tsv` pairs a Spanish mention ("teste derecho aumentado de tamaño")
 * with its ICD-10-CM code. Trains on the train mentions (they become the
 * confirmed-pair memory; the ranker is fitted on them, each scored with its own
 * document's pairs left out), scores dev (and test when present) by accuracy@1/@5
 * and set F1 of the accepted codes. A titles-only run (empty memory, default
 * ranker) shows what the English ICD-10-CM titles and index terms alone give;
 * exact lookup of the lower-cased mention is the reference baseline.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { AppFailure } from '../../contract/result.js'
import { parseDelimited } from '../io/delimited.js'
import { decodeText } from '../io/decode-text.js'
import { readSourceFile } from '../io/source-file.js'
import { readIcd10cm } from '../taxonomy/importers/read-icd10cm.js'
import { attachBenchmarkEncoder, type AttachedEncoder, type BenchmarkEncoderOptions, type BenchmarkEncoderReport } from './benchmark-encoder.js'
import { encodeNames } from '../normalize/encoder-matcher.js'
import { latencySummary, scoreNames, type LatencySummary, type SplitScores } from '../normalize/evaluation.js'
import { buildLexicon } from '../normalize/lexicon.js'
import { createNormalizer, type Normalizer } from '../normalize/normalizer.js'
import { describeRanker } from '../normalize/ranker.js'
import { normaliseText } from '../normalize/text-features.js'
import { chooseThreshold, fitNormalizerRanker, scoreName, type AnswerOf, type LabelledName } from '../normalize/train-normalizer.js'

export interface CodiEspMention {
  document: string
  code: string
  mention: string
}

export interface CodiEspOptions {
  /** ICD-10-CM directory (titles, hierarchy, index terms). */
  codesDirectory: string
  /** Fit the ranker on at most this many training mentions (spread over the file). */
  fitLimit?: number
  /** Score at most this many mentions per split. */
  evalLimit?: number
  /** Leave the Alphabetic Index terms out of the lexicon (faster; tests). */
  withoutIndexTerms?: boolean
  /** Train (or take) a name encoder on the train mentions and the code set, and fuse it; absent: lexical only (the ablation). */
  encoder?: BenchmarkEncoderOptions
}

export interface CodiEspReport {
  benchmark: 'codiesp-mentions'
  data: string
  codes: string
  train_count: number
  code_set: { codes: number; terms: number; build_ms: number }
  threshold: number
  ranker: ReturnType<typeof describeRanker>
  /** Mentions whose gold code is not in the code table. */
  unreachable_gold_share: Record<string, number>
  /** Lower-cased mention looked up in the train pairs (most frequent code). */
  exact_lookup_baseline: Record<string, { accuracy_at_1: number; count: number }>
  latency: LatencySummary
  /** null: run without the name encoder. */
  encoder: BenchmarkEncoderReport | null
  dev?: SplitScores
  test?: SplitScores
  titles_only: { dev?: SplitScores; test?: SplitScores }
}

export function readCodiEspMentions(path: string): CodiEspMention[] {
  const { text } = decodeText(readSourceFile(path).bytes, 'auto', path)
  const table = parseDelimited(text, { file: path, delimiter: '\t', quoting: 'none', header: false, columns: 5 })
  const mentions: CodiEspMention[] = []
  for (const { fields } of table.rows) {
    const [document = '', kind = '', code = '', mention = ''] = fields.map((field) => field.trim())
    if (kind === 'DIAGNOSTICO' && code !== '' && mention !== '') mentions.push({ document, code: code.toUpperCase(), mention })
  }
  return mentions
}

export async function runCodiEspBenchmark(directory: string, options: CodiEspOptions): Promise<CodiEspReport> {
  const splitFile = (split: string): string => join(directory, split, `${split}X.tsv`)
  if (!existsSync(splitFile('train'))) throw new AppFailure('invalid-input', `${directory}: no train/trainX.tsv (CodiEsp layout).`)
  const train = readCodiEspMentions(splitFile('train'))
  const evaluation: Record<string, CodiEspMention[]> = {}
  for (const split of ['dev', 'test']) if (existsSync(splitFile(split))) evaluation[split] = readCodiEspMentions(splitFile(split))

  const started = performance.now()
  const icd = readIcd10cm(options.codesDirectory)
  const terms = options.withoutIndexTerms ? icd.codeSet.terms.filter((term) => term.kind !== 'index') : icd.codeSet.terms
  const lexicon = buildLexicon(icd.codeSet.codes, terms)
  const buildMs = performance.now() - started
  const answerOf: AnswerOf = (_normalizer, code) => code

  const pairs = train.map((row) => ({ name: row.mention, code: row.code, source: row.document }))
  const lexical = createNormalizer(lexicon, pairs)
  const labelled = train.map((row) => ({ name: row.mention, gold: [row.code], source: row.document }))
  const fitting = spread(labelled, options.fitLimit ?? 2500)
  const attached = options.encoder ? await attachEncoder(lexical, train, new Set(fitting), labelled, options.encoder) : null
  const untrained = attached?.normalizer ?? lexical
  const ranker = fitNormalizerRanker(untrained, fitting, answerOf)
  const threshold = chooseThreshold({ ...untrained, ranker }, fitting, answerOf)
  const normalizer: Normalizer = { ...untrained, ranker, threshold }
  const titlesOnly = createNormalizer(lexicon, [])

  const lookup = exactLookup(train)
  const report: CodiEspReport = {
    benchmark: 'codiesp-mentions',
    data: directory,
    codes: options.codesDirectory,
    train_count: train.length,
    code_set: { codes: lexicon.codes.length, terms: lexicon.termText.length, build_ms: Math.round(buildMs) },
    threshold,
    ranker: describeRanker(ranker),
    unreachable_gold_share: {},
    exact_lookup_baseline: {},
    latency: { p50_ms: 0, p95_ms: 0, names: 0 },
    encoder: attached?.report ?? null,
    titles_only: {},
  }
  const latencies: number[] = []
  for (const [split, rows] of Object.entries(evaluation)) {
    const limited = options.evalLimit === undefined ? rows : spread(rows, options.evalLimit)
    const names: LabelledName[] = limited.map((row) => ({ name: row.mention, gold: [row.code], source: null }))
    const scored = []
    for (const name of names) {
      const timer = performance.now()
      await encodeNames(normalizer, [name.name])
      scored.push(scoreName(normalizer, name, answerOf, threshold))
      latencies.push(performance.now() - timer)
    }
    const titles = names.map((name) => scoreName(titlesOnly, name, answerOf, titlesOnly.threshold))
    report.unreachable_gold_share[split] = round(limited.filter((row) => !lexicon.codeNumber.has(row.code)).length / Math.max(1, limited.length))
    report.exact_lookup_baseline[split] = {
      accuracy_at_1: round(limited.filter((row) => lookup.get(normaliseText(row.mention)) === row.code).length / Math.max(1, limited.length)),
      count: limited.length,
    }
    if (split === 'dev' || split === 'test') {
      report[split] = scoreNames(scored)
      report.titles_only[split] = scoreNames(titles)
    }
  }
  report.latency = latencySummary(latencies)
  await attached?.close()
  return report
}

// Synonym pairs (index term → the code's title) beside the mention pairs: at most this many per mention pair, so the Spanish mentions are not drowned in English.
const SYNONYM_PAIRS_PER_MENTION_PAIR = 3

/**
 * The encoder learns from the code set's terms and the train mentions the
 * ranker is not fitted on (fitted on mentions the encoder was trained with,
 * the ranker would trust its similarity too much).
 */
function attachEncoder(
  lexical: Normalizer,
  train: CodiEspMention[],
  fitting: Set<LabelledName>,
  labelled: LabelledName[],
  options: BenchmarkEncoderOptions,
): Promise<AttachedEncoder> {
  const { lexicon } = lexical
  const titleOf = (code: string): string => lexicon.codes[lexicon.codeNumber.get(code) ?? -1]?.title ?? ''
  const mentionPairs = train
    .filter((_, index) => !fitting.has(labelled[index] as LabelledName))
    .map((row) => ({ name: row.mention, code: row.code, title: titleOf(row.code) }))
    .filter((pair) => pair.title !== '')
  const synonymPairs = spread(
    lexicon.termText.flatMap((term, number) => {
      const entry = lexicon.codes[lexicon.termCode[number] ?? -1]
      return entry && term !== entry.title ? [{ name: term, code: entry.code, title: entry.title }] : []
    }),
    mentionPairs.length * SYNONYM_PAIRS_PER_MENTION_PAIR,
  )
  return attachBenchmarkEncoder(
    lexical,
    { texts: [...lexicon.termText, ...train.map((row) => row.mention)], pairs: [...mentionPairs, ...synonymPairs] },
    [...fitting].map((name) => name.name),
    options,
  )
}

/** Mention (normalised) → its most frequent code in the train pairs. */
function exactLookup(train: CodiEspMention[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>()
  for (const row of train) {
    const key = normaliseText(row.mention)
    const byCode = counts.get(key) ?? new Map<string, number>()
    byCode.set(row.code, (byCode.get(row.code) ?? 0) + 1)
    counts.set(key, byCode)
  }
  const lookup = new Map<string, string>()
  for (const [key, byCode] of counts) {
    const best = [...byCode].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]
    if (best) lookup.set(key, best[0])
  }
  return lookup
}

/** At most `limit` items, evenly spread over the list (deterministic). */
function spread<T>(items: T[], limit: number): T[] {
  if (items.length <= limit) return items
  const step = items.length / limit
  return Array.from({ length: limit }, (_, index) => items[Math.floor(index * step)] as T)
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000
}
