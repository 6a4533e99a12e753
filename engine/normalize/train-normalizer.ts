/**
 * Fits the normaliser's ranker and acceptance threshold on labelled names:
 * each training name is scored with its own confirmed pairs left out (so the
 * features look like those of an unseen name), candidates are labelled right
 * or wrong, the ranker is fitted to them, and the threshold is the one that
 * maximises set F1 on the same left-out scoring.
 */
import { nameCandidates } from './candidates.js'
import { matchContext, normalizeName, rankCandidates, type Normalizer } from './normalizer.js'
import { fitBoostedTrees, type BoostedTrees } from './boosted-trees.js'
import { fitLogistic, type LabelledCandidate, type Ranker } from './ranker.js'
import { scoreNames, type ScoredName } from './evaluation.js'

export interface LabelledName {
  name: string
  /** Gold answers, in the benchmark's unit (`answerOf`). */
  gold: string[]
  /** Source of this name's pairs in the memory, left out while scoring it. */
  source: string | null
}

/** Maps a lexicon code number to the unit answers are scored in (the code, or its standard name). */
export type AnswerOf = (normalizer: Normalizer, code: string, title: string) => string

const MIN_NAMES_FOR_TREES = 300

export function fitNormalizerRanker(normalizer: Normalizer, names: LabelledName[], answerOf: AnswerOf): Ranker {
  const isRight = (code: number, gold: Set<string>): boolean => {
    const entry = normalizer.lexicon.codes[code]
    return entry !== undefined && gold.has(answerOf(normalizer, entry.code, entry.title))
  }
  const found = names.map((labelled) => nameCandidates(labelled.name, matchContext(normalizer, labelled.source)))
  const golds = names.map((labelled) => new Set(labelled.gold))
  const candidateExamples = (indexes: number[]): LabelledCandidate[] =>
    indexes.flatMap((index) =>
      (found[index]?.candidates ?? []).map((candidate) => ({ features: candidate.features, correct: isRight(candidate.code, golds[index] ?? new Set()) })),
    )
  const all = names.map((_, index) => index)
  if (names.length < MIN_NAMES_FOR_TREES) {
    const firstStage: Ranker = { candidate: fitLogistic(candidateExamples(all)), set: null }
    return { ...firstStage, set: fitLogistic(setExamples(all, firstStage)) }
  }
  // Boosted trees fit their own training rows too well for the second stage to
  // learn from: it is fitted on cross-fitted first-stage scores (each half scored
  // by trees fitted on the other half), and the final trees use every name.
  const halves = [all.filter((index) => index % 2 === 0), all.filter((index) => index % 2 === 1)]
  const crossFitted = halves.flatMap((half, which) => setExamples(half, { candidate: fitTrees(candidateExamples(halves[1 - which] ?? [])), set: null }))
  return { candidate: fitTrees(candidateExamples(all)), set: fitLogistic(crossFitted) }

  function setExamples(indexes: number[], firstStage: Ranker): LabelledCandidate[] {
    const staged: Normalizer = { ...normalizer, ranker: firstStage }
    return indexes.flatMap((index) => {
      const item = found[index]
      if (!item) return []
      return rankCandidates(staged, item).map((ranked) => ({ features: ranked.setRow, correct: isRight(ranked.candidate.code, golds[index] ?? new Set()) }))
    })
  }
}

function fitTrees(examples: LabelledCandidate[]): BoostedTrees {
  return fitBoostedTrees(
    examples.map((example) => example.features),
    examples.map((example) => example.correct),
  )
}

/** Ranked distinct answers and the accepted ones (at least the first) for one name. */
export function scoreName(normalizer: Normalizer, labelled: LabelledName, answerOf: AnswerOf, threshold: number): ScoredName {
  const result = normalizeName(normalizer, labelled.name, { limit: 20, excludedSource: labelled.source })
  const ranked: ScoredName['ranked'] = []
  const seen = new Set<string>()
  for (const code of result.codes) {
    const answer = answerOf(normalizer, code.code, code.title)
    if (seen.has(answer)) continue
    seen.add(answer)
    ranked.push({ answer, confidence: code.confidence })
  }
  const accepted = ranked.filter((entry) => entry.confidence >= threshold).map((entry) => entry.answer)
  const first = ranked[0]
  return { ranked, predicted: accepted.length > 0 ? accepted : first ? [first.answer] : [], gold: labelled.gold }
}

const THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]

export function chooseThreshold(normalizer: Normalizer, names: LabelledName[], answerOf: AnswerOf): number {
  const rankedNames = names.map((labelled) => scoreName(normalizer, labelled, answerOf, 1))
  let best = { threshold: 0.5, f1: -1 }
  for (const threshold of THRESHOLDS) {
    const scored = rankedNames.map((name) => {
      const accepted = name.ranked.filter((entry) => entry.confidence >= threshold).map((entry) => entry.answer)
      const first = name.ranked[0]
      return { ...name, predicted: accepted.length > 0 ? accepted : first ? [first.answer] : [] }
    })
    const { f1 } = scoreNames(scored)
    if (f1 > best.f1) best = { threshold, f1 }
  }
  return best.threshold
}
