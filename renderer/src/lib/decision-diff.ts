/** What a version of a record's coding changed from the version before it. */
import type { Decision } from '../../../contract/domain.js'

export interface DecisionChanges {
  /** The record's first coding: nothing to compare with. */
  first: boolean
  added: string[]
  removed: string[]
  /** The primary moved (from null when the earlier version had none). */
  primary: { from: string | null; to: string } | null
}

export function decisionChanges(decision: Decision, previous: Decision | undefined): DecisionChanges {
  const primaryOf = (entry: Decision) => entry.codes.find((code) => code.isPrimary)?.code ?? null
  if (!previous) return { first: true, added: [], removed: [], primary: null }
  const before = new Set(previous.codes.map((code) => code.code))
  const after = new Set(decision.codes.map((code) => code.code))
  const from = primaryOf(previous)
  const to = primaryOf(decision)
  return {
    first: false,
    added: decision.codes.map((code) => code.code).filter((code) => !before.has(code)),
    removed: previous.codes.map((code) => code.code).filter((code) => !after.has(code)),
    primary: to !== null && to !== from ? { from, to } : null,
  }
}
