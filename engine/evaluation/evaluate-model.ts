/**
 * Evaluation of the coding model on a workspace's dev or test records, under
 * the paper's protocol: scores for every record, the threshold chosen on dev
 * (micro-F1), then reported on the asked split, for the 50 most frequent codes
 * of train+dev ("top50") and for all codes ("all": gold codes the model cannot
 * suggest count as missed).
 */
import { AppFailure } from '../../contract/result.js'
import { chooseThreshold } from '../metrics/choose-threshold.js'
import { evaluateCoding, type CodingMetricsReport } from '../metrics/evaluate-coding.js'
import type { ScoredRecord } from '../metrics/score-grid.js'
import { topCodes } from '../metrics/top-codes.js'
import type { SqliteDatabase } from '../store/database.js'
import { icd10Chapter } from '../taxonomy/icd10-chapter.js'
import type { CodingModel, ScoringOptions } from '../coding/coding-model.js'

export type EvaluationSplit = 'dev' | 'test'
export type CodeGroup = 'top50' | 'all'
export const TOP_CODE_COUNT = 50
/** Recall@k reported for coders reading a ranked list (the paper: R@9 ≥ 0.82); 5 is always in the report. */
export const RECALL_CUTOFFS = [5, 9, 15] as const

export interface ModelEvaluation {
  modelVersion: string
  options: { knn: boolean; names: boolean }
  thresholds: Record<CodeGroup, number>
  dev: Record<CodeGroup, CodingMetricsReport>
  test?: Record<CodeGroup, CodingMetricsReport>
  /** Median milliseconds to score one record (model + kNN + names). */
  msPerRecord: number
}

export async function evaluateModel(
  database: SqliteDatabase,
  model: CodingModel,
  options: ScoringOptions & { splits: EvaluationSplit[]; onProgress?: (done: number, total: number) => void },
): Promise<ModelEvaluation> {
  const devRecords = await scoreSplit(database, model, 'dev', options)
  if (devRecords.scored.length === 0) throw new AppFailure('not-found', 'The workspace has no labelled dev records: the threshold is chosen on dev.')
  const topCodesList = topCodes(referenceCodes(database, ['train', 'dev']), TOP_CODE_COUNT)
  const allCodes = [...new Set([...model.bundle.manifest.codes, ...devRecords.scored.flatMap((record) => [...record.scores.keys()])])]
  const groups: Record<CodeGroup, { codes: string[]; scope: 'restricted' | 'all-codes' }> = {
    top50: { codes: topCodesList, scope: 'restricted' },
    all: { codes: allCodes, scope: 'all-codes' },
  }
  const thresholds = {
    top50: chooseThreshold(devRecords.scored, groups.top50.codes, { scope: 'restricted' }).threshold,
    all: chooseThreshold(devRecords.scored, groups.all.codes, { scope: 'all-codes' }).threshold,
  }
  const additionalCutoffs = RECALL_CUTOFFS.filter((k) => k !== 5)
  const report = (records: ScoredRecord[]): Record<CodeGroup, CodingMetricsReport> => ({
    top50: evaluateCoding(records, groups.top50.codes, { threshold: thresholds.top50, scope: 'restricted', chapterOf, additionalCutoffs }),
    all: evaluateCoding(records, groups.all.codes, { threshold: thresholds.all, scope: 'all-codes', chapterOf, additionalCutoffs }),
  })
  const timings = [...devRecords.ms]
  const evaluation: ModelEvaluation = {
    modelVersion: model.bundle.manifest.modelVersion,
    options: { knn: options.knn !== false, names: options.names !== false },
    thresholds,
    dev: report(devRecords.scored),
    msPerRecord: 0,
  }
  if (options.splits.includes('test')) {
    const testRecords = await scoreSplit(database, model, 'test', options)
    if (testRecords.scored.length > 0) {
      evaluation.test = report(testRecords.scored)
      timings.push(...testRecords.ms)
    }
  }
  timings.sort((a, b) => a - b)
  evaluation.msPerRecord = Number((timings[Math.floor(timings.length / 2)] ?? 0).toFixed(1))
  return evaluation
}

function chapterOf(code: string): string {
  return icd10Chapter(code) ?? 'other'
}

/** Reference codes per record of the given import splits: the latest coder decision, else gold. */
function referenceCodes(database: SqliteDatabase, splits: string[]): Array<Set<string>> {
  return recordsOfSplits(database, splits).map((record) => record.gold)
}

function recordsOfSplits(database: SqliteDatabase, splits: string[]): Array<{ rowId: number; gold: Set<string> }> {
  const rows = database
    .prepare<{ id: number; codes: string | null }>(
      `SELECT r.id,
              CASE WHEN EXISTS (SELECT 1 FROM decisions d WHERE d.record_id = r.id)
                THEN (SELECT json_group_array(dc.code) FROM decision_codes dc WHERE dc.decision_id =
                        (SELECT d.id FROM decisions d WHERE d.record_id = r.id ORDER BY d.version DESC LIMIT 1))
                ELSE (SELECT json_group_array(g.code) FROM gold_codes g WHERE g.record_id = r.id) END AS codes
       FROM records r WHERE r.split IN (${splits.map(() => '?').join(', ')}) ORDER BY r.id`,
    )
    .all(...splits)
  return rows
    .map((row) => ({ rowId: row.id, gold: new Set(JSON.parse(row.codes ?? '[]') as string[]) }))
    .filter((record) => record.gold.size > 0)
}

async function scoreSplit(
  database: SqliteDatabase,
  model: CodingModel,
  split: EvaluationSplit,
  options: ScoringOptions & { onProgress?: (done: number, total: number) => void },
): Promise<{ scored: ScoredRecord[]; ms: number[] }> {
  const records = recordsOfSplits(database, [split])
  const scored: ScoredRecord[] = []
  const ms: number[] = []
  for (const [index, record] of records.entries()) {
    const scores = await model.scoreRecord(record.rowId, options)
    scored.push({ gold: record.gold, scores: scores.combined })
    ms.push(scores.elapsedMs)
    options.onProgress?.(index + 1, records.length)
  }
  return { scored, ms }
}
