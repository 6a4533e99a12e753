/**
 * What a training job's own process does (training-job-main.ts starts it):
 * export the training bundle, run the trainer with JSON progress, check the
 * exported model against its golden outputs, write the evaluation report, and
 * record how it ended. Progress goes to progress.json in the job folder (the
 * app polls it), every line of the trainer to training.log.
 *
 * Stopped on purpose (SIGTERM → `signal`), the job ends `cancelled` with its
 * last epoch's checkpoint and the training bundle kept, so it can resume on
 * exactly the records it was training on.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TrainingPhase, TrainingProgress } from '../../contract/training-job.js'
import { configuredModelDir } from '../coding/workspace-model.js'
import { readTrainingKey } from '../model-trust/workspace-training-key.js'
import { buildModelReport } from '../registry/model-report.js'
import { registerTrainedModel } from '../registry/model-registry.js'
import { trainModel } from '../training/train-model.js'
import { TrainerStopped } from '../bundle/run-trainer.js'
import { openWorkspace } from '../workspace/workspace.js'
import { appendJobEvent, LOG_FILE, PROGRESS_FILE, readTrainingJob, REPORT_FILE } from './training-job-store.js'

/** The prefix of the trainer's JSON progress lines (models/clinicoco_train/progress.py). */
export const PROGRESS_PREFIX = '@progress '

export interface TrainingJobRun {
  workspaceDir: string
  jobId: number
  resume: boolean
}

export async function runTrainingJob(run: TrainingJobRun, signal: AbortSignal): Promise<'succeeded' | 'cancelled' | 'failed'> {
  const workspace = openWorkspace(run.workspaceDir)
  const { database } = workspace
  try {
    const job = readTrainingJob(database, run.jobId)
    mkdirSync(job.jobDir, { recursive: true })
    appendJobEvent(database, job.id, 'running', { resume: run.resume }, process.pid)
    const progress = new ProgressFile(join(job.jobDir, PROGRESS_FILE), job.settings.budgetMinutes * 60)
    const log = (line: string): void => appendFileSync(join(job.jobDir, LOG_FILE), `${line}\n`)
    progress.update({ phase: run.resume ? 'training' : 'exporting' })
    try {
      const { epochs } = job.settings
      // Signed after the golden check (train-model.ts): what model trust checks at promotion and every load.
      const signKey = readTrainingKey(run.workspaceDir)
      const summary = await trainModel(database, {
        ...(signKey ? { signKey } : {}),
        outDir: job.modelDir,
        seed: job.settings.seed,
        budgetMinutes: job.settings.budgetMinutes,
        withoutRawStep: job.settings.withoutRawStep,
        withoutNoisyStep: job.settings.withoutNoisyStep,
        tiny: job.settings.tiny,
        resume: run.resume,
        reuseTrainingBundle: run.resume,
        keepTrainingBundle: true,
        extraArgs: [
          '--progress-json',
          ...(epochs.raw !== undefined ? ['--raw-epochs', String(epochs.raw)] : []),
          ...(epochs.noisy !== undefined ? ['--noisy-epochs', String(epochs.noisy)] : []),
          ...(epochs.clean !== undefined ? ['--clean-epochs', String(epochs.clean)] : []),
        ],
        signal,
        onLine: (line) => {
          if (line.startsWith(PROGRESS_PREFIX)) progress.fromTrainer(line.slice(PROGRESS_PREFIX.length))
          else log(line)
        },
      })
      if (signal.aborted) throw new TrainerStopped()
      log(`model ${summary.modelVersion}: golden check max |ONNX − PyTorch| ${summary.golden.maxAbsDifference}`)
      log(summary.signedBy ? `signed with the workspace's training key ${summary.signedBy}` : 'unsigned: the workspace has no training key')
      progress.update({ phase: 'evaluating' })
      const report = await buildModelReport(workspace, {
        candidateDir: summary.modelDir,
        inUseDir: configuredModelDir(workspace),
        trainingRecords: summary.trainingBundle.records,
        onProgress: (_phase, done, total) => progress.update({ phase: 'evaluating', evaluated: { done, total } }),
      })
      writeFileSync(join(job.jobDir, REPORT_FILE), JSON.stringify(report, null, 1))
      registerTrainedModel(database, { dir: summary.modelDir, actor: job.actor, jobId: job.id, trainingRecords: summary.trainingBundle.records, report })
      // The job is done: nothing resumes from here, and a CodiEsp-sized training bundle is tens of MB.
      rmSync(`${summary.modelDir}.training-bundle`, { recursive: true, force: true })
      rmSync(`${summary.modelDir}.checkpoint.pt`, { force: true })
      progress.update({ phase: 'done' })
      appendJobEvent(database, job.id, 'succeeded', { modelVersion: summary.modelVersion, modelDir: summary.modelDir, trainingSeconds: summary.trainingSeconds })
      return 'succeeded'
    } catch (error) {
      if (error instanceof TrainerStopped || signal.aborted) {
        log('stopped on request; the last checkpoint is kept for resuming')
        appendJobEvent(database, job.id, 'cancelled', {})
        return 'cancelled'
      }
      const message = error instanceof Error ? error.message : String(error)
      log(`failed: ${message}`)
      appendJobEvent(database, job.id, 'failed', { message, code: (error as { code?: unknown }).code ?? 'internal' })
      return 'failed'
    }
  } finally {
    workspace.close()
  }
}

/** progress.json, replaced whole on each change (write, then rename) so a reader never sees half of it. */
class ProgressFile {
  #state: TrainingProgress
  readonly #started = Date.now()

  constructor(
    private readonly path: string,
    budgetSeconds: number,
  ) {
    this.#state = {
      phase: 'starting',
      step: null,
      steps: [],
      epoch: 0,
      epochs: 0,
      batch: 0,
      batches: 0,
      elapsedSeconds: 0,
      budgetSeconds,
      secondsLeft: budgetSeconds,
      fraction: 0,
      devMicroF1: null,
      bestDevMicroF1: null,
      evaluated: null,
      updatedAt: new Date().toISOString(),
    }
  }

  fromTrainer(json: string): void {
    let event: Partial<TrainingProgress> & { phase?: string }
    try {
      event = JSON.parse(json) as typeof event
    } catch {
      return
    }
    const phase: TrainingPhase = event.phase === 'fitting' || event.phase === 'selecting' ? event.phase : 'training'
    this.update({
      phase,
      step: event.step ?? null,
      steps: event.steps ?? this.#state.steps,
      epoch: event.epoch ?? 0,
      epochs: event.epochs ?? 0,
      batch: event.batch ?? 0,
      batches: event.batches ?? 0,
      elapsedSeconds: event.elapsedSeconds ?? this.#state.elapsedSeconds,
      budgetSeconds: event.budgetSeconds ?? this.#state.budgetSeconds,
      devMicroF1: event.devMicroF1 ?? this.#state.devMicroF1,
      bestDevMicroF1: event.bestDevMicroF1 ?? this.#state.bestDevMicroF1,
    })
  }

  update(change: Partial<TrainingProgress>): void {
    const next = { ...this.#state, ...change, updatedAt: new Date().toISOString() }
    if (change.elapsedSeconds === undefined && next.phase !== 'training') {
      // Outside the trainer's own reports the clock still runs (export, evaluation).
      next.elapsedSeconds = Math.max(next.elapsedSeconds, (Date.now() - this.#started) / 1000)
    }
    next.secondsLeft = next.budgetSeconds === null ? null : Math.max(0, next.budgetSeconds - next.elapsedSeconds)
    next.fraction = progressFraction(next)
    this.#state = next
    const partial = `${this.path}.partial`
    writeFileSync(partial, JSON.stringify(next))
    renameSync(partial, this.path)
  }
}

/** The share of the work done: the budget spent while training (it stops the run), else the position in the current step. */
export function progressFraction(progress: Pick<TrainingProgress, 'phase' | 'elapsedSeconds' | 'budgetSeconds' | 'epoch' | 'epochs' | 'batch' | 'batches'>): number {
  if (progress.phase === 'done') return 1
  if (progress.phase === 'evaluating' || progress.phase === 'checking') return 1
  if (progress.budgetSeconds !== null && progress.budgetSeconds > 0) return Math.min(1, progress.elapsedSeconds / progress.budgetSeconds)
  if (progress.epochs === 0) return 0
  const withinEpoch = progress.batches > 0 ? progress.batch / progress.batches : 0
  return Math.min(1, Math.max(0, (progress.epoch - 1 + withinEpoch) / progress.epochs))
}
