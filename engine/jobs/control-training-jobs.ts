/**
 * Starting, cancelling, resuming and watching training jobs, from the engine
 * host (the app) or the CLI. A job runs in its own detached process
 * (training-job-main.ts); this side only spawns it, signals it and reads what it
 * writes. One job at a time per workspace: two trainings on two cores would
 * each take twice as long.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ModelReport } from '../../contract/model-report.js'
import { ModelReport as ModelReportSchema } from '../../contract/model-report.js'
import { AppFailure } from '../../contract/result.js'
import { TrainingJobSettings, type TrainingJobView } from '../../contract/training-job.js'
import { appendAudit } from '../audit/audit-log.js'
import { checkTrainerAvailable } from '../bundle/run-trainer.js'
import { ensureTrainingKey } from '../model-trust/workspace-training-key.js'
import type { Workspace } from '../workspace/workspace.js'
import {
  appendJobEvent,
  createTrainingJob,
  FINISHED,
  listTrainingJobIds,
  readTrainingJob,
  REPORT_FILE,
  trainingJobView,
  type TrainingJobRecord,
} from './training-job-store.js'

export function trainingJobsDir(workspace: Workspace): string {
  return join(workspace.dir, 'training-jobs')
}

/** Where trained model bundles go: beside the database, named by job. */
export function trainedModelsDir(workspace: Workspace): string {
  return join(workspace.dir, 'models')
}

export function startTrainingJob(workspace: Workspace, request: { actor: string; settings: unknown }): TrainingJobView {
  const parsed = TrainingJobSettings.safeParse(request.settings ?? {})
  if (!parsed.success) throw new AppFailure('invalid-input', `Training settings: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`)
  const active = activeJob(workspace)
  if (active) throw new AppFailure('conflict', `Training job ${active.id} is still ${active.status}: wait for it or cancel it first.`)
  // Fails with the Debian packages to install when PyTorch is missing: better now than in a job log.
  checkTrainerAvailable()
  requireEvaluationRecords(workspace)
  // The job signs its model with the workspace's training key, so model trust accepts it when promoted.
  ensureTrainingKey(workspace, request.actor)
  const job = createTrainingJob(workspace.database, {
    actor: request.actor,
    settings: parsed.data,
    jobDir: (id) => join(trainingJobsDir(workspace), String(id)),
    modelDir: (id) => join(trainedModelsDir(workspace), `trained-${id}`),
  })
  spawnJobProcess(workspace, job, false)
  return viewOf(workspace, job.id)
}

export function cancelTrainingJob(workspace: Workspace, request: { actor: string; jobId: number }): TrainingJobView {
  const job = refreshed(workspace, request.jobId)
  if (job.status !== 'queued' && job.status !== 'running') throw new AppFailure('conflict', `Training job ${job.id} is ${job.status}: there is nothing to cancel.`)
  workspace.database.transaction(() => {
    appendJobEvent(workspace.database, job.id, 'cancel-requested', { by: request.actor }, job.pid)
    appendAudit(workspace.database, { actor: request.actor, action: 'training.cancel', entity: 'training_job', entityId: String(job.id), detail: {} })
  })
  if (job.pid !== null) signal(job.pid, 'SIGTERM')
  return viewOf(workspace, job.id)
}

export function resumeTrainingJob(workspace: Workspace, request: { actor: string; jobId: number }): TrainingJobView {
  const job = refreshed(workspace, request.jobId)
  const view = trainingJobView(job)
  if (!view.canResume) {
    throw new AppFailure('conflict', `Training job ${job.id} is ${job.status}${job.status === 'succeeded' ? '' : ' and has no checkpoint to resume from'}: start a new one.`)
  }
  const active = activeJob(workspace)
  if (active) throw new AppFailure('conflict', `Training job ${active.id} is still ${active.status}: wait for it or cancel it first.`)
  checkTrainerAvailable()
  workspace.database.transaction(() => {
    appendJobEvent(workspace.database, job.id, 'queued', { by: request.actor, resume: true })
    appendAudit(workspace.database, { actor: request.actor, action: 'training.resume', entity: 'training_job', entityId: String(job.id), detail: {} })
  })
  spawnJobProcess(workspace, job, true)
  return viewOf(workspace, job.id)
}

export function trainingJobStatus(workspace: Workspace, jobId: number): TrainingJobView {
  return trainingJobView(refreshed(workspace, jobId))
}

export function listTrainingJobs(workspace: Workspace): TrainingJobView[] {
  return listTrainingJobIds(workspace.database).map((id) => trainingJobView(refreshed(workspace, id)))
}

export function trainingJobReport(workspace: Workspace, jobId: number): ModelReport {
  const job = readTrainingJob(workspace.database, jobId)
  const file = join(job.jobDir, REPORT_FILE)
  if (!existsSync(file)) throw new AppFailure('not-found', `Training job ${jobId} has no evaluation report (it is ${job.status}).`)
  return ModelReportSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
}

/** The path of the job process's script: built JavaScript beside this file, also when this file runs from source under the test runner. */
export function trainingJobMain(): string {
  const here = fileURLToPath(import.meta.url)
  return here.endsWith('.ts') ? resolve(dirname(here), '../../dist/engine/jobs/training-job-main.js') : join(dirname(here), 'training-job-main.js')
}

function spawnJobProcess(workspace: Workspace, job: TrainingJobRecord, resume: boolean): void {
  const main = trainingJobMain()
  if (!existsSync(main)) throw new AppFailure('internal', `The training job runner is not built (${main} is missing): run \`npm run build\`.`)
  mkdirSync(job.jobDir, { recursive: true })
  // What the process itself prints (a crash before it could log) lands beside its log.
  const output = openSync(join(job.jobDir, 'process.log'), 'a')
  const child = spawn(process.execPath, [main, JSON.stringify({ workspaceDir: workspace.dir, jobId: job.id, resume })], {
    detached: true,
    stdio: ['ignore', output, output],
    // In Electron's utility process execPath is the Electron binary: run it as plain Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  })
  child.unref()
  if (child.pid !== undefined) appendJobEvent(workspace.database, job.id, 'queued', { spawned: true, resume }, child.pid)
}

function viewOf(workspace: Workspace, jobId: number): TrainingJobView {
  return trainingJobView(readTrainingJob(workspace.database, jobId))
}

/** The job, with a process that died without saying so (power cut, kill -9) marked interrupted. */
function refreshed(workspace: Workspace, jobId: number): TrainingJobRecord {
  const job = readTrainingJob(workspace.database, jobId)
  if (FINISHED.has(job.status) || job.pid === null || alive(job.pid)) return job
  // The process may have written its last event between our read and the liveness check.
  const again = readTrainingJob(workspace.database, jobId)
  if (FINISHED.has(again.status)) return again
  appendJobEvent(workspace.database, job.id, job.status === 'cancel-requested' ? 'cancelled' : 'interrupted', { reason: 'the job process is gone' })
  return readTrainingJob(workspace.database, jobId)
}

function activeJob(workspace: Workspace): TrainingJobRecord | null {
  for (const id of listTrainingJobIds(workspace.database, 5)) {
    const job = refreshed(workspace, id)
    if (!FINISHED.has(job.status)) return job
  }
  return null
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name)
  } catch {
    // Gone already: the next status read marks it.
  }
}

function requireEvaluationRecords(workspace: Workspace): void {
  const dev = workspace.database
    .prepare<{ n: number }>(
      `SELECT count(*) AS n FROM records r WHERE r.split = 'dev'
       AND (EXISTS (SELECT 1 FROM gold_codes g WHERE g.record_id = r.id) OR EXISTS (SELECT 1 FROM decisions d WHERE d.record_id = r.id))`,
    )
    .get()?.n ?? 0
  if (dev === 0) {
    throw new AppFailure('invalid-input', 'No dev record has reference codes: the threshold and the report are chosen on dev. Assign splits first (clinicoco splits assign).')
  }
}
