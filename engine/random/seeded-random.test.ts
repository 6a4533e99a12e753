import { describe, expect, it } from 'vitest'
import { deriveSeed, SeededRandom } from './seeded-random.js'

describe('SeededRandom', () => {
  it('repeats its sequence for the same seed and departs from it for another', () => {
    const draw = (seed: number): number[] => {
      const random = new SeededRandom(seed)
      return Array.from({ length: 5 }, () => random.next())
    }
    expect(draw(9)).toEqual(draw(9))
    expect(draw(10)).not.toEqual(draw(9))
  })

  it('draws integers uniformly over both inclusive bounds', () => {
    const random = new SeededRandom(1)
    const counts = [0, 0, 0, 0, 0, 0]
    for (let draw = 0; draw < 60_000; draw += 1) {
      const value = random.integer(1, 6)
      counts[value - 1] = (counts[value - 1] ?? 0) + 1
    }
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(400)
  })

  it('picks by weight', () => {
    const random = new SeededRandom(2)
    let heavy = 0
    for (let draw = 0; draw < 10_000; draw += 1) if (random.pickWeighted([['heavy', 3], ['light', 1]] as const) === 'heavy') heavy += 1
    expect(heavy / 10_000).toBeCloseTo(0.75, 1)
  })

  it('shuffles a copy and samples distinct items', () => {
    const random = new SeededRandom(3)
    const items = [1, 2, 3, 4, 5, 6, 7, 8]
    const shuffled = random.shuffle(items)
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect([...shuffled].sort()).toEqual(items)
    const sample = random.sample(items, 3)
    expect(new Set(sample).size).toBe(3)
    expect(random.sample(items, 20)).toHaveLength(8)
    expect(() => random.pick([])).toThrow(RangeError)
  })

  it('derives distinct streams from one seed', () => {
    const streams = new Set(Array.from({ length: 10_000 }, (_unused, stream) => deriveSeed(42, stream)))
    expect(streams.size).toBe(10_000)
    expect(deriveSeed(42, 0)).not.toBe(deriveSeed(43, 0))
  })
})
