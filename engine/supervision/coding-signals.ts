/**
 * What a decision tells a reviewer beyond its codes. The suggestion outcomes are
 * stored with each decision today (decision_suggestions); the suggested primary
 * and the coding rules the coder overrode are issue 14's to store with each
 * decision. Until those tables exist these two answer "none", and the review
 * queue simply has no such reasons: this file is the one place to read them.
 */
import type { SqliteDatabase } from '../store/database.js'

/** The primary diagnosis the app suggested for this decision, where it was stored; null when not known. */
export function suggestedPrimaryOf(_database: SqliteDatabase, _decisionId: number): string | null {
  return null
}

/** Coding rules whose warning the coder overrode in this decision. */
export function ruleOverridesOf(_database: SqliteDatabase, _decisionId: number): Array<{ rule: string; code: string }> {
  return []
}
