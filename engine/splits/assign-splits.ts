/**
 * `clinicoco splits assign`: the admin's seeded, stratified draw of train / dev /
 * test for records imported without a split (the mapping's `split` field
 * decides where there is one). The draw is stratified by each record's
 * reference codes, else its latest coder decision, else its accepted noisy
 * labels, so rare codes reach dev. One transaction: the run, every record it
 * moved (with the split it had) and the audit row land together.
 *
 * `redo` draws again the records an earlier assignment placed, except those a
 * coder has already coded or that wait in an annotation queue: moving a coded
 * record into dev would let the model be evaluated on what it was trained on.
 */
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import type { SqliteDatabase } from '../store/database.js'
import { stratifiedSplit, type AssignedSplit, type SplitCandidate, type SplitShares } from './stratified-split.js'

export interface SplitAssignmentRequest extends SplitShares {
  seed: number
  actor: string
  /** Code set whose noisy labels stratify records without reference codes. */
  codeSetId: number | null
  redo?: boolean
}

export interface SplitAssignmentSummary {
  assignmentId: number
  seed: number
  shares: SplitShares
  /** Records this run placed, per split. */
  assigned: Record<AssignedSplit, number>
  /** What stratified them: reference codes, coder decisions, noisy labels from names, nothing. */
  stratifiedBy: { reference: number; decision: number; noisy: number; none: number }
  /** Codes with ≥ 1 stratifying label among the placed records, and how many of them have a record in dev. */
  codes: { total: number; inDev: number; inTest: number }
  /** Records of every split after the run (background included). */
  recordsBySplit: Record<string, number>
}

export function assignSplits(database: SqliteDatabase, request: SplitAssignmentRequest): SplitAssignmentSummary {
  const shares = { dev: request.dev, test: request.test }
  if (!(shares.dev >= 0 && shares.test >= 0 && shares.dev + shares.test < 1)) {
    throw new AppFailure('invalid-input', `--dev and --test must be ≥ 0 and add up to less than 1 (got ${shares.dev} and ${shares.test}).`)
  }
  if (!Number.isInteger(request.seed) || request.seed < 0) throw new AppFailure('invalid-input', `--seed must be a whole number ≥ 0, got ${request.seed}.`)
  return database.transaction(() => {
    const eligible = eligibleRecords(database, request.redo === true)
    if (eligible.length === 0) {
      throw new AppFailure(
        'not-found',
        request.redo
          ? 'No record to assign: every record has a split from its import, or was coded already.'
          : 'No record without a split: every record has one from its import or an earlier assignment (use --redo to draw the assigned ones again).',
      )
    }
    const labels = stratifyingLabels(database, request.codeSetId)
    const stratifiedBy = { reference: 0, decision: 0, noisy: 0, none: 0 }
    const candidates: SplitCandidate[] = eligible.map((record) => {
      const found = labels.get(record.id)
      stratifiedBy[found?.source ?? 'none'] += 1
      return { id: record.id, codes: found?.codes ?? [] }
    })
    const placement = stratifiedSplit(candidates, shares, request.seed)
    const at = new Date().toISOString()
    const assigned: Record<AssignedSplit, number> = { train: 0, dev: 0, test: 0 }
    for (const split of placement.values()) assigned[split] += 1
    const codes = codeCoverage(candidates, placement)
    const assignmentId = Number(
      database
        .prepare('INSERT INTO split_assignments (at, actor, seed, dev_share, test_share, summary) VALUES (?, ?, ?, ?, ?, ?)')
        .run(at, request.actor, request.seed, shares.dev, shares.test, JSON.stringify({ assigned, stratifiedBy, codes })).lastInsertRowid,
    )
    const recordChange = database.prepare('INSERT INTO record_split_changes (assignment_id, record_id, from_split, to_split) VALUES (?, ?, ?, ?)')
    const update = database.prepare('UPDATE records SET split = ? WHERE id = ?')
    for (const record of eligible) {
      const split = placement.get(record.id) as AssignedSplit
      recordChange.run(assignmentId, record.id, record.split, split)
      if (split !== record.split) update.run(split, record.id)
    }
    appendAudit(database, {
      actor: request.actor,
      action: 'splits.assign',
      entity: 'split_assignment',
      entityId: String(assignmentId),
      detail: { seed: request.seed, shares, redo: request.redo === true, assigned, stratifiedBy },
    }, at)
    return { assignmentId, seed: request.seed, shares, assigned, stratifiedBy, codes, recordsBySplit: recordsBySplit(database) }
  })
}

export function recordsBySplit(database: SqliteDatabase): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const row of database.prepare<{ split: string; n: number }>('SELECT split, count(*) AS n FROM records GROUP BY split ORDER BY split').all()) {
    counts[row.split] = row.n
  }
  return counts
}

interface EligibleRecord {
  id: number
  split: string
}

function eligibleRecords(database: SqliteDatabase, redo: boolean): EligibleRecord[] {
  if (!redo) return database.prepare<EligibleRecord>("SELECT id, split FROM records WHERE split = 'none' ORDER BY id").all()
  // A record placed by an earlier run still holds the split that run gave it (no import has set another since).
  return database
    .prepare<EligibleRecord>(
      `SELECT r.id, r.split FROM records r
       WHERE NOT EXISTS (SELECT 1 FROM decisions d WHERE d.record_id = r.id)
         AND NOT EXISTS (SELECT 1 FROM annotation_tasks t WHERE t.record_id = r.id)
         AND (r.split = 'none' OR r.split = (
               SELECT c.to_split FROM record_split_changes c WHERE c.record_id = r.id ORDER BY c.assignment_id DESC LIMIT 1))
       ORDER BY r.id`,
    )
    .all()
}

type LabelSource = 'reference' | 'decision' | 'noisy'

function stratifyingLabels(database: SqliteDatabase, codeSetId: number | null): Map<number, { source: LabelSource; codes: string[] }> {
  const labels = new Map<number, { source: LabelSource; codes: string[] }>()
  const add = (source: LabelSource, rows: Array<{ record_id: number; code: string }>): void => {
    const found = new Map<number, string[]>()
    for (const row of rows) {
      const list = found.get(row.record_id)
      if (list) list.push(row.code)
      else found.set(row.record_id, [row.code])
    }
    for (const [recordId, codes] of found) if (!labels.has(recordId)) labels.set(recordId, { source, codes })
  }
  add('reference', database.prepare<{ record_id: number; code: string }>('SELECT record_id, code FROM gold_codes ORDER BY record_id, code').all())
  add(
    'decision',
    database
      .prepare<{ record_id: number; code: string }>(
        `SELECT d.record_id, dc.code FROM decisions d JOIN decision_codes dc ON dc.decision_id = d.id
         WHERE d.version = (SELECT max(version) FROM decisions WHERE record_id = d.record_id) ORDER BY d.record_id, dc.code`,
      )
      .all(),
  )
  if (codeSetId !== null) {
    add(
      'noisy',
      database
        .prepare<{ record_id: number; code: string }>(
          'SELECT DISTINCT record_id, code FROM name_labels WHERE code_set_id = ? AND accepted = 1 ORDER BY record_id, code',
        )
        .all(codeSetId),
    )
  }
  return labels
}

function codeCoverage(candidates: SplitCandidate[], placement: Map<number, AssignedSplit>): SplitAssignmentSummary['codes'] {
  const splitsByCode = new Map<string, Set<AssignedSplit>>()
  for (const candidate of candidates) {
    const split = placement.get(candidate.id) as AssignedSplit
    for (const code of candidate.codes) {
      const splits = splitsByCode.get(code) ?? new Set<AssignedSplit>()
      splits.add(split)
      splitsByCode.set(code, splits)
    }
  }
  const values = [...splitsByCode.values()]
  return { total: values.length, inDev: values.filter((splits) => splits.has('dev')).length, inTest: values.filter((splits) => splits.has('test')).length }
}
