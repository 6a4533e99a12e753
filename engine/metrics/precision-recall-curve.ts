/**
 * The micro precision–recall curve of a split (every record–code cell pooled):
 * the points a threshold sweep passes through, from the highest score down, as
 * the evaluation report plots them. Exact like `chooseThreshold` (every distinct
 * score is a step), then thinned to at most `maxPoints` for drawing, keeping the
 * first and the last.
 */
import { buildScoreGrid, type CodeScope, type ScoredRecord } from './score-grid.js'

export interface PrecisionRecallPoint {
  threshold: number
  precision: number
  recall: number
}

export function precisionRecallCurve(
  records: readonly ScoredRecord[],
  codes: readonly string[],
  options: { scope: CodeScope; maxPoints?: number },
): PrecisionRecallPoint[] {
  const grid = buildScoreGrid(records, codes, options.scope)
  const cells: Array<[score: number, gold: number]> = []
  let goldCount = 0
  for (let cell = 0; cell < grid.scores.length; cell += 1) {
    const gold = grid.gold[cell] ?? 0
    goldCount += gold
    // An unscored cell is never predicted, whatever the threshold.
    if (grid.scored[cell]) cells.push([grid.scores[cell] ?? 0, gold])
  }
  if (goldCount === 0) return []
  cells.sort((left, right) => right[0] - left[0])
  const points: PrecisionRecallPoint[] = []
  let truePositives = 0
  let predicted = 0
  for (let index = 0; index < cells.length; ) {
    const threshold = (cells[index] as [number, number])[0]
    while (index < cells.length && (cells[index] as [number, number])[0] === threshold) {
      truePositives += (cells[index] as [number, number])[1]
      predicted += 1
      index += 1
    }
    points.push({ threshold, precision: truePositives / predicted, recall: truePositives / goldCount })
  }
  return thin(points, options.maxPoints ?? 200)
}

function thin<T>(points: T[], maxPoints: number): T[] {
  if (points.length <= maxPoints || maxPoints < 2) return points
  const step = (points.length - 1) / (maxPoints - 1)
  return Array.from({ length: maxPoints }, (_, index) => points[Math.round(index * step)] as T)
}
