/**
 * How many of the workspace's labelled records carry each code (training
 * records' gold codes and every coder decision's latest version), smoothed so
 * a code never seen still counts. The text model leans towards the common
 * code of a category (E78.5 over a familial E78.0): its preference for a
 * sibling says something against a name only beyond what the codes' base
 * rates say already.
 */
import type { SqliteDatabase } from '../store/database.js'

/** Pseudo-records added to every code, so a rare code's count is not taken at face value. */
export const PREVALENCE_SMOOTHING = 4

export interface CodePrevalence {
  /** Labelled records carrying the code, plus the smoothing. */
  count(code: string): number
  /** Labelled records counted. */
  records: number
}

export function codePrevalence(database: SqliteDatabase): CodePrevalence {
  const rows = database
    .prepare<{ code: string; present: number }>(
      `WITH labelled AS (
         SELECT g.record_id, g.code FROM gold_codes g JOIN records r ON r.id = g.record_id WHERE r.split = 'train'
         UNION
         SELECT d.record_id, dc.code FROM decisions d JOIN decision_codes dc ON dc.decision_id = d.id
         WHERE d.version = (SELECT max(version) FROM decisions d2 WHERE d2.record_id = d.record_id)
       )
       SELECT code, count(DISTINCT record_id) AS present FROM labelled GROUP BY code`,
    )
    .all()
  const records = database
    .prepare<{ n: number }>(
      `SELECT count(*) AS n FROM (
         SELECT g.record_id FROM gold_codes g JOIN records r ON r.id = g.record_id WHERE r.split = 'train'
         UNION SELECT record_id FROM decisions)`,
    )
    .get()?.n ?? 0
  const counts = new Map(rows.map((row) => [row.code, row.present]))
  return { count: (code) => (counts.get(code) ?? 0) + PREVALENCE_SMOOTHING, records }
}
