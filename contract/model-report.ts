/**
 * The evaluation report an admin reads before promoting a model: written by the
 * training job beside the model bundle (report.json), shown by the app, printed
 * by `clinicoco models report`. Metrics are the engine's, on the workspace's own
 * dev and test records, with the model's suggestions as a coder gets them
 * (document model + kNN + diagnosis names), the threshold chosen on dev.
 */
import { z } from 'zod'

const Ratio = z.number().min(0).max(1)
const NullableRatio = Ratio.nullable()

export const ChapterRow = z.object({
  chapter: z.string(),
  range: z.string(),
  title: z.object({ en: z.string(), zh: z.string() }),
  codes: z.number().int().min(0),
  gold: z.number().int().min(0),
  precision: Ratio,
  recall: Ratio,
  f1: Ratio,
})
export type ChapterRow = z.infer<typeof ChapterRow>

export const SplitMetrics = z.object({
  records: z.number().int().min(0),
  codes: z.number().int().min(0),
  threshold: Ratio,
  microF1: Ratio,
  macroF1: Ratio,
  precision: Ratio,
  recall: Ratio,
  microAuc: NullableRatio,
  macroAuc: NullableRatio,
  recallAt: z.object({ 5: NullableRatio, 9: NullableRatio, 15: NullableRatio }),
  map: NullableRatio,
  /** The paper's Table 4 layout: one row per ICD chapter with gold codes or predictions, book order. */
  chapters: z.array(ChapterRow),
})
export type SplitMetrics = z.infer<typeof SplitMetrics>

export const ModelEvaluationSummary = z.object({
  modelVersion: z.string(),
  dev: SplitMetrics,
  test: SplitMetrics.nullable(),
})
export type ModelEvaluationSummary = z.infer<typeof ModelEvaluationSummary>

export const ModelReport = z.object({
  format: z.literal('clinicoco-model-report'),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  modelVersion: z.string(),
  codeSet: z.object({ name: z.string(), version: z.string() }),
  codes: z.number().int().min(0),
  /** What the trainer chose on dev: the kNN mix weight and the threshold for model + kNN (before the names). */
  trainer: z.object({
    threshold: Ratio,
    knn: z.object({ k: z.number().int(), lambda: Ratio, tau: z.number() }),
    seconds: z.number().nullable(),
    stoppedByBudget: z.boolean().nullable(),
    epochs: z.record(z.string(), z.number()),
  }),
  /** Training records per class (raw / noisy / clean / dev / test) when the report knows them. */
  trainingRecords: z.record(z.string(), z.number().int()).nullable(),
  candidate: ModelEvaluationSummary,
  /** The model the workspace codes with now, on the same records and protocol; null when there is none (or it is this one). */
  inUse: ModelEvaluationSummary.nullable(),
  /** Micro precision–recall curve and reliability of the probabilities, on test when there is one, else dev. */
  curves: z.object({
    split: z.enum(['dev', 'test']),
    precisionRecall: z.array(z.object({ threshold: Ratio, precision: Ratio, recall: Ratio })),
    calibration: z.object({
      bins: z.array(z.object({ from: Ratio, to: Ratio, cells: z.number().int(), meanPredicted: NullableRatio, observed: NullableRatio })),
      expectedCalibrationError: NullableRatio,
    }),
  }),
  elapsedMs: z.number(),
})
export type ModelReport = z.infer<typeof ModelReport>
