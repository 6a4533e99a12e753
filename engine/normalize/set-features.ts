/**
 * Second-stage features: how one candidate code stands among all the codes
 * found for the same name. The first stage sees one part and one code at a
 * time; these see that 癌 lies inside a stronger 小细胞癌, that a sibling
 * code is stronger, or that several parts agree.
 */
import type { Candidate } from './candidates.js'
import type { Lexicon } from './lexicon.js'
import { normaliseText } from './text-features.js'

export const SET_FEATURE_NAMES = [
  'bias',
  'candidate_logit',
  'inside_stronger_title',
  'contains_weaker_title',
  'best_in_name',
  'first_in_name',
  'parts_proposing',
  'gap_to_best_in_part',
  'stronger_sibling',
  // The same gap in log-odds: first-stage probabilities near 1 differ by little (0.97 against 1.0) though the evidence differs a lot.
  'logit_gap_to_best_in_part',
] as const

export type SetFeatureName = (typeof SET_FEATURE_NAMES)[number]

/** Second-stage weights given by name; a name left out weighs 0. */
export function setWeightVector(weights: Partial<Record<SetFeatureName, number>>): Float64Array {
  return Float64Array.from(SET_FEATURE_NAMES, (name) => weights[name] ?? 0)
}

export interface ScoredCandidate {
  candidate: Candidate
  /** First-stage probability. */
  probability: number
  /** How many parts of the name proposed this code. */
  parts: number
  /** Best first-stage probability among candidates of the same part. */
  bestInPart: number
}

/** One row per distinct code (its best part), in the order given. */
export function setFeatures(scored: ScoredCandidate[], lexicon: Lexicon): Float64Array[] {
  const titles = scored.map((item) => normaliseText(lexicon.codes[item.candidate.code]?.title ?? ''))
  const best = scored.reduce((max, item) => Math.max(max, item.probability), 0)
  const firstCode = [...scored].sort((a, b) => b.probability - a.probability)[0]?.candidate.code
  return scored.map((item, index) => {
    const title = titles[index] ?? ''
    let insideStronger = 0
    let containsWeaker = 0
    let strongerSibling = 0
    const parent = lexicon.parentOf[item.candidate.code] ?? -1
    scored.forEach((other, otherIndex) => {
      if (otherIndex === index) return
      const otherTitle = titles[otherIndex] ?? ''
      if (title !== '' && otherTitle !== title && otherTitle.includes(title)) insideStronger = Math.max(insideStronger, other.probability)
      if (otherTitle !== '' && otherTitle !== title && title.includes(otherTitle)) containsWeaker = Math.max(containsWeaker, other.probability)
      if (parent >= 0 && lexicon.parentOf[other.candidate.code] === parent && other.probability > item.probability) strongerSibling = Math.max(strongerSibling, other.probability)
    })
    const logit = (probability: number): number => {
      const bounded = Math.min(Math.max(probability, 1e-6), 1 - 1e-6)
      return Math.log(bounded / (1 - bounded))
    }
    const clamped = Math.min(Math.max(item.probability, 1e-6), 1 - 1e-6)
    return Float64Array.from([
      1,
      Math.log(clamped / (1 - clamped)),
      insideStronger,
      containsWeaker,
      best,
      item.candidate.code === firstCode ? 1 : 0,
      Math.log(item.parts),
      item.probability - item.bestInPart,
      strongerSibling,
      logit(item.probability) - logit(item.bestInPart),
    ])
  })
}
