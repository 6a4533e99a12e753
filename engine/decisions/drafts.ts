/**
 * The coder's unsubmitted work on a record, per user: saved as they work,
 * restored when they come back (after a reload, a restarted engine, on
 * another day), removed when they submit or discard it. A draft is working
 * state, not a stored fact: it is replaced in place and not audited; the
 * decision it becomes is versioned and audited.
 */
import { CodingDraft } from '../../contract/domain.js'
import type { SqliteDatabase } from '../store/database.js'

export type SavedDraft = CodingDraft & { savedAt: string }

export function saveDraft(database: SqliteDatabase, userId: string, recordRowId: number, draft: CodingDraft): string {
  const savedAt = new Date().toISOString()
  database
    .prepare(
      `INSERT INTO coding_drafts (user_id, record_id, base_version, body, saved_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id, record_id) DO UPDATE SET base_version = excluded.base_version, body = excluded.body, saved_at = excluded.saved_at`,
    )
    .run(userId, recordRowId, draft.baseVersion, JSON.stringify(draft), savedAt)
  return savedAt
}

/** The user's draft of a record; null when there is none, or it no longer reads as a draft (an older release wrote it). */
export function loadDraft(database: SqliteDatabase, userId: string, recordRowId: number): SavedDraft | null {
  const row = database.prepare<{ body: string; saved_at: string }>('SELECT body, saved_at FROM coding_drafts WHERE user_id = ? AND record_id = ?').get(userId, recordRowId)
  if (!row) return null
  let value: unknown
  try {
    value = JSON.parse(row.body)
  } catch {
    return null
  }
  const parsed = CodingDraft.safeParse(value)
  return parsed.success ? { ...parsed.data, savedAt: row.saved_at } : null
}

export function discardDraft(database: SqliteDatabase, userId: string, recordRowId: number): boolean {
  return database.prepare('DELETE FROM coding_drafts WHERE user_id = ? AND record_id = ?').run(userId, recordRowId).changes > 0
}
