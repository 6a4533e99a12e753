/**
 * `clinicoco benchmark codiesp`: the whole protocol of issue 3 in one run —
 * fresh workspace, import, simulation (clinicoco setting), training, threshold
 * on dev, metrics on dev (and test when the data has it), ablations.
 *
 * Ablations: *without kNN* and *without names* re-score the same model;
 * *without raw step* / *without noisy step* / *without name documents* retrain
 * (opt-in: each costs a training run).
 */
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { openWorkspaceModel, fillDatastore } from '../coding/workspace-model.js'
import { evaluateModel, type CodeGroup, type ModelEvaluation } from './evaluate-model.js'
import type { CodingMetricsReport } from '../metrics/evaluate-coding.js'
import { createWorkspace } from '../workspace/workspace.js'
import { prepareCodiEspWorkspace, type CodiEspSetting, type CodiEspWorkspaceSummary } from './codiesp-workspace.js'
import { trainModel, type TrainModelRequest } from '../training/train-model.js'

export interface CodiEspCodingRequest {
  dataDir: string
  codesDir: string
  setting: CodiEspSetting
  /** Scratch folder for the workspace and the model (replaced). */
  workDir: string
  budgetMinutes?: number
  seed?: number
  /** Also retrain without step 1, without step 2 and without the training records' names documents. */
  trainingAblations?: boolean
  tiny?: boolean
  trainerArgs?: string[]
  onLine?: (line: string) => void
}

const HEADLINE_KEYS = ['micro_f1', 'macro_f1', 'micro_auc', 'macro_auc', 'precision', 'recall', 'recall_at_5', 'recall_at_9', 'recall_at_15', 'precision_at_5', 'map', 'threshold'] as const
type Headline = Pick<CodingMetricsReport, (typeof HEADLINE_KEYS)[number]>

export interface CodiEspCodingReport {
  benchmark: 'codiesp'
  setting: CodiEspSetting
  data: string
  workspace: CodiEspWorkspaceSummary
  model: { version: string; codes: number; dir: string }
  training_seconds: number
  ms_per_record: number
  dev: Record<CodeGroup, Headline>
  test?: Record<CodeGroup, Headline>
  /** dev micro-F1 per variant (top50 / all). */
  ablations: Record<string, { top50: number; all: number; training_seconds?: number }>
  per_chapter_dev_top50: CodingMetricsReport['per_chapter']
}

type TrainingVariant = Pick<TrainModelRequest, 'withoutRawStep' | 'withoutNoisyStep' | 'withoutNameDocuments'>

export async function runCodiEspCodingBenchmark(request: CodiEspCodingRequest): Promise<CodiEspCodingReport> {
  const workDir = resolve(request.workDir)
  rmSync(workDir, { recursive: true, force: true })
  const workspace = createWorkspace(join(workDir, 'workspace'))
  try {
    const log = request.onLine ?? (() => undefined)
    log(`preparing the ${request.setting} workspace in ${workspace.dir}`)
    const prepared = prepareCodiEspWorkspace(workspace.database, {
      dataDir: request.dataDir,
      codesDir: request.codesDir,
      setting: request.setting,
      seed: request.seed,
    })
    const train = (name: string, extra: TrainingVariant) =>
      trainModel(workspace.database, {
        outDir: join(workDir, name),
        seed: request.seed,
        budgetMinutes: request.budgetMinutes,
        tiny: request.tiny,
        extraArgs: request.trainerArgs,
        onLine: log,
        ...extra,
      })
    const trained = await train('model', {})
    const evaluate = async (modelDir: string, options: { knn?: boolean; names?: boolean }): Promise<ModelEvaluation> => {
      const model = await openWorkspaceModel(workspace, modelDir, { threads: 2 })
      try {
        await fillDatastore(workspace.database, model)
        return await evaluateModel(workspace.database, model, { ...options, splits: ['dev', 'test'] })
      } finally {
        await model.close()
      }
    }
    const withNames = request.setting === 'clinicoco'
    const full = await evaluate(trained.modelDir, { names: withNames })
    const ablations: CodiEspCodingReport['ablations'] = {
      full: microF1(full),
      without_knn: microF1(await evaluate(trained.modelDir, { knn: false, names: withNames })),
    }
    if (withNames) {
      ablations.without_names = microF1(await evaluate(trained.modelDir, { names: false }))
    }
    if (request.trainingAblations) {
      const variants: Array<[string, TrainingVariant]> = [['without_raw_step', { withoutRawStep: true }]]
      if (request.setting === 'clinicoco') variants.push(['without_noisy_step', { withoutNoisyStep: true }])
      variants.push(['without_name_documents', { withoutNameDocuments: true }])
      for (const [name, flags] of variants) {
        const retrained = await train(`model-${name}`, flags)
        ablations[name] = { ...microF1(await evaluate(retrained.modelDir, { names: withNames })), training_seconds: retrained.trainingSeconds }
        // The names carry most of the CliniCoCo score; what a step does for the text model shows without them.
        if (withNames) ablations[`${name}_without_names`] = microF1(await evaluate(retrained.modelDir, { names: false }))
      }
    }
    return {
      benchmark: 'codiesp',
      setting: request.setting,
      data: request.dataDir,
      workspace: prepared,
      model: { version: trained.modelVersion, codes: trained.codes, dir: trained.modelDir },
      training_seconds: trained.trainingSeconds,
      ms_per_record: full.msPerRecord,
      dev: headlines(full.dev),
      ...(full.test ? { test: headlines(full.test) } : {}),
      ablations,
      per_chapter_dev_top50: full.dev.top50.per_chapter,
    }
  } finally {
    workspace.close()
  }
}

function microF1(evaluation: ModelEvaluation): { top50: number; all: number } {
  return { top50: round(evaluation.dev.top50.micro_f1), all: round(evaluation.dev.all.micro_f1) }
}

function headlines(groups: Record<CodeGroup, CodingMetricsReport>): Record<CodeGroup, Headline> {
  const pick = (report: CodingMetricsReport): Headline =>
    Object.fromEntries(HEADLINE_KEYS.map((key) => [key, typeof report[key] === 'number' ? round(report[key] as number) : report[key]])) as unknown as Headline
  return { top50: pick(groups.top50), all: pick(groups.all) }
}

function round(value: number): number {
  return Number(value.toFixed(4))
}
