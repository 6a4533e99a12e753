/**
 * The kNN datastore: (document embedding, codes) of every clean or
 * coder-submitted record, for one model version. Rows live in SQLite
 * (`knn_items`); the HNSW index beside the database is a cache of them,
 * loaded when its size matches the table and rebuilt otherwise, so a lost or
 * stale index file costs seconds, never data. A submission is searchable the
 * moment `add` returns: no retraining, no rebuild.
 *
 * hnswlib parses its file without checks (a crafted entry point, neighbour id
 * or link count once crashed the engine with SIGSEGV), so the file is read only
 * when its sha256 matches the one recorded in SQLite (`knn_index_files`) when
 * this code wrote it; any other file is rebuilt from the table, never parsed.
 * Files are written beside and renamed into place, then their hash recorded:
 * a crash in between leaves a mismatch, hence a rebuild.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createVectorIndex, loadVectorIndex, type VectorIndex } from '../../native/hnsw.js'
import type { SqliteDatabase } from '../store/database.js'

export type KnnSource = 'clean' | 'decision'

export interface KnnNeighbour {
  recordRowId: number
  /** Euclidean distance between the (unit-length) embeddings, 0–2. */
  distance: number
  codes: readonly string[]
}

export interface KnnDatastore {
  readonly modelVersion: string
  size(): number
  has(recordRowId: number): boolean
  add(item: { recordRowId: number; embedding: Float32Array; codes: readonly string[]; source: KnnSource }): Promise<void>
  /** The k nearest records, nearest first, never `excludeRecordRowId` (a record is not its own similar case). */
  neighbours(embedding: Float32Array, k: number, excludeRecordRowId?: number): KnnNeighbour[]
}

export interface KnnDatastoreOptions {
  /** Folder for the index file (the workspace's `knn/`). */
  dir: string
  modelVersion: string
  dimensions: number
}

const SEARCH_EF = 64

export async function openKnnDatastore(database: SqliteDatabase, options: KnnDatastoreOptions): Promise<KnnDatastore> {
  const { modelVersion, dimensions } = options
  mkdirSync(options.dir, { recursive: true })
  const indexPath = join(options.dir, `${modelVersion.replace(/[^A-Za-z0-9._-]/g, '_')}.hnsw`)
  const rows = database
    .prepare<{ record_id: number; embedding: Buffer; codes: string }>('SELECT record_id, embedding, codes FROM knn_items WHERE model_version = ? ORDER BY record_id')
    .all(modelVersion)
  const codes = new Map(rows.map((row) => [row.record_id, JSON.parse(row.codes) as string[]]))
  let index: VectorIndex | null = null
  if (trustedIndexFile(database, modelVersion, indexPath, rows.length)) {
    try {
      const loaded = await loadVectorIndex(indexPath, dimensions, 'l2')
      if (loaded.size() === rows.length) index = loaded
    } catch {
      index = null // unreadable: rebuilt below from the table
    }
  }
  if (!index) {
    index = createVectorIndex({ dimensions, metric: 'l2', capacity: Math.max(64, rows.length * 2) })
    for (const row of rows) index.add(row.record_id, toVector(row.embedding, dimensions))
    if (rows.length > 0 && !database.readonly) await saveIndex(database, index, modelVersion, indexPath, rows.length)
  }
  const store = index
  const upsert = database.prepare(
    `INSERT INTO knn_items (model_version, record_id, embedding, codes, source, added_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (model_version, record_id) DO UPDATE SET embedding = excluded.embedding, codes = excluded.codes, source = excluded.source, added_at = excluded.added_at`,
  )
  return {
    modelVersion,
    size: () => codes.size,
    has: (recordRowId) => codes.has(recordRowId),
    async add(item) {
      if (item.embedding.length !== dimensions) throw new Error(`Embedding has ${item.embedding.length} dimensions; the model's have ${dimensions}.`)
      const blob = Buffer.from(item.embedding.buffer, item.embedding.byteOffset, item.embedding.byteLength)
      upsert.run(modelVersion, item.recordRowId, blob, JSON.stringify([...item.codes]), item.source, new Date().toISOString())
      // hnswlib replaces the vector of a label it already holds: a re-coded record moves, it is not duplicated.
      store.add(item.recordRowId, item.embedding)
      codes.set(item.recordRowId, [...item.codes])
      await saveIndex(database, store, modelVersion, indexPath, codes.size)
    },
    neighbours(embedding, k, excludeRecordRowId) {
      const found = store.search(embedding, k + 1, SEARCH_EF)
      return found
        .filter((hit) => hit.label !== excludeRecordRowId && codes.has(hit.label))
        .slice(0, k)
        .map((hit) => ({ recordRowId: hit.label, distance: Math.sqrt(Math.max(0, hit.distance)), codes: codes.get(hit.label) ?? [] }))
    },
  }
}

function toVector(blob: Buffer, dimensions: number): Float32Array {
  if (blob.byteLength !== dimensions * 4) throw new Error(`A stored embedding has ${blob.byteLength / 4} dimensions; the model's have ${dimensions}.`)
  const copy = new Float32Array(dimensions)
  new Uint8Array(copy.buffer).set(blob)
  return copy
}

/** True only for the file this engine wrote last for this model version, with as many items as the table. */
function trustedIndexFile(database: SqliteDatabase, modelVersion: string, indexPath: string, items: number): boolean {
  if (!existsSync(indexPath)) return false
  const recorded = database
    .prepare<{ sha256: string; bytes: number; items: number }>('SELECT sha256, bytes, items FROM knn_index_files WHERE model_version = ?')
    .get(modelVersion)
  if (!recorded || recorded.items !== items || recorded.bytes !== statSync(indexPath).size) return false
  return fileSha256(indexPath) === recorded.sha256
}

async function saveIndex(database: SqliteDatabase, index: VectorIndex, modelVersion: string, indexPath: string, items: number): Promise<void> {
  const written = `${indexPath}.${process.pid}.tmp`
  await index.save(written)
  const sha256 = fileSha256(written)
  const bytes = statSync(written).size
  renameSync(written, indexPath)
  database
    .prepare(
      `INSERT INTO knn_index_files (model_version, sha256, bytes, items, written_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (model_version) DO UPDATE SET sha256 = excluded.sha256, bytes = excluded.bytes, items = excluded.items, written_at = excluded.written_at`,
    )
    .run(modelVersion, sha256, bytes, items, new Date().toISOString())
}

function fileSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}
