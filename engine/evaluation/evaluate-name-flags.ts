/**
 * How well the name-quality flags find the errors a simulator injected into
 * the diagnosis names (`diagnosis_names.injected_error`: the demo hospital, the
 * CodiEsp CliniCoCo setting). Only workspaces with injected errors can be
 * scored: elsewhere nobody knows which names are wrong.
 *
 * - missing: a flag is right when its code is a gold code of a record that lost
 *   a name; a record that lost names counts as caught when one of its gold codes
 *   is flagged missing;
 * - vague / wrong: a flag is right when the name it points at carries that
 *   injected error; an injected name counts as caught when a flag of its kind points at it.
 *
 * Flags are counted as the coding view shows them at the model's threshold.
 */
import type { NameQualityFlag } from '../../contract/domain.js'
import type { SqliteDatabase } from '../store/database.js'
import type { CodingModel } from '../coding/coding-model.js'
import { isFlagShown } from '../coding/name-quality-flags.js'
import { toSuggestions } from '../coding/suggestions.js'

type FlagKind = NameQualityFlag['kind']

export interface FlagKindReport {
  flags: number
  right: number
  precision: number | null
  /** Injected errors of this kind (missing: records that lost at least one name). */
  errors: number
  caught: number
  recall: number | null
}

export interface NameFlagEvaluation {
  split: string
  records: number
  /** Records whose names carry no injected error, and the share of them with at least one flag (false alarms a coder sees). */
  errorFreeRecords: number
  errorFreeFlaggedShare: number | null
  threshold: number
  kinds: Record<FlagKind, FlagKindReport>
}

export async function evaluateNameFlags(
  database: SqliteDatabase,
  model: CodingModel,
  options: { split: string; limit?: number; onProgress?: (done: number, total: number) => void },
): Promise<NameFlagEvaluation> {
  const records = database
    .prepare<{ id: number; external_id: string }>(
      `SELECT r.id, r.external_id FROM records r
       WHERE r.split = ? AND EXISTS (SELECT 1 FROM diagnosis_names n WHERE n.record_id = r.id)
       ORDER BY r.id LIMIT ?`,
    )
    .all(options.split, options.limit ?? -1)
  const namesOf = database.prepare<{ text: string; injected_error: FlagKind | null }>(
    'SELECT text, injected_error FROM diagnosis_names WHERE record_id = ?',
  )
  const goldOf = database.prepare<{ code: string }>('SELECT code FROM gold_codes WHERE record_id = ?')
  const counts = {
    missing: { flags: 0, right: 0, errors: 0, caught: 0 },
    vague: { flags: 0, right: 0, errors: 0, caught: 0 },
    wrong: { flags: 0, right: 0, errors: 0, caught: 0 },
  }
  let errorFree = 0
  let errorFreeFlagged = 0
  const threshold = model.bundle.manifest.threshold
  for (const [done, record] of records.entries()) {
    const scores = await model.scoreRecord(record.id)
    const flags = toSuggestions(database, model, scores, { recordId: record.external_id }).flags.filter((flag) => isFlagShown(flag, threshold))
    const names = namesOf.all(record.id)
    const gold = new Set(goldOf.all(record.id).map((row) => row.code))
    const injected = (kind: FlagKind) => new Set(names.filter((name) => name.injected_error === kind).map((name) => name.text))
    const lostNames = injected('missing').size > 0
    if (names.every((name) => name.injected_error === null)) {
      errorFree += 1
      if (flags.length > 0) errorFreeFlagged += 1
    }
    const rightMissing = flags.filter((flag) => flag.kind === 'missing' && lostNames && gold.has(flag.code))
    counts.missing.flags += flags.filter((flag) => flag.kind === 'missing').length
    counts.missing.right += rightMissing.length
    if (lostNames) {
      counts.missing.errors += 1
      if (rightMissing.length > 0) counts.missing.caught += 1
    }
    for (const kind of ['vague', 'wrong'] as const) {
      const erroneous = injected(kind)
      const pointed = flags.flatMap((flag) => (flag.kind === kind ? [flag.name] : []))
      counts[kind].flags += pointed.length
      counts[kind].right += pointed.filter((name) => erroneous.has(name)).length
      counts[kind].errors += erroneous.size
      counts[kind].caught += [...erroneous].filter((name) => pointed.includes(name)).length
    }
    options.onProgress?.(done + 1, records.length)
  }
  const report = (kind: FlagKind): FlagKindReport => {
    const { flags, right, errors, caught } = counts[kind]
    return { flags, right, precision: ratio(right, flags), errors, caught, recall: ratio(caught, errors) }
  }
  return {
    split: options.split,
    records: records.length,
    errorFreeRecords: errorFree,
    errorFreeFlaggedShare: ratio(errorFreeFlagged, errorFree),
    threshold,
    kinds: { missing: report('missing'), vague: report('vague'), wrong: report('wrong') },
  }
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole
}
