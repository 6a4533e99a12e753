import { describe, expect, it } from 'vitest'
import { macroAuc, microAuc, rocAuc } from './roc-auc.js'
import { buildScoreGrid, type ScoredRecord } from './score-grid.js'

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so a failure reproduces. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state)
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

/** The definition, pair by pair: O(positives × negatives). */
function bruteForceAuc(positives: number[], negatives: number[]): number {
  let ordered = 0
  for (const positive of positives) {
    for (const negative of negatives) ordered += positive > negative ? 1 : positive === negative ? 0.5 : 0
  }
  return ordered / (positives.length * negatives.length)
}

function record(gold: string[], scores: Record<string, number>): ScoredRecord {
  return { gold: new Set(gold), scores: new Map(Object.entries(scores)) }
}

describe('rocAuc', () => {
  it('is 1 for a perfect ranker and 0 for a reversed one', () => {
    expect(rocAuc([0.9, 0.8], [0.3, 0.1])).toBe(1)
    expect(rocAuc([0.3, 0.1], [0.9, 0.8])).toBe(0)
  })

  it('counts a positive tied with a negative as half an ordered pair', () => {
    // Pairs: 0.8 beats 0.5 and 0.2 → 2; 0.5 beats 0.2 and ties 0.5 → 1.5. 3.5 / 4.
    expect(rocAuc([0.8, 0.5], [0.5, 0.2])).toBe(0.875)
    // All scores equal: every pair a tie.
    expect(rocAuc([0.5, 0.5], [0.5, 0.5, 0.5])).toBe(0.5)
  })

  it('does not depend on the order of the scores', () => {
    expect(rocAuc([0.2, 0.9, 0.5], [0.5, 0.1, 0.7])).toBe(rocAuc([0.9, 0.5, 0.2], [0.7, 0.5, 0.1]))
    // 0.9: 3; 0.5: 1 + 0.5; 0.2: 1 → 5.5 / 9.
    expect(rocAuc([0.2, 0.9, 0.5], [0.5, 0.1, 0.7])).toBeCloseTo(5.5 / 9, 12)
  })

  it('is undefined (null) without positives or without negatives', () => {
    expect(rocAuc([], [0.4])).toBeNull()
    expect(rocAuc([0.4], [])).toBeNull()
  })

  it('matches brute-force pair counting on random scores with many ties', () => {
    const random = seededRandom(20240611)
    for (let trial = 0; trial < 50; trial += 1) {
      // One decimal place: about one pair in ten is a tie.
      const draw = (count: number): number[] => Array.from({ length: count }, () => Math.round(random() * 10) / 10)
      const positives = draw(1 + Math.floor(random() * 60))
      const negatives = draw(1 + Math.floor(random() * 200))
      expect(rocAuc(positives, negatives)).toBeCloseTo(bruteForceAuc(positives, negatives), 12)
    }
  })
})

describe('microAuc and macroAuc', () => {
  const codes = ['A', 'B', 'C']
  const records = [
    record(['A'], { A: 0.9, B: 0.2, C: 0.5 }),
    record([], { A: 0.4, B: 0.6, C: 0.1 }),
    record(['A', 'B'], { A: 0.4, B: 0.7, C: 0.3 }),
  ]

  it('pools every record–code pair for micro AUC', () => {
    // Positives 0.9, 0.4, 0.7; negatives 0.2, 0.5, 0.4, 0.6, 0.1, 0.3.
    // 0.9 beats 6; 0.7 beats 6; 0.4 beats 0.2, 0.1, 0.3 and ties 0.4 → 3.5. 15.5 / 18.
    expect(microAuc(buildScoreGrid(records, codes, 'restricted'))).toBeCloseTo(15.5 / 18, 12)
  })

  it('averages per-code AUC and skips a code that is never gold', () => {
    // A: positives 0.9, 0.4 vs negative 0.4 → (1 + 0.5) / 2 = 0.75.
    // B: positive 0.7 vs 0.2, 0.6 → 1. C: no positives → skipped.
    expect(macroAuc(buildScoreGrid(records, codes, 'restricted'))).toEqual({ auc: 0.875, codesSkipped: 1 })
  })

  it('skips a code that every record has, and is null when every code is skipped', () => {
    const everywhere = [record(['A'], { A: 0.9 }), record(['A'], { A: 0.1 })]
    expect(macroAuc(buildScoreGrid(everywhere, ['A'], 'restricted'))).toEqual({ auc: null, codesSkipped: 1 })
  })

  it('matches brute force per code on a random grid', () => {
    const random = seededRandom(7)
    const gridCodes = ['A', 'B', 'C', 'D', 'E']
    const randomRecords = Array.from({ length: 40 }, () =>
      record(
        gridCodes.filter(() => random() < 0.3),
        Object.fromEntries(gridCodes.map((code) => [code, Math.round(random() * 5) / 5])),
      ),
    )
    const expected = gridCodes
      .map((code) => {
        const positives = randomRecords.filter((each) => each.gold.has(code)).map((each) => each.scores.get(code) ?? 0)
        const negatives = randomRecords.filter((each) => !each.gold.has(code)).map((each) => each.scores.get(code) ?? 0)
        return positives.length > 0 && negatives.length > 0 ? bruteForceAuc(positives, negatives) : null
      })
      .filter((auc): auc is number => auc !== null)
    const result = macroAuc(buildScoreGrid(randomRecords, gridCodes, 'restricted'))
    expect(result.codesSkipped).toBe(gridCodes.length - expected.length)
    expect(result.auc).toBeCloseTo(expected.reduce((sum, auc) => sum + auc, 0) / expected.length, 12)
  })
})
