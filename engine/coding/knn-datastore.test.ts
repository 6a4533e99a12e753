import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recordRowId } from '../records/record-row-id.js'
import { createTempWorkspace, sampleRecord, type TempWorkspace } from '../testing/temp-workspace.js'
import { openKnnDatastore } from './knn-datastore.js'

const DIMENSIONS = 4

function unit(...values: number[]): Float32Array {
  const norm = Math.hypot(...values)
  return Float32Array.from(values, (value) => value / norm)
}

describe('kNN datastore', () => {
  let temp: TempWorkspace
  let knnDir: string
  let rows: number[]
  beforeEach(() => {
    temp = createTempWorkspace(['R1', 'R2', 'R3', 'R4'].map((id) => sampleRecord(id)))
    knnDir = join(temp.dir, 'knn')
    rows = ['R1', 'R2', 'R3', 'R4'].map((id) => recordRowId(temp.workspace.database, id))
  })
  afterEach(() => temp.cleanup())

  const open = () => openKnnDatastore(temp.workspace.database, { dir: knnDir, modelVersion: 'm1', dimensions: DIMENSIONS })

  it('finds an added record at once, nearest first, with Euclidean distances between unit vectors', async () => {
    const store = await open()
    await store.add({ recordRowId: rows[0] as number, embedding: unit(1, 0, 0, 0), codes: ['I10'], source: 'clean' })
    await store.add({ recordRowId: rows[1] as number, embedding: unit(0, 1, 0, 0), codes: ['J18.9'], source: 'decision' })
    const found = store.neighbours(unit(1, 0.1, 0, 0), 2)
    expect(found.map((item) => item.codes)).toEqual([['I10'], ['J18.9']])
    expect(found[0]?.distance).toBeCloseTo(Math.hypot(1 - 1 / Math.hypot(1, 0.1), 0.1 / Math.hypot(1, 0.1)), 5)
    expect(found[1]?.distance).toBeGreaterThan(found[0]?.distance as number)
  })

  it('never returns the record asked about as its own similar case', async () => {
    const store = await open()
    await store.add({ recordRowId: rows[0] as number, embedding: unit(1, 0, 0, 0), codes: ['I10'], source: 'clean' })
    await store.add({ recordRowId: rows[1] as number, embedding: unit(0.9, 0.1, 0, 0), codes: ['I11.9'], source: 'clean' })
    expect(store.neighbours(unit(1, 0, 0, 0), 1, rows[0]).map((item) => item.recordRowId)).toEqual([rows[1]])
  })

  it('moves a re-coded record instead of duplicating it', async () => {
    const store = await open()
    await store.add({ recordRowId: rows[0] as number, embedding: unit(1, 0, 0, 0), codes: ['I10'], source: 'clean' })
    await store.add({ recordRowId: rows[0] as number, embedding: unit(0, 0, 1, 0), codes: ['J18.9'], source: 'decision' })
    expect(store.size()).toBe(1)
    const [nearest] = store.neighbours(unit(0, 0, 1, 0), 3)
    expect(nearest).toMatchObject({ recordRowId: rows[0], codes: ['J18.9'] })
    expect(nearest?.distance).toBeCloseTo(0, 5)
  })

  it('persists across reopening, and rebuilds a missing or damaged index file from the database', async () => {
    const store = await open()
    for (const [index, row] of rows.entries()) {
      await store.add({ recordRowId: row, embedding: unit(index + 1, 1, 0, 0), codes: [`C${index}`], source: 'clean' })
    }
    const expected = store.neighbours(unit(4, 1, 0, 0), 2).map((item) => item.recordRowId)
    const indexFile = join(knnDir, 'm1.hnsw')
    expect(existsSync(indexFile)).toBe(true)
    expect((await open()).neighbours(unit(4, 1, 0, 0), 2).map((item) => item.recordRowId)).toEqual(expected)
    rmSync(indexFile)
    const rebuilt = await open()
    expect(rebuilt.size()).toBe(4)
    expect(rebuilt.neighbours(unit(4, 1, 0, 0), 2).map((item) => item.recordRowId)).toEqual(expected)
    writeFileSync(indexFile, 'not an index')
    expect((await open()).neighbours(unit(4, 1, 0, 0), 2).map((item) => item.recordRowId)).toEqual(expected)
  })

  it('keeps one datastore per model version', async () => {
    const store = await open()
    await store.add({ recordRowId: rows[0] as number, embedding: unit(1, 0, 0, 0), codes: ['I10'], source: 'clean' })
    const other = await openKnnDatastore(temp.workspace.database, { dir: knnDir, modelVersion: 'm2', dimensions: DIMENSIONS })
    expect(other.size()).toBe(0)
    expect(other.neighbours(unit(1, 0, 0, 0), 3)).toEqual([])
  })

  it('refuses an embedding of the wrong size', async () => {
    const store = await open()
    await expect(store.add({ recordRowId: rows[0] as number, embedding: new Float32Array(3), codes: [], source: 'clean' })).rejects.toThrow(/3 dimensions/)
  })
})
