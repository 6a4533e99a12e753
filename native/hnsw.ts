/**
 * The only importer of hnswlib-node. Callers pass Float32Arrays; the library
 * takes plain number arrays, so the conversion happens here, once.
 */
import hnswlib from 'hnswlib-node'

export type Metric = 'cosine' | 'l2' | 'ip'

export interface VectorIndexOptions {
  dimensions: number
  metric: Metric
  /** Capacity; the index grows by doubling when it fills. */
  capacity: number
  /** Graph degree: 16 gives recall@10 ≈ 0.996 at ef 64 on 100k × 256 (ENVIRONMENT.md). */
  m?: number
  efConstruction?: number
  seed?: number
}

export interface Neighbour {
  label: number
  distance: number
}

export interface VectorIndex {
  readonly dimensions: number
  size(): number
  add(label: number, vector: Float32Array): void
  search(vector: Float32Array, k: number, ef?: number): Neighbour[]
  save(path: string): Promise<void>
}

export function createVectorIndex(options: VectorIndexOptions): VectorIndex {
  const index = new hnswlib.HierarchicalNSW(options.metric, options.dimensions)
  index.initIndex(options.capacity, options.m ?? 16, options.efConstruction ?? 200, options.seed ?? 100)
  return wrap(index, options.dimensions)
}

export async function loadVectorIndex(path: string, dimensions: number, metric: Metric): Promise<VectorIndex> {
  const index = new hnswlib.HierarchicalNSW(metric, dimensions)
  await index.readIndex(path, true)
  return wrap(index, dimensions)
}

function wrap(index: hnswlib.HierarchicalNSW, dimensions: number): VectorIndex {
  const check = (vector: Float32Array) => {
    if (vector.length !== dimensions) throw new Error(`Vector has ${vector.length} dimensions; the index has ${dimensions}.`)
  }
  return {
    dimensions,
    size: () => index.getCurrentCount(),
    add(label, vector) {
      check(vector)
      if (index.getCurrentCount() >= index.getMaxElements()) index.resizeIndex(Math.max(16, index.getMaxElements() * 2))
      index.addPoint(Array.from(vector), label)
    },
    search(vector, k, ef) {
      check(vector)
      const count = Math.min(k, index.getCurrentCount())
      if (count === 0) return []
      index.setEf(Math.max(ef ?? 64, count))
      const result = index.searchKnn(Array.from(vector), count)
      return result.neighbors.map((label, position) => ({ label, distance: result.distances[position] ?? Number.NaN }))
    },
    save: (path) => index.writeIndex(path).then(() => undefined),
  }
}
