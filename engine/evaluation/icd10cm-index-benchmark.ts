/**
 * English zero-shot: ICD-10-CM Alphabetic Index term paths ("Aberrant |
 * artery | cerebral") as diagnosis names, their codes as gold, matched
 * against a lexicon built *without* the index terms (titles and short titles
 * only) and with no confirmed pairs: what the code set alone gives for English
 * names it does not list. Scores an evenly spread sample of the index rows.
 */
import { join } from 'node:path'
import { readIcd10cm } from '../taxonomy/importers/read-icd10cm.js'
import { attachBenchmarkEncoder, type BenchmarkEncoderOptions, type BenchmarkEncoderReport } from './benchmark-encoder.js'
import { encodeNames } from '../normalize/encoder-matcher.js'
import { latencySummary, scoreNames, type LatencySummary, type SplitScores } from '../normalize/evaluation.js'
import { buildLexicon } from '../normalize/lexicon.js'
import { createNormalizer } from '../normalize/normalizer.js'
import { scoreName, type AnswerOf } from '../normalize/train-normalizer.js'

export interface IndexBenchmarkReport {
  benchmark: 'icd10cm-index'
  data: string
  index_terms: number
  code_set: { codes: number; terms: number }
  latency: LatencySummary
  /** null: run without the name encoder. */
  encoder: BenchmarkEncoderReport | null
  test: SplitScores
}

export interface IndexBenchmarkOptions {
  sample?: number
  /** Train (or take) a name encoder on the titles and short titles only, and fuse it; absent: lexical only (the ablation). */
  encoder?: BenchmarkEncoderOptions
}

export async function runIcd10cmIndexBenchmark(directory: string, options: IndexBenchmarkOptions = {}): Promise<IndexBenchmarkReport> {
  const icd = readIcd10cm(directory)
  const indexTerms = icd.codeSet.terms.filter((term) => term.kind === 'index')
  const lexicon = buildLexicon(
    icd.codeSet.codes,
    icd.codeSet.terms.filter((term) => term.kind !== 'index'),
  )
  const lexical = createNormalizer(lexicon, [])
  // Zero-shot: the encoder sees the titles and, as its supervised pairs, each code's short title against its long one; never an index term.
  const titleOf = (code: number): string => lexicon.codes[code]?.title ?? ''
  const attached = options.encoder
    ? await attachBenchmarkEncoder(
        lexical,
        {
          texts: lexicon.termText,
          pairs: lexicon.termText.flatMap((term, number) => {
            const code = lexicon.termCode[number] ?? -1
            return term !== titleOf(code) ? [{ name: term, title: titleOf(code), code: lexicon.codes[code]?.code ?? '' }] : []
          }),
        },
        [],
        options.encoder,
      )
    : null
  const normalizer = attached?.normalizer ?? lexical
  const answerOf: AnswerOf = (_normalizer, code) => code
  const limit = Math.min(options.sample ?? 3_000, indexTerms.length)
  const step = indexTerms.length / Math.max(1, limit)
  const latencies: number[] = []
  const scored = []
  for (let position = 0; position < limit; position += 1) {
    const term = indexTerms[Math.floor(position * step)]
    const name = (term?.term ?? '').split('|').map((word) => word.trim()).join(' ')
    const timer = performance.now()
    await encodeNames(normalizer, [name])
    scored.push(scoreName(normalizer, { name, gold: [term?.code ?? ''], source: null }, answerOf, normalizer.threshold))
    latencies.push(performance.now() - timer)
  }
  await attached?.close()
  return {
    benchmark: 'icd10cm-index',
    data: join(directory),
    index_terms: indexTerms.length,
    code_set: { codes: lexicon.codes.length, terms: lexicon.termText.length },
    latency: latencySummary(latencies),
    encoder: attached?.report ?? null,
    test: scoreNames(scored),
  }
}
