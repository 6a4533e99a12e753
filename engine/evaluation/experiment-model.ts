/**
 * One trained point of an experiment: train a model on a scratch workspace as it
 * stands, then score its dev and test records without kNN (the experiments
 * measure what the training data teaches), two ways from one pass: the text
 * model alone, and with the diagnosis-name source as a coder gets it. Thresholds
 * are chosen on dev per way and applied to test.
 */
import { rmSync } from 'node:fs'
import type { SplitMetrics } from '../../contract/model-report.js'
import { openWorkspaceModel } from '../coding/workspace-model.js'
import { chooseThreshold } from '../metrics/choose-threshold.js'
import { evaluateCoding } from '../metrics/evaluate-coding.js'
import type { ScoredRecord } from '../metrics/score-grid.js'
import { referenceRecords, splitMetrics } from '../registry/model-report.js'
import { icd10Chapter } from '../taxonomy/icd10-chapter.js'
import { trainModel } from '../training/train-model.js'
import type { Workspace } from '../workspace/workspace.js'

export interface ExperimentTraining {
  /** Minutes per model (the trainer stops there and keeps the best so far). */
  budgetMinutes: number
  /** Network epochs of step 3; 0 (the default here): the fitted regression alone, minutes cheaper. */
  cleanEpochs: number
  seed: number
  /** Train without the noisy records (clean and raw only): the annotation choice alone teaches the codes. */
  withoutNoisy?: boolean
  tiny?: boolean
  onLine?: (line: string) => void
}

export interface ExperimentPoint {
  trainingRecords: Record<string, number>
  trainingSeconds: number
  /** The text model alone (no kNN, no names). */
  text: { dev: SplitMetrics; test: SplitMetrics | null }
  /** The text model with the names source (no kNN), as the coding view combines them. */
  withNames: { dev: SplitMetrics; test: SplitMetrics | null }
}

export async function trainAndScore(workspace: Workspace, modelDir: string, training: ExperimentTraining): Promise<ExperimentPoint> {
  rmSync(modelDir, { recursive: true, force: true })
  const summary = await trainModel(workspace.database, {
    outDir: modelDir,
    seed: training.seed,
    budgetMinutes: training.budgetMinutes,
    tiny: training.tiny,
    withoutNoisyStep: training.withoutNoisy === true,
    extraArgs: ['--raw-epochs', '0', '--noisy-epochs', training.cleanEpochs > 0 ? '1' : '0', '--clean-epochs', String(training.cleanEpochs)],
    onLine: training.onLine,
  })
  rmSync(`${modelDir}.checkpoint.pt`, { force: true })
  const splits = referenceRecords(workspace.database)
  const model = await openWorkspaceModel(workspace, modelDir, { threads: 2 })
  const scored = { text: { dev: [] as ScoredRecord[], test: [] as ScoredRecord[] }, withNames: { dev: [] as ScoredRecord[], test: [] as ScoredRecord[] } }
  try {
    for (const split of ['dev', 'test'] as const) {
      for (const record of splits[split]) {
        const scores = await model.scoreRecord(record.rowId, { knn: false })
        scored.text[split].push({ gold: record.gold, scores: scores.recordProbability })
        scored.withNames[split].push({ gold: record.gold, scores: scores.combined })
      }
    }
  } finally {
    await model.close()
  }
  const codes = [...model.bundle.manifest.codes]
  const evaluate = (way: { dev: ScoredRecord[]; test: ScoredRecord[] }) => {
    const threshold = chooseThreshold(way.dev, codes, { scope: 'all-codes' }).threshold
    const metrics = (records: ScoredRecord[]): SplitMetrics =>
      splitMetrics(evaluateCoding(records, codes, { threshold, scope: 'all-codes', chapterOf: (code) => icd10Chapter(code) ?? 'other', additionalCutoffs: [9, 15] }))
    return { dev: metrics(way.dev), test: way.test.length > 0 ? metrics(way.test) : null }
  }
  return { trainingRecords: summary.trainingBundle.records, trainingSeconds: summary.trainingSeconds, text: evaluate(scored.text), withNames: evaluate(scored.withNames) }
}
