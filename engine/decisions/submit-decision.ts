/**
 * A coder's submission becomes a new version of the record's coding. Versions
 * are never overwritten: the database refuses updates and deletes, and the
 * audit row is written in the same transaction as the decision.
 *
 * The coding rules are checked here as well as in the view: every warning a
 * coder may override needs an override with a reason, and a primary other
 * than the suggested one must be confirmed. What the coder decided about
 * rules, the primary and name flags is stored beside the decision, in tables
 * a supervisor can query.
 */
import type { RuleOverride, RuleWarning } from '../../contract/coding-rules.js'
import type { CodingMode, Decision, DecisionCode, FlagDismissal, PrimaryConfirmation, SuggestionFeedback } from '../../contract/domain.js'
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import { storedDecisionHash } from '../audit/decision-content.js'
import { recordRowId } from '../records/record-row-id.js'
import { checkRecordCodes } from '../rules/check-record.js'
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
  /** The record content version the coder read; a submission on text since replaced by a re-import is refused. */
  sourceVersion?: number
  /** Rule warnings the coder keeps the codes against, with reasons. */
  ruleOverrides?: RuleOverride[]
  /** The suggested primary the coder saw, and whether they confirmed a different one. */
  primary?: PrimaryConfirmation
  flagDismissals?: FlagDismissal[]
}

export function submitDecision(database: SqliteDatabase, submission: Submission): Decision {
  const codes = validateCodes(database, submission)
  const feedback = validateFeedback(submission, codes)
  const recordId = recordRowId(database, submission.recordId)
  const overrides = validateRules(database, submission, recordId, codes)
  const primary = validatePrimary(submission, codes)
  const dismissals = distinctDismissals(submission.flagDismissals ?? [])
  return database.transaction(() => {
    const current =
      database.prepare<{ v: number | null }>('SELECT max(version) AS v FROM decisions WHERE record_id = ?').get(recordId)?.v ?? 0
    if (current !== submission.baseVersion) {
      throw new AppFailure(
        'conflict',
        `Record ${submission.recordId} was coded again (version ${current}) after you opened version ${submission.baseVersion}; reopen it to see the newer coding.`,
      )
    }
    const sourceVersion = database.prepare<{ version: number }>('SELECT version FROM records WHERE id = ?').get(recordId)?.version ?? 1
    if (submission.sourceVersion !== undefined && submission.sourceVersion !== sourceVersion) {
      throw new AppFailure(
        'conflict',
        `Record ${submission.recordId} was re-imported with changed content (version ${sourceVersion}) after you opened version ${submission.sourceVersion}; reopen it to read the new text.`,
      )
    }
    const version = current + 1
    const submittedAt = new Date().toISOString()
    const decisionId = Number(
      database
        .prepare(
          `INSERT INTO decisions (record_id, version, coder, code_set_id, comment, submitted_at, active_ms, mode, record_version)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
          sourceVersion,
        ).lastInsertRowid,
    )
    const insertCode = database.prepare('INSERT INTO decision_codes (decision_id, code, is_primary) VALUES (?, ?, ?)')
    for (const code of codes) insertCode.run(decisionId, code.code, code.isPrimary ? 1 : 0)
    const insertOverride = database.prepare('INSERT INTO decision_rule_overrides (decision_id, rule_id, codes, reason, message) VALUES (?, ?, ?, ?, ?)')
    for (const { override, warning } of overrides) insertOverride.run(decisionId, override.ruleId, warning.codes.join(','), override.reason.trim(), warning.message)
    database
      .prepare('INSERT INTO decision_primary (decision_id, suggested_code, suggested_probability, model_version, confirmed_code, differs) VALUES (?, ?, ?, ?, ?, ?)')
      .run(decisionId, primary.suggested, primary.probability, primary.modelVersion, primary.confirmed, primary.differs ? 1 : 0)
    const insertDismissal = database.prepare('INSERT INTO decision_flag_dismissals (decision_id, kind, name, code, reason) VALUES (?, ?, ?, ?, ?)')
    for (const dismissal of dismissals) insertDismissal.run(decisionId, dismissal.kind, dismissal.name, dismissal.code, dismissal.reason.trim())
    // The draft this submission came from is done with.
    database.prepare('DELETE FROM coding_drafts WHERE user_id = ? AND record_id = ?').run(submission.coder, recordId)
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
        // The hash of the decision as stored, which `audit verify` recomputes from the tables.
        contentHash: storedDecisionHash(database, decisionId) ?? '',
        detail: {
          decisionId,
          version,
          codes,
          comment: submission.comment,
          codeSetId: submission.codeSetId,
          activeMs: submission.activeMs,
          mode: submission.mode,
          sourceVersion,
          ...(feedback ? { suggestions: feedback } : {}),
          primary: { suggested: primary.suggested, confirmed: primary.confirmed, differs: primary.differs },
          ...(overrides.length > 0 ? { ruleOverrides: overrides.map(({ override, warning }) => ({ ruleId: override.ruleId, codes: warning.codes, reason: override.reason.trim() })) } : {}),
          ...(dismissals.length > 0 ? { flagDismissals: dismissals } : {}),
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

/** The codes of a coding, checked against the code set: one primary, assignable codes, none twice. */
export function validateCodes(database: SqliteDatabase, submission: Pick<Submission, 'codes' | 'codeSetId'>): DecisionCode[] {
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

interface MatchedOverride {
  override: RuleOverride
  warning: RuleWarning
}

/**
 * The rules on the submitted codes: every warning a coder may override must
 * come with an override (same rule, same codes) and a reason; overrides for
 * warnings that no longer apply are not stored.
 */
function validateRules(database: SqliteDatabase, submission: Submission, recordRowIdValue: number, codes: readonly DecisionCode[]): MatchedOverride[] {
  const check = checkRecordCodes(database, { recordRowId: recordRowIdValue, codeSetId: submission.codeSetId, codes })
  const overrides = submission.ruleOverrides ?? []
  const sameCodes = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',')
  const matched: MatchedOverride[] = []
  const unresolved: RuleWarning[] = []
  for (const warning of check.warnings) {
    const override = overrides.find((candidate) => candidate.ruleId === warning.ruleId && sameCodes(candidate.codes, warning.codes))
    if (warning.overridable && override && override.reason.trim().length >= 3) matched.push({ override, warning })
    else unresolved.push(warning)
  }
  if (unresolved.length > 0) {
    const listed = unresolved.map((warning) => `${warning.message} ${warning.action}`).join(' ')
    throw new AppFailure('invalid-input', `The coding breaks ${unresolved.length === 1 ? 'a coding rule' : `${unresolved.length} coding rules`}: ${listed} Change the codes, or keep them with a reason for each.`)
  }
  return matched
}

/**
 * One dismissal per flag (kind, name, code), the first given: the table takes each once, and its
 * insert-only trigger refuses a second row for the same flag rather than ignoring it.
 */
function distinctDismissals(dismissals: readonly FlagDismissal[]): FlagDismissal[] {
  const seen = new Set<string>()
  return dismissals.filter((dismissal) => {
    const key = JSON.stringify([dismissal.kind, dismissal.name, dismissal.code])
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

interface PrimaryRow {
  suggested: string | null
  probability: number | null
  modelVersion: string | null
  confirmed: string
  differs: boolean
}

/** A primary other than the suggested one must be confirmed by the coder. */
function validatePrimary(submission: Submission, codes: readonly DecisionCode[]): PrimaryRow {
  const confirmed = codes.find((code) => code.isPrimary)?.code ?? ''
  const shown = submission.primary
  const suggested = shown?.suggested ?? null
  const differs = suggested !== null && suggested !== confirmed
  if (differs && shown?.confirmed !== true) {
    throw new AppFailure('invalid-input', `The suggested primary diagnosis is ${suggested}, and you marked ${confirmed}. Confirm ${confirmed} as the primary, or mark ${suggested}.`)
  }
  return { suggested, probability: shown?.probability ?? null, modelVersion: shown?.modelVersion ?? null, confirmed, differs }
}
