import { describe, expect, it } from 'vitest'
import { deriveSeed, SeededRandom } from '../random/seeded-random.js'
import { planPatch, type PatchCandidate } from './plan-patch.js'

function candidate(recordId: number, codes: Record<string, number>): PatchCandidate {
  return { recordId, codes: new Map(Object.entries(codes)) }
}

/** The plain greedy: rescore every candidate each round. The lazy heap must pick the same records. */
function naiveGreedy(candidates: PatchCandidate[], needIn: Map<string, number>, seed: number, limit = Infinity): number[] {
  const need = new Map(needIn)
  const left = [...candidates]
  const picked: number[] = []
  while (picked.length < limit) {
    let best: PatchCandidate | null = null
    let bestGain = 0
    let bestTie = -1
    for (const item of left) {
      let gain = 0
      for (const [code, confidence] of item.codes) if ((need.get(code) ?? 0) > 0) gain += confidence
      const tie = deriveSeed(seed, item.recordId)
      if (gain > bestGain || (gain === bestGain && gain > 0 && tie > bestTie)) {
        best = item
        bestGain = gain
        bestTie = tie
      }
    }
    if (!best) break
    picked.push(best.recordId)
    left.splice(left.indexOf(best), 1)
    for (const code of best.codes.keys()) if ((need.get(code) ?? 0) > 0) need.set(code, (need.get(code) ?? 0) - 1)
  }
  return picked
}

describe('planPatch', () => {
  it('covers every code twice with the fewest records when one record holds several short codes', () => {
    const candidates = [
      candidate(1, { A: 0.9, B: 0.9 }),
      candidate(2, { A: 0.9, B: 0.8 }),
      candidate(3, { A: 0.95 }),
      candidate(4, { B: 0.95 }),
      candidate(5, { C: 0.6 }),
      candidate(6, { C: 0.7 }),
      candidate(7, { C: 0.9 }),
    ]
    const plan = planPatch({ candidates, need: new Map([['A', 2], ['B', 2], ['C', 2]]), seed: 1 })
    expect(plan.recordIds.slice(0, 2).sort()).toEqual([1, 2])
    // C's two most trusted labels are picked, not the 0.6 one.
    expect(plan.recordIds.slice(2).sort()).toEqual([6, 7])
    expect(plan.covered).toEqual(new Map([['A', 2], ['B', 2], ['C', 2]]))
    expect(plan.unmet.size).toBe(0)
    expect(plan.expectedExamples).toBeCloseTo(0.9 + 0.9 + 0.9 + 0.8 + 0.9 + 0.7)
  })

  it('reports a code whose candidates run out as unmet with what is left of its need', () => {
    const plan = planPatch({ candidates: [candidate(1, { RARE: 0.8 }), candidate(2, { A: 1 })], need: new Map([['RARE', 5], ['A', 1]]), seed: 1 })
    expect(plan.recordIds.sort()).toEqual([1, 2])
    expect(plan.unmet).toEqual(new Map([['RARE', 4]]))
  })

  it('never picks a record that covers no short code, and stops at the patch size', () => {
    const candidates = [candidate(1, { A: 1 }), candidate(2, { A: 1 }), candidate(3, { DONE: 1 })]
    expect(planPatch({ candidates, need: new Map([['A', 5], ['DONE', 0]]), seed: 3 }).recordIds.sort()).toEqual([1, 2])
    expect(planPatch({ candidates, need: new Map([['A', 5]]), seed: 3, maxRecords: 1 }).recordIds).toHaveLength(1)
  })

  it('picks the same records as rescoring every candidate each round, on 200 random instances', () => {
    const random = new SeededRandom(99)
    for (let instance = 0; instance < 200; instance += 1) {
      const codes = Array.from({ length: random.integer(2, 12) }, (_, index) => `C${index}`)
      const candidates = Array.from({ length: random.integer(1, 60) }, (_, recordId) => {
        const held = random.sample(codes, random.integer(1, 4))
        return candidate(recordId, Object.fromEntries(held.map((code) => [code, Math.round(random.next() * 10) / 10 + 0.05])))
      })
      const need = new Map(codes.map((code) => [code, random.integer(0, 4)]))
      const limit = random.chance(0.3) ? random.integer(1, 10) : undefined
      const plan = planPatch({ candidates, need, seed: instance, maxRecords: limit })
      expect(plan.recordIds).toEqual(naiveGreedy(candidates, need, instance, limit))
    }
  })
})
