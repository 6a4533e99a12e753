/**
 * Learning from the hospital's own coded records: every imported record with
 * gold codes and diagnosis names gives (name, code) pairs, by aligning each
 * gold code to the list item that explains it best — the item whose
 * normalised candidates hold the code (or a code of the same subcategory or
 * category), or, failing that, the item sharing most words with the code's
 * title. A gold code no item explains (a diagnosis found during the stay) is
 * left unaligned rather than forced onto a name — unless it is the only code
 * left and exactly one name explains nothing (then they are each other's, by
 * elimination); an item may take several codes ("冠心病 不稳定型心绞痛" →
 * I20.000 and I25.103).
 *
 * The pairs are derived data: stored in `gold_name_pairs` with the record's
 * content digest, and aligned again only when a record changes. While a record
 * is aligned, its own earlier pairs are left out (its names are matched as an
 * unseen record's would be).
 */
import { appendAudit } from '../audit/audit-log.js'
import type { SqliteDatabase } from '../store/database.js'
import { codeKey } from '../taxonomy/code-key.js'
import { normalizeName, type Normalizer } from './normalizer.js'
import { contentUnits, normaliseText } from './text-features.js'
import { workspaceNormalizer } from './workspace-normalizer.js'

export interface GoldAlignmentReport {
  codeSetId: number
  /** Records with gold codes and names, and how many were (re)aligned in this run. */
  records: { withGoldAndNames: number; aligned: number; unchanged: number }
  pairs: number
  /** Gold codes of the aligned records: in the code set and given to a name, in the code set but no name explains them, not in the code set. */
  goldCodes: { aligned: number; unaligned: number; notInCodeSet: number }
  elapsedMs: number
}

/** Below this score a gold code is not given to any name. */
export const MIN_ALIGNMENT_SCORE = 0.2
const CANDIDATES_PER_NAME = 40
const SUBCATEGORY_CREDIT = 0.7
const CATEGORY_CREDIT = 0.4
const TITLE_OVERLAP_CREDIT = 0.8

export function alignGoldPairs(
  database: SqliteDatabase,
  codeSetId: number,
  options: { actor?: string; /** Only these records (a benchmark's training part); others' pairs are removed. */ recordIds?: ReadonlySet<number> } = {},
): GoldAlignmentReport {
  const started = performance.now()
  const only = options.recordIds
  const records = database
    .prepare<{ id: number; content_sha256: string }>(
      `SELECT r.id, r.content_sha256 FROM records r
       WHERE EXISTS (SELECT 1 FROM gold_codes g WHERE g.record_id = r.id)
         AND EXISTS (SELECT 1 FROM diagnosis_names n WHERE n.record_id = r.id AND n.injected_error IS NOT 'missing')
       ORDER BY r.id`,
    )
    .all()
    .filter((record) => only === undefined || only.has(record.id))
  if (only !== undefined) {
    // Pairs of records outside the given set must not teach the normaliser (a benchmark's test part).
    const outside = database.prepare<{ record_id: number }>('SELECT DISTINCT record_id FROM gold_alignments WHERE code_set_id = ?').all(codeSetId).filter((row) => !only.has(row.record_id))
    database.transaction(() => {
      for (const row of outside) {
        database.prepare('DELETE FROM gold_name_pairs WHERE code_set_id = ? AND record_id = ?').run(codeSetId, row.record_id)
        database.prepare('DELETE FROM gold_alignments WHERE code_set_id = ? AND record_id = ?').run(codeSetId, row.record_id)
      }
    })
  }
  const alignedAt = new Map(
    database
      .prepare<{ record_id: number; record_sha256: string }>('SELECT record_id, record_sha256 FROM gold_alignments WHERE code_set_id = ?')
      .all(codeSetId)
      .map((row) => [row.record_id, row.record_sha256]),
  )
  const stale = records.filter((record) => alignedAt.get(record.id) !== record.content_sha256)
  const report: GoldAlignmentReport = {
    codeSetId,
    records: { withGoldAndNames: records.length, aligned: 0, unchanged: records.length - stale.length },
    pairs: 0,
    goldCodes: { aligned: 0, unaligned: 0, notInCodeSet: 0 },
    elapsedMs: 0,
  }
  if (stale.length > 0) {
    const normalizer = workspaceNormalizer(database, codeSetId)
    const byKey = new Map(
      database
        .prepare<{ code: string; code_key: string; title: string }>('SELECT code, code_key, title FROM codes WHERE code_set_id = ?')
        .all(codeSetId)
        .map((row) => [row.code_key, row]),
    )
    const namesOf = database.prepare<{ text: string }>("SELECT text FROM diagnosis_names WHERE record_id = ? AND injected_error IS NOT 'missing' ORDER BY position")
    const goldOf = database.prepare<{ code: string }>('SELECT code FROM gold_codes WHERE record_id = ? ORDER BY is_primary DESC, rowid')
    const now = new Date().toISOString()
    database.transaction(() => {
      const remove = database.prepare('DELETE FROM gold_name_pairs WHERE code_set_id = ? AND record_id = ?')
      const mark = database.prepare(
        `INSERT INTO gold_alignments (code_set_id, record_id, record_sha256, aligned_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (code_set_id, record_id) DO UPDATE SET record_sha256 = excluded.record_sha256, aligned_at = excluded.aligned_at`,
      )
      const insert = database.prepare(
        'INSERT INTO gold_name_pairs (code_set_id, record_id, record_sha256, name, code, score, aligned_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      for (const record of stale) {
        remove.run(codeSetId, record.id)
        const names = namesOf.all(record.id).map((row) => row.text)
        const gold: Array<{ code: string; title: string }> = []
        for (const { code } of goldOf.all(record.id)) {
          const entry = byKey.get(codeKey(code))
          if (entry) gold.push(entry)
          else report.goldCodes.notInCodeSet += 1
        }
        for (const pair of alignRecord(normalizer, `record:${record.id}`, names, gold)) {
          if (pair.name === null) {
            report.goldCodes.unaligned += 1
            continue
          }
          insert.run(codeSetId, record.id, record.content_sha256, pair.name, pair.code, pair.score, now)
          report.goldCodes.aligned += 1
          report.pairs += 1
        }
        // A record whose codes no name explains still counts as aligned at this content.
        mark.run(codeSetId, record.id, record.content_sha256, now)
        report.records.aligned += 1
      }
      appendAudit(database, {
        actor: options.actor ?? 'system',
        action: 'gold-pairs.align',
        entity: 'code_set',
        entityId: String(codeSetId),
        detail: { records: stale.length, pairs: report.pairs, unaligned: report.goldCodes.unaligned, notInCodeSet: report.goldCodes.notInCodeSet },
      })
    })
  }
  report.elapsedMs = Math.round(performance.now() - started)
  return report
}

/** Each gold code with the name it is aligned to (null: none explains it) and the alignment score. */
export function alignRecord(
  normalizer: Normalizer,
  source: string,
  names: readonly string[],
  gold: ReadonlyArray<{ code: string; title: string }>,
): Array<{ code: string; name: string | null; score: number }> {
  const found = names.map((name) => {
    const confidence = new Map<string, number>()
    for (const code of normalizeName(normalizer, name, { limit: CANDIDATES_PER_NAME, excludedSource: source }).codes) {
      confidence.set(code.code, Math.max(confidence.get(code.code) ?? 0, code.confidence))
    }
    return { name, confidence, units: contentUnits(normaliseText(name)) }
  })
  const aligned = gold.map(({ code, title }) => {
    const titleUnits = contentUnits(normaliseText(title))
    let best: { name: string | null; score: number } = { name: null, score: 0 }
    for (const item of found) {
      let score = item.confidence.get(code) ?? 0
      for (const [candidate, confidence] of item.confidence) {
        if (candidate.slice(0, 7) === code.slice(0, 7)) score = Math.max(score, SUBCATEGORY_CREDIT * confidence)
        else if (candidate.slice(0, 3) === code.slice(0, 3)) score = Math.max(score, CATEGORY_CREDIT * confidence)
      }
      let shared = 0
      for (const unit of titleUnits) if (item.units.has(unit)) shared += 1
      const union = titleUnits.size + item.units.size - shared
      score = Math.max(score, union > 0 ? (TITLE_OVERLAP_CREDIT * shared) / union : 0)
      if (score > best.score) best = { name: item.name, score }
    }
    return { code, name: best.score >= MIN_ALIGNMENT_SCORE ? best.name : null, score: Number(best.score.toFixed(4)) }
  })
  // By elimination: one code left over and one name that explains nothing are each other's
  // (a record with one name and one code, or "胸痛待查" coded at discharge as the angina found).
  const unaligned = aligned.filter((pair) => pair.name === null)
  const idle = names.filter((name) => !aligned.some((pair) => pair.name === name))
  if (unaligned.length === 1 && idle.length === 1) {
    const [pair] = unaligned
    if (pair) pair.name = idle[0] ?? null
  }
  return aligned
}
