import { describe, expect, it } from 'vitest'
import { knnProbabilities, mixWithKnn, sigmoid } from './knn-mix.js'

describe('knnProbabilities', () => {
  it('weights neighbours by softmax(−d/τ) and sums their codes', () => {
    // τ = 1, distances 0 and ln 3: weights ∝ 1 and 1/3 → 0.75 and 0.25.
    const result = knnProbabilities(
      [
        { distance: 0, codes: ['I10', 'E11.9'] },
        { distance: Math.log(3), codes: ['I10'] },
      ],
      1,
    )
    expect(result.get('I10')).toBeCloseTo(1, 10)
    expect(result.get('E11.9')).toBeCloseTo(0.75, 10)
  })

  it('lets the nearest neighbour dominate at small τ without underflowing', () => {
    const result = knnProbabilities(
      [
        { distance: 50, codes: ['A'] },
        { distance: 51, codes: ['B'] },
      ],
      0.01,
    )
    expect(result.get('A')).toBeCloseTo(1, 10)
    expect(result.get('B') ?? 0).toBeLessThan(1e-10)
  })

  it('counts a code repeated in one neighbour once, and gives nothing without neighbours', () => {
    expect(knnProbabilities([{ distance: 1, codes: ['A', 'A'] }], 0.1).get('A')).toBe(1)
    expect(knnProbabilities([], 0.1).size).toBe(0)
  })
})

describe('mixWithKnn', () => {
  it('mixes λ·kNN + (1−λ)·model, and keeps the model alone when there are no neighbours', () => {
    expect(mixWithKnn(0.5, 1, 0.3, true)).toBeCloseTo(0.65, 10)
    expect(mixWithKnn(0.5, 0, 0.3, false)).toBe(0.5)
    expect(sigmoid(0)).toBe(0.5)
  })
})
