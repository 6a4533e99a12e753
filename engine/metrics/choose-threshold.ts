/**
 * The threshold that maximises micro-F1 on one split (dev), to be applied
 * unchanged to another (test): choosing it on the test split overstates F1.
 */
import { buildScoreGrid, type CodeScope, type ScoredRecord } from './score-grid.js'

export interface ChosenThreshold {
  /** Scores at or above it are predicted; always one of the scores seen, or 1 when no threshold finds a gold code. */
  threshold: number
  /** Micro-F1 on the given records at that threshold, equal to `evaluateCoding(...).micro_f1`. */
  f1: number
}

/**
 * Exact: micro-F1 only changes at a score some cell has, so the scores of gold
 * and non-gold cells are sorted once and swept from the highest down, trying
 * every distinct score (O(n log n), not a grid of guesses). On equal F1 the
 * higher threshold wins: the same F1 with fewer codes for a coder to review.
 */
export function chooseThreshold(
  records: readonly ScoredRecord[],
  codes: readonly string[],
  options: { scope: CodeScope },
): ChosenThreshold {
  const grid = buildScoreGrid(records, codes, options.scope)
  const positives: number[] = []
  const negatives: number[] = []
  let goldCount = 0
  for (let cell = 0; cell < grid.scores.length; cell += 1) {
    if (grid.gold[cell]) goldCount += 1
    // An unscored cell is never predicted: it is in goldCount (if gold) but never swept.
    if (!grid.scored[cell]) continue
    if (grid.gold[cell]) positives.push(grid.scores[cell] ?? 0)
    else negatives.push(grid.scores[cell] ?? 0)
  }
  const sortedPositives = Float64Array.from(positives).sort()
  const sortedNegatives = Float64Array.from(negatives).sort()
  // Cells from these indices to the end of each sorted list score at or above the threshold.
  let positivesFrom = sortedPositives.length
  let negativesFrom = sortedNegatives.length
  let best: ChosenThreshold = { threshold: 1, f1: 0 }
  while (positivesFrom > 0 || negativesFrom > 0) {
    const threshold = Math.max(sortedPositives[positivesFrom - 1] ?? -Infinity, sortedNegatives[negativesFrom - 1] ?? -Infinity)
    while (positivesFrom > 0 && sortedPositives[positivesFrom - 1] === threshold) positivesFrom -= 1
    while (negativesFrom > 0 && sortedNegatives[negativesFrom - 1] === threshold) negativesFrom -= 1
    const truePositives = sortedPositives.length - positivesFrom
    const predicted = truePositives + sortedNegatives.length - negativesFrom
    const f1 = (2 * truePositives) / (predicted + goldCount)
    if (f1 > best.f1) best = { threshold, f1 }
  }
  return best
}
