import { describe, expect, it } from 'vitest'
import { topCodes } from './top-codes.js'

describe('topCodes', () => {
  // Frequencies: B 3, C 2, D 1, A 1.
  const goldSets = [new Set(['D', 'B']), new Set(['B', 'C']), new Set(['C', 'A']), new Set(['B'])]

  it('lists the most frequent codes first, equal counts in code order', () => {
    expect(topCodes(goldSets, 3)).toEqual(['B', 'C', 'A'])
  })

  it('does not depend on the order of the records', () => {
    expect(topCodes([...goldSets].reverse(), 3)).toEqual(['B', 'C', 'A'])
  })

  it('returns every code when fewer than n occur', () => {
    expect(topCodes(goldSets, 50)).toEqual(['B', 'C', 'A', 'D'])
  })
})
