/**
 * Double coding: a record in a double-coding batch is coded a second time, blind,
 * by the coder it was dealt to. The second coding is versioned like a decision
 * but kept apart (the record's coding stays the first coder's), and the second
 * coder sees only their own versions, never the first coding.
 */
import type { CodingMode, Decision, DecisionCode } from '../../contract/domain.js'
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import { storedSecondCodingHash } from '../audit/decision-content.js'
import { validateCodes } from '../decisions/submit-decision.js'
import type { SqliteDatabase } from '../store/database.js'
import { localTitle } from '../taxonomy/code-lookup.js'

export interface SecondCodingSubmission {
  assignmentId: number
  recordRowId: number
  recordId: string
  codes: DecisionCode[]
  comment: string
  baseVersion: number
  coder: string
  codeSetId: number
  activeMs: number
  mode: CodingMode
}

export function submitSecondCoding(database: SqliteDatabase, submission: SecondCodingSubmission): Decision {
  const codes = validateCodes(database, submission)
  return database.transaction(() => {
    const current = database.prepare<{ v: number | null }>('SELECT max(version) AS v FROM second_codings WHERE assignment_id = ?').get(submission.assignmentId)?.v ?? 0
    if (current !== submission.baseVersion) {
      throw new AppFailure('conflict', `Your second coding of ${submission.recordId} is at version ${current}, not ${submission.baseVersion}: reopen the record.`)
    }
    const version = current + 1
    const submittedAt = new Date().toISOString()
    const id = Number(
      database
        .prepare(
          `INSERT INTO second_codings (assignment_id, record_id, version, coder, code_set_id, comment, submitted_at, active_ms, mode)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(submission.assignmentId, submission.recordRowId, version, submission.coder, submission.codeSetId, submission.comment, submittedAt, submission.activeMs, submission.mode).lastInsertRowid,
    )
    const insert = database.prepare('INSERT INTO second_coding_codes (second_coding_id, code, is_primary) VALUES (?, ?, ?)')
    for (const code of codes) insert.run(id, code.code, code.isPrimary ? 1 : 0)
    appendAudit(
      database,
      {
        actor: submission.coder,
        action: 'second-coding.submit',
        entity: 'record',
        entityId: submission.recordId,
        contentHash: storedSecondCodingHash(database, id) ?? '',
        detail: { secondCodingId: id, assignmentId: submission.assignmentId, version, codes, comment: submission.comment, activeMs: submission.activeMs, mode: submission.mode },
      },
      submittedAt,
    )
    const own = listSecondCodings(database, submission.assignmentId)[0]
    if (!own) throw new AppFailure('internal', 'The second coding was not stored.')
    return own
  })
}

/** The second codings of one assignment, newest first, shaped as decisions (the coding view shows them as the record's versions). */
export function listSecondCodings(database: SqliteDatabase, assignmentId: number, language?: string): Decision[] {
  const rows = database
    .prepare<{ id: number; external_id: string; version: number; coder: string; display_name: string | null; comment: string; submitted_at: string; code_set_id: number; active_ms: number; mode: CodingMode }>(
      `SELECT s.id, r.external_id, s.version, s.coder, u.display_name, s.comment, s.submitted_at, s.code_set_id, s.active_ms, s.mode
       FROM second_codings s JOIN records r ON r.id = s.record_id LEFT JOIN users u ON u.id = s.coder
       WHERE s.assignment_id = ? ORDER BY s.version DESC`,
    )
    .all(assignmentId)
  const codesOf = database.prepare<{ code: string; is_primary: number; title: string | null }>(
    `SELECT sc.code, sc.is_primary, c.title FROM second_coding_codes sc LEFT JOIN codes c ON c.code_set_id = ? AND c.code = sc.code
     WHERE sc.second_coding_id = ? ORDER BY sc.is_primary DESC, sc.rowid`,
  )
  return rows.map((row) => ({
    recordId: row.external_id,
    version: row.version,
    coder: row.coder,
    coderName: row.display_name ?? row.coder,
    submittedAt: row.submitted_at,
    comment: row.comment,
    activeMs: row.active_ms,
    mode: row.mode,
    codes: codesOf.all(row.code_set_id, row.id).map((code) => ({
      code: code.code,
      isPrimary: code.is_primary === 1,
      title: (language && localTitle(database, row.code_set_id, code.code, language)) || (code.title ?? ''),
    })),
    // A blind second coding keeps its codes only: rule overrides and the primary confirmation are the record's own coding's.
    ruleOverrides: [],
    suggestedPrimary: null,
  }))
}

/** The latest second coding of each record (the double-coded set), with its codes. */
export function latestSecondCodings(database: SqliteDatabase): Map<number, { coder: string; version: number; codes: DecisionCode[] }> {
  const rows = database
    .prepare<{ id: number; record_id: number; coder: string; version: number }>(
      `SELECT s.id, s.record_id, s.coder, s.version FROM second_codings s
       WHERE s.id = (SELECT s2.id FROM second_codings s2 WHERE s2.record_id = s.record_id ORDER BY s2.submitted_at DESC, s2.id DESC LIMIT 1)`,
    )
    .all()
  const codesOf = database.prepare<{ code: string; is_primary: number }>('SELECT code, is_primary FROM second_coding_codes WHERE second_coding_id = ?')
  return new Map(
    rows.map((row) => [row.record_id, { coder: row.coder, version: row.version, codes: codesOf.all(row.id).map((code) => ({ code: code.code, isPrimary: code.is_primary === 1 })) }]),
  )
}
