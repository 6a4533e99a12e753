/**
 * How often the suggested primary diagnosis is the record's reference primary:
 * the demo hospital's marked primary, or — for a corpus that marks none, as
 * CodiEsp — the first code of its code list (`goldPrimary: 'first-code'`, the
 * order of `*D.tsv`). Beside it, the two naive answers the suggestion replaces:
 * the strongest suggestion (what accepting the list from the top gives) and
 * the best match of the record's first diagnosis name.
 */
import type { SqliteDatabase } from '../store/database.js'
import type { CodingModel } from '../coding/coding-model.js'
import { toSuggestions } from '../coding/suggestions.js'

export type GoldPrimary = 'marked' | 'first-code'

export interface PrimaryEvaluation {
  split: string
  goldPrimary: GoldPrimary
  /** Records with a reference primary that were scored. */
  records: number
  /** Share where the suggested primary is the reference primary (no suggestion counts as wrong). */
  accuracy: number | null
  /** Share where the reference primary was among the codes suggested above the model's threshold. */
  primaryAmongSuggested: number | null
  baselines: {
    /** The strongest suggestion above the threshold. */
    strongest: number | null
    /** The first diagnosis name's best match (records with names only; null without any). */
    firstName: number | null
    firstNameRecords: number
  }
}

export async function evaluatePrimary(
  database: SqliteDatabase,
  model: CodingModel,
  options: { split: string; goldPrimary?: GoldPrimary; limit?: number },
): Promise<PrimaryEvaluation> {
  const goldPrimary = options.goldPrimary ?? 'marked'
  const records = database
    .prepare<{ id: number; external_id: string }>('SELECT id, external_id FROM records WHERE split = ? ORDER BY id LIMIT ?')
    .all(options.split, options.limit ?? -1)
  const goldOf = database.prepare<{ code: string; is_primary: number }>('SELECT code, is_primary FROM gold_codes WHERE record_id = ? ORDER BY rowid')
  const threshold = model.bundle.manifest.threshold
  let scored = 0
  let right = 0
  let among = 0
  let strongest = 0
  let named = 0
  let namedRight = 0
  for (const record of records) {
    const gold = goldOf.all(record.id)
    const reference = goldPrimary === 'marked' ? gold.find((code) => code.is_primary === 1)?.code : gold[0]?.code
    if (reference === undefined) continue
    scored += 1
    const suggestions = toSuggestions(database, model, await model.scoreRecord(record.id), { recordId: record.external_id })
    if (suggestions.primary?.code === reference) right += 1
    const offered = suggestions.codes.filter((code) => code.probability >= threshold && code.held === null)
    if (offered.some((code) => code.code === reference)) among += 1
    if (offered[0]?.code === reference) strongest += 1
    const firstName = suggestions.codes
      .flatMap((code) => code.names.filter((name) => name.confidence > 0).map((name) => ({ code: code.code, name: name.name, confidence: name.confidence })))
      .filter((match) => match.name === firstNameOf(database, record.id))
      .sort((a, b) => b.confidence - a.confidence)[0]
    if (firstNameOf(database, record.id) !== null) {
      named += 1
      if (firstName?.code === reference) namedRight += 1
    }
  }
  const share = (part: number, whole: number) => (whole === 0 ? null : part / whole)
  return {
    split: options.split,
    goldPrimary,
    records: scored,
    accuracy: share(right, scored),
    primaryAmongSuggested: share(among, scored),
    baselines: { strongest: share(strongest, scored), firstName: share(namedRight, named), firstNameRecords: named },
  }
}

function firstNameOf(database: SqliteDatabase, recordRowId: number): string | null {
  return (
    database
      .prepare<{ text: string }>("SELECT text FROM diagnosis_names WHERE record_id = ? AND injected_error IS NOT 'missing' ORDER BY is_primary DESC, position LIMIT 1")
      .get(recordRowId)?.text ?? null
  )
}
