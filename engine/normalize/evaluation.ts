/**
 * Scores for the normaliser on labelled names, shared by the benchmarks and
 * the auto-labelling report: set F1 (micro over name–answer pairs, as CBLUE
 * scores CHIP-CDN), accuracy@k, and expected calibration error.
 */

export interface ScoredName {
  /** Answers best first (codes or standard names), each with its confidence. */
  ranked: Array<{ answer: string; confidence: number }>
  /** The answers accepted as the prediction. */
  predicted: string[]
  gold: string[]
}

export interface SplitScores {
  f1: number
  precision: number
  recall: number
  /** Share of names whose first answer is a gold answer. */
  accuracy_at_1: number
  /** Share of names with a gold answer among the first five. */
  accuracy_at_5: number
  /** Expected calibration error of the first answer's confidence (10 equal-width bins). */
  calibration_error: number
  count: number
}

export function scoreNames(names: ScoredName[]): SplitScores {
  let truePositives = 0
  let predictedCount = 0
  let goldCount = 0
  let atOne = 0
  let atFive = 0
  const calibration: Array<{ confidence: number; correct: boolean }> = []
  for (const name of names) {
    const gold = new Set(name.gold)
    const predicted = new Set(name.predicted)
    goldCount += gold.size
    predictedCount += predicted.size
    for (const answer of predicted) if (gold.has(answer)) truePositives += 1
    const first = name.ranked[0]
    if (first && gold.has(first.answer)) atOne += 1
    if (name.ranked.slice(0, 5).some((entry) => gold.has(entry.answer))) atFive += 1
    calibration.push({ confidence: first?.confidence ?? 0, correct: first !== undefined && gold.has(first.answer) })
  }
  const precision = predictedCount > 0 ? truePositives / predictedCount : 0
  const recall = goldCount > 0 ? truePositives / goldCount : 0
  const count = names.length
  return {
    f1: round(precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0),
    precision: round(precision),
    recall: round(recall),
    accuracy_at_1: round(count > 0 ? atOne / count : 0),
    accuracy_at_5: round(count > 0 ? atFive / count : 0),
    calibration_error: round(expectedCalibrationError(calibration)),
    count,
  }
}

export function expectedCalibrationError(items: Array<{ confidence: number; correct: boolean }>, bins = 10): number {
  if (items.length === 0) return 0
  const sums = Array.from({ length: bins }, () => ({ confidence: 0, correct: 0, count: 0 }))
  for (const item of items) {
    const bin = sums[Math.min(bins - 1, Math.floor(item.confidence * bins))]
    if (!bin) continue
    bin.confidence += item.confidence
    bin.correct += item.correct ? 1 : 0
    bin.count += 1
  }
  let error = 0
  for (const bin of sums) if (bin.count > 0) error += Math.abs(bin.correct - bin.confidence) / items.length
  return error
}

export interface LatencySummary {
  p50_ms: number
  p95_ms: number
  names: number
}

export function latencySummary(milliseconds: number[]): LatencySummary {
  const sorted = [...milliseconds].sort((a, b) => a - b)
  const at = (quantile: number): number => round(sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? 0, 3)
  return { p50_ms: at(0.5), p95_ms: at(0.95), names: sorted.length }
}

function round(value: number, digits = 4): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}
