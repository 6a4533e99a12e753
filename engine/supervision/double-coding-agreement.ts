/**
 * Agreement on the double-coded records: each record's current coding (the
 * first coder's) against its latest blind second coding. Micro-F1 and primary
 * agreement over all of them, Cohen's kappa per code.
 */
import type { Agreement } from '../../contract/supervision.js'
import { cohenKappa, kappaTables, microScores, primaryAgreement } from '../metrics/agreement.js'
import type { CodingPair } from '../metrics/agreement.js'
import type { SqliteDatabase } from '../store/database.js'
import { activeCodeSetId } from '../workspace/workspace.js'
import { latestSecondCodings } from './second-coding.js'

export function doubleCodingAgreement(database: SqliteDatabase): Agreement {
  const seconds = latestSecondCodings(database)
  const current = database.prepare<{ id: number; coder: string }>(
    'SELECT id, coder FROM decisions WHERE record_id = ? ORDER BY version DESC LIMIT 1',
  )
  const codesOf = database.prepare<{ code: string; is_primary: number }>('SELECT code, is_primary FROM decision_codes WHERE decision_id = ?')
  const pairs: CodingPair[] = []
  for (const [recordId, second] of seconds) {
    const first = current.get(recordId)
    if (!first || first.coder === second.coder) continue
    const mine = codesOf.all(first.id)
    pairs.push({
      first: new Set(mine.map((code) => code.code)),
      second: new Set(second.codes.map((code) => code.code)),
      firstPrimary: mine.find((code) => code.is_primary === 1)?.code ?? null,
      secondPrimary: second.codes.find((code) => code.isPrimary)?.code ?? null,
    })
  }
  let codeSetId: number | null = null
  try {
    codeSetId = activeCodeSetId(database)
  } catch {
    codeSetId = null
  }
  const titleOf = database.prepare<{ title: string }>('SELECT title FROM codes WHERE code_set_id = ? AND code = ?')
  const codes = [...kappaTables(pairs)].map(([code, table]) => ({
    code,
    title: codeSetId === null ? '' : (titleOf.get(codeSetId, code)?.title ?? ''),
    ...table,
    kappa: cohenKappa(table),
  }))
  // Most-used codes first: their kappas rest on the most records.
  codes.sort((a, b) => b.both + b.firstOnly + b.secondOnly - (a.both + a.firstOnly + a.secondOnly) || a.code.localeCompare(b.code))
  const defined = codes.map((code) => code.kappa).filter((kappa): kappa is number => kappa !== null)
  return {
    records: pairs.length,
    microF1: pairs.length > 0 ? microScores(pairs).f1 : null,
    primaryAgreement: primaryAgreement(pairs),
    meanKappa: defined.length > 0 ? defined.reduce((sum, kappa) => sum + kappa, 0) / defined.length : null,
    codes,
  }
}
