/**
 * `clinicoco annotate status` and the plan view: per code, its clean examples
 * against s, what the open patch should still add, and whether any candidate is
 * left; the patches and each coder's queue; the record classes the trainer will
 * see; and the effort left, in coder hours from the active coding times stored
 * with the decisions (median per record, annotation decisions first).
 */
import type { SqliteDatabase } from '../store/database.js'
import type { TrainingSplit } from '../records/training-records.js'
import { readAnnotationPool } from './annotation-pool.js'
import { readAnnotationSettings, type AnnotationSettings } from './annotation-settings.js'
import { planAnnotationPatch } from './plan-annotation-patch.js'

export interface CodeProgress {
  code: string
  title: string
  clean: number
  /** Open tasks whose records carry this code's trusted noisy label. */
  pending: number
  /** Unplanned records with this code's trusted noisy label. */
  candidates: number
}

export interface AnnotationStatus {
  settings: AnnotationSettings
  classes: Record<TrainingSplit, number>
  codes: CodeProgress[]
  summary: {
    codes: number
    atTarget: number
    short: number
    /** Short codes without any unplanned candidate: annotation cannot bring them to s. */
    withoutCandidates: number
  }
  patches: Array<{ number: number; method: string; createdAt: string; actor: string; records: number; done: number; open: number }>
  coders: Array<{ coder: string; open: number; done: number }>
  recordsLeft: number
  effort: {
    /** Median active coding time per record, from annotation decisions, else from all decisions; null before any. */
    medianActiveMs: number | null
    timedDecisions: number
    source: 'annotation' | 'all-decisions' | 'none'
    /** Records in the open tasks plus, when no task is open, those the next patch would hold. */
    nextPatchRecords: number | null
    estimatedHoursLeft: number | null
  }
  /** Every code at s, or no candidate left for the short ones. */
  complete: boolean
}

export function annotationStatus(database: SqliteDatabase, codeSetId: number, seed = 13): AnnotationStatus {
  const settings = readAnnotationSettings(database)
  const pool = readAnnotationPool(database, codeSetId, settings.trustThreshold)
  const candidateCounts = countCodes(pool.candidates.map((candidate) => candidate.codes.keys()))
  const pendingCounts = countCodes(pool.pending.map((candidate) => candidate.codes.keys()))
  const codes = [...pool.codes].sort()
  const title = database.prepare<{ title: string }>('SELECT title FROM codes WHERE code_set_id = ? AND code = ?')
  const progress: CodeProgress[] = codes.map((code) => ({
    code,
    title: title.get(codeSetId, code)?.title ?? '',
    clean: pool.cleanCounts.get(code) ?? 0,
    pending: pendingCounts.get(code) ?? 0,
    candidates: candidateCounts.get(code) ?? 0,
  }))
  const short = progress.filter((entry) => entry.clean < settings.target)
  const patches = database
    .prepare<{ id: number; number: number; method: string; created_at: string; actor: string; records: number; done: number }>(
      `SELECT p.id, p.number, p.method, p.created_at, p.actor, count(t.record_id) AS records,
              sum(CASE WHEN EXISTS (SELECT 1 FROM decisions d WHERE d.record_id = t.record_id) THEN 1 ELSE 0 END) AS done
       FROM annotation_patches p LEFT JOIN annotation_tasks t ON t.patch_id = p.id GROUP BY p.id ORDER BY p.number`,
    )
    .all()
    .map((row) => ({ number: row.number, method: row.method, createdAt: row.created_at, actor: row.actor, records: row.records, done: row.done ?? 0, open: row.records - (row.done ?? 0) }))
  const coders = database
    .prepare<{ coder: string; records: number; done: number }>(
      `SELECT t.coder, count(*) AS records,
              sum(CASE WHEN EXISTS (SELECT 1 FROM decisions d WHERE d.record_id = t.record_id) THEN 1 ELSE 0 END) AS done
       FROM annotation_tasks t GROUP BY t.coder ORDER BY t.coder`,
    )
    .all()
    .map((row) => ({ coder: row.coder, open: row.records - row.done, done: row.done }))
  const recordsLeft = patches.reduce((sum, patch) => sum + patch.open, 0)
  const withoutCandidates = short.filter((entry) => entry.candidates === 0 && entry.pending === 0).length
  let nextPatchRecords: number | null = recordsLeft
  if (recordsLeft === 0) {
    nextPatchRecords =
      short.length === 0
        ? 0
        : planAnnotationPatch(database, { ...settings, codeSetId, actor: 'status', method: 'adaptive', seed, dryRun: true, coders: firstUser(database) }).records
  }
  const timing = activeTimes(database)
  const medianActiveMs = median(timing.values)
  return {
    settings,
    classes: pool.classes,
    codes: progress,
    summary: { codes: progress.length, atTarget: progress.length - short.length, short: short.length, withoutCandidates },
    patches,
    coders,
    recordsLeft,
    effort: {
      medianActiveMs,
      timedDecisions: timing.values.length,
      source: timing.source,
      nextPatchRecords,
      estimatedHoursLeft: medianActiveMs === null || nextPatchRecords === null ? null : Number(((medianActiveMs * nextPatchRecords) / 3_600_000).toFixed(2)),
    },
    complete: recordsLeft === 0 && short.every((entry) => entry.candidates === 0),
  }
}

function countCodes(lists: Iterable<Iterable<string>>): Map<string, number> {
  const counts = new Map<string, number>()
  for (const list of lists) for (const code of list) counts.set(code, (counts.get(code) ?? 0) + 1)
  return counts
}

/** The preview needs a coder to deal to; any user will do, nothing is stored. */
function firstUser(database: SqliteDatabase): string[] | undefined {
  const row = database.prepare<{ id: string }>('SELECT id FROM users ORDER BY id LIMIT 1').get()
  return row ? [row.id] : undefined
}

function activeTimes(database: SqliteDatabase): { values: number[]; source: AnnotationStatus['effort']['source'] } {
  // First versions only: a correction's time is not what a fresh record costs.
  const annotation = database
    .prepare<{ active_ms: number }>(
      `SELECT d.active_ms FROM decisions d JOIN annotation_tasks t ON t.record_id = d.record_id
       WHERE d.version = 1 AND d.active_ms > 0`,
    )
    .all()
    .map((row) => row.active_ms)
  if (annotation.length > 0) return { values: annotation, source: 'annotation' }
  const all = database.prepare<{ active_ms: number }>('SELECT active_ms FROM decisions WHERE version = 1 AND active_ms > 0').all().map((row) => row.active_ms)
  return { values: all, source: all.length > 0 ? 'all-decisions' : 'none' }
}

function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : Math.round(((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2)
}
