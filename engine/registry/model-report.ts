/**
 * The evaluation report of a model bundle on the workspace's own records
 * (contract/model-report.ts), for the admin to read before promoting it: the
 * suggestions as a coder gets them (document model + kNN + names) scored on the
 * dev and test records against their reference codes (the latest coder decision,
 * else the imported codes), every code counted (a gold code the model cannot
 * suggest is a miss), the threshold chosen on dev and applied to test. The model
 * in use is scored the same way on the same records, so the two compare.
 */
import { AppFailure } from '../../contract/result.js'
import type { ChapterRow, ModelEvaluationSummary, ModelReport, SplitMetrics } from '../../contract/model-report.js'
import type { CodingModel } from '../coding/coding-model.js'
import { fillDatastore, openWorkspaceModel } from '../coding/workspace-model.js'
import { calibration } from '../metrics/calibration.js'
import { chooseThreshold } from '../metrics/choose-threshold.js'
import { evaluateCoding, type CodingMetricsReport } from '../metrics/evaluate-coding.js'
import { precisionRecallCurve } from '../metrics/precision-recall-curve.js'
import type { ScoredRecord } from '../metrics/score-grid.js'
import type { SqliteDatabase } from '../store/database.js'
import { icd10Chapter } from '../taxonomy/icd10-chapter.js'
import { chapterOrder, ICD10_CHAPTERS } from '../taxonomy/icd10-chapter-titles.js'
import type { Workspace } from '../workspace/workspace.js'

export type ReportSplit = 'dev' | 'test'
const RECALL_CUTOFFS = [9, 15]

export interface ModelReportRequest {
  candidateDir: string
  /** The model the workspace codes with now, to compare against; null: none. */
  inUseDir: string | null
  trainingRecords?: Record<string, number> | null
  onProgress?: (phase: string, done: number, total: number) => void
}

export async function buildModelReport(workspace: Workspace, request: ModelReportRequest): Promise<ModelReport> {
  const started = performance.now()
  const splits = referenceRecords(workspace.database)
  if (splits.dev.length === 0) {
    throw new AppFailure('not-found', 'The workspace has no dev record with reference codes: the threshold is chosen on dev. Assign splits first (clinicoco splits assign).')
  }
  const candidate = await evaluateBundle(workspace, request.candidateDir, splits, (done, total) => request.onProgress?.('candidate', done, total))
  const inUse =
    request.inUseDir !== null && request.inUseDir !== request.candidateDir
      ? await evaluateBundle(workspace, request.inUseDir, splits, (done, total) => request.onProgress?.('in-use', done, total))
      : null
  const curveSplit: ReportSplit = splits.test.length > 0 ? 'test' : 'dev'
  const curveRecords = curveSplit === 'test' ? candidate.scored.test : candidate.scored.dev
  const { manifest } = candidate
  const trainer = manifest.trainer as Record<string, unknown> | undefined
  return {
    format: 'clinicoco-model-report',
    formatVersion: 1,
    createdAt: new Date().toISOString(),
    modelVersion: manifest.modelVersion,
    codeSet: manifest.codeSet,
    codes: manifest.codes.length,
    trainer: {
      threshold: manifest.threshold,
      knn: manifest.knn,
      seconds: typeof trainer?.seconds === 'number' ? trainer.seconds : null,
      stoppedByBudget: typeof trainer?.stoppedByBudget === 'boolean' ? trainer.stoppedByBudget : null,
      epochs: isNumberRecord(trainer?.steps) ? trainer.steps : {},
    },
    trainingRecords: request.trainingRecords ?? null,
    candidate: candidate.summary,
    inUse: inUse?.summary ?? null,
    curves: {
      split: curveSplit,
      precisionRecall: precisionRecallCurve(curveRecords, candidate.codes, { scope: 'all-codes', maxPoints: 120 }),
      calibration: (({ bins, expectedCalibrationError }) => ({ bins, expectedCalibrationError }))(calibration(curveRecords, candidate.codes, { scope: 'all-codes', bins: 10 })),
    },
    elapsedMs: Math.round(performance.now() - started),
  }
}

interface ReferenceRecord {
  rowId: number
  gold: Set<string>
}

/** Dev and test records with reference codes: the latest coder decision, else the imported codes. */
export function referenceRecords(database: SqliteDatabase): Record<ReportSplit, ReferenceRecord[]> {
  const rows = database
    .prepare<{ id: number; split: ReportSplit; codes: string | null }>(
      `SELECT r.id, r.split,
              CASE WHEN EXISTS (SELECT 1 FROM decisions d WHERE d.record_id = r.id)
                THEN (SELECT json_group_array(dc.code) FROM decision_codes dc WHERE dc.decision_id =
                        (SELECT d.id FROM decisions d WHERE d.record_id = r.id ORDER BY d.version DESC LIMIT 1))
                ELSE (SELECT json_group_array(g.code) FROM gold_codes g WHERE g.record_id = r.id) END AS codes
       FROM records r WHERE r.split IN ('dev', 'test') ORDER BY r.id`,
    )
    .all()
  const result: Record<ReportSplit, ReferenceRecord[]> = { dev: [], test: [] }
  for (const row of rows) {
    const gold = new Set(JSON.parse(row.codes ?? '[]') as string[])
    if (gold.size > 0) result[row.split].push({ rowId: row.id, gold })
  }
  return result
}

interface BundleEvaluation {
  summary: ModelEvaluationSummary
  manifest: CodingModel['bundle']['manifest']
  codes: string[]
  scored: Record<ReportSplit, ScoredRecord[]>
}

async function evaluateBundle(
  workspace: Workspace,
  bundleDir: string,
  splits: Record<ReportSplit, ReferenceRecord[]>,
  onProgress: (done: number, total: number) => void,
): Promise<BundleEvaluation> {
  const model = await openWorkspaceModel(workspace, bundleDir, { threads: 2 })
  try {
    await fillDatastore(workspace.database, model)
    const total = splits.dev.length + splits.test.length
    let done = 0
    const score = async (records: ReferenceRecord[]): Promise<ScoredRecord[]> => {
      const scored: ScoredRecord[] = []
      for (const record of records) {
        const scores = await model.scoreRecord(record.rowId)
        scored.push({ gold: record.gold, scores: scores.combined })
        onProgress(++done, total)
      }
      return scored
    }
    const scored = { dev: await score(splits.dev), test: await score(splits.test) }
    const codes = [...model.bundle.manifest.codes]
    const threshold = chooseThreshold(scored.dev, codes, { scope: 'all-codes' }).threshold
    const metrics = (records: ScoredRecord[]): SplitMetrics =>
      splitMetrics(evaluateCoding(records, codes, { threshold, scope: 'all-codes', chapterOf, additionalCutoffs: RECALL_CUTOFFS }))
    return {
      summary: { modelVersion: model.bundle.manifest.modelVersion, dev: metrics(scored.dev), test: scored.test.length > 0 ? metrics(scored.test) : null },
      manifest: model.bundle.manifest,
      codes,
      scored,
    }
  } finally {
    await model.close()
  }
}

function chapterOf(code: string): string {
  return icd10Chapter(code) ?? 'other'
}

export function splitMetrics(report: CodingMetricsReport): SplitMetrics {
  const chapters: ChapterRow[] = Object.entries(report.per_chapter ?? {})
    .filter(([, row]) => row.gold > 0 || row.predicted > 0)
    .sort(([left], [right]) => chapterOrder(left) - chapterOrder(right))
    .map(([chapter, row]) => {
      const info = ICD10_CHAPTERS.find((entry) => entry.chapter === chapter)
      return {
        chapter,
        range: info?.range ?? '',
        title: info?.title ?? { en: 'Codes outside the ICD-10 chapters', zh: 'ICD-10 章节以外的编码' },
        codes: row.codes,
        gold: row.gold,
        precision: row.precision,
        recall: row.recall,
        f1: row.f1,
      }
    })
  return {
    records: report.record_count,
    codes: report.code_count,
    threshold: report.threshold,
    microF1: report.micro_f1,
    macroF1: report.macro_f1,
    precision: report.precision,
    recall: report.recall,
    microAuc: report.micro_auc,
    macroAuc: report.macro_auc,
    recallAt: { 5: report.recall_at_5, 9: report.recall_at_9 ?? null, 15: report.recall_at_15 ?? null },
    map: report.map,
    chapters,
  }
}

function isNumberRecord(value: unknown): value is Record<string, number> {
  return typeof value === 'object' && value !== null && Object.values(value).every((entry) => typeof entry === 'number')
}
