/**
 * Precision, recall and F1 of the codes predicted at a threshold. A code is
 * predicted for a record when the model scored it at or above the threshold;
 * an unscored code is never predicted. A ratio with nothing to divide by is 0
 * (scikit-learn's `zero_division=0`), so reports stay plain JSON.
 */
import type { ScoreGrid } from './score-grid.js'

export interface ConfusionCounts {
  truePositives: number
  falsePositives: number
  falseNegatives: number
}

export interface PrecisionRecallF1 {
  precision: number
  recall: number
  f1: number
}

/** Confusion counts per code of the grid, in the grid's code order. */
export function countsPerCode(grid: ScoreGrid, threshold: number): ConfusionCounts[] {
  const width = grid.codes.length
  const counts = grid.codes.map(() => ({ truePositives: 0, falsePositives: 0, falseNegatives: 0 }))
  for (let row = 0; row < grid.recordCount; row += 1) {
    counts.forEach((code, column) => {
      const cell = row * width + column
      const predicted = grid.scored[cell] === 1 && (grid.scores[cell] ?? 0) >= threshold
      if (grid.gold[cell]) {
        if (predicted) code.truePositives += 1
        else code.falseNegatives += 1
      } else if (predicted) code.falsePositives += 1
    })
  }
  return counts
}

export function sumCounts(counts: Iterable<ConfusionCounts>): ConfusionCounts {
  const total = { truePositives: 0, falsePositives: 0, falseNegatives: 0 }
  for (const count of counts) {
    total.truePositives += count.truePositives
    total.falsePositives += count.falsePositives
    total.falseNegatives += count.falseNegatives
  }
  return total
}

export function precisionRecallF1(counts: ConfusionCounts): PrecisionRecallF1 {
  const { truePositives, falsePositives, falseNegatives } = counts
  const predicted = truePositives + falsePositives
  const gold = truePositives + falseNegatives
  return {
    precision: predicted > 0 ? truePositives / predicted : 0,
    recall: gold > 0 ? truePositives / gold : 0,
    // 2TP / (2TP + FP + FN) is the harmonic mean of precision and recall, and
    // stays defined when one of them is 0/0.
    f1: predicted + gold > 0 ? (2 * truePositives) / (predicted + gold) : 0,
  }
}

export interface MacroScores extends PrecisionRecallF1 {
  /** Codes left out because no record has them as gold and none has them predicted. */
  codesSkipped: number
}

/**
 * Unweighted means over codes of per-code precision, recall and F1. Macro F1 is
 * the mean of per-code F1, not the F1 of macro precision and macro recall (the
 * CAML evaluation script's definition, which is never lower and not comparable).
 * A code nobody assigned and the model never predicted says nothing about the
 * model and is skipped: counting it as 0 would punish a correct "no", counting
 * it as 1 would reward a large label space.
 */
export function macroScores(perCode: readonly ConfusionCounts[]): MacroScores {
  const sum = { precision: 0, recall: 0, f1: 0 }
  let averaged = 0
  for (const counts of perCode) {
    if (counts.truePositives + counts.falsePositives + counts.falseNegatives === 0) continue
    const scores = precisionRecallF1(counts)
    sum.precision += scores.precision
    sum.recall += scores.recall
    sum.f1 += scores.f1
    averaged += 1
  }
  const mean = (total: number): number => (averaged > 0 ? total / averaged : 0)
  return { precision: mean(sum.precision), recall: mean(sum.recall), f1: mean(sum.f1), codesSkipped: perCode.length - averaged }
}
