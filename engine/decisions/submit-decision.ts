/**
 * A coder's submission becomes a new version of the record's coding. Versions
 * are never overwritten: the database refuses updates and deletes, and the
 * audit row is written in the same transaction as the decision.
 */
import type { CodingMode, Decision, DecisionCode, SuggestionFeedback } from '../../contract/domain.js'
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import { recordRowId } from '../records/record-row-id.js'
import type { SqliteDatabase } from '../store/database.js'
import { getCode } from '../taxonomy/code-lookup.js'
import { toDecision } from './decision-queries.js'

export interface Submission {
  recordId: string
  codes: DecisionCode[]
  comment: string
  /** The version the coder started from; 0 for a record never coded. */
  baseVersion: number
  coder: string
  codeSetId: number
  activeMs: number
  mode: CodingMode
  /** What became of the model's suggestions; none in manual mode. */
  suggestions?: SuggestionFeedback
}

export function submitDecision(database: SqliteDatabase, submission: Submission): Decision {
  const codes = validateCodes(database, submission)
  const feedback = validateFeedback(submission, codes)
  return database.transaction(() => {
    const recordId = recordRowId(database, submission.recordId)
    const current =
      database.prepare<{ v: number | null }>('SELECT max(version) AS v FROM decisions WHERE record_id = ?').get(recordId)?.v ?? 0
    if (current !== submission.baseVersion) {
      throw new AppFailure(
        'conflict',
        `Record ${submission.recordId} was coded again (version ${current}) after you opened version ${submission.baseVersion}; reopen it to see the newer coding.`,
      )
    }
    const version = current + 1
    const submittedAt = new Date().toISOString()
    const decisionId = Number(
      database
        .prepare(
          `INSERT INTO decisions (record_id, version, coder, code_set_id, comment, submitted_at, active_ms, mode)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          recordId,
          version,
          submission.coder,
          submission.codeSetId,
          submission.comment,
          submittedAt,
          submission.activeMs,
          submission.mode,
        ).lastInsertRowid,
    )
    const insertCode = database.prepare('INSERT INTO decision_codes (decision_id, code, is_primary) VALUES (?, ?, ?)')
    for (const code of codes) insertCode.run(decisionId, code.code, code.isPrimary ? 1 : 0)
    if (feedback) {
      const insertOutcome = database.prepare(
        'INSERT INTO decision_suggestions (decision_id, code, model_version, threshold, probability, outcome) VALUES (?, ?, ?, ?, ?, ?)',
      )
      for (const entry of feedback.codes) {
        insertOutcome.run(decisionId, entry.code, feedback.modelVersion, feedback.threshold, entry.probability, entry.outcome)
      }
    }
    appendAudit(
      database,
      {
        actor: submission.coder,
        action: 'decision.submit',
        entity: 'record',
        entityId: submission.recordId,
        detail: {
          version,
          codes,
          comment: submission.comment,
          codeSetId: submission.codeSetId,
          activeMs: submission.activeMs,
          mode: submission.mode,
          ...(feedback ? { suggestions: feedback } : {}),
        },
      },
      submittedAt,
    )
    return toDecision(database, {
      id: decisionId,
      external_id: submission.recordId,
      version,
      coder: submission.coder,
      comment: submission.comment,
      submitted_at: submittedAt,
      code_set_id: submission.codeSetId,
      active_ms: submission.activeMs,
      mode: submission.mode,
    })
  })
}

function validateCodes(database: SqliteDatabase, submission: Submission): DecisionCode[] {
  if (submission.codes.length === 0) {
    throw new AppFailure('invalid-input', 'A decision needs at least one code.')
  }
  const seen = new Set<string>()
  const codes: DecisionCode[] = []
  for (const requested of submission.codes) {
    const entry = getCode(database, submission.codeSetId, requested.code)
    if (!entry) throw new AppFailure('invalid-input', `Code ${requested.code} is not in the active code set.`)
    if (!entry.assignable) {
      throw new AppFailure('invalid-input', `Code ${entry.code} (${entry.title}) is a heading; choose one of its subcodes.`)
    }
    if (seen.has(entry.code)) throw new AppFailure('invalid-input', `Code ${entry.code} is listed twice.`)
    seen.add(entry.code)
    codes.push({ code: entry.code, isPrimary: requested.isPrimary })
  }
  const primaries = codes.filter((code) => code.isPrimary).length
  if (primaries !== 1) {
    throw new AppFailure('invalid-input', `Mark exactly one code as the primary diagnosis (${primaries} marked).`)
  }
  return codes
}

/**
 * Suggestion outcomes must agree with the coding they come with: an accepted
 * code is in it, a rejected one is not, no code twice. Manual mode has none.
 */
function validateFeedback(submission: Submission, codes: readonly DecisionCode[]): SuggestionFeedback | undefined {
  const feedback = submission.suggestions
  if (!feedback) return undefined
  if (submission.mode === 'manual') throw new AppFailure('invalid-input', 'Manual coding has no suggestions to report on.')
  const coded = new Set(codes.map((code) => code.code))
  const seen = new Set<string>()
  for (const entry of feedback.codes) {
    if (seen.has(entry.code)) throw new AppFailure('invalid-input', `Suggestion ${entry.code} is reported twice.`)
    seen.add(entry.code)
    if (entry.outcome === 'accepted' && !coded.has(entry.code)) {
      throw new AppFailure('invalid-input', `Suggestion ${entry.code} is reported accepted but is not in the coding.`)
    }
    if (entry.outcome === 'rejected' && coded.has(entry.code)) {
      throw new AppFailure('invalid-input', `Suggestion ${entry.code} is reported rejected but is in the coding.`)
    }
  }
  return feedback
}
