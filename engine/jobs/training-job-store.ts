/**
 * Training jobs in the workspace database: one row per job, and every state it
 * went through as an appended event (its status is the latest). The job process
 * and the engine host both write here; SQLite's WAL and busy timeout serialise them.
 * The job's progress, log and report are files in its folder: progress changes
 * every few seconds and is no fact worth a row.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppFailure } from '../../contract/result.js'
import { TrainingJobSettings, TrainingProgress, type TrainingJobStatus, type TrainingJobView } from '../../contract/training-job.js'
import { appendAudit } from '../audit/audit-log.js'
import type { SqliteDatabase } from '../store/database.js'

export const PROGRESS_FILE = 'progress.json'
export const LOG_FILE = 'training.log'
export const REPORT_FILE = 'report.json'
export const JOB_REQUEST_FILE = 'job.json'

/** States after which the job process is gone. */
export const FINISHED: ReadonlySet<TrainingJobStatus> = new Set(['cancelled', 'interrupted', 'failed', 'succeeded'])

export interface TrainingJobRecord {
  id: number
  createdAt: string
  actor: string
  jobDir: string
  modelDir: string
  settings: TrainingJobSettings
  status: TrainingJobStatus
  pid: number | null
  events: Array<{ at: string; status: TrainingJobStatus; detail: Record<string, unknown> }>
}

export function createTrainingJob(
  database: SqliteDatabase,
  job: { actor: string; jobDir: (id: number) => string; modelDir: (id: number) => string; settings: TrainingJobSettings },
): TrainingJobRecord {
  return database.transaction(() => {
    const at = new Date().toISOString()
    const next = (database.prepare<{ id: number | null }>('SELECT max(id) AS id FROM training_jobs').get()?.id ?? 0) + 1
    database
      .prepare('INSERT INTO training_jobs (id, created_at, actor, job_dir, model_dir, settings) VALUES (?, ?, ?, ?, ?, ?)')
      .run(next, at, job.actor, job.jobDir(next), job.modelDir(next), JSON.stringify(job.settings))
    appendJobEvent(database, next, 'queued', { by: job.actor }, null, at)
    appendAudit(database, { actor: job.actor, action: 'training.start', entity: 'training_job', entityId: String(next), detail: { settings: job.settings } }, at)
    return readTrainingJob(database, next)
  })
}

export function appendJobEvent(
  database: SqliteDatabase,
  jobId: number,
  status: TrainingJobStatus,
  detail: Record<string, unknown>,
  pid: number | null = null,
  at = new Date().toISOString(),
): void {
  database.prepare('INSERT INTO training_job_events (job_id, at, status, pid, detail) VALUES (?, ?, ?, ?, ?)').run(jobId, at, status, pid, JSON.stringify(detail))
}

export function readTrainingJob(database: SqliteDatabase, jobId: number): TrainingJobRecord {
  const row = database
    .prepare<{ id: number; created_at: string; actor: string; job_dir: string; model_dir: string; settings: string }>('SELECT * FROM training_jobs WHERE id = ?')
    .get(jobId)
  if (!row) throw new AppFailure('not-found', `No training job ${jobId} in this workspace.`)
  const events = database
    .prepare<{ at: string; status: TrainingJobStatus; pid: number | null; detail: string }>('SELECT at, status, pid, detail FROM training_job_events WHERE job_id = ? ORDER BY id')
    .all(jobId)
  const last = events.at(-1)
  const pid = [...events].reverse().find((event) => event.pid !== null)?.pid ?? null
  return {
    id: row.id,
    createdAt: row.created_at,
    actor: row.actor,
    jobDir: row.job_dir,
    modelDir: row.model_dir,
    settings: TrainingJobSettings.parse(JSON.parse(row.settings)),
    status: last?.status ?? 'queued',
    pid: last && FINISHED.has(last.status) ? null : pid,
    events: events.map((event) => ({ at: event.at, status: event.status, detail: JSON.parse(event.detail) as Record<string, unknown> })),
  }
}

export function listTrainingJobIds(database: SqliteDatabase, limit = 50): number[] {
  return database.prepare<{ id: number }>('SELECT id FROM training_jobs ORDER BY id DESC LIMIT ?').all(limit).map((row) => row.id)
}

/** The view the app and `clinicoco training status` show. */
export function trainingJobView(job: TrainingJobRecord): TrainingJobView {
  const succeeded = [...job.events].reverse().find((event) => event.status === 'succeeded')
  const failed = job.status === 'failed' ? job.events.at(-1) : undefined
  return {
    id: job.id,
    createdAt: job.createdAt,
    actor: job.actor,
    status: job.status,
    settings: job.settings,
    modelDir: job.modelDir,
    modelVersion: typeof succeeded?.detail.modelVersion === 'string' ? succeeded.detail.modelVersion : null,
    error: typeof failed?.detail.message === 'string' ? failed.detail.message : null,
    progress: readProgress(job.jobDir),
    canResume: ['cancelled', 'interrupted', 'failed'].includes(job.status) && existsSync(`${job.modelDir}.checkpoint.pt`) && existsSync(`${job.modelDir}.training-bundle`),
    canCancel: job.status === 'queued' || job.status === 'running',
    hasReport: existsSync(join(job.jobDir, REPORT_FILE)),
    events: job.events.map((event) => ({ at: event.at, status: event.status })),
  }
}

function readProgress(jobDir: string): TrainingJobView['progress'] {
  const file = join(jobDir, PROGRESS_FILE)
  if (!existsSync(file)) return null
  try {
    const parsed = TrainingProgress.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    // Read while being replaced on a file system without atomic rename: the next poll has it.
    return null
  }
}
