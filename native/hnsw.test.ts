import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createVectorIndex, loadVectorIndex } from './hnsw.js'

/** Clustered vectors: uniform noise would make any recall figure meaningless. */
function clusteredVectors(count: number, dimensions: number, clusters: number, seed: number): Float32Array[] {
  let state = seed
  const random = () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: dimensions }, () => random() * 10))
  return Array.from({ length: count }, (_, i) => {
    const centre = centres[i % clusters] as Float32Array
    return Float32Array.from(centre, (value) => value + (random() - 0.5))
  })
}

function exactNeighbours(vectors: Float32Array[], query: Float32Array, k: number): number[] {
  const distances = vectors.map((vector, label) => {
    let sum = 0
    for (let i = 0; i < vector.length; i += 1) sum += ((vector[i] as number) - (query[i] as number)) ** 2
    return { label, sum }
  })
  return distances.sort((a, b) => a.sum - b.sum).slice(0, k).map((entry) => entry.label)
}

describe('HNSW vector index', () => {
  const folder = mkdtempSync(join(tmpdir(), 'clinicoco-hnsw-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))
  const vectors = clusteredVectors(3_000, 32, 30, 7)
  const queries = clusteredVectors(100, 32, 30, 7).map((vector) => vector.map((value) => value + 0.05))

  it('finds at least 95% of the exact 10 nearest neighbours on clustered data', () => {
    const index = createVectorIndex({ dimensions: 32, metric: 'l2', capacity: 100 })
    vectors.forEach((vector, label) => index.add(label, vector))
    let found = 0
    for (const query of queries) {
      const exact = new Set(exactNeighbours(vectors, query, 10))
      found += index.search(query, 10).filter((hit) => exact.has(hit.label)).length
    }
    const recall = found / (queries.length * 10)
    expect(index.size()).toBe(3_000)
    expect(recall).toBeGreaterThanOrEqual(0.95)
  })

  it('answers the same after a save and reload', async () => {
    const index = createVectorIndex({ dimensions: 32, metric: 'l2', capacity: 10 })
    vectors.slice(0, 200).forEach((vector, label) => index.add(label, vector))
    const path = join(folder, 'index.bin')
    await index.save(path)
    const reloaded = await loadVectorIndex(path, 32, 'l2')
    const query = queries[0] as Float32Array
    expect(reloaded.search(query, 5)).toEqual(index.search(query, 5))
  })

  it('refuses a vector of the wrong size', () => {
    const index = createVectorIndex({ dimensions: 4, metric: 'cosine', capacity: 4 })
    expect(() => index.add(1, new Float32Array(3))).toThrow(/3 dimensions; the index has 4/)
  })
})
