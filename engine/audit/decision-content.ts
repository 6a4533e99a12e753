/**
 * What a submitted decision is, as one hash: every stored fact of the version
 * (record, version, coder, code set, comment, time, active time, mode, codes,
 * suggestion outcomes, and what the coder decided about the coding rules, the
 * suggested primary and the name flags) in a fixed order. The audit row of a submission carries
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
  /** Rule warnings the coder kept the codes against, with the reason and the warning as read. */
  ruleOverrides: Array<{ ruleId: string; codes: string; reason: string; message: string }>
  /** The suggested primary beside the confirmed one; null for a version stored before primaries were kept. */
  primary: { suggested: string | null; probability: number | null; modelVersion: string | null; confirmed: string; differs: boolean } | null
  flagDismissals: Array<{ kind: string; name: string; code: string; reason: string }>
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
  const ruleOverrides = database
    .prepare<{ rule_id: string; codes: string; reason: string; message: string }>(
      'SELECT rule_id, codes, reason, message FROM decision_rule_overrides WHERE decision_id = ? ORDER BY rule_id, codes',
    )
    .all(decisionId)
    .map((entry) => ({ ruleId: entry.rule_id, codes: entry.codes, reason: entry.reason, message: entry.message }))
  const primaryRow = database
    .prepare<{ suggested_code: string | null; suggested_probability: number | null; model_version: string | null; confirmed_code: string; differs: number }>(
      'SELECT suggested_code, suggested_probability, model_version, confirmed_code, differs FROM decision_primary WHERE decision_id = ?',
    )
    .get(decisionId)
  const flagDismissals = database
    .prepare<{ kind: string; name: string; code: string; reason: string }>(
      'SELECT kind, name, code, reason FROM decision_flag_dismissals WHERE decision_id = ? ORDER BY kind, name, code',
    )
    .all(decisionId)
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
    ruleOverrides,
    primary: primaryRow
      ? {
          suggested: primaryRow.suggested_code,
          probability: primaryRow.suggested_probability,
          modelVersion: primaryRow.model_version,
          confirmed: primaryRow.confirmed_code,
          differs: primaryRow.differs === 1,
        }
      : null,
    flagDismissals: flagDismissals.map((entry) => ({ kind: entry.kind, name: entry.name, code: entry.code, reason: entry.reason })),
  }
}

export function decisionContentHash(decision: StoredDecision): string {
  const canonical = JSON.stringify([
    // decision/2: decision/1 (issue 15 before it met issue 14) plus the rule overrides, the primary and the flag dismissals.
    'decision/2',
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
    decision.ruleOverrides.map((entry) => [entry.ruleId, entry.codes, entry.reason, entry.message]),
    decision.primary && [decision.primary.suggested, decision.primary.probability, decision.primary.modelVersion, decision.primary.confirmed, decision.primary.differs],
    decision.flagDismissals.map((entry) => [entry.kind, entry.name, entry.code, entry.reason]),
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
