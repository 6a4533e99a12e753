/**
 * Trains a name encoder: name bundle out → Python (`models/clinicoco_names`,
 * found and run like the document-model trainer) → encoder bundle, which is
 * then opened the way the normaliser opens it and checked against its golden
 * outputs in ONNX Runtime. A bundle that fails the check is an error, never a
 * trained encoder.
 */
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { AppFailure } from '../../contract/result.js'
import { runPythonModule } from '../bundle/run-trainer.js'
import { exportNameBundle, type NameBundleInput, type NameBundleSummary } from './name-bundle.js'
import { checkEncoderGolden, closeNameEncoder, openNameEncoder, type EncoderGoldenReport } from './name-encoder.js'

export interface TrainNameEncoderRequest extends NameBundleInput {
  outDir: string
  budgetMinutes?: number
  seed?: number
  tiny?: boolean
  /** Further trainer flags, e.g. `['--supervised-epochs', '5']`. */
  extraArgs?: string[]
  onLine?: (line: string) => void
}

export interface TrainNameEncoderSummary {
  encoderDir: string
  encoderVersion: string
  bundle: NameBundleSummary
  golden: EncoderGoldenReport
  trainingSeconds: number
  metrics: Record<string, unknown>
}

export async function trainNameEncoder(request: TrainNameEncoderRequest): Promise<TrainNameEncoderSummary> {
  const encoderDir = resolve(request.outDir)
  const bundleDir = `${encoderDir}.name-bundle`
  const bundle = exportNameBundle(bundleDir, request)
  if (bundle.texts === 0 && bundle.pairs === 0) throw new AppFailure('invalid-input', 'No code titles, synonyms or names to train a name encoder on.')
  const args = ['--bundle', bundleDir, '--out', encoderDir]
  if (request.seed !== undefined) args.push('--seed', String(request.seed))
  if (request.budgetMinutes !== undefined) args.push('--budget-minutes', String(request.budgetMinutes))
  if (request.tiny) args.push('--tiny')
  args.push(...(request.extraArgs ?? []))
  const started = performance.now()
  try {
    await runPythonModule('clinicoco_names', args, { what: 'The name-encoder trainer', onLine: request.onLine })
  } finally {
    rmSync(bundleDir, { recursive: true, force: true })
  }
  const trainingSeconds = Number(((performance.now() - started) / 1000).toFixed(1))
  const encoder = await openNameEncoder(encoderDir)
  try {
    const golden = await checkEncoderGolden(encoder)
    if (!golden.passed) {
      throw new AppFailure('model-invalid', `${encoderDir}: ONNX Runtime differs from PyTorch by ${golden.maxAbsDifference} (tolerance ${golden.tolerance}): the export is broken.`)
    }
    return { encoderDir, encoderVersion: encoder.bundle.manifest.encoderVersion, bundle, golden, trainingSeconds, metrics: encoder.bundle.manifest.metrics }
  } finally {
    await closeNameEncoder(encoder)
  }
}
