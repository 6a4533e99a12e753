/**
 * How often each code is the primary diagnosis when a record carries it, from
 * the workspace's own labelled records and coder decisions: sepsis usually is,
 * hypertension rarely, an outcome-of-delivery code never. Smoothed towards the
 * overall rate, so a code seen twice does not claim certainty.
 */
import type { SqliteDatabase } from '../store/database.js'

export interface PrimaryPriors {
  /** P(primary | code present), smoothed; the overall rate for a code never seen. */
  rate(code: string): number
  /** Records the rates were counted over. */
  records: number
}

/** Pseudo-records pulling a rarely seen code towards the overall rate. */
const SMOOTHING = 4

export function primaryPriors(database: SqliteDatabase): PrimaryPriors {
  // Gold codes of training records where the source marked a primary, and every coder decision's latest version.
  const rows = database
    .prepare<{ code: string; primary_count: number; present: number }>(
      `WITH labelled AS (
         SELECT g.record_id, g.code, g.is_primary FROM gold_codes g JOIN records r ON r.id = g.record_id
         WHERE r.split = 'train' AND EXISTS (SELECT 1 FROM gold_codes p WHERE p.record_id = g.record_id AND p.is_primary = 1)
         UNION ALL
         SELECT d.record_id, dc.code, dc.is_primary FROM decisions d JOIN decision_codes dc ON dc.decision_id = d.id
         WHERE d.version = (SELECT max(version) FROM decisions d2 WHERE d2.record_id = d.record_id)
       )
       SELECT code, sum(is_primary) AS primary_count, count(*) AS present FROM labelled GROUP BY code`,
    )
    .all()
  const records = database
    .prepare<{ n: number }>(
      `SELECT count(DISTINCT record_id) AS n FROM (
         SELECT g.record_id FROM gold_codes g JOIN records r ON r.id = g.record_id WHERE r.split = 'train' AND g.is_primary = 1
         UNION SELECT record_id FROM decisions)`,
    )
    .get()?.n ?? 0
  const totalPrimary = rows.reduce((sum, row) => sum + row.primary_count, 0)
  const totalPresent = rows.reduce((sum, row) => sum + row.present, 0)
  const overall = totalPresent === 0 ? 0.5 : totalPrimary / totalPresent
  const rates = new Map(rows.map((row) => [row.code, (row.primary_count + SMOOTHING * overall) / (row.present + SMOOTHING)]))
  return { rate: (code) => rates.get(code) ?? overall, records }
}
