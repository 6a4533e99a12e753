/**
 * The normaliser learns from every submission: when a coder submits codes for
 * a record, each diagnosis name on it that the normaliser connects to one of
 * those codes (among its candidates for the name, accepted or not) becomes a
 * coder-confirmed (name, code) pair. "DM2 c/ nefropatía" → E11.21 confirmed
 * once is found at full confidence the next time any record says it.
 *
 * Only candidates count: a name and a code that the normaliser sees no link
 * between are not paired (a record's names and codes are not aligned one to one).
 */
import type { SqliteDatabase } from '../store/database.js'
import { confirmNamePairs } from './name-pairs.js'
import { normalizeName } from './normalizer.js'
import { workspaceNormalizer } from './workspace-normalizer.js'

/** Candidates per name searched for a submitted code. */
const CANDIDATES_PER_NAME = 10

export function confirmNamesOfDecision(
  database: SqliteDatabase,
  decision: { recordRowId: number; codeSetId: number; codes: readonly string[]; actor: string },
): Array<{ name: string; code: string }> {
  const submitted = new Set(decision.codes)
  if (submitted.size === 0) return []
  const names = database
    .prepare<{ text: string }>("SELECT text FROM diagnosis_names WHERE record_id = ? AND injected_error IS NOT 'missing' ORDER BY position")
    .all(decision.recordRowId)
  if (names.length === 0) return []
  const normalizer = workspaceNormalizer(database, decision.codeSetId)
  const already = new Set(
    database
      .prepare<{ name: string; code: string }>('SELECT name, code FROM name_code_pairs WHERE code_set_id = ? AND record_id = ?')
      .all(decision.codeSetId, decision.recordRowId)
      .map((pair) => `${pair.name}\u0000${pair.code}`),
  )
  const pairs: Array<{ name: string; code: string }> = []
  for (const { text } of names) {
    const matched = normalizeName(normalizer, text, { limit: CANDIDATES_PER_NAME }).codes.find((candidate) => submitted.has(candidate.code))
    if (matched && !already.has(`${text.trim()}\u0000${matched.code}`)) pairs.push({ name: text, code: matched.code })
  }
  confirmNamePairs(database, { codeSetId: decision.codeSetId, actor: decision.actor, recordId: decision.recordRowId, pairs })
  return pairs
}
