/**
 * Per-coder figures over a date range, by mode: the paper's pilot table from
 * what is stored with each submitted version (active time, what became of the
 * suggestions, the codes) against gold where the records have it, against a
 * second coder where they were double coded, and the supervisors' verdicts.
 */
import type { CodingMode } from '../../contract/domain.js'
import type { CoderFigures } from '../../contract/supervision.js'
import { microScores, primaryAgreement } from '../metrics/agreement.js'
import type { CodingPair } from '../metrics/agreement.js'
import { dayAfter } from '../records/list-records.js'
import type { SqliteDatabase } from '../store/database.js'
import { latestSecondCodings } from './second-coding.js'

interface DecisionRow {
  id: number
  record_id: number
  coder: string
  mode: CodingMode
  active_ms: number
  submitted_at: string
  version: number
}

export function coderDashboard(database: SqliteDatabase, range: { from?: string; to?: string }): CoderFigures[] {
  const decisions = database
    .prepare<DecisionRow>(
      `SELECT id, record_id, coder, mode, active_ms, submitted_at, version FROM decisions
       WHERE (:from IS NULL OR submitted_at >= :from) AND (:to IS NULL OR submitted_at < :to) ORDER BY id`,
    )
    .all({ from: range.from ?? null, to: range.to ? dayAfter(range.to) : null })
  const codes = codesByDecision(database, 'SELECT decision_id AS id, code, is_primary FROM decision_codes')
  const gold = codesByDecision(database, 'SELECT record_id AS id, code, is_primary FROM gold_codes')
  const suggestions = new Map<number, Array<{ code: string; outcome: string }>>()
  for (const row of database.prepare<{ decision_id: number; code: string; outcome: string }>('SELECT decision_id, code, outcome FROM decision_suggestions').iterate()) {
    const list = suggestions.get(row.decision_id) ?? []
    list.push({ code: row.code, outcome: row.outcome })
    suggestions.set(row.decision_id, list)
  }
  const verdicts = new Map(database.prepare<{ decision_id: number; verdict: string }>('SELECT decision_id, verdict FROM reviews').all().map((row) => [row.decision_id, row.verdict]))
  const lostName = new Set(database.prepare<{ record_id: number }>("SELECT DISTINCT record_id FROM diagnosis_names WHERE injected_error = 'missing'").all().map((row) => row.record_id))
  const seconds = latestSecondCodings(database)
  const users = new Map(
    database.prepare<{ id: string; display_name: string; study_group: string | null }>('SELECT id, display_name, study_group FROM users').all().map((row) => [row.id, row]),
  )

  const groups = new Map<string, DecisionRow[]>()
  for (const decision of decisions) {
    const key = `${decision.coder}\u0000${decision.mode}`
    groups.set(key, [...(groups.get(key) ?? []), decision])
  }
  const figures: CoderFigures[] = []
  for (const group of groups.values()) {
    const first = group[0] as DecisionRow
    // A record coded again in the same mode counts once, with its latest version in the range.
    const latest = new Map<number, DecisionRow>()
    for (const decision of group) latest.set(decision.record_id, decision)
    const current = [...latest.values()]
    const shown = { shown: 0, accepted: 0, rejected: 0, ignored: 0 }
    let added = 0
    for (const decision of current) {
      const offered = suggestions.get(decision.id) ?? []
      const offeredCodes = new Set(offered.map((entry) => entry.code))
      for (const entry of offered) {
        if (entry.outcome === 'accepted') shown.accepted += 1
        else if (entry.outcome === 'rejected') shown.rejected += 1
        else shown.ignored += 1
      }
      shown.shown += offered.length
      added += (codes.get(decision.id) ?? []).filter((code) => !offeredCodes.has(code.code)).length
    }
    const pairsWith = (reference: (decision: DecisionRow) => Array<{ code: string; isPrimary: boolean }> | undefined): CodingPair[] =>
      current.flatMap((decision) => {
        const other = reference(decision)
        if (!other || other.length === 0) return []
        const mine = codes.get(decision.id) ?? []
        return [{ first: new Set(mine.map((code) => code.code)), second: new Set(other.map((code) => code.code)), firstPrimary: primaryOf(mine), secondPrimary: primaryOf(other) }]
      })
    const goldPairs = pairsWith((decision) => gold.get(decision.record_id))
    const lostPairs = pairsWith((decision) => (lostName.has(decision.record_id) ? gold.get(decision.record_id) : undefined))
    const secondPairs = pairsWith((decision) => {
      const second = seconds.get(decision.record_id)
      return second && second.coder !== decision.coder ? second.codes : undefined
    })
    const goldScores = microScores(goldPairs)
    const activeTimes = group.map((decision) => decision.active_ms).sort((a, b) => a - b)
    const user = users.get(first.coder)
    figures.push({
      coder: first.coder,
      coderName: user?.display_name ?? first.coder,
      studyGroup: user?.study_group ?? null,
      mode: first.mode,
      records: current.length,
      medianActiveMs: median(activeTimes),
      totalActiveMs: activeTimes.reduce((sum, value) => sum + value, 0),
      suggestions: shown,
      addedBeyondSuggestions: first.mode === 'manual' ? null : added,
      flagsActedOn: null,
      gold:
        goldPairs.length > 0
          ? { records: goldPairs.length, microF1: goldScores.f1, precision: goldScores.precision, recall: goldScores.recall, primaryAgreement: primaryAgreement(goldPairs) ?? 0 }
          : null,
      missingCaught: lostPairs.length > 0 ? { records: lostPairs.length, recall: microScores(lostPairs).recall } : null,
      second: secondPairs.length > 0 ? { records: secondPairs.length, microF1: microScores(secondPairs).f1, primaryAgreement: primaryAgreement(secondPairs) ?? 0 } : null,
      reviews: {
        approved: current.filter((decision) => verdicts.get(decision.id) === 'approved').length,
        returned: group.filter((decision) => verdicts.get(decision.id) === 'returned').length,
      },
    })
  }
  const modeOrder: Record<CodingMode, number> = { assisted: 0, 'black-box': 1, manual: 2 }
  return figures.sort((a, b) => a.coderName.localeCompare(b.coderName) || a.coder.localeCompare(b.coder) || modeOrder[a.mode] - modeOrder[b.mode])
}

function codesByDecision(database: SqliteDatabase, sql: string): Map<number, Array<{ code: string; isPrimary: boolean }>> {
  const byId = new Map<number, Array<{ code: string; isPrimary: boolean }>>()
  for (const row of database.prepare<{ id: number; code: string; is_primary: number }>(sql).iterate()) {
    const list = byId.get(row.id) ?? []
    list.push({ code: row.code, isPrimary: row.is_primary === 1 })
    byId.set(row.id, list)
  }
  return byId
}

function primaryOf(codes: ReadonlyArray<{ code: string; isPrimary: boolean }>): string | null {
  return codes.find((code) => code.isPrimary)?.code ?? null
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}
