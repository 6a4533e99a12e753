/**
 * Noisy auto-labelling (paper: data preprocessing): every record's diagnosis
 * names are normalised, and the codes found are stored with their confidence
 * and provenance in `name_labels`, replacing that record's earlier labels for
 * the code set. Names an EMR export marked missing are skipped. The training
 * bundle takes accepted labels as the noisy set.
 *
 * Before labelling, the records' imported gold codes are aligned to their
 * names and learned as pairs (`gold-pairs.ts`). A record is always labelled
 * with its own pairs left out, so its labels say what the normaliser would
 * have found without its codes — which is also what the report scores against
 * the gold codes. How many codes a name gets is the ranker's decision: every
 * code at or above the threshold (there is no per-name cap; the candidate
 * search bounds the work), and the best one below it when none is accepted.
 */
import { AppFailure } from '../../contract/result.js'
import type { SqliteDatabase } from '../store/database.js'
import type { EncoderMatcher } from './encoder-matcher.js'
import { alignGoldPairs, type GoldAlignmentReport } from './gold-pairs.js'
import { labelQuality, type LabelQuality, type RecordGold } from './label-quality.js'
import { loadNamePairs } from './name-pairs.js'
import { normalizeName } from './normalizer.js'
import { saveFittedRanker } from './stored-ranker.js'
import { MIN_NAMES_TO_FIT, fittedWorkspaceNormalizer, workspaceNormalizer } from './workspace-normalizer.js'

export interface LabelRun {
  codeSetId: number
  threshold?: number
  /**
   * Fit the ranker and threshold on the workspace's pairs (coder-confirmed and learned from gold codes) first:
   * `true` is refused with fewer than `MIN_NAMES_TO_FIT` names (the coder asked for a fit); `'where-enough'`
   * then keeps the hand-set ranker (a step that labels on the way, such as a training-bundle export).
   */
  fit?: boolean | 'where-enough'
  /** Learn (name, code) pairs from the records' imported gold codes first (default true). */
  learnFromGold?: boolean
  /** The workspace's name encoder with every name's parts already embedded (`encoderWorkspaceNormalizer`); absent: lexical only. */
  encoder?: EncoderMatcher | null
  actor?: string
}

export interface LabelReport {
  codeSetId: number
  labeller: string
  /** `default` (hand-set), `fitted on N names`, or the default with why a stored ranker was refused. */
  ranker: string
  /** Whether the confidences are calibrated: fitted rankers are (on left-out names), the hand-set default is not. */
  calibrated: boolean
  threshold: number
  /** What was learned from imported gold codes before labelling; null when not asked. */
  goldPairs: GoldAlignmentReport | null
  /** Pairs the normaliser learns from: coder-confirmed and aligned from gold codes. */
  pairs: { confirmed: number; fromGold: number }
  records: { total: number; withNames: number; labelled: number; coverage: number }
  names: { total: number; labelled: number; coverage: number }
  labels: { stored: number; accepted: number; acceptedPerName: number }
  /** Share of accepted labels by confidence band. */
  confidenceBands: Record<string, number>
  /** Where the records carry reference codes (`label-quality.ts`); precision / recall as before are the full-code ones. */
  againstGold: (LabelQuality & { precision: number; recall: number }) | null
  elapsedMs: number
  perNameMs: number
}

export const LABELLER = 'lexical-normaliser/2'
// Candidates considered per name: a bound on work, not on the answer (accepted codes per name are a handful).
const CANDIDATES_PER_NAME = 40

export function labelRecords(database: SqliteDatabase, run: LabelRun): LabelReport {
  const started = performance.now()
  const goldPairs = run.learnFromGold === false ? null : alignGoldPairs(database, run.codeSetId, { actor: run.actor ?? 'system' })
  const pairs = loadNamePairs(database, run.codeSetId)
  const pairCounts = { confirmed: pairs.filter((pair) => pair.origin === 'coder').length, fromGold: pairs.filter((pair) => pair.origin === 'gold').length }
  let fitted: ReturnType<typeof fittedWorkspaceNormalizer> = null
  if (run.fit) {
    fitted = fittedWorkspaceNormalizer(database, run.codeSetId)
    if (!fitted && run.fit === true) {
      throw new AppFailure(
        'invalid-input',
        `Nothing to fit the ranker on: ${pairCounts.confirmed} coder-confirmed and ${pairCounts.fromGold} gold-code pairs; at least ${MIN_NAMES_TO_FIT} names with codes are needed. ` +
          'Import records with their codes (主要诊断编码 / 其他诊断编码) or submit coded records, then run `label --fit` again; `label` without --fit uses the hand-set ranker.',
      )
    }
    if (fitted) saveFittedRanker(database, run.codeSetId, { ranker: fitted.normalizer.ranker, threshold: fitted.normalizer.threshold, names: fitted.names })
  }
  const base = fitted?.normalizer ?? workspaceNormalizer(database, run.codeSetId)
  const normalizer = { ...base, threshold: run.threshold ?? base.threshold, encoder: run.encoder ?? null }
  const calibrated = normalizer.rankerOrigin.startsWith('fitted')
  const encoderVersion = normalizer.encoder?.encoder.bundle.manifest.encoderVersion
  const labeller = `${LABELLER} pairs=${normalizer.memory.names.length} ranker=${fitted ? `fitted:${fitted.names}` : calibrated ? 'stored' : 'default'} synonyms=v${normalizer.synonymVersion}${encoderVersion ? ` encoder=${encoderVersion}` : ''}`
  const names = database
    .prepare<{ record_id: number; position: number; text: string }>(
      "SELECT record_id, position, text FROM diagnosis_names WHERE injected_error IS NOT 'missing' ORDER BY record_id, position",
    )
    .all()
  const totalRecords = database.prepare<{ n: number }>('SELECT count(*) AS n FROM records').get()?.n ?? 0
  const gold = new Map<number, RecordGold & { codes: Set<string> }>()
  for (const row of database.prepare<{ record_id: number; code: string; is_primary: number }>('SELECT record_id, code, is_primary FROM gold_codes').all()) {
    const record = gold.get(row.record_id) ?? { codes: new Set<string>(), primary: null }
    record.codes.add(row.code)
    if (row.is_primary === 1) record.primary = row.code
    gold.set(row.record_id, record)
  }
  const stored: Array<{ recordId: number; code: string; confidence: number; accepted: boolean }> = []
  const bands: Record<string, number> = { '0.5-0.7': 0, '0.7-0.9': 0, '0.9-1.0': 0, 'below 0.5': 0 }
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
      const result = normalizeName(normalizer, name.text, { limit: CANDIDATES_PER_NAME, excludedSource: `record:${name.record_id}` })
      const keep = result.codes.filter((code, index) => code.accepted || (index === 0 && !result.codes.some((other) => other.accepted)))
      if (keep.some((code) => code.accepted)) labelledNames += 1
      for (const code of keep) {
        const inserted = insert.run(name.record_id, name.position, run.codeSetId, code.code, code.confidence, code.accepted ? 1 : 0, code.matchedTerm, code.matchedVia, code.part.text, labeller, now)
        if (inserted.changes === 0) continue
        stored.push({ recordId: name.record_id, code: code.code, confidence: code.confidence, accepted: code.accepted })
        if (!code.accepted) continue
        acceptedCount += 1
        const band = code.confidence >= 0.9 ? '0.9-1.0' : code.confidence >= 0.7 ? '0.7-0.9' : code.confidence >= 0.5 ? '0.5-0.7' : 'below 0.5'
        bands[band] = (bands[band] ?? 0) + 1
      }
    }
  })
  const recordsWithNames = new Set(names.map((name) => name.record_id))
  const acceptedRecords = new Set(stored.filter((label) => label.accepted).map((label) => label.recordId))
  const withNames = recordsWithNames.size
  const goldWithNames = new Map([...gold].filter(([recordId]) => recordsWithNames.has(recordId)))
  const quality = goldWithNames.size > 0 ? labelQuality(stored, goldWithNames) : null
  const elapsedMs = performance.now() - started
  const share = (part: number, whole: number): number => (whole > 0 ? Number((part / whole).toFixed(4)) : 0)
  return {
    codeSetId: run.codeSetId,
    labeller,
    ranker: fitted ? `fitted on ${fitted.names} names` : normalizer.rankerOrigin,
    calibrated,
    threshold: normalizer.threshold,
    goldPairs,
    pairs: pairCounts,
    records: { total: totalRecords, withNames, labelled: acceptedRecords.size, coverage: share(acceptedRecords.size, withNames) },
    names: { total: names.length, labelled: labelledNames, coverage: share(labelledNames, names.length) },
    labels: { stored: stored.length, accepted: acceptedCount, acceptedPerName: share(acceptedCount, names.length) },
    confidenceBands: Object.fromEntries(Object.entries(bands).map(([band, count]) => [band, share(count, acceptedCount)])),
    againstGold: quality ? { ...quality, precision: quality.full.precision, recall: quality.full.recall } : null,
    elapsedMs: Math.round(elapsedMs),
    perNameMs: Number((elapsedMs / Math.max(1, names.length)).toFixed(3)),
  }
}
