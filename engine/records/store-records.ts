/**
 * Writes one import batch atomically: the import-run row, every record, every
 * reject and the audit row land together or not at all. A record whose content
 * is unchanged is left alone, so importing the same file twice changes nothing;
 * a changed record keeps its id, so coder decisions stay attached to it.
 */
import { createHash } from 'node:crypto'
import { appendAudit } from '../audit/audit-log.js'
import type { SqliteDatabase } from '../store/database.js'
import type { RecordInput } from './record-input.js'
import type { ImportReject } from '../io/import-reject.js'

export interface ImportBatch {
  format: string
  /** File or folder the batch came from, as the user named it. */
  source: string
  /** sha256 of the source bytes (of every file, for a folder). */
  sha256: string
  actor: string
  records: RecordInput[]
  rejects: ImportReject[]
}

export interface ImportSummary {
  importRunId: number
  inserted: number
  updated: number
  unchanged: number
  rejected: number
  rejects: ImportReject[]
}

export function recordDigest(record: RecordInput): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('hex')
}

export function storeImportBatch(database: SqliteDatabase, batch: ImportBatch): ImportSummary {
  return database.transaction(() => {
    const now = new Date().toISOString()
    const importRunId = Number(
      database
        .prepare(
          `INSERT INTO import_runs (kind, format, source, sha256, started_at, status, actor)
           VALUES ('records', ?, ?, ?, ?, 'running', ?)`,
        )
        .run(batch.format, batch.source, batch.sha256, now, batch.actor).lastInsertRowid,
    )
    const counts = { inserted: 0, updated: 0, unchanged: 0 }
    const findRecord = database.prepare<{ id: number; content_sha256: string }>(
      'SELECT id, content_sha256 FROM records WHERE external_id = ?',
    )
    for (const record of batch.records) {
      const digest = recordDigest(record)
      const existing = findRecord.get(record.externalId)
      if (existing?.content_sha256 === digest) {
        counts.unchanged += 1
      } else if (existing) {
        replaceRecord(database, existing.id, record, digest, importRunId, now)
        counts.updated += 1
      } else {
        insertRecord(database, record, digest, importRunId, now)
        counts.inserted += 1
      }
    }
    const insertReject = database.prepare('INSERT INTO import_rejects (import_run_id, file, line, reason) VALUES (?, ?, ?, ?)')
    for (const reject of batch.rejects) insertReject.run(importRunId, reject.file, reject.line, reject.reason)
    database
      .prepare(
        `UPDATE import_runs SET status = 'done', finished_at = ?, inserted = ?, updated = ?, unchanged = ?, rejected = ? WHERE id = ?`,
      )
      .run(new Date().toISOString(), counts.inserted, counts.updated, counts.unchanged, batch.rejects.length, importRunId)
    appendAudit(database, {
      actor: batch.actor,
      action: 'records.import',
      entity: 'import_run',
      entityId: String(importRunId),
      detail: { format: batch.format, source: batch.source, sha256: batch.sha256, ...counts, rejected: batch.rejects.length },
    })
    return { importRunId, ...counts, rejected: batch.rejects.length, rejects: batch.rejects }
  })
}

/** Keeps a trace of an import that could not be stored at all (its transaction rolled back). */
export function recordFailedImport(
  database: SqliteDatabase,
  failure: { format: string; source: string; sha256: string; actor: string; reason: string },
): number {
  return database.transaction(() => {
    const now = new Date().toISOString()
    const importRunId = Number(
      database
        .prepare(
          `INSERT INTO import_runs (kind, format, source, sha256, started_at, finished_at, status, actor)
           VALUES ('records', ?, ?, ?, ?, ?, 'failed', ?)`,
        )
        .run(failure.format, failure.source, failure.sha256, now, now, failure.actor).lastInsertRowid,
    )
    database
      .prepare('INSERT INTO import_rejects (import_run_id, file, line, reason) VALUES (?, ?, 0, ?)')
      .run(importRunId, failure.source, failure.reason)
    appendAudit(database, {
      actor: failure.actor,
      action: 'records.import-failed',
      entity: 'import_run',
      entityId: String(importRunId),
      detail: { format: failure.format, source: failure.source, reason: failure.reason },
    })
    return importRunId
  })
}

function insertRecord(database: SqliteDatabase, record: RecordInput, digest: string, importRunId: number, now: string): void {
  const recordId = Number(
    database
      .prepare(
        `INSERT INTO records (external_id, language, split, patient_id, encounter_id, department, admitted_at, discharged_at,
                              sex, age, age_days, content_sha256, import_run_id, imported_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.externalId,
        record.language,
        record.split,
        record.patientId ?? null,
        record.encounterId ?? null,
        record.department ?? null,
        record.admittedAt ?? null,
        record.dischargedAt ?? null,
        record.sex ?? null,
        record.age ?? null,
        record.ageDays ?? null,
        digest,
        importRunId,
        now,
      ).lastInsertRowid,
  )
  insertRecordParts(database, recordId, record)
}

function replaceRecord(
  database: SqliteDatabase,
  recordId: number,
  record: RecordInput,
  digest: string,
  importRunId: number,
  now: string,
): void {
  database
    .prepare(
      // An import without a split keeps the one an admin assigned (`clinicoco splits assign`).
      `UPDATE records SET language = ?, split = CASE WHEN ? = 'none' THEN split ELSE ? END, patient_id = ?, encounter_id = ?,
              department = ?, admitted_at = ?, discharged_at = ?, sex = ?, age = ?, age_days = ?, content_sha256 = ?,
              import_run_id = ?, imported_at = ?
       WHERE id = ?`,
    )
    .run(
      record.language,
      record.split,
      record.split,
      record.patientId ?? null,
      record.encounterId ?? null,
      record.department ?? null,
      record.admittedAt ?? null,
      record.dischargedAt ?? null,
      record.sex ?? null,
      record.age ?? null,
      record.ageDays ?? null,
      digest,
      importRunId,
      now,
      recordId,
    )
  for (const table of ['record_sections', 'diagnosis_names', 'gold_codes', 'evidence_mentions']) {
    database.prepare(`DELETE FROM ${table} WHERE record_id = ?`).run(recordId)
  }
  insertRecordParts(database, recordId, record)
}

function insertRecordParts(database: SqliteDatabase, recordId: number, record: RecordInput): void {
  const insertSection = database.prepare(
    'INSERT INTO record_sections (record_id, position, kind, title, text) VALUES (?, ?, ?, ?, ?)',
  )
  record.sections.forEach((section, position) => insertSection.run(recordId, position, section.kind, section.title, section.text))
  const insertName = database.prepare(
    'INSERT INTO diagnosis_names (record_id, position, text, is_primary, injected_error, original_text) VALUES (?, ?, ?, ?, ?, ?)',
  )
  record.diagnosisNames.forEach((name, position) =>
    insertName.run(recordId, position, name.text, name.isPrimary ? 1 : 0, name.injectedError ?? null, name.originalText ?? null),
  )
  const insertGold = database.prepare('INSERT OR IGNORE INTO gold_codes (record_id, code, is_primary) VALUES (?, ?, ?)')
  for (const gold of record.goldCodes) insertGold.run(recordId, gold.code, gold.isPrimary ? 1 : 0)
  const insertMention = database.prepare(
    'INSERT INTO evidence_mentions (record_id, code, kind, text, spans) VALUES (?, ?, ?, ?, ?)',
  )
  for (const mention of record.mentions) {
    insertMention.run(recordId, mention.code, mention.kind, mention.text, JSON.stringify(mention.spans))
  }
}
