/**
 * What a decision tells a reviewer beyond its codes, as issue 14 stores it with
 * each version: the primary the app suggested (decision_primary) and the coding
 * rules whose warning the coder kept the codes against, with their reason
 * (decision_rule_overrides). The suggestion outcomes are read in reviews.ts.
 * This file is the one place the review desk reads these two.
 */
import type { SqliteDatabase } from '../store/database.js'

/** The primary diagnosis the app suggested for this decision; null when none was (or the version predates issue 14). */
export function suggestedPrimaryOf(database: SqliteDatabase, decisionId: number): string | null {
  return database.prepare<{ suggested_code: string | null }>('SELECT suggested_code FROM decision_primary WHERE decision_id = ?').get(decisionId)?.suggested_code ?? null
}

/** Coding rules whose warning the coder overrode in this decision: the rule, the codes it named, the coder's reason. */
export function ruleOverridesOf(database: SqliteDatabase, decisionId: number): Array<{ rule: string; codes: string[]; reason: string }> {
  return database
    .prepare<{ rule_id: string; codes: string; reason: string }>('SELECT rule_id, codes, reason FROM decision_rule_overrides WHERE decision_id = ? ORDER BY rowid')
    .all(decisionId)
    .map((row) => ({ rule: row.rule_id, codes: row.codes.split(','), reason: row.reason }))
}
