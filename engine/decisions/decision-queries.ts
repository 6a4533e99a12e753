import type { CodingMode, Decision } from '../../contract/domain.js'
import type { SqliteDatabase } from '../store/database.js'
import { localTitle } from '../taxonomy/code-lookup.js'

interface DecisionRow {
  id: number
  external_id: string
  version: number
  coder: string
  comment: string
  submitted_at: string
  code_set_id: number
  active_ms: number
  mode: CodingMode
}

/** Every version of a record's coding, newest first, with code titles from the code set it was coded in. */
export function listDecisions(database: SqliteDatabase, recordRowId: number, language?: string): Decision[] {
  const rows = database
    .prepare<DecisionRow>(
      `SELECT d.id, r.external_id, d.version, d.coder, d.comment, d.submitted_at, d.code_set_id, d.active_ms, d.mode
       FROM decisions d JOIN records r ON r.id = d.record_id
       WHERE d.record_id = ? ORDER BY d.version DESC`,
    )
    .all(recordRowId)
  return rows.map((row) => toDecision(database, row, language))
}

export function toDecision(database: SqliteDatabase, row: DecisionRow, language?: string): Decision {
  const codes = database
    .prepare<{ code: string; is_primary: number; title: string | null }>(
      `SELECT dc.code, dc.is_primary, c.title
       FROM decision_codes dc LEFT JOIN codes c ON c.code_set_id = ? AND c.code = dc.code
       WHERE dc.decision_id = ? ORDER BY dc.is_primary DESC, dc.rowid`,
    )
    .all(row.code_set_id, row.id)
  const coderName = database.prepare<{ display_name: string }>('SELECT display_name FROM users WHERE id = ?').get(row.coder)
  const overrides = database
    .prepare<{ rule_id: string; codes: string; reason: string }>('SELECT rule_id, codes, reason FROM decision_rule_overrides WHERE decision_id = ? ORDER BY rowid')
    .all(row.id)
  const suggestedPrimary = database.prepare<{ suggested_code: string | null }>('SELECT suggested_code FROM decision_primary WHERE decision_id = ?').get(row.id)?.suggested_code ?? null
  return {
    recordId: row.external_id,
    version: row.version,
    coder: row.coder,
    coderName: coderName?.display_name ?? row.coder,
    activeMs: row.active_ms,
    mode: row.mode,
    submittedAt: row.submitted_at,
    comment: row.comment,
    codes: codes.map((code) => ({
      code: code.code,
      isPrimary: code.is_primary === 1,
      title: (language && localTitle(database, row.code_set_id, code.code, language)) || (code.title ?? ''),
    })),
    ruleOverrides: overrides.map((override) => ({ ruleId: override.rule_id, codes: override.codes.split(','), reason: override.reason })),
    suggestedPrimary,
  }
}

export interface DecisionExportRow {
  recordId: string
  version: number
  coder: string
  submittedAt: string
  codeSet: string
  code: string
  title: string
  isPrimary: boolean
  comment: string
  activeMs: number
  mode: CodingMode
}

/** One row per (decision, code); `latestOnly` keeps each record's current version. */
export function decisionExportRows(database: SqliteDatabase, latestOnly: boolean): DecisionExportRow[] {
  const rows = database
    .prepare<{
      external_id: string
      version: number
      coder: string
      submitted_at: string
      code_set: string
      code: string
      title: string | null
      is_primary: number
      comment: string
      active_ms: number
      mode: CodingMode
    }>(
      `SELECT r.external_id, d.version, d.coder, d.submitted_at, cs.name || ' ' || cs.version AS code_set,
              dc.code, c.title, dc.is_primary, d.comment, d.active_ms, d.mode
       FROM decisions d
       JOIN records r ON r.id = d.record_id
       JOIN code_sets cs ON cs.id = d.code_set_id
       JOIN decision_codes dc ON dc.decision_id = d.id
       LEFT JOIN codes c ON c.code_set_id = d.code_set_id AND c.code = dc.code
       WHERE (? = 0 OR d.version = (SELECT max(version) FROM decisions d2 WHERE d2.record_id = d.record_id))
       ORDER BY r.id, d.version, dc.is_primary DESC, dc.rowid`,
    )
    .all(latestOnly ? 1 : 0)
  return rows.map((row) => ({
    recordId: row.external_id,
    version: row.version,
    coder: row.coder,
    submittedAt: row.submitted_at,
    codeSet: row.code_set,
    code: row.code,
    title: row.title ?? '',
    isPrimary: row.is_primary === 1,
    comment: row.comment,
    activeMs: row.active_ms,
    mode: row.mode,
  }))
}
