/**
 * Noisy auto-labelling (paper: data preprocessing): every record's diagnosis
 * names are normalised, and the codes found are stored with their confidence
 * and provenance in `name_labels`, replacing that record's earlier labels for
 * the code set. Names an EMR export marked missing are skipped. The training
 * bundle takes accepted labels as the noisy set.
 */
import type { SqliteDatabase } from '../store/database.js'
import type { EncoderMatcher } from './encoder-matcher.js'
import { normalizeName } from './normalizer.js'
import { saveFittedRanker } from './stored-ranker.js'
import { fittedWorkspaceNormalizer, workspaceNormalizer } from './workspace-normalizer.js'

export interface LabelRun {
  codeSetId: number
  threshold?: number
  /** Codes kept per name (accepted or not), for the coder's view and for re-thresholding. */
  codesPerName?: number
  /** Fit the ranker and threshold on the workspace's confirmed pairs first (when there are enough). */
  fit?: boolean
  /** The workspace's name encoder with every name's parts already embedded (`encoderWorkspaceNormalizer`); absent: lexical only. */
  encoder?: EncoderMatcher | null
}

export interface LabelReport {
  codeSetId: number
  labeller: string
  /** `default` (hand-set) or `fitted on N confirmed names`. */
  ranker: string
  threshold: number
  records: { total: number; withNames: number; labelled: number; coverage: number }
  names: { total: number; labelled: number; coverage: number }
  labels: { stored: number; accepted: number }
  /** Share of accepted labels by confidence band. */
  confidenceBands: Record<string, number>
  /** Where the records carry reference codes: accepted labels that are gold, and gold codes found. */
  againstGold: { precision: number; recall: number; records: number } | null
  elapsedMs: number
  perNameMs: number
}

export const LABELLER = 'lexical-normaliser/1'

export function labelRecords(database: SqliteDatabase, run: LabelRun): LabelReport {
  const started = performance.now()
  const fitted = run.fit ? fittedWorkspaceNormalizer(database, run.codeSetId) : null
  if (fitted) saveFittedRanker(database, run.codeSetId, { ranker: fitted.normalizer.ranker, threshold: fitted.normalizer.threshold, names: fitted.names })
  const base = fitted?.normalizer ?? workspaceNormalizer(database, run.codeSetId)
  const normalizer = { ...base, threshold: run.threshold ?? base.threshold, encoder: run.encoder ?? null }
  const ranker = fitted ? `fitted on ${fitted.names} confirmed names` : 'default'
  const encoderVersion = normalizer.encoder?.encoder.bundle.manifest.encoderVersion
  const labeller = `${LABELLER} pairs=${normalizer.memory.names.length} ranker=${fitted ? `fitted:${fitted.names}` : 'default'}${encoderVersion ? ` encoder=${encoderVersion}` : ''}`
  const names = database
    .prepare<{ record_id: number; position: number; text: string }>(
      "SELECT record_id, position, text FROM diagnosis_names WHERE injected_error IS NOT 'missing' ORDER BY record_id, position",
    )
    .all()
  const totalRecords = database.prepare<{ n: number }>('SELECT count(*) AS n FROM records').get()?.n ?? 0
  const gold = new Map<number, Set<string>>()
  for (const row of database.prepare<{ record_id: number; code: string }>('SELECT record_id, code FROM gold_codes').all()) {
    const codes = gold.get(row.record_id) ?? new Set<string>()
    codes.add(row.code)
    gold.set(row.record_id, codes)
  }
  const accepted = new Map<number, Set<string>>()
  const bands: Record<string, number> = { '0.5-0.7': 0, '0.7-0.9': 0, '0.9-1.0': 0, 'below 0.5': 0 }
  let stored = 0
  let acceptedCount = 0
  let labelledNames = 0
  const now = new Date().toISOString()
  database.transaction(() => {
    database.prepare('DELETE FROM name_labels WHERE code_set_id = ?').run(run.codeSetId)
    const insert = database.prepare(
      `INSERT INTO name_labels (record_id, position, code_set_id, code, confidence, accepted, matched_term, matched_via, name_part, labeller, labelled_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    )
    for (const name of names) {
      const result = normalizeName(normalizer, name.text, { limit: run.codesPerName ?? 5 })
      const keep = result.codes.filter((code, index) => code.accepted || index === 0)
      if (keep.some((code) => code.accepted)) labelledNames += 1
      for (const code of keep) {
        insert.run(name.record_id, name.position, run.codeSetId, code.code, code.confidence, code.accepted ? 1 : 0, code.matchedTerm, code.matchedVia, code.part.text, labeller, now)
        stored += 1
        if (!code.accepted) continue
        acceptedCount += 1
        const set = accepted.get(name.record_id) ?? new Set<string>()
        set.add(code.code)
        accepted.set(name.record_id, set)
        const band = code.confidence >= 0.9 ? '0.9-1.0' : code.confidence >= 0.7 ? '0.7-0.9' : code.confidence >= 0.5 ? '0.5-0.7' : 'below 0.5'
        bands[band] = (bands[band] ?? 0) + 1
      }
    }
  })
  const recordsWithNames = new Set(names.map((name) => name.record_id))
  const withNames = recordsWithNames.size
  let goldHits = 0
  let goldTotal = 0
  let acceptedWithGold = 0
  let goldRecords = 0
  for (const [recordId, codes] of gold) {
    if (!recordsWithNames.has(recordId)) continue
    goldRecords += 1
    goldTotal += codes.size
    for (const code of accepted.get(recordId) ?? []) {
      acceptedWithGold += 1
      if (codes.has(code)) goldHits += 1
    }
  }
  const elapsedMs = performance.now() - started
  const share = (part: number, whole: number): number => (whole > 0 ? Number((part / whole).toFixed(4)) : 0)
  return {
    codeSetId: run.codeSetId,
    labeller,
    ranker,
    threshold: normalizer.threshold,
    records: { total: totalRecords, withNames, labelled: accepted.size, coverage: share(accepted.size, withNames) },
    names: { total: names.length, labelled: labelledNames, coverage: share(labelledNames, names.length) },
    labels: { stored, accepted: acceptedCount },
    confidenceBands: Object.fromEntries(Object.entries(bands).map(([band, count]) => [band, share(count, acceptedCount)])),
    againstGold: goldRecords > 0 ? { precision: share(goldHits, acceptedWithGold), recall: share(goldHits, goldTotal), records: goldRecords } : null,
    elapsedMs: Math.round(elapsedMs),
    perNameMs: Number((elapsedMs / Math.max(1, names.length)).toFixed(3)),
  }
}
