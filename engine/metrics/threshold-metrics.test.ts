import { describe, expect, it } from 'vitest'
import { buildScoreGrid, type ScoredRecord } from './score-grid.js'
import { countsPerCode, macroScores, precisionRecallF1 } from './threshold-metrics.js'

function record(gold: string[], scores: Record<string, number>): ScoredRecord {
  return { gold: new Set(gold), scores: new Map(Object.entries(scores)) }
}

describe('precisionRecallF1', () => {
  it('is 0 rather than NaN when nothing is predicted or nothing is gold', () => {
    expect(precisionRecallF1({ truePositives: 0, falsePositives: 0, falseNegatives: 3 })).toEqual({ precision: 0, recall: 0, f1: 0 })
    expect(precisionRecallF1({ truePositives: 0, falsePositives: 2, falseNegatives: 0 })).toEqual({ precision: 0, recall: 0, f1: 0 })
    expect(precisionRecallF1({ truePositives: 0, falsePositives: 0, falseNegatives: 0 })).toEqual({ precision: 0, recall: 0, f1: 0 })
  })

  it('equals the harmonic mean of precision and recall', () => {
    // TP 3, FP 1, FN 2: P 3/4, R 3/5, F1 = 2·(3/4)(3/5)/(3/4 + 3/5) = 2/3 = 6/9.
    const scores = precisionRecallF1({ truePositives: 3, falsePositives: 1, falseNegatives: 2 })
    expect(scores.f1).toBeCloseTo(2 / 3, 12)
  })
})

describe('countsPerCode', () => {
  it('predicts a score equal to the threshold and never an unscored code', () => {
    // A: 0.5 at threshold 0.5 → predicted, gold → TP. B: unscored, gold → FN even at threshold 0.
    const grid = buildScoreGrid([record(['A', 'B'], { A: 0.5 })], ['A', 'B'], 'restricted')
    expect(countsPerCode(grid, 0.5)).toEqual([
      { truePositives: 1, falsePositives: 0, falseNegatives: 0 },
      { truePositives: 0, falsePositives: 0, falseNegatives: 1 },
    ])
    expect(countsPerCode(grid, 0)[1]).toEqual({ truePositives: 0, falsePositives: 0, falseNegatives: 1 })
  })
})

describe('macroScores', () => {
  it('skips a code neither gold nor predicted but keeps one predicted and never gold', () => {
    // A: TP 1 → P R F1 = 1. F: FP 1 → 0, 0, 0 (kept). Z: nothing → skipped.
    // Macro P = R = F1 = (1 + 0)/2 = 1/2.
    const macro = macroScores([
      { truePositives: 1, falsePositives: 0, falseNegatives: 0 },
      { truePositives: 0, falsePositives: 1, falseNegatives: 0 },
      { truePositives: 0, falsePositives: 0, falseNegatives: 0 },
    ])
    expect(macro).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, codesSkipped: 1 })
  })

  it('averages per-code F1 rather than taking the F1 of macro precision and recall', () => {
    // A: TP 1, FP 3 → P 1/4, R 1, F1 2/5. B: TP 1, FN 3 → P 1, R 1/4, F1 2/5.
    // Mean F1 = 2/5; the F1 of macro P (5/8) and macro R (5/8) would be 5/8.
    const macro = macroScores([
      { truePositives: 1, falsePositives: 3, falseNegatives: 0 },
      { truePositives: 1, falsePositives: 0, falseNegatives: 3 },
    ])
    expect(macro.precision).toBeCloseTo(5 / 8, 12)
    expect(macro.recall).toBeCloseTo(5 / 8, 12)
    expect(macro.f1).toBeCloseTo(2 / 5, 12)
  })
})
