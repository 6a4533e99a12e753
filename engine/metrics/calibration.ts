/**
 * Reliability of the probabilities a coder reads: record–code cells binned by
 * predicted probability (equal-width bins), each bin's mean prediction against
 * the share of its cells that are gold. Expected calibration error = Σ over bins
 * of (cells in bin / all cells) · |mean predicted − observed|. Unscored cells
 * (codes the model cannot suggest) are left out: they carry no probability.
 */
import { buildScoreGrid, type CodeScope, type ScoredRecord } from './score-grid.js'

export interface CalibrationBin {
  /** [from, to): the last bin includes 1. */
  from: number
  to: number
  cells: number
  meanPredicted: number | null
  observed: number | null
}

export interface Calibration {
  bins: CalibrationBin[]
  expectedCalibrationError: number | null
  cells: number
}

export function calibration(records: readonly ScoredRecord[], codes: readonly string[], options: { scope: CodeScope; bins?: number }): Calibration {
  const binCount = options.bins ?? 10
  if (!(Number.isInteger(binCount) && binCount > 0)) throw new RangeError(`bins must be a whole number > 0, got ${binCount}`)
  const grid = buildScoreGrid(records, codes, options.scope)
  const sums = new Float64Array(binCount)
  const golds = new Float64Array(binCount)
  const counts = new Float64Array(binCount)
  let cells = 0
  for (let cell = 0; cell < grid.scores.length; cell += 1) {
    if (!grid.scored[cell]) continue
    const score = grid.scores[cell] ?? 0
    const bin = Math.min(binCount - 1, Math.floor(score * binCount))
    sums[bin] = (sums[bin] ?? 0) + score
    golds[bin] = (golds[bin] ?? 0) + (grid.gold[cell] ?? 0)
    counts[bin] = (counts[bin] ?? 0) + 1
    cells += 1
  }
  let error = 0
  const bins: CalibrationBin[] = Array.from({ length: binCount }, (_, bin) => {
    const count = counts[bin] ?? 0
    const meanPredicted = count > 0 ? (sums[bin] ?? 0) / count : null
    const observed = count > 0 ? (golds[bin] ?? 0) / count : null
    if (meanPredicted !== null && observed !== null) error += (count / cells) * Math.abs(meanPredicted - observed)
    return { from: bin / binCount, to: (bin + 1) / binCount, cells: count, meanPredicted, observed }
  })
  return { bins, expectedCalibrationError: cells > 0 ? error : null, cells }
}
