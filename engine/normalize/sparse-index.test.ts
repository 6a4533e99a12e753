import { describe, expect, it } from 'vitest'
import { SeededRandom } from '../random/seeded-random.js'
import { buildSparseIndex, searchSparseIndex } from './sparse-index.js'
import { textFeatures } from './text-features.js'

/** Exact TF-IDF cosine, written the slow obvious way, as the oracle. */
function bruteForce(documents: string[], query: string): Array<{ document: number; score: number }> {
  const features = documents.map(textFeatures)
  const frequency = new Map<string, number>()
  for (const map of features) for (const key of map.keys()) frequency.set(key, (frequency.get(key) ?? 0) + 1)
  const idf = (key: string): number => Math.log(1 + documents.length / (frequency.get(key) ?? 1))
  const unseen = Math.log(1 + documents.length)
  const vector = (map: Map<string, number>, isQuery: boolean): Map<string, number> => {
    const weights = new Map<string, number>()
    let norm = 0
    for (const [key, count] of map) {
      const known = frequency.has(key)
      const weight = (1 + Math.log(count)) * (known ? idf(key) : unseen)
      norm += weight * weight
      if (known || !isQuery) weights.set(key, weight)
    }
    for (const [key, weight] of weights) weights.set(key, weight / Math.sqrt(norm))
    return weights
  }
  const queryVector = vector(textFeatures(query), true)
  return features
    .map((map, document) => {
      const documentVector = vector(map, false)
      let score = 0
      for (const [key, weight] of queryVector) score += weight * (documentVector.get(key) ?? 0)
      return { document, score }
    })
    .filter((hit) => hit.score > 0)
    .sort((a, b) => b.score - a.score)
}

describe('searchSparseIndex', () => {
  const random = new SeededRandom(7)
  const stems = ['高血压', '糖尿病', '冠心病', '肺炎', 'fracture', 'diabetes', 'pneumonia']
  const documents = Array.from({ length: 300 }, () =>
    Array.from({ length: random.integer(1, 3) }, () => random.pick(stems) + random.pick(['', '性', '急性', ' acute', ' chronic'])).join(''),
  )
  const index = buildSparseIndex(documents.length, (document) => textFeatures(documents[document] ?? ''))

  it('returns the same top scores as brute-force cosine', () => {
    for (const query of ['高血压糖尿病', 'acute pneumonia', '急性肺炎', 'fractures of femur']) {
      const expected = bruteForce(documents, query).slice(0, 10)
      const found = searchSparseIndex(index, textFeatures(query), 10)
      expect(found.map((hit) => hit.score)).toEqual(expected.map((hit) => expect.closeTo(hit.score, 5)))
    }
  })

  it('applies the filter and leaves the scratch space clean for the next query', () => {
    const found = searchSparseIndex(index, textFeatures('肺炎'), 5, (document) => document % 2 === 0)
    expect(found.every((hit) => hit.document % 2 === 0)).toBe(true)
    expect(index.accumulator.every((value) => value === 0)).toBe(true)
  })

  it('finds nothing for a query with no known feature', () => {
    expect(searchSparseIndex(index, textFeatures('zzzz'), 5)).toEqual([])
  })

  it('still finds the documents with the distinctive word when a large index skips its most common features', () => {
    const common = ['acute', 'chronic', 'fracture', 'infection', 'disease', 'of', 'the', 'with', 'left', 'right']
    const rare = Array.from({ length: 3_000 }, (_, index) => `organ${index.toString(36)}`)
    const large = Array.from({ length: 60_000 }, () =>
      [...Array.from({ length: random.integer(2, 5) }, () => random.pick(common)), random.pick(rare)].join(' '),
    )
    const largeIndex = buildSparseIndex(large.length, (document) => textFeatures(large[document] ?? ''))
    for (const query of ['fracture of left organ1a', 'chronic disease of organ2b', 'acute infection of the organ7']) {
      const features = textFeatures(query)
      const pruned = searchSparseIndex(largeIndex, features, 5)
      // Approximate, not exact: the hits still carry the query's distinctive word.
      const rareWord = query.split(' ').pop() ?? ''
      expect(pruned.length).toBe(5)
      for (const hit of pruned) expect(large[hit.document]?.split(' ')).toContain(rareWord)
    }
    // Only common features: walked in full rather than finding nothing.
    expect(searchSparseIndex(largeIndex, textFeatures('chronic infection'), 5)).toHaveLength(5)
  })
})
