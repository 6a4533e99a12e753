import { describe, expect, it } from 'vitest'
import { chunkStarts } from './document-model.js'

describe('chunkStarts', () => {
  it('reads a record that fits in one chunk from position 1 ([CLS] is position 0)', () => {
    expect(chunkStarts(10, 16)).toEqual([1])
    expect(chunkStarts(16, 16)).toEqual([1])
  })

  it('covers every token of a long record with overlapping chunks, never dropping the tail', () => {
    const maxTokens = 128
    for (const length of [129, 200, 1000, 4097]) {
      const starts = chunkStarts(length, maxTokens)
      const body = maxTokens - 1
      expect(starts[0]).toBe(1)
      // Consecutive chunks overlap, so a phrase cut by one boundary is whole in the next chunk.
      for (let index = 1; index < starts.length; index += 1) expect((starts[index] as number) - (starts[index - 1] as number)).toBeLessThan(body)
      expect((starts.at(-1) as number) + body).toBeGreaterThanOrEqual(length)
    }
  })
})
