/**
 * Logistic regression over candidate features: the probability that a
 * candidate code is right for the name. Fitted by IRLS (Newton steps with an
 * L2 penalty) on training names scored with their own pairs left out, so the
 * probability is calibrated on names the memory has not seen verbatim; the
 * benchmarks check that calibration on held-out data (expected calibration error).
 */
import { boostedLogit, type BoostedTrees } from './boosted-trees.js'
import { FEATURE_NAMES, weightVector } from './candidate-features.js'
import { SET_FEATURE_NAMES, setWeightVector } from './set-features.js'

/**
 * Two stacked logistic models: `candidate` scores one code for one part from
 * its lexical evidence; `set` rescores it knowing the other codes found for the
 * whole name (a code whose title lies inside a stronger candidate's title, as
 * 癌 inside 小细胞癌, is usually redundant). Without `set`, the first stage decides.
 */
export interface Ranker {
  /** Logistic weights, or boosted trees where enough labelled names fitted them. */
  candidate: Float64Array | BoostedTrees
  set: Float64Array | null
}

export function candidateProbability(ranker: Ranker, features: Float64Array): number {
  const model = ranker.candidate
  if (model instanceof Float64Array) return logisticProbability(model, features)
  return 1 / (1 + Math.exp(-boostedLogit(model, features)))
}

/**
 * Weights for a workspace with too few confirmed pairs to fit its own: title
 * similarity and coverage carry the decision, pair evidence adds to it. Set by
 * hand from the fitted weights' signs and rough sizes, not fitted to any data set.
 */
export const DEFAULT_RANKER: Ranker = {
  // The last six weigh encoder evidence (all 0 without an encoder). Small on purpose: on
  // 1,000 English index-path names (not those the benchmark scores) a titles-only encoder
  // alone finds 13% at rank 1, lexical 24%; weights (0.5, 0, 1, 0.5, 0, 0) gave 25.4% /
  // acc@5 unchanged, (3, 0.5, 3, 1.5, 0.5, -1.5) 23.9% and acc@5 -3 points.
  candidate: weightVector({
    bias: -5,
    title_similarity: 4,
    title_coverage: 3,
    part_coverage: 1.5,
    exact_title: 2,
    pair_similarity: 1.5,
    pair_vote: 3,
    exact_pair: 2,
    log_prior: 0.5,
    is_piece: -0.5,
    assignable: 2,
    title_rank_reciprocal: 1,
    pair_rank_reciprocal: 0.5,
    title_gap: 4,
    vote_gap: 2,
    title_x_part_coverage: 1,
    pair_similarity_x_vote: 1,
    no_pair_evidence: -0.5,
    title_in_part: 1,
    pair_name_in_part: 0.5,
    is_whole: -1,
    encoder_title_similarity: 0.5,
    encoder_title_rank_reciprocal: 0,
    encoder_title_gap: 1,
    encoder_pair_similarity: 0.5,
    encoder_pair_rank_reciprocal: 0,
    encoder_ran: 0,
    // Clinical meaning: set by hand from what a coder would never accept (opposites, a wrong grade or type,
    // a history item coded as active disease) and what makes a title too general or too specific.
    qualifier_agreements: 0.7,
    qualifier_conflicts: -3,
    qualifiers_missing_in_title: -1.5,
    qualifiers_extra_in_title: -1.5,
    negation_conflict: -4,
    status_mismatch: -4,
    title_extends_head: -5,
    part_extends_head: -0.3,
    title_ends_with_part: 0.3,
    part_ends_with_title: 0.3,
    status_match: 1.5,
    both_sides_unmatched: -1,
  }),
  // Among the codes found for a name, one per diagnosis: a code well below the best of its part, a weaker
  // sibling, or a title inside a stronger one's title is dropped (房颤: 心房颤动, not also 急性/慢性/阵发性心房颤动).
  set: setWeightVector({
    bias: 0,
    candidate_logit: 1,
    inside_stronger_title: -1.5,
    contains_weaker_title: 0,
    best_in_name: 0,
    first_in_name: 0,
    parts_proposing: 0.3,
    gap_to_best_in_part: 4,
    stronger_sibling: -2.5,
    logit_gap_to_best_in_part: 1,
  }),
}

export function logisticProbability(weights: Float64Array, features: Float64Array): number {
  let logit = 0
  for (let feature = 0; feature < weights.length; feature += 1) logit += (weights[feature] ?? 0) * (features[feature] ?? 0)
  return 1 / (1 + Math.exp(-logit))
}

export interface LabelledCandidate {
  features: Float64Array
  correct: boolean
}

/** Logistic regression on labelled feature vectors (all of one length). */
export function fitLogistic(examples: LabelledCandidate[], options: { l2?: number; iterations?: number } = {}): Float64Array {
  const l2 = options.l2 ?? 1
  const featureCount = examples[0]?.features.length ?? 0
  const weights = new Float64Array(featureCount)
  for (let iteration = 0; iteration < (options.iterations ?? 25); iteration += 1) {
    const gradient = new Float64Array(featureCount)
    const hessian = Array.from({ length: featureCount }, () => new Float64Array(featureCount))
    for (const example of examples) {
      const probability = logisticProbability(weights, example.features)
      const residual = (example.correct ? 1 : 0) - probability
      const curvature = Math.max(probability * (1 - probability), 1e-9)
      for (let row = 0; row < featureCount; row += 1) {
        const value = example.features[row] ?? 0
        if (value === 0) continue
        gradient[row] = (gradient[row] ?? 0) + residual * value
        const hessianRow = hessian[row] as Float64Array
        for (let column = 0; column < featureCount; column += 1) {
          hessianRow[column] = (hessianRow[column] ?? 0) + curvature * value * (example.features[column] ?? 0)
        }
      }
    }
    for (let feature = 0; feature < featureCount; feature += 1) {
      // The bias is not penalised.
      const penalty = feature === 0 ? 1e-6 : l2
      gradient[feature] = (gradient[feature] ?? 0) - penalty * (weights[feature] ?? 0)
      const hessianRow = hessian[feature] as Float64Array
      hessianRow[feature] = (hessianRow[feature] ?? 0) + penalty
    }
    const step = solve(hessian, gradient)
    let change = 0
    for (let feature = 0; feature < featureCount; feature += 1) {
      weights[feature] = (weights[feature] ?? 0) + (step[feature] ?? 0)
      change = Math.max(change, Math.abs(step[feature] ?? 0))
    }
    if (change < 1e-6) break
  }
  return weights
}

export function describeRanker(ranker: Ranker): { candidate: Record<string, number> | string; set: Record<string, number> | null } {
  const named = (names: readonly string[], weights: Float64Array): Record<string, number> =>
    Object.fromEntries(names.map((name, feature) => [name, Number((weights[feature] ?? 0).toFixed(3))]))
  const model = ranker.candidate
  return {
    candidate: model instanceof Float64Array ? named(FEATURE_NAMES, model) : `boosted trees: ${model.trees.length} trees over ${FEATURE_NAMES.length} features`,
    set: ranker.set ? named(SET_FEATURE_NAMES, ranker.set) : null,
  }
}

/** Gaussian elimination with partial pivoting; the matrix is small (features × features). */
function solve(matrix: Float64Array[], vector: Float64Array): Float64Array {
  const size = vector.length
  const rows = matrix.map((row, index) => [...row, vector[index] ?? 0])
  for (let pivot = 0; pivot < size; pivot += 1) {
    let best = pivot
    for (let row = pivot + 1; row < size; row += 1) {
      if (Math.abs(rows[row]?.[pivot] ?? 0) > Math.abs(rows[best]?.[pivot] ?? 0)) best = row
    }
    const swapped = rows[best] as number[]
    rows[best] = rows[pivot] as number[]
    rows[pivot] = swapped
    const pivotValue = swapped[pivot] ?? 0
    if (Math.abs(pivotValue) < 1e-12) continue
    for (let row = pivot + 1; row < size; row += 1) {
      const current = rows[row] as number[]
      const factor = (current[pivot] ?? 0) / pivotValue
      if (factor === 0) continue
      for (let column = pivot; column <= size; column += 1) current[column] = (current[column] ?? 0) - factor * (swapped[column] ?? 0)
    }
  }
  const solution = new Float64Array(size)
  for (let row = size - 1; row >= 0; row -= 1) {
    const current = rows[row] as number[]
    let sum = current[size] ?? 0
    for (let column = row + 1; column < size; column += 1) sum -= (current[column] ?? 0) * (solution[column] ?? 0)
    const diagonal = current[row] ?? 0
    solution[row] = Math.abs(diagonal) < 1e-12 ? 0 : sum / diagonal
  }
  return solution
}
