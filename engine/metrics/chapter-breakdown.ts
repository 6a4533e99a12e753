/** Micro precision, recall and F1 per ICD chapter, with the counts behind them. */
import { compareCodes } from './score-grid.js'
import { type ConfusionCounts, precisionRecallF1, sumCounts } from './threshold-metrics.js'

export interface ChapterMetrics {
  precision: number
  recall: number
  f1: number
  /** Codes of the label space in this chapter. */
  codes: number
  /** Gold (record, code) pairs. */
  gold: number
  /** Predicted (record, code) pairs. */
  predicted: number
  true_positives: number
}

/** Keyed by chapter, in chapter-key order; `perCode` is parallel to `codes`. */
export function chapterBreakdown(
  codes: readonly string[],
  perCode: readonly ConfusionCounts[],
  chapterOf: (code: string) => string,
): Record<string, ChapterMetrics> {
  const byChapter = new Map<string, ConfusionCounts[]>()
  codes.forEach((code, column) => {
    const counts = perCode[column]
    if (!counts) return
    const chapter = chapterOf(code)
    const members = byChapter.get(chapter)
    if (members) members.push(counts)
    else byChapter.set(chapter, [counts])
  })
  const breakdown: Record<string, ChapterMetrics> = {}
  for (const chapter of [...byChapter.keys()].sort(compareCodes)) {
    const members = byChapter.get(chapter) ?? []
    const total = sumCounts(members)
    breakdown[chapter] = {
      ...precisionRecallF1(total),
      codes: members.length,
      gold: total.truePositives + total.falseNegatives,
      predicted: total.truePositives + total.falsePositives,
      true_positives: total.truePositives,
    }
  }
  return breakdown
}
