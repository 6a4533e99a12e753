/** The label space of the "top 50" protocol: the most frequent gold codes. */
import { compareCodes } from './score-grid.js'

/**
 * The `count` codes assigned to the most records, most frequent first; codes
 * with equal frequency in code order, so the list does not depend on record order.
 */
export function topCodes(goldSets: Iterable<ReadonlySet<string>>, count: number): string[] {
  const frequency = new Map<string, number>()
  for (const gold of goldSets) for (const code of gold) frequency.set(code, (frequency.get(code) ?? 0) + 1)
  return [...frequency]
    .sort(([leftCode, leftCount], [rightCode, rightCount]) => rightCount - leftCount || compareCodes(leftCode, rightCode))
    .slice(0, Math.max(0, count))
    .map(([code]) => code)
}
