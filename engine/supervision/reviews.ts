/**
 * The review desk: which submitted versions a supervisor should look at, the
 * case side by side (coder, model, second coder, gold), and the verdict. A
 * verdict is a new row on one version (approved, or returned with a comment),
 * never an edit of the coding; the coder answers a return with a new version,
 * which comes back to the queue.
 */
import type { ReviewCase, ReviewInfo, ReviewQueueItem, ReviewReason, ReviewReasonKind, ReviewRow, ReviewVerdict } from '../../contract/supervision.js'
import type { CodingMode, DecisionCode } from '../../contract/domain.js'
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import { storedReviewHash } from '../audit/decision-content.js'
import { openRecord } from '../decisions/record-view.js'
import type { SqliteDatabase } from '../store/database.js'
import { localTitle } from '../taxonomy/code-lookup.js'
import { ruleOverridesOf, suggestedPrimaryOf } from './coding-signals.js'
import { latestSecondCodings } from './second-coding.js'

/** A rejected suggestion at or above this probability puts the version in the queue. */
export const DEFAULT_HIGH_CONFIDENCE = 0.8

interface CurrentDecision {
  id: number
  record_id: number
  external_id: string
  version: number
  coder: string
  display_name: string | null
  mode: CodingMode
  submitted_at: string
  code_set_id: number
  comment: string
}

const CURRENT = `SELECT d.id, d.record_id, r.external_id, d.version, d.coder, u.display_name, d.mode, d.submitted_at, d.code_set_id, d.comment
  FROM decisions d JOIN records r ON r.id = d.record_id LEFT JOIN users u ON u.id = d.coder
  WHERE d.version = (SELECT max(d2.version) FROM decisions d2 WHERE d2.record_id = d.record_id)`

export interface ReviewQueueQuery {
  coder?: string
  reason?: ReviewReasonKind
  highConfidence?: number
  offset: number
  limit: number
}

export function listReviewQueue(database: SqliteDatabase, query: ReviewQueueQuery): { total: number; items: ReviewQueueItem[] } {
  const highConfidence = query.highConfidence ?? DEFAULT_HIGH_CONFIDENCE
  const seconds = latestSecondCodings(database)
  const candidates = database
    .prepare<CurrentDecision>(
      `SELECT * FROM (${CURRENT}) c WHERE NOT EXISTS (SELECT 1 FROM reviews v WHERE v.decision_id = c.id)
       AND (:coder IS NULL OR c.coder = :coder) ORDER BY c.submitted_at, c.id`,
    )
    .all({ coder: query.coder ?? null })
  const headline = database.prepare<{ text: string }>("SELECT text FROM diagnosis_names WHERE record_id = ? AND injected_error IS NOT 'missing' ORDER BY position LIMIT 1")
  const queued: ReviewQueueItem[] = []
  for (const decision of candidates) {
    const reasons = reviewReasons(database, decision, highConfidence, seconds)
    if (reasons.length === 0) continue
    if (query.reason && !reasons.some((reason) => reason.kind === query.reason)) continue
    queued.push({
      recordId: decision.external_id,
      version: decision.version,
      coder: decision.coder,
      coderName: decision.display_name ?? decision.coder,
      mode: decision.mode,
      submittedAt: decision.submitted_at,
      headline: headline.get(decision.record_id)?.text ?? '',
      reasons,
    })
  }
  return { total: queued.length, items: queued.slice(query.offset, query.offset + query.limit) }
}

function reviewReasons(
  database: SqliteDatabase,
  decision: CurrentDecision,
  highConfidence: number,
  seconds: ReturnType<typeof latestSecondCodings>,
): ReviewReason[] {
  const reasons: ReviewReason[] = []
  for (const rejected of database
    .prepare<{ code: string; probability: number }>(
      "SELECT code, probability FROM decision_suggestions WHERE decision_id = ? AND outcome = 'rejected' AND probability >= ? ORDER BY probability DESC",
    )
    .all(decision.id, highConfidence)) {
    reasons.push({ kind: 'rejected-confident', code: rejected.code, probability: rejected.probability })
  }
  const codes = codesOf(database, decision.id)
  const chosen = codes.find((code) => code.isPrimary)?.code
  const suggested = suggestedPrimaryOf(database, decision.id)
  if (suggested !== null && chosen !== undefined && suggested !== chosen) reasons.push({ kind: 'changed-primary', suggested, chosen })
  for (const override of ruleOverridesOf(database, decision.id)) reasons.push({ kind: 'overrode-rule', rule: override.rule, code: override.codes.join(' '), reason: override.reason })
  const second = seconds.get(decision.record_id)
  if (second) {
    const mine = new Set(codes.map((code) => code.code))
    const theirs = new Set(second.codes.map((code) => code.code))
    const onlyFirst = [...mine].filter((code) => !theirs.has(code)).sort()
    const onlySecond = [...theirs].filter((code) => !mine.has(code)).sort()
    if (onlyFirst.length > 0 || onlySecond.length > 0) reasons.push({ kind: 'disagrees-second', secondCoder: second.coder, onlyFirst, onlySecond })
  }
  const previous = database
    .prepare<{ version: number; verdict: string }>(
      'SELECT d.version, v.verdict FROM decisions d JOIN reviews v ON v.decision_id = d.id WHERE d.record_id = ? AND d.version < ? ORDER BY d.version DESC LIMIT 1',
    )
    .get(decision.record_id, decision.version)
  if (previous?.verdict === 'returned') reasons.push({ kind: 'resubmitted', returnedVersion: previous.version })
  return reasons
}

export function getReviewCase(database: SqliteDatabase, recordId: string, language: string | undefined, highConfidence = DEFAULT_HIGH_CONFIDENCE): ReviewCase {
  const decision = database.prepare<CurrentDecision>(`SELECT * FROM (${CURRENT}) c WHERE c.external_id = ?`).get(recordId)
  if (!decision) throw new AppFailure('not-found', `Record ${recordId} has no submitted coding to review.`)
  const record = openRecord(database, recordId, language)
  const seconds = latestSecondCodings(database)
  const second = seconds.get(decision.record_id) ?? null
  const coderCodes = codesOf(database, decision.id)
  const gold = database
    .prepare<{ code: string; is_primary: number }>('SELECT code, is_primary FROM gold_codes WHERE record_id = ?')
    .all(decision.record_id)
    .map((code) => ({ code: code.code, isPrimary: code.is_primary === 1 }))
  const suggestions = database
    .prepare<{ code: string; probability: number; outcome: 'accepted' | 'rejected' | 'ignored'; model_version: string; threshold: number }>(
      'SELECT code, probability, outcome, model_version, threshold FROM decision_suggestions WHERE decision_id = ? ORDER BY probability DESC',
    )
    .all(decision.id)
  const threshold = suggestions[0]?.threshold ?? null
  const all = new Set([...coderCodes, ...(second?.codes ?? []), ...gold].map((code) => code.code))
  for (const suggestion of suggestions) all.add(suggestion.code)
  const mark = (codes: readonly DecisionCode[] | null, code: string) => {
    if (codes === null) return null
    const found = codes.find((entry) => entry.code === code)
    return found ? { primary: found.isPrimary } : null
  }
  const rows: ReviewRow[] = [...all].map((code) => {
    const coder = mark(coderCodes, code)
    const secondMark = second ? mark(second.codes, code) : null
    const goldMark = gold.length > 0 ? mark(gold, code) : null
    const suggestion = suggestions.find((entry) => entry.code === code) ?? null
    // Differences: any present column (coder, second coder, gold, the model above its threshold) disagrees with another.
    const votes = [coder !== null]
    if (second) votes.push(secondMark !== null)
    if (gold.length > 0) votes.push(goldMark !== null)
    if (suggestion && threshold !== null) votes.push(suggestion.probability >= threshold)
    const primaries = [coder?.primary, second ? secondMark?.primary : undefined, gold.length > 0 ? goldMark?.primary : undefined].filter((value) => value !== undefined)
    return {
      code,
      title: localTitle(database, decision.code_set_id, code, language ?? '') || (database.prepare<{ title: string }>('SELECT title FROM codes WHERE code_set_id = ? AND code = ?').get(decision.code_set_id, code)?.title ?? ''),
      coder,
      model: suggestion ? { probability: suggestion.probability, outcome: suggestion.outcome } : null,
      second: secondMark,
      gold: goldMark,
      differs: new Set(votes).size > 1 || new Set(primaries).size > 1,
    }
  })
  const rank = (row: ReviewRow) => (row.coder?.primary ? 0 : row.coder ? 1 : row.gold ? 2 : row.second ? 3 : 4)
  rows.sort((a, b) => rank(a) - rank(b) || (b.model?.probability ?? 0) - (a.model?.probability ?? 0) || a.code.localeCompare(b.code))
  const secondInfo = second
    ? { coder: second.coder, coderName: database.prepare<{ display_name: string }>('SELECT display_name FROM users WHERE id = ?').get(second.coder)?.display_name ?? second.coder, version: second.version }
    : null
  return {
    record,
    version: decision.version,
    coder: decision.coder,
    coderName: decision.display_name ?? decision.coder,
    mode: decision.mode,
    comment: decision.comment,
    reasons: reviewReasons(database, decision, highConfidence, seconds),
    rows,
    model: suggestions[0] ? { version: suggestions[0].model_version, threshold: suggestions[0].threshold } : null,
    second: secondInfo,
    hasGold: gold.length > 0,
    review: reviewsOf(database, decision.record_id).find((review) => review.version === decision.version) ?? null,
  }
}

export function reviewDecision(
  database: SqliteDatabase,
  verdict: { recordId: string; version: number; verdict: ReviewVerdict; comment: string; reviewer: string },
  highConfidence = DEFAULT_HIGH_CONFIDENCE,
): ReviewInfo {
  const comment = verdict.comment.trim()
  if (verdict.verdict === 'returned' && comment === '') throw new AppFailure('invalid-input', 'Say what to change: a returned coding needs a comment for the coder.')
  return database.transaction(() => {
    const decision = database.prepare<CurrentDecision>(`SELECT * FROM (${CURRENT}) c WHERE c.external_id = ?`).get(verdict.recordId)
    if (!decision) throw new AppFailure('not-found', `Record ${verdict.recordId} has no submitted coding to review.`)
    if (decision.version !== verdict.version) {
      throw new AppFailure('conflict', `Record ${verdict.recordId} is at version ${decision.version} now, not ${verdict.version}: review the current version.`)
    }
    if (decision.coder === verdict.reviewer) throw new AppFailure('forbidden', 'Not allowed: nobody reviews their own coding.')
    if (database.prepare('SELECT 1 FROM reviews WHERE decision_id = ?').get(decision.id)) {
      throw new AppFailure('conflict', `Version ${decision.version} of ${verdict.recordId} already has a verdict.`)
    }
    const reasons = reviewReasons(database, decision, highConfidence, latestSecondCodings(database))
    const reviewedAt = new Date().toISOString()
    const reviewId = Number(
      database
        .prepare('INSERT INTO reviews (decision_id, reviewer, verdict, comment, reasons, reviewed_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(decision.id, verdict.reviewer, verdict.verdict, comment, JSON.stringify(reasons), reviewedAt).lastInsertRowid,
    )
    appendAudit(
      database,
      {
        actor: verdict.reviewer,
        action: verdict.verdict === 'approved' ? 'review.approve' : 'review.return',
        entity: 'record',
        entityId: verdict.recordId,
        contentHash: storedReviewHash(database, reviewId) ?? '',
        detail: { reviewId, decisionId: decision.id, version: decision.version, coder: decision.coder, comment, reasons: reasons.map((reason) => reason.kind) },
      },
      reviewedAt,
    )
    const stored = reviewsOf(database, decision.record_id).find((review) => review.version === decision.version)
    if (!stored) throw new AppFailure('internal', 'The review was not stored.')
    return stored
  })
}

/** Every verdict on a record's versions, newest first. */
export function reviewsOf(database: SqliteDatabase, recordRowId: number): ReviewInfo[] {
  return database
    .prepare<{ version: number; reviewer: string; display_name: string | null; verdict: ReviewVerdict; comment: string; reviewed_at: string }>(
      `SELECT d.version, v.reviewer, u.display_name, v.verdict, v.comment, v.reviewed_at
       FROM reviews v JOIN decisions d ON d.id = v.decision_id LEFT JOIN users u ON u.id = v.reviewer
       WHERE d.record_id = ? ORDER BY d.version DESC`,
    )
    .all(recordRowId)
    .map((row) => ({ version: row.version, reviewer: row.reviewer, reviewerName: row.display_name ?? row.reviewer, verdict: row.verdict, comment: row.comment, reviewedAt: row.reviewed_at }))
}

function codesOf(database: SqliteDatabase, decisionId: number): DecisionCode[] {
  return database
    .prepare<{ code: string; is_primary: number }>('SELECT code, is_primary FROM decision_codes WHERE decision_id = ? ORDER BY is_primary DESC, rowid')
    .all(decisionId)
    .map((code) => ({ code: code.code, isPrimary: code.is_primary === 1 }))
}
