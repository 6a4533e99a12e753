/**
 * The coding model's confidence in a record: its best combined probability over
 * all codes. Scored on demand for a batch's candidate pool and kept per model
 * version (record_confidence), so a second batch from the same pool is instant.
 */
import type { CodingModel } from '../coding/coding-model.js'
import type { SqliteDatabase } from '../store/database.js'
import type { ConfidenceOf } from './work-batches.js'

export function modelConfidence(database: SqliteDatabase, model: CodingModel): ConfidenceOf {
  const version = model.bundle.manifest.modelVersion
  const cached = database.prepare<{ top_probability: number }>('SELECT top_probability FROM record_confidence WHERE model_version = ? AND record_id = ?')
  const store = database.prepare('INSERT OR REPLACE INTO record_confidence (model_version, record_id, top_probability) VALUES (?, ?, ?)')
  return async (recordRowIds) => {
    const confidence = new Map<number, number>()
    for (const recordRowId of recordRowIds) {
      const known = cached.get(version, recordRowId)?.top_probability
      if (known !== undefined) {
        confidence.set(recordRowId, known)
        continue
      }
      const scores = await model.scoreRecord(recordRowId)
      let top = 0
      for (const probability of scores.combined.values()) top = Math.max(top, probability)
      const clipped = Math.min(1, Math.max(0, top))
      store.run(version, recordRowId, clipped)
      confidence.set(recordRowId, clipped)
    }
    return confidence
  }
}
