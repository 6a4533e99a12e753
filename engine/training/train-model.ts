/**
 * `clinicoco train`: training bundle out of the workspace → Python trainer →
 * model bundle, which is then opened the way the app opens it and checked
 * against its golden outputs in ONNX Runtime. A bundle that fails the check is
 * reported as broken, never handed over as trained.
 */
import type { KeyObject } from 'node:crypto'
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { AppFailure } from '../../contract/result.js'
import { signBundle } from '../bundle/bundle-signature.js'
import { checkGolden, type GoldenReport } from '../coding/golden-check.js'
import { readModelBundle } from '../coding/model-bundle.js'
import type { SqliteDatabase } from '../store/database.js'
import { activeCodeSetId, setSetting } from '../workspace/workspace.js'
import { exportTrainingBundle, readTrainingBundleSummary, type TrainingBundleSummary } from './export-training-bundle.js'
import { runTrainer, type TrainerRequest } from '../bundle/run-trainer.js'
import { CLEAN_SEED_SETTING, CLEAN_SHARE_SETTING } from '../records/training-records.js'

export interface TrainModelRequest extends Omit<TrainerRequest, 'trainingBundleDir' | 'outDir'> {
  outDir: string
  cleanShare?: number
  /** Keep the training bundle beside the model (`<out>.training-bundle`) for inspection; default removed. */
  keepTrainingBundle?: boolean
  /** Sign the bundle's manifest (Ed25519) once it passed the golden check. */
  signKey?: KeyObject
  /**
   * Train on the training bundle already beside the model instead of exporting a new one: a
   * resumed run must see the records (and vocabulary) its checkpoint was trained on, even if
   * coders have annotated more since.
   */
  reuseTrainingBundle?: boolean
}

export interface TrainModelSummary {
  modelDir: string
  modelVersion: string
  codes: number
  trainingBundle: TrainingBundleSummary
  golden: GoldenReport
  trainingSeconds: number
  manifestMetrics: Record<string, unknown>
  /** Id of the key that signed the bundle; null when unsigned. */
  signedBy: string | null
}

export async function trainModel(database: SqliteDatabase, request: TrainModelRequest): Promise<TrainModelSummary> {
  // The clean share is the workspace's simulated annotation: the kNN datastore and evaluation must see the same clean records.
  if (request.cleanShare !== undefined) setSetting(database, CLEAN_SHARE_SETTING, String(request.cleanShare))
  if (request.seed !== undefined && request.cleanShare !== undefined) setSetting(database, CLEAN_SEED_SETTING, String(request.seed))
  const modelDir = resolve(request.outDir)
  const trainingBundleDir = `${modelDir}.training-bundle`
  const trainingBundle = request.reuseTrainingBundle
    ? readTrainingBundleSummary(trainingBundleDir)
    : exportTrainingBundle(database, {
        outDir: trainingBundleDir,
        codeSetId: activeCodeSetId(database),
      })
  if (trainingBundle.records.clean === 0) {
    throw new AppFailure('invalid-input', 'The workspace has no clean-labelled records (coder decisions or reference codes): step 3 has nothing to learn from.')
  }
  const started = performance.now()
  try {
    await runTrainer({ ...request, trainingBundleDir, outDir: modelDir })
  } finally {
    if (!request.keepTrainingBundle) rmSync(trainingBundleDir, { recursive: true, force: true })
  }
  const trainingSeconds = Number(((performance.now() - started) / 1000).toFixed(1))
  const bundle = readModelBundle(modelDir)
  const golden = await checkGolden(bundle)
  if (!golden.passed) {
    throw new AppFailure('model-invalid', `${modelDir}: ONNX Runtime differs from PyTorch by ${golden.maxAbsDifference} (tolerance ${golden.tolerance}): the export is broken.`)
  }
  // Signed only after the golden check: a signature vouches for a bundle that works.
  const signature = request.signKey ? signBundle(modelDir, request.signKey) : null
  return {
    modelDir,
    modelVersion: bundle.manifest.modelVersion,
    codes: bundle.manifest.codes.length,
    trainingBundle,
    golden,
    trainingSeconds,
    manifestMetrics: bundle.manifest.metrics,
    signedBy: signature?.keyId ?? null,
  }
}
