/**
 * Work assignment: a supervisor draws a batch of records (by department,
 * language, model confidence, at random with a seed) and deals them to coders,
 * for coding, double coding, or another desk's purpose (annotation). Batches and
 * assignments are never edited: closing a batch is a new row; each change is audited.
 */
import type { NewWorkBatch, RecordAssignment, WorkBatch, WorkPurpose } from '../../contract/supervision.js'
import { WorkPurpose as WorkPurposes } from '../../contract/supervision.js'
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import { requireAccount } from '../auth/accounts.js'
import { SeededRandom } from '../random/seeded-random.js'
import type { SqliteDatabase, SqliteValue } from '../store/database.js'

/** Scoring records for a confidence band runs the model on each; the pool it scores is capped (and sampled when larger). */
export const MAX_CONFIDENCE_POOL = 3_000

/** The model's best probability for each record (0–1); the caller brings the model and its cache. */
export type ConfidenceOf = (recordRowIds: readonly number[]) => Promise<Map<number, number>>

interface Candidate {
  id: number
  coder: string | null
}

export async function createWorkBatch(
  database: SqliteDatabase,
  batch: NewWorkBatch,
  actor: string,
  confidenceOf: ConfidenceOf | null,
): Promise<WorkBatch> {
  const assignees = [...new Set(batch.assignees)]
  for (const userId of assignees) {
    const account = requireAccount(database, userId)
    if (account.disabled) throw new AppFailure('invalid-input', `${userId} is disabled.`)
    if (account.role !== 'coder') throw new AppFailure('invalid-input', `${userId} is a ${account.role}: work goes to coders.`)
  }
  if (batch.uncodedOnly && batch.codedOnly) throw new AppFailure('invalid-input', 'Choose uncoded or coded records, not both.')
  if (batch.confidenceMin !== undefined && batch.confidenceMax !== undefined && batch.confidenceMin > batch.confidenceMax) {
    throw new AppFailure('invalid-input', 'The confidence band is empty: its minimum is above its maximum.')
  }
  const seed = batch.seed ?? Math.floor(Math.random() * 2_147_483_647)
  const random = new SeededRandom(seed)
  let pool = candidates(database, batch)
  const banded = batch.confidenceMin !== undefined || batch.confidenceMax !== undefined
  let scored: number | null = null
  if (banded) {
    if (!confidenceOf) throw new AppFailure('model-missing', 'Choosing by model confidence needs a coding model: IT installs one with `clinicoco models use`.')
    if (pool.length > MAX_CONFIDENCE_POOL) pool = random.sample(pool, MAX_CONFIDENCE_POOL)
    const confidence = await confidenceOf(pool.map((candidate) => candidate.id))
    scored = pool.length
    const min = batch.confidenceMin ?? 0
    const max = batch.confidenceMax ?? 1
    pool = pool.filter((candidate) => {
      const top = confidence.get(candidate.id)
      return top !== undefined && top >= min && top <= max
    })
  }
  const drawn = random.sample(pool, batch.sample)
  const dealt: Array<{ record: number; assignee: string }> = []
  let turn = 0
  for (const candidate of drawn) {
    // A second coding by the first coder would measure nothing: skip them for that record.
    for (let tries = 0; tries < assignees.length; tries += 1) {
      const assignee = assignees[(turn + tries) % assignees.length] as string
      if (batch.purpose === 'double-coding' && assignee === candidate.coder) continue
      dealt.push({ record: candidate.id, assignee })
      turn = (turn + tries + 1) % assignees.length
      break
    }
  }
  if (dealt.length === 0) throw new AppFailure('not-found', 'No record matches this selection (or each was coded by the only assignee).')
  const criteria = {
    department: batch.department ?? null,
    language: batch.language ?? null,
    confidenceMin: batch.confidenceMin ?? null,
    confidenceMax: batch.confidenceMax ?? null,
    uncodedOnly: batch.uncodedOnly,
    codedOnly: batch.codedOnly,
    sample: batch.sample,
    seed,
    matched: pool.length,
    ...(scored !== null ? { scored } : {}),
  }
  return database.transaction(() => {
    const createdAt = new Date().toISOString()
    const batchId = Number(
      database
        .prepare('INSERT INTO work_batches (purpose, label, criteria, created_by, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(batch.purpose, batch.label, JSON.stringify(criteria), actor, createdAt).lastInsertRowid,
    )
    const insert = database.prepare('INSERT INTO work_assignments (batch_id, record_id, assignee) VALUES (?, ?, ?)')
    for (const { record, assignee } of dealt) insert.run(batchId, record, assignee)
    appendAudit(database, {
      actor,
      action: 'work.batch-create',
      entity: 'batch',
      entityId: String(batchId),
      detail: { purpose: batch.purpose, label: batch.label, criteria, assignees, records: dealt.length },
    })
    const created = listWorkBatches(database).find((entry) => entry.id === batchId)
    if (!created) throw new AppFailure('internal', 'The new batch was not stored.')
    return created
  })
}

export function closeWorkBatch(database: SqliteDatabase, batchId: number, reason: string, actor: string): WorkBatch {
  return database.transaction(() => {
    const exists = database.prepare('SELECT 1 FROM work_batches WHERE id = ?').get(batchId)
    if (!exists) throw new AppFailure('not-found', `No batch ${batchId}.`)
    if (database.prepare('SELECT 1 FROM work_batch_closures WHERE batch_id = ?').get(batchId)) throw new AppFailure('conflict', `Batch ${batchId} is already closed.`)
    database.prepare('INSERT INTO work_batch_closures (batch_id, closed_by, closed_at, reason) VALUES (?, ?, ?, ?)').run(batchId, actor, new Date().toISOString(), reason)
    appendAudit(database, { actor, action: 'work.batch-close', entity: 'batch', entityId: String(batchId), detail: { reason } })
    const closed = listWorkBatches(database).find((entry) => entry.id === batchId)
    if (!closed) throw new AppFailure('internal', 'The batch vanished.')
    return closed
  })
}

/**
 * An assignment is done when its assignee submitted, after the batch was made: a
 * second coding of the record (double coding), else a coding of it.
 */
const DONE = `CASE WHEN b.purpose = 'double-coding'
    THEN EXISTS (SELECT 1 FROM second_codings s WHERE s.assignment_id = a.id)
    ELSE EXISTS (SELECT 1 FROM decisions d WHERE d.record_id = a.record_id AND d.coder = a.assignee AND d.submitted_at >= b.created_at)
  END`

export function listWorkBatches(database: SqliteDatabase): WorkBatch[] {
  const batches = database
    .prepare<{ id: number; purpose: string; label: string; criteria: string; created_by: string; created_at: string; closed_by: string | null; closed_at: string | null; reason: string | null }>(
      `SELECT b.*, c.closed_by, c.closed_at, c.reason FROM work_batches b LEFT JOIN work_batch_closures c ON c.batch_id = b.id ORDER BY b.id DESC`,
    )
    .all()
  const progress = database.prepare<{ assignee: string; display_name: string; assigned: number; done: number }>(
    `SELECT a.assignee, u.display_name, count(*) AS assigned, sum(${DONE}) AS done
     FROM work_assignments a JOIN work_batches b ON b.id = a.batch_id JOIN users u ON u.id = a.assignee
     WHERE a.batch_id = ? GROUP BY a.assignee ORDER BY a.assignee`,
  )
  return batches.map((batch) => {
    const assignees = progress.all(batch.id)
    return {
      id: batch.id,
      purpose: purposeOf(batch.purpose),
      label: batch.label,
      createdBy: batch.created_by,
      createdAt: batch.created_at,
      criteria: JSON.parse(batch.criteria) as Record<string, unknown>,
      closed: batch.closed_at !== null ? { by: batch.closed_by ?? '', at: batch.closed_at, reason: batch.reason ?? '' } : null,
      records: new Set(database.prepare<{ record_id: number }>('SELECT record_id FROM work_assignments WHERE batch_id = ?').all(batch.id).map((row) => row.record_id)).size,
      assignees: assignees.map((row) => ({ userId: row.assignee, displayName: row.display_name, assigned: row.assigned, done: row.done })),
    }
  })
}

/** The viewer's open assignment of a record (the newest batch), or null. */
export function assignmentOf(database: SqliteDatabase, viewer: string, recordRowId: number): (RecordAssignment & { assignmentId: number }) | null {
  const row = database
    .prepare<{ id: number; batch_id: number; purpose: string; label: string; done: number }>(
      `SELECT a.id, a.batch_id, b.purpose, b.label, ${DONE} AS done
       FROM work_assignments a JOIN work_batches b ON b.id = a.batch_id
       WHERE a.assignee = ? AND a.record_id = ? AND NOT EXISTS (SELECT 1 FROM work_batch_closures c WHERE c.batch_id = b.id)
       ORDER BY a.batch_id DESC LIMIT 1`,
    )
    .get(viewer, recordRowId)
  return row ? { assignmentId: row.id, batchId: row.batch_id, purpose: purposeOf(row.purpose), label: row.label, done: row.done === 1 } : null
}

function candidates(database: SqliteDatabase, batch: NewWorkBatch): Candidate[] {
  const conditions: string[] = []
  const params: SqliteValue[] = []
  if (batch.department !== undefined) {
    conditions.push('r.department = ?')
    params.push(batch.department)
  }
  if (batch.language !== undefined) {
    conditions.push('r.language = ?')
    params.push(batch.language)
  }
  if (batch.uncodedOnly) conditions.push('NOT EXISTS (SELECT 1 FROM decisions d WHERE d.record_id = r.id)')
  if (batch.codedOnly) conditions.push('EXISTS (SELECT 1 FROM decisions d WHERE d.record_id = r.id)')
  // A record already in an open batch for the same purpose is not dealt twice.
  conditions.push(`NOT EXISTS (SELECT 1 FROM work_assignments a JOIN work_batches b ON b.id = a.batch_id
    WHERE a.record_id = r.id AND b.purpose = ? AND NOT EXISTS (SELECT 1 FROM work_batch_closures c WHERE c.batch_id = b.id))`)
  params.push(batch.purpose)
  return database
    .prepare<{ id: number; coder: string | null }>(
      `SELECT r.id, (SELECT d.coder FROM decisions d WHERE d.record_id = r.id ORDER BY d.version DESC LIMIT 1) AS coder
       FROM records r WHERE ${conditions.join(' AND ')} ORDER BY r.id`,
    )
    .all(...params)
}

function purposeOf(value: string): WorkPurpose {
  const parsed = WorkPurposes.safeParse(value)
  return parsed.success ? parsed.data : 'coding'
}
