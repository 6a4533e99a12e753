/**
 * Multi-label stratified assignment of records to train / dev / test
 * (iterative stratification, Sechidis et al. 2011), with one change a coding
 * supervisor asks for: a code rare in the hospital still reaches dev (and test)
 * when it has enough records, so its dev score is not simply missing.
 *
 * Codes are visited rarest first; each record holding the code goes to the split
 * that lacks it most (desired count − assigned), ties to the split furthest from
 * its overall share, then to a seeded draw. Records without codes fill the
 * overall shares at random.
 */
import { SeededRandom } from '../random/seeded-random.js'

export type AssignedSplit = 'train' | 'dev' | 'test'
export const ASSIGNED_SPLITS: readonly AssignedSplit[] = ['train', 'dev', 'test']

export interface SplitShares {
  dev: number
  test: number
}

export interface SplitCandidate {
  id: number
  /** Reference or noisy codes that stratify the draw; empty when the record has none. */
  codes: readonly string[]
}

/**
 * A code with at least this many records gets one in dev even when its share
 * rounds to zero; test likewise from one more, so train keeps at least two.
 */
export const MIN_RECORDS_FOR_DEV = 3
export const MIN_RECORDS_FOR_TEST = 4

export function stratifiedSplit(records: readonly SplitCandidate[], shares: SplitShares, seed: number): Map<number, AssignedSplit> {
  if (!(shares.dev >= 0 && shares.test >= 0 && shares.dev + shares.test < 1)) {
    throw new RangeError(`dev and test shares must be ≥ 0 and sum below 1, got ${shares.dev} + ${shares.test}`)
  }
  const random = new SeededRandom(seed)
  const share: Record<AssignedSplit, number> = { train: 1 - shares.dev - shares.test, dev: shares.dev, test: shares.test }
  // Shuffled once so that ties between records never follow import order.
  const pool = random.shuffle(records)
  const recordsByCode = new Map<string, SplitCandidate[]>()
  for (const record of pool) {
    for (const code of new Set(record.codes)) {
      const list = recordsByCode.get(code)
      if (list) list.push(record)
      else recordsByCode.set(code, [record])
    }
  }
  const desiredPerCode = new Map<string, Record<AssignedSplit, number>>()
  for (const [code, holders] of recordsByCode) desiredPerCode.set(code, desiredCounts(holders.length, share))
  const assignedPerCode = new Map<string, Record<AssignedSplit, number>>()
  const totals: Record<AssignedSplit, number> = { train: 0, dev: 0, test: 0 }
  const desiredTotals: Record<AssignedSplit, number> = { train: pool.length * share.train, dev: pool.length * share.dev, test: pool.length * share.test }
  const result = new Map<number, AssignedSplit>()

  const place = (record: SplitCandidate, split: AssignedSplit): void => {
    result.set(record.id, split)
    totals[split] += 1
    for (const code of new Set(record.codes)) {
      const counts = assignedPerCode.get(code) ?? { train: 0, dev: 0, test: 0 }
      counts[split] += 1
      assignedPerCode.set(code, counts)
    }
  }
  const overallNeed = (split: AssignedSplit): number => desiredTotals[split] - totals[split]

  const codesRarestFirst = [...recordsByCode.keys()].sort(
    (left, right) => (recordsByCode.get(left)?.length ?? 0) - (recordsByCode.get(right)?.length ?? 0) || (left < right ? -1 : 1),
  )
  for (const code of codesRarestFirst) {
    const desired = desiredPerCode.get(code) as Record<AssignedSplit, number>
    for (const record of recordsByCode.get(code) ?? []) {
      if (result.has(record.id)) continue
      const assigned = assignedPerCode.get(code) ?? { train: 0, dev: 0, test: 0 }
      const best = bestSplit((split) => [desired[split] - assigned[split], overallNeed(split)], share, random)
      place(record, best)
    }
  }
  for (const record of pool) {
    if (result.has(record.id)) continue
    place(record, bestSplit((split) => [overallNeed(split)], share, random))
  }
  return result
}

/** Per split, how many of a code's `count` records it should hold. */
export function desiredCounts(count: number, share: Record<AssignedSplit, number>): Record<AssignedSplit, number> {
  const dev = share.dev > 0 && count >= MIN_RECORDS_FOR_DEV ? Math.max(1, count * share.dev) : count * share.dev
  const test = share.test > 0 && count >= MIN_RECORDS_FOR_TEST ? Math.max(1, count * share.test) : count * share.test
  return { train: count - dev - test, dev, test }
}

/** The split with the largest need, compared key by key; a split with no share never wins; exact ties drawn. */
function bestSplit(need: (split: AssignedSplit) => number[], share: Record<AssignedSplit, number>, random: SeededRandom): AssignedSplit {
  let best: AssignedSplit[] = []
  let bestKey: number[] | null = null
  for (const split of ASSIGNED_SPLITS) {
    if (share[split] <= 0) continue
    const key = need(split)
    const order = bestKey === null ? 1 : compareKeys(key, bestKey)
    if (order > 0) {
      best = [split]
      bestKey = key
    } else if (order === 0) best.push(split)
  }
  return best.length === 1 ? (best[0] as AssignedSplit) : random.pick(best)
}

function compareKeys(left: number[], right: number[]): number {
  for (let index = 0; index < left.length; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0)
    if (Math.abs(difference) > 1e-9) return difference > 0 ? 1 : -1
  }
  return 0
}
