/**
 * Metrics of each record's ranked code list, which need no threshold:
 * precision@k, recall@k and mean average precision. Records without a gold
 * code in the label space are left out of all three (recall and average
 * precision divide by the gold count), and counted so a report can say so.
 *
 * Codes tied on score are ranked with the non-gold ones first: a ranking
 * metric must not reward a model for emitting ties (a constant scorer would
 * otherwise score by the input order), and an unscored gold code in the
 * all-codes scope stays behind every code the model scored 0.
 */
import type { ScoreGrid } from './score-grid.js'

export interface RankingScores {
  /** Mean over records of hits in the top k / k, per cut-off k; null when no record has gold. */
  precisionAtK: Map<number, number | null>
  /** Mean over records of hits in the top k / the record's gold count, per cut-off k. */
  recallAtK: Map<number, number | null>
  /** Mean over records of the average precision of the full ranked list. */
  meanAveragePrecision: number | null
  recordsWithoutGold: number
}

export function rankingScores(grid: ScoreGrid, cutoffs: readonly number[]): RankingScores {
  const precisionSums = cutoffs.map(() => 0)
  const recallSums = cutoffs.map(() => 0)
  let averagePrecisionSum = 0
  let recordsWithGold = 0
  for (let row = 0; row < grid.recordCount; row += 1) {
    const goldRanks = rankGoldCodes(grid, row)
    if (goldRanks.length === 0) continue
    recordsWithGold += 1
    // The (hits)-th gold code sits at goldRanks[hits - 1]: precision there is hits / rank.
    let precisionSum = 0
    goldRanks.forEach((rank, index) => {
      precisionSum += (index + 1) / rank
    })
    averagePrecisionSum += precisionSum / goldRanks.length
    cutoffs.forEach((k, index) => {
      const hits = countAtMost(goldRanks, k)
      precisionSums[index] = (precisionSums[index] ?? 0) + hits / k
      recallSums[index] = (recallSums[index] ?? 0) + hits / goldRanks.length
    })
  }
  const mean = (sum: number): number | null => (recordsWithGold > 0 ? sum / recordsWithGold : null)
  return {
    precisionAtK: new Map(cutoffs.map((k, index) => [k, mean(precisionSums[index] ?? 0)])),
    recallAtK: new Map(cutoffs.map((k, index) => [k, mean(recallSums[index] ?? 0)])),
    meanAveragePrecision: mean(averagePrecisionSum),
    recordsWithoutGold: grid.recordCount - recordsWithGold,
  }
}

/**
 * 1-based ranks of a record's gold codes in its ranked list, ascending. Only the
 * gold codes' ranks matter, so rather than sorting all codes (a comparator sort
 * of 2,000 codes per record was half the evaluation time) the non-gold scores are
 * sorted natively and each gold code's rank is found by binary search: the gold
 * codes ranked before it, plus the non-gold codes scored at or above it (ties
 * go first), plus one.
 */
function rankGoldCodes(grid: ScoreGrid, row: number): number[] {
  const width = grid.codes.length
  const goldScores: number[] = []
  const otherScores = new Float64Array(width)
  let otherCount = 0
  for (let cell = row * width; cell < (row + 1) * width; cell += 1) {
    const score = grid.scores[cell] ?? 0
    if (grid.gold[cell]) goldScores.push(score)
    else otherScores[otherCount++] = score
  }
  const ascendingOthers = otherScores.subarray(0, otherCount).sort()
  return goldScores
    .sort((left, right) => right - left)
    .map((score, goldBefore) => goldBefore + (otherCount - countBelow(ascendingOthers, score)) + 1)
}

/** How many values of the ascending list are < `score`. */
function countBelow(ascending: Float64Array, score: number): number {
  let low = 0
  let high = ascending.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((ascending[middle] ?? 0) < score) low = middle + 1
    else high = middle
  }
  return low
}

/** How many of the ascending ranks are ≤ k. */
function countAtMost(ascendingRanks: readonly number[], k: number): number {
  let count = 0
  while (count < ascendingRanks.length && (ascendingRanks[count] ?? 0) <= k) count += 1
  return count
}
