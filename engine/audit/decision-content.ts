/**
 * What a submitted decision is, as one hash: every stored fact of the version
 * (record, version, coder, code set, comment, time, active time, mode, codes,
 * suggestion outcomes) in a fixed order. The audit row of a submission carries
 * this hash; `audit verify` recomputes it from the tables, so a decision changed
 * behind the app's back (triggers dropped, INSERT OR REPLACE) no longer matches.
 */
import { createHash } from 'node:crypto'
import type { SqliteDatabase } from '../store/database.js'

export interface StoredDecision {
  id: number
  recordId: string
  version: number
  coder: string
  codeSetId: number
  comment: string
  submittedAt: string
  activeMs: number
  mode: string
  codes: Array<{ code: string; isPrimary: boolean }>
  suggestions: Array<{ code: string; modelVersion: string; threshold: number; probability: number; outcome: string }>
}

export function readStoredDecision(database: SqliteDatabase, decisionId: number): StoredDecision | null {
  const row = database
    .prepare<{ id: number; external_id: string; version: number; coder: string; code_set_id: number; comment: string; submitted_at: string; active_ms: number; mode: string }>(
      `SELECT d.id, r.external_id, d.version, d.coder, d.code_set_id, d.comment, d.submitted_at, d.active_ms, d.mode
       FROM decisions d JOIN records r ON r.id = d.record_id WHERE d.id = ?`,
    )
    .get(decisionId)
  if (!row) return null
  const codes = database
    .prepare<{ code: string; is_primary: number }>('SELECT code, is_primary FROM decision_codes WHERE decision_id = ? ORDER BY code')
    .all(decisionId)
    .map((code) => ({ code: code.code, isPrimary: code.is_primary === 1 }))
  const suggestions = database
    .prepare<{ code: string; model_version: string; threshold: number; probability: number; outcome: string }>(
      'SELECT code, model_version, threshold, probability, outcome FROM decision_suggestions WHERE decision_id = ? ORDER BY code',
    )
    .all(decisionId)
    .map((entry) => ({ code: entry.code, modelVersion: entry.model_version, threshold: entry.threshold, probability: entry.probability, outcome: entry.outcome }))
  return {
    id: row.id,
    recordId: row.external_id,
    version: row.version,
    coder: row.coder,
    codeSetId: row.code_set_id,
    comment: row.comment,
    submittedAt: row.submitted_at,
    activeMs: row.active_ms,
    mode: row.mode,
    codes,
    suggestions,
  }
}

export function decisionContentHash(decision: StoredDecision): string {
  const canonical = JSON.stringify([
    'decision/1',
    decision.recordId,
    decision.version,
    decision.coder,
    decision.codeSetId,
    decision.comment,
    decision.submittedAt,
    decision.activeMs,
    decision.mode,
    decision.codes.map((code) => [code.code, code.isPrimary]),
    decision.suggestions.map((entry) => [entry.code, entry.modelVersion, entry.threshold, entry.probability, entry.outcome]),
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

export function storedDecisionHash(database: SqliteDatabase, decisionId: number): string | null {
  const decision = readStoredDecision(database, decisionId)
  return decision ? decisionContentHash(decision) : null
}

/** A second coding (double coding), hashed like a decision. */
export function storedSecondCodingHash(database: SqliteDatabase, secondCodingId: number): string | null {
  const row = database
    .prepare<{ id: number; assignment_id: number; external_id: string; version: number; coder: string; code_set_id: number; comment: string; submitted_at: string; active_ms: number; mode: string }>(
      `SELECT s.id, s.assignment_id, r.external_id, s.version, s.coder, s.code_set_id, s.comment, s.submitted_at, s.active_ms, s.mode
       FROM second_codings s JOIN records r ON r.id = s.record_id WHERE s.id = ?`,
    )
    .get(secondCodingId)
  if (!row) return null
  const codes = database
    .prepare<{ code: string; is_primary: number }>('SELECT code, is_primary FROM second_coding_codes WHERE second_coding_id = ? ORDER BY code')
    .all(secondCodingId)
    .map((code) => [code.code, code.is_primary === 1])
  const canonical = JSON.stringify(['second-coding/1', row.assignment_id, row.external_id, row.version, row.coder, row.code_set_id, row.comment, row.submitted_at, row.active_ms, row.mode, codes])
  return createHash('sha256').update(canonical).digest('hex')
}

/** A supervisor's verdict on a version. */
export function storedReviewHash(database: SqliteDatabase, reviewId: number): string | null {
  const row = database
    .prepare<{ decision_id: number; reviewer: string; verdict: string; comment: string; reasons: string; reviewed_at: string }>('SELECT * FROM reviews WHERE id = ?')
    .get(reviewId)
  if (!row) return null
  const canonical = JSON.stringify(['review/1', reviewId, row.decision_id, row.reviewer, row.verdict, row.comment, row.reasons, row.reviewed_at])
  return createHash('sha256').update(canonical).digest('hex')
}
