/**
 * Writes one import batch: the import-run row, every record, every reject and
 * the audit rows.
 *
 * - Records are committed in chunks of at most `CHUNK_MAX_RECORDS` records or
 *   `CHUNK_MAX_MS` of work, with a pause between chunks longer than SQLite's
 *   longest busy-wait step, so a coder's submission during a long import waits
 *   one chunk, not the whole import. Each chunk is atomic; a failure keeps the
 *   chunks before it, marks the run failed with how far it got, and re-running
 *   the same import finishes the job (unchanged records are skipped).
 * - A record whose content is unchanged is left alone: importing the same file
 *   twice changes nothing.
 * - A record whose content changed becomes a new version: the old content is
 *   kept in `record_versions`, the change is audited, and a coding made on the
 *   old version is left as it was and marked for re-review ("source changed"),
 *   never silently attached to text its coder did not see.
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
  /** Rows not imported. */
  rejects: ImportReject[]
  /** Problems in rows that were imported (a gold code not in the code set): listed and stored with the rejects, not counted as rejected rows. */
  problems?: ImportReject[]
}

export interface ImportSummary {
  importRunId: number
  inserted: number
  /** Records whose content changed: each became a new version. */
  updated: number
  unchanged: number
  /** Of the changed records, those with a coding, now due for re-review. */
  reReview: number
  /** Rows not imported. */
  rejected: number
  /** Every problem: rows not imported, and problems in imported rows (file, line, reason). */
  rejects: ImportReject[]
}

export interface ChunkOptions {
  maxRecords?: number
  maxMs?: number
  pauseMs?: number
}

export const CHUNK_MAX_RECORDS = 5_000
export const CHUNK_MAX_MS = 200
/** SQLite's busy handler retries a waiting writer every 100 ms at most: a longer gap lets it in. */
export const CHUNK_PAUSE_MS = 110

interface Counts {
  inserted: number
  updated: number
  unchanged: number
  reReview: number
}

export function recordDigest(record: RecordInput): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('hex')
}

export function storeImportBatch(database: SqliteDatabase, batch: ImportBatch, chunking: ChunkOptions = {}): ImportSummary {
  const maxRecords = chunking.maxRecords ?? CHUNK_MAX_RECORDS
  const maxMs = chunking.maxMs ?? CHUNK_MAX_MS
  const pauseMs = chunking.pauseMs ?? CHUNK_PAUSE_MS
  const startedAt = new Date().toISOString()
  const importRunId = database.transaction(() =>
    Number(
      database
        .prepare(
          `INSERT INTO import_runs (kind, format, source, sha256, started_at, status, actor)
           VALUES ('records', ?, ?, ?, ?, 'running', ?)`,
        )
        .run(batch.format, batch.source, batch.sha256, startedAt, batch.actor).lastInsertRowid,
    ),
  )
  const counts: Counts = { inserted: 0, updated: 0, unchanged: 0, reReview: 0 }
  const writer = recordWriter(database, importRunId, batch.actor)
  let next = 0
  try {
    while (next < batch.records.length) {
      const started = performance.now()
      const chunk: Counts = { inserted: 0, updated: 0, unchanged: 0, reReview: 0 }
      const end = database.transaction(() => {
        let index = next
        do {
          writer.store(batch.records[index] as RecordInput, chunk)
          index += 1
        } while (index < batch.records.length && index - next < maxRecords && performance.now() - started < maxMs)
        return index
      })
      next = end
      for (const key of Object.keys(counts) as Array<keyof Counts>) counts[key] += chunk[key]
      if (next < batch.records.length) pause(pauseMs)
    }
    return database.transaction(() => {
      const insertReject = database.prepare('INSERT INTO import_rejects (import_run_id, file, line, reason) VALUES (?, ?, ?, ?)')
      for (const reject of [...batch.rejects, ...(batch.problems ?? [])]) insertReject.run(importRunId, reject.file, reject.line, reject.reason)
      finishRun(database, importRunId, 'done', counts, batch.rejects.length)
      appendAudit(database, {
        actor: batch.actor,
        action: 'records.import',
        entity: 'import_run',
        entityId: String(importRunId),
        detail: { format: batch.format, source: batch.source, sha256: batch.sha256, ...counts, rejected: batch.rejects.length },
      })
      const rejects = [...batch.rejects, ...(batch.problems ?? []).map((problem) => ({ ...problem, rowKept: true }))].sort((left, right) => left.line - right.line)
      return { importRunId, ...counts, rejected: batch.rejects.length, rejects }
    })
  } catch (error) {
    markRunFailed(database, importRunId, batch, counts, next, error)
    throw error
  }
}

function finishRun(database: SqliteDatabase, importRunId: number, status: 'done' | 'failed', counts: Counts, rejected: number): void {
  database
    .prepare(`UPDATE import_runs SET status = ?, finished_at = ?, inserted = ?, updated = ?, unchanged = ?, rejected = ? WHERE id = ?`)
    .run(status, new Date().toISOString(), counts.inserted, counts.updated, counts.unchanged, rejected, importRunId)
}

/** The chunks already committed stay; the run says how far it got and why it stopped. */
function markRunFailed(database: SqliteDatabase, importRunId: number, batch: ImportBatch, counts: Counts, stored: number, error: unknown): void {
  const reason = `stopped after ${stored} of ${batch.records.length} records: ${error instanceof Error ? error.message : String(error)}`
  try {
    database.transaction(() => {
      database.prepare('INSERT INTO import_rejects (import_run_id, file, line, reason) VALUES (?, ?, 0, ?)').run(importRunId, batch.source, reason)
      finishRun(database, importRunId, 'failed', counts, batch.rejects.length)
      appendAudit(database, {
        actor: batch.actor,
        action: 'records.import-failed',
        entity: 'import_run',
        entityId: String(importRunId),
        detail: { format: batch.format, source: batch.source, ...counts, reason },
      })
    })
  } catch {
    // The database itself refuses (damaged, read-only, busy): the original error is the one to report.
  }
}

/** Blocks this thread: the CLI's import is synchronous, and a pause must really release the lock. */
function pause(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
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

interface ExistingRecord {
  id: number
  content_sha256: string
  version: number
  import_run_id: number | null
  imported_at: string
}

function recordWriter(database: SqliteDatabase, importRunId: number, actor: string): { store(record: RecordInput, counts: Counts): void } {
  const findRecord = database.prepare<ExistingRecord>('SELECT id, content_sha256, version, import_run_id, imported_at FROM records WHERE external_id = ?')
  const hasDecision = database.prepare('SELECT 1 FROM decisions WHERE record_id = ? LIMIT 1')
  const keepVersion = database.prepare(
    `INSERT INTO record_versions (record_id, version, content_sha256, content, import_run_id, imported_at, superseded_by_import_run_id, superseded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  return {
    store(record, counts) {
      const digest = recordDigest(record)
      const existing = findRecord.get(record.externalId)
      const now = new Date().toISOString()
      if (existing?.content_sha256 === digest) {
        counts.unchanged += 1
        return
      }
      if (!existing) {
        insertRecord(database, record, digest, importRunId, now)
        counts.inserted += 1
        return
      }
      keepVersion.run(existing.id, existing.version, existing.content_sha256, JSON.stringify(storedContent(database, existing.id)), existing.import_run_id, existing.imported_at, importRunId, now)
      replaceRecord(database, existing.id, record, { digest, version: existing.version + 1, importRunId, now })
      const reReview = hasDecision.get(existing.id) !== undefined
      counts.updated += 1
      if (reReview) counts.reReview += 1
      appendAudit(database, {
        actor,
        action: 'record.new-version',
        entity: 'record',
        entityId: record.externalId,
        detail: { version: existing.version + 1, previousSha256: existing.content_sha256, sha256: digest, importRunId, reReview },
      })
    },
  }
}

/** A record's current content as stored, to be kept when a new version replaces it. */
export function storedContent(database: SqliteDatabase, recordId: number): Record<string, unknown> {
  const header = database
    .prepare('SELECT external_id, language, split, patient_id, encounter_id, department, admitted_at, discharged_at, sex, age, age_days FROM records WHERE id = ?')
    .get(recordId)
  const all = (sql: string) => database.prepare(sql).all(recordId)
  return {
    record: header,
    sections: all('SELECT kind, title, text FROM record_sections WHERE record_id = ? ORDER BY position'),
    diagnosisNames: all('SELECT text, is_primary, injected_error, original_text FROM diagnosis_names WHERE record_id = ? ORDER BY position'),
    goldCodes: all('SELECT code, is_primary FROM gold_codes WHERE record_id = ? ORDER BY code'),
    mentions: all('SELECT code, kind, text, spans FROM evidence_mentions WHERE record_id = ? ORDER BY rowid'),
  }
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
  { digest, version, importRunId, now }: { digest: string; version: number; importRunId: number; now: string },
): void {
  database
    .prepare(
      // An import without a split keeps the one an admin assigned (`clinicoco splits assign`).
      `UPDATE records SET language = ?, split = CASE WHEN ? = 'none' THEN split ELSE ? END, patient_id = ?, encounter_id = ?,
              department = ?, admitted_at = ?, discharged_at = ?, sex = ?, age = ?, age_days = ?, content_sha256 = ?,
              import_run_id = ?, imported_at = ?, version = ?
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
      version,
      recordId,
    )
  // What was derived from the old content goes with it: the similar-case embedding and the
  // noisy labels from the old names are rebuilt from the new version when next needed.
  for (const table of ['record_sections', 'diagnosis_names', 'gold_codes', 'evidence_mentions', 'knn_items', 'name_labels']) {
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
