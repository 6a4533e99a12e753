/**
 * English zero-shot: ICD-10-CM Alphabetic Index term paths ("Aberrant |
 * artery | cerebral") as diagnosis names, their codes as gold, matched
 * against a lexicon built *without* the index terms (titles and short titles
 * only) and with no confirmed pairs: what the code set alone gives for English
 * names it does not list. Scores an evenly spread sample of the index rows.
 */
import { join } from 'node:path'
import { readIcd10cm } from '../taxonomy/importers/read-icd10cm.js'
import { latencySummary, scoreNames, type LatencySummary, type SplitScores } from './evaluation.js'
import { buildLexicon } from './lexicon.js'
import { createNormalizer } from './normalizer.js'
import { scoreName, type AnswerOf } from './train-normalizer.js'

export interface IndexBenchmarkReport {
  benchmark: 'icd10cm-index'
  data: string
  index_terms: number
  code_set: { codes: number; terms: number }
  latency: LatencySummary
  test: SplitScores
}

export function runIcd10cmIndexBenchmark(directory: string, options: { sample?: number } = {}): IndexBenchmarkReport {
  const icd = readIcd10cm(directory)
  const indexTerms = icd.codeSet.terms.filter((term) => term.kind === 'index')
  const lexicon = buildLexicon(
    icd.codeSet.codes,
    icd.codeSet.terms.filter((term) => term.kind !== 'index'),
  )
  const normalizer = createNormalizer(lexicon, [])
  const answerOf: AnswerOf = (_normalizer, code) => code
  const limit = Math.min(options.sample ?? 3_000, indexTerms.length)
  const step = indexTerms.length / Math.max(1, limit)
  const latencies: number[] = []
  const scored = Array.from({ length: limit }, (_, position) => {
    const term = indexTerms[Math.floor(position * step)]
    const name = (term?.term ?? '').split('|').map((word) => word.trim()).join(' ')
    const timer = performance.now()
    const result = scoreName(normalizer, { name, gold: [term?.code ?? ''], source: null }, answerOf, normalizer.threshold)
    latencies.push(performance.now() - timer)
    return result
  })
  return {
    benchmark: 'icd10cm-index',
    data: join(directory),
    index_terms: indexTerms.length,
    code_set: { codes: lexicon.codes.length, terms: lexicon.termText.length },
    latency: latencySummary(latencies),
    test: scoreNames(scored),
  }
}
