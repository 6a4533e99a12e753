/**
 * Every multi-label coding metric of one split in a JSON-ready report, the
 * numbers papers on ICD coding publish (MIMIC "top 50" and "full" protocols).
 * Typical use: pick the threshold on dev with `chooseThreshold`, then
 * `evaluateCoding(test, codes, { threshold, scope })`.
 */
import { chapterBreakdown, type ChapterMetrics } from './chapter-breakdown.js'
import { rankingScores } from './ranking-metrics.js'
import { macroAuc, microAuc } from './roc-auc.js'
import { buildScoreGrid, type CodeScope, type ScoredRecord } from './score-grid.js'
import { countsPerCode, macroScores, precisionRecallF1, sumCounts } from './threshold-metrics.js'

/** Cut-off always reported: precision_at_5 and recall_at_5. */
const STANDARD_CUTOFF = 5

export interface EvaluationOptions {
  /** Scores at or above it are predicted (micro/macro precision, recall, F1 and per chapter). */
  threshold: number
  /** Restrict to the code list, or count gold codes outside it as missed; see `CodeScope`. */
  scope: CodeScope
  /** Cut-offs k reported besides 5, e.g. [8, 15] for the MIMIC full-code protocol. */
  additionalCutoffs?: readonly number[]
  /** ICD chapter key of a code; without it `per_chapter` is null. */
  chapterOf?: (code: string) => string
}

export interface CodingMetricsReport {
  scope: CodeScope
  threshold: number
  record_count: number
  /** Codes in the label space: the code list, plus other gold codes in the all-codes scope. */
  code_count: number
  /** Micro (all record–code pairs pooled) precision, recall and F1 at the threshold. */
  precision: number
  recall: number
  micro_f1: number
  macro_precision: number
  macro_recall: number
  /** Mean of per-code F1. */
  macro_f1: number
  /** Codes neither gold nor predicted anywhere, left out of the macro means. */
  macro_f1_codes_skipped: number
  /** ROC AUC over all record–code pairs; null without both gold and non-gold pairs. */
  micro_auc: number | null
  /** Mean per-code ROC AUC over codes with both gold and non-gold records. */
  macro_auc: number | null
  macro_auc_codes_skipped: number
  precision_at_5: number | null
  recall_at_5: number | null
  /** Mean average precision of each record's ranked codes. */
  map: number | null
  /** Records with no gold code in the label space, left out of precision_at_k, recall_at_k and map. */
  records_without_gold: number
  per_chapter: Record<string, ChapterMetrics> | null
  [cutoff: `precision_at_${number}`]: number | null
  [cutoff: `recall_at_${number}`]: number | null
}

export function evaluateCoding(
  records: readonly ScoredRecord[],
  codes: readonly string[],
  options: EvaluationOptions,
): CodingMetricsReport {
  const { threshold, scope, chapterOf } = options
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`Threshold ${threshold} is not a probability in [0, 1].`)
  const cutoffs = [...new Set([STANDARD_CUTOFF, ...(options.additionalCutoffs ?? [])])].sort((left, right) => left - right)
  for (const k of cutoffs) if (!(Number.isInteger(k) && k > 0)) throw new RangeError(`Cut-off ${k} is not a positive whole number.`)

  const grid = buildScoreGrid(records, codes, scope)
  const perCode = countsPerCode(grid, threshold)
  const micro = precisionRecallF1(sumCounts(perCode))
  const macro = macroScores(perCode)
  const macroRoc = macroAuc(grid)
  const ranking = rankingScores(grid, cutoffs)
  const atOtherCutoffs: Record<`precision_at_${number}` | `recall_at_${number}`, number | null> = {}
  for (const k of cutoffs.filter((cutoff) => cutoff !== STANDARD_CUTOFF)) {
    atOtherCutoffs[`precision_at_${k}`] = ranking.precisionAtK.get(k) ?? null
    atOtherCutoffs[`recall_at_${k}`] = ranking.recallAtK.get(k) ?? null
  }
  return {
    scope,
    threshold,
    record_count: grid.recordCount,
    code_count: grid.codes.length,
    precision: micro.precision,
    recall: micro.recall,
    micro_f1: micro.f1,
    macro_precision: macro.precision,
    macro_recall: macro.recall,
    macro_f1: macro.f1,
    macro_f1_codes_skipped: macro.codesSkipped,
    micro_auc: microAuc(grid),
    macro_auc: macroRoc.auc,
    macro_auc_codes_skipped: macroRoc.codesSkipped,
    precision_at_5: ranking.precisionAtK.get(STANDARD_CUTOFF) ?? null,
    recall_at_5: ranking.recallAtK.get(STANDARD_CUTOFF) ?? null,
    ...atOtherCutoffs,
    map: ranking.meanAveragePrecision,
    records_without_gold: ranking.recordsWithoutGold,
    per_chapter: chapterOf ? chapterBreakdown(grid.codes, perCode, chapterOf) : null,
  }
}
