import { describe, expect, it } from 'vitest'
import { rankingScores } from './ranking-metrics.js'
import { buildScoreGrid, type ScoredRecord } from './score-grid.js'

function record(gold: string[], scores: Record<string, number>): ScoredRecord {
  return { gold: new Set(gold), scores: new Map(Object.entries(scores)) }
}

describe('rankingScores', () => {
  it('ranks a gold code after the non-gold codes it ties with, wherever it is listed', () => {
    // All three codes score 0.5: the gold code ranks third. AP = 1/3; P@1 = 0; R@3 = 1.
    for (const codes of [['G', 'X', 'Y'], ['X', 'G', 'Y'], ['X', 'Y', 'G']]) {
      const grid = buildScoreGrid([record(['G'], { G: 0.5, X: 0.5, Y: 0.5 })], codes, 'restricted')
      const scores = rankingScores(grid, [1, 3])
      expect(scores.meanAveragePrecision).toBeCloseTo(1 / 3, 12)
      expect(scores.precisionAtK.get(1)).toBe(0)
      expect(scores.recallAtK.get(3)).toBe(1)
    }
  })

  it('counts gold codes tied with each other as consecutive hits', () => {
    // Ranked: X 0.9, then G1 and G2 tied at 0.4, then Y 0.1. Gold at ranks 2 and 3: AP = (1/2 + 2/3)/2 = 7/12.
    const grid = buildScoreGrid([record(['G1', 'G2'], { X: 0.9, G1: 0.4, G2: 0.4, Y: 0.1 })], ['G1', 'G2', 'X', 'Y'], 'restricted')
    const scores = rankingScores(grid, [2])
    expect(scores.meanAveragePrecision).toBeCloseTo(7 / 12, 12)
    // Top 2: X, G → 1 hit. P@2 = 1/2, R@2 = 1/2.
    expect(scores.precisionAtK.get(2)).toBe(0.5)
    expect(scores.recallAtK.get(2)).toBe(0.5)
  })

  it('divides precision@k by k even when fewer than k codes are evaluated', () => {
    // 2 codes, both gold: the top 5 holds 2 hits → P@5 = 2/5, R@5 = 1.
    const grid = buildScoreGrid([record(['A', 'B'], { A: 0.9, B: 0.8 })], ['A', 'B'], 'restricted')
    const scores = rankingScores(grid, [5])
    expect(scores.precisionAtK.get(5)).toBe(0.4)
    expect(scores.recallAtK.get(5)).toBe(1)
  })

  it('leaves records without gold codes out of the averages and counts them', () => {
    // R1: gold A ranked first → P@1 1, AP 1. R2 has no gold: excluded, not averaged in as 0.
    const grid = buildScoreGrid([record(['A'], { A: 0.9, B: 0.1 }), record([], { A: 0.9, B: 0.1 })], ['A', 'B'], 'restricted')
    const scores = rankingScores(grid, [1])
    expect(scores.recordsWithoutGold).toBe(1)
    expect(scores.precisionAtK.get(1)).toBe(1)
    expect(scores.meanAveragePrecision).toBe(1)
  })
})
