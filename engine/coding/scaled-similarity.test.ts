import { describe, expect, it } from 'vitest'
import { scaledSimilarity } from './suggestions.js'

describe('scaledSimilarity', () => {
  it('spreads neighbours that all read about 99 % by cosine between identical (1) and the 50th nearest (0)', () => {
    // Unit embeddings at distances 0.10, 0.14 and 0.17 all have cosine ≥ 0.985; the 50th nearest is at 0.20.
    const cosines = [0.1, 0.14, 0.17].map((distance) => 1 - (distance * distance) / 2)
    expect(cosines.every((cosine) => cosine > 0.985)).toBe(true)
    expect([0.1, 0.14, 0.17].map((distance) => Number(scaledSimilarity(distance, 0.2)?.toFixed(2)))).toEqual([0.5, 0.3, 0.15])
  })

  it('clips to [0, 1] and gives null without a reference', () => {
    expect(scaledSimilarity(0, 0.2)).toBe(1)
    expect(scaledSimilarity(0.3, 0.2)).toBe(0)
    expect(scaledSimilarity(0.1, null)).toBeNull()
  })
})
