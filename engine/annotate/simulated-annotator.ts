/**
 * The simulated annotator (paper: the quality-control simulator also "simulates
 * annotation from gold labels"): works through a coder's annotation queue and
 * submits each record's reference codes as that coder's decision, through the
 * same engine calls a coder's submission takes (a versioned, audited decision;
 * the names it confirms teach the normaliser). It answers for experiments and
 * walkthroughs only: every decision it writes says so in its comment.
 *
 * Active time is what the caller says a record took (default none): a
 * simulator has no coding time of its own to report.
 */
import { annotationQueue } from './annotation-queue.js'
import { submitDecision } from '../decisions/submit-decision.js'
import { confirmNamesOfDecision } from '../normalize/decision-pairs.js'
import { recordRowId } from '../records/record-row-id.js'
import type { SqliteDatabase } from '../store/database.js'
import { getCode } from '../taxonomy/code-lookup.js'
import { getUser } from '../workspace/workspace.js'

export const SIMULATED_COMMENT = 'simulated annotator: reference codes as the answer'

export interface SimulatedAnnotationRequest {
  coder: string
  codeSetId: number
  /** At most this many records of the queue. */
  limit?: number
  /** Active time recorded per record, in milliseconds (default 0: none). */
  activeMs?: number
}

export interface SimulatedAnnotationReport {
  coder: string
  submitted: number
  /** Records left in the queue because their reference codes cannot be submitted (none, or none in the code set). */
  skipped: Array<{ recordId: string; reason: string }>
  remaining: number
}

export function simulateAnnotation(database: SqliteDatabase, request: SimulatedAnnotationRequest): SimulatedAnnotationReport {
  const mode = getUser(database, request.coder).mode
  const queue = annotationQueue(database, request.coder, request.limit ?? Number.MAX_SAFE_INTEGER)
  const goldOf = database.prepare<{ code: string; is_primary: number }>('SELECT code, is_primary FROM gold_codes WHERE record_id = ? ORDER BY is_primary DESC, code')
  const skipped: SimulatedAnnotationReport['skipped'] = []
  let submitted = 0
  for (const task of queue) {
    const rowId = recordRowId(database, task.recordId)
    const gold = goldOf.all(rowId).filter((row) => getCode(database, request.codeSetId, row.code)?.assignable === true)
    if (gold.length === 0) {
      skipped.push({ recordId: task.recordId, reason: 'no reference code of the active code set to answer with' })
      continue
    }
    const primary = gold.find((row) => row.is_primary === 1)?.code ?? (gold[0] as { code: string }).code
    const decision = submitDecision(database, {
      recordId: task.recordId,
      codes: gold.map((row) => ({ code: row.code, isPrimary: row.code === primary })),
      comment: SIMULATED_COMMENT,
      baseVersion: 0,
      coder: request.coder,
      codeSetId: request.codeSetId,
      activeMs: request.activeMs ?? 0,
      mode,
    })
    confirmNamesOfDecision(database, { recordRowId: rowId, codeSetId: request.codeSetId, codes: decision.codes.map((code) => code.code), actor: request.coder })
    submitted += 1
  }
  return { coder: request.coder, submitted, skipped, remaining: annotationQueue(database, request.coder).length }
}
