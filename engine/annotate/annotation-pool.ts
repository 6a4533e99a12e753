/**
 * What the annotation planner works from, read from the workspace:
 *
 * - the record classes exactly as the trainer will see them (training-records:
 *   clean = coder decision or reference codes counted clean; noisy = names
 *   normalised to codes; raw = text only; dev / test);
 * - clean examples per code (labels of the clean records);
 * - the candidates: training-pool records not clean and not already planned,
 *   with their trusted noisy labels (code → the normaliser's confidence; a code
 *   named twice keeps its best confidence). Trusted = at or above the admin's
 *   trust threshold, or, without one, the labels the normaliser accepted.
 */
import type { SqliteDatabase } from '../store/database.js'
import { selectTrainingRecords, TRAINING_SPLITS, type TrainingSplit } from '../records/training-records.js'
import type { PatchCandidate } from './plan-patch.js'

export interface AnnotationPool {
  classes: Record<TrainingSplit, number>
  cleanCounts: Map<string, number>
  /** Noisy-labelled training records not yet clean nor planned. */
  candidates: PatchCandidate[]
  /** Every training-pool record not yet clean nor planned (what random selection draws from). */
  unplanned: number[]
  /** Open tasks' records (planned, no decision yet) with their trusted labels. */
  pending: PatchCandidate[]
  /**
   * The codes to plan for: every code with a clean example or a trusted noisy label on a
   * training record, annotated ones included — a code whose noisy labels the coders never
   * confirmed stays in the plan as short, not silently dropped.
   */
  codes: Set<string>
}

export function readAnnotationPool(database: SqliteDatabase, codeSetId: number, trustThreshold: number | null): AnnotationPool {
  const records = selectTrainingRecords(database, { codeSetId })
  const classes = Object.fromEntries(TRAINING_SPLITS.map((split) => [split, 0])) as Record<TrainingSplit, number>
  const cleanCounts = new Map<string, number>()
  const planned = new Set(database.prepare<{ record_id: number }>('SELECT record_id FROM annotation_tasks').all().map((row) => row.record_id))
  const trusted = trustedLabels(database, codeSetId, trustThreshold)
  const candidates: PatchCandidate[] = []
  const pending: PatchCandidate[] = []
  const unplanned: number[] = []
  const codes = new Set<string>()
  for (const record of records) {
    classes[record.split] += 1
    if (record.split === 'clean' || record.split === 'noisy' || record.split === 'raw') {
      for (const code of trusted.get(record.rowId)?.keys() ?? []) codes.add(code)
    }
    if (record.split === 'clean') {
      for (const code of new Set(record.labels)) {
        cleanCounts.set(code, (cleanCounts.get(code) ?? 0) + 1)
        codes.add(code)
      }
      continue
    }
    if (record.split !== 'noisy' && record.split !== 'raw') continue
    const labels = trusted.get(record.rowId)
    if (planned.has(record.rowId)) {
      pending.push({ recordId: record.rowId, codes: labels ?? new Map() })
      continue
    }
    unplanned.push(record.rowId)
    if (labels && labels.size > 0) candidates.push({ recordId: record.rowId, codes: labels })
  }
  return { classes, cleanCounts, candidates, unplanned, pending, codes }
}

function trustedLabels(database: SqliteDatabase, codeSetId: number, trustThreshold: number | null): Map<number, Map<string, number>> {
  // Assignable codes only, as for the noisy training labels: a name normalised to a category is vague, not a label.
  const rows = database
    .prepare<{ record_id: number; code: string; confidence: number }>(
      `SELECT l.record_id, l.code, max(l.confidence) AS confidence FROM name_labels l
       JOIN codes c ON c.code_set_id = l.code_set_id AND c.code = l.code AND c.assignable = 1
       WHERE l.code_set_id = ? AND ${trustThreshold === null ? 'l.accepted = 1' : 'l.confidence >= ?'}
       GROUP BY l.record_id, l.code ORDER BY l.record_id, l.code`,
    )
    .all(...(trustThreshold === null ? [codeSetId] : [codeSetId, trustThreshold]))
  const labels = new Map<number, Map<string, number>>()
  for (const row of rows) {
    const codes = labels.get(row.record_id) ?? new Map<string, number>()
    // A confidence of 0 would give the record no weight at all; the smallest trusted label still counts a little.
    codes.set(row.code, Math.max(row.confidence, 0.01))
    labels.set(row.record_id, codes)
  }
  return labels
}
