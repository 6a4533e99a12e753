import { describe, expect, it } from 'vitest'
import { calibration } from './calibration.js'
import { precisionRecallCurve } from './precision-recall-curve.js'
import type { ScoredRecord } from './score-grid.js'

const records: ScoredRecord[] = [
  { gold: new Set(['A']), scores: new Map([['A', 0.9], ['B', 0.4]]) },
  { gold: new Set(['B']), scores: new Map([['A', 0.6], ['B', 0.6]]) },
  { gold: new Set(['A', 'C']), scores: new Map([['A', 0.2], ['B', 0.05]]) },
]

describe('precisionRecallCurve', () => {
  it('steps through every distinct score from the highest, tied cells together, an unscored gold code never found', () => {
    // Gold cells: (1,A) 0.9, (2,B) 0.6, (3,A) 0.2, (3,C) unscored → 4 gold in the all-codes scope.
    expect(precisionRecallCurve(records, ['A', 'B'], { scope: 'all-codes' })).toEqual([
      { threshold: 0.9, precision: 1, recall: 0.25 },
      { threshold: 0.6, precision: 2 / 3, recall: 0.5 },
      { threshold: 0.4, precision: 2 / 4, recall: 0.5 },
      { threshold: 0.2, precision: 3 / 5, recall: 0.75 },
      { threshold: 0.05, precision: 3 / 6, recall: 0.75 },
    ])
  })

  it('thins a long curve to the asked number of points, keeping both ends', () => {
    const many: ScoredRecord[] = Array.from({ length: 100 }, (_, index) => ({ gold: new Set(index % 2 ? ['A'] : []), scores: new Map([['A', (index + 1) / 101]]) }))
    const curve = precisionRecallCurve(many, ['A'], { scope: 'restricted', maxPoints: 10 })
    expect(curve).toHaveLength(10)
    expect(curve[0]?.threshold).toBeCloseTo(100 / 101)
    expect(curve[9]?.recall).toBe(1)
  })

  it('is empty without gold', () => {
    expect(precisionRecallCurve([{ gold: new Set(), scores: new Map([['A', 0.5]]) }], ['A'], { scope: 'restricted' })).toEqual([])
  })
})

describe('calibration', () => {
  it('bins scored cells by probability and weighs each bin’s gap by its share of cells', () => {
    const result = calibration(records, ['A', 'B'], { scope: 'restricted', bins: 2 })
    // Bin [0, 0.5): 0.4 (no), 0.2 (gold), 0.05 (no) → mean 0.65/3, observed 1/3. Bin [0.5, 1]: 0.9 (gold), 0.6 (no), 0.6 (gold) → mean 0.7, observed 2/3.
    expect(result.cells).toBe(6)
    expect(result.bins[0]).toMatchObject({ from: 0, to: 0.5, cells: 3 })
    expect(result.bins[0]?.meanPredicted).toBeCloseTo(0.65 / 3, 12)
    expect(result.bins[0]?.observed).toBeCloseTo(1 / 3, 12)
    expect(result.bins[1]?.meanPredicted).toBeCloseTo(0.7, 12)
    expect(result.bins[1]?.observed).toBeCloseTo(2 / 3, 12)
    expect(result.expectedCalibrationError).toBeCloseTo(0.5 * Math.abs(0.65 / 3 - 1 / 3) + 0.5 * Math.abs(0.7 - 2 / 3), 12)
  })

  it('puts a probability of exactly 1 in the last bin and reports empty bins as null', () => {
    const result = calibration([{ gold: new Set(['A']), scores: new Map([['A', 1]]) }], ['A'], { scope: 'restricted', bins: 4 })
    expect(result.bins.map((bin) => bin.cells)).toEqual([0, 0, 0, 1])
    expect(result.bins[0]?.observed).toBeNull()
    expect(result.expectedCalibrationError).toBe(0)
  })
})
