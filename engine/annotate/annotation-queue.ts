/**
 * A coder's annotation queue: the open tasks dealt to them, oldest patch first,
 * in plan order (the records that teach the most codes first). A task leaves
 * the queue when its record has a decision, whoever submitted it.
 */
import type { SqliteDatabase } from '../store/database.js'

export interface AnnotationTask {
  recordId: string
  patch: number
  position: number
  assignedAt: string
}

export function annotationQueue(database: SqliteDatabase, coder: string, limit = 500): AnnotationTask[] {
  return database
    .prepare<{ external_id: string; number: number; position: number; assigned_at: string }>(
      `SELECT r.external_id, p.number, t.position, t.assigned_at FROM annotation_tasks t
       JOIN annotation_patches p ON p.id = t.patch_id JOIN records r ON r.id = t.record_id
       WHERE t.coder = ? AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.record_id = t.record_id)
       ORDER BY p.number, t.position LIMIT ?`,
    )
    .all(coder, limit)
    .map((row) => ({ recordId: row.external_id, patch: row.number, position: row.position, assignedAt: row.assigned_at }))
}
