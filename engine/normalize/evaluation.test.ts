import { describe, expect, it } from 'vitest'
import { expectedCalibrationError, latencySummary, scoreNames } from './evaluation.js'

describe('scoreNames', () => {
  it('computes micro set F1 and accuracy@k by hand-checked numbers', () => {
    const scores = scoreNames([
      // 2 predicted, 1 right; 2 gold.
      { ranked: [{ answer: 'a', confidence: 0.9 }, { answer: 'x', confidence: 0.6 }], predicted: ['a', 'x'], gold: ['a', 'b'] },
      // 1 predicted, wrong; 1 gold, found at rank 3.
      {
        ranked: [
          { answer: 'y', confidence: 0.5 },
          { answer: 'z', confidence: 0.4 },
          { answer: 'c', confidence: 0.3 },
        ],
        predicted: ['y'],
        gold: ['c'],
      },
    ])
    // precision 1/3, recall 1/3 → F1 1/3
    expect(scores.precision).toBeCloseTo(1 / 3, 4)
    expect(scores.recall).toBeCloseTo(1 / 3, 4)
    expect(scores.f1).toBeCloseTo(1 / 3, 4)
    expect(scores.accuracy_at_1).toBe(0.5)
    expect(scores.accuracy_at_5).toBe(1)
    expect(scores.count).toBe(2)
  })
})

describe('expectedCalibrationError', () => {
  it('is zero when confidence matches accuracy in every bin', () => {
    const items = [
      { confidence: 0.75, correct: true },
      { confidence: 0.75, correct: true },
      { confidence: 0.75, correct: true },
      { confidence: 0.75, correct: false },
    ]
    expect(expectedCalibrationError(items)).toBeCloseTo(0, 10)
  })

  it('weighs each bin by its share of items', () => {
    // Bin 0.9: 2 items, confidence 0.95, accuracy 0.5 → gap 0.45, weight 1/2; bin 0.1: 2 items, conf 0.15, acc 0 → gap 0.15, weight 1/2.
    const items = [
      { confidence: 0.95, correct: true },
      { confidence: 0.95, correct: false },
      { confidence: 0.15, correct: false },
      { confidence: 0.15, correct: false },
    ]
    expect(expectedCalibrationError(items)).toBeCloseTo(0.3, 10)
  })
})

describe('latencySummary', () => {
  it('reports the median and the 95th percentile', () => {
    const summary = latencySummary(Array.from({ length: 100 }, (_, index) => index + 1))
    expect(summary.p50_ms).toBe(51)
    expect(summary.p95_ms).toBe(96)
  })
})
