/**
 * Imports one records file or corpus folder: parse (rows it cannot take become
 * rejects with file, line and reason), then store everything else in one
 * atomic batch. A file that cannot be read at all stores nothing and leaves a
 * failed import run behind, so IT can see what was tried.
 */
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ImportMapping } from '../../contract/import-mapping.js'
import { AppFailure } from '../../contract/result.js'
import type { SqliteDatabase } from '../store/database.js'
import { checkGoldCodes, type GoldCodeCoverage } from './check-gold-codes.js'
import { readCodiEsp } from './importers/read-codiesp.js'
import { readMappedRecords } from './importers/read-mapped-records.js'
import type { RecordImport } from './importers/record-import.js'
import { recordFailedImport, storeImportBatch } from './store-records.js'
import type { ImportSummary } from './store-records.js'

export type RecordFileFormat = 'csv' | 'json' | 'jsonl' | 'codiesp'

export interface RecordImportRequest {
  path: string
  format: RecordFileFormat
  /** Required for csv / json / jsonl. */
  mapping?: ImportMapping
  /** CodiEsp: which text to import (`es` original, `en` machine translation). */
  language?: 'es' | 'en'
  actor: string
  /** Check gold codes against this code set (`check-gold-codes.ts`); absent: stored as read. */
  goldCodeSetId?: number
}

export function importRecordFile(database: SqliteDatabase, request: RecordImportRequest): ImportSummary & { goldCodes?: GoldCodeCoverage } {
  const source = resolve(request.path)
  const sha256 = sourceDigest(source)
  let parsed: RecordImport
  try {
    parsed = parseRecords(source, request)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    recordFailedImport(database, { format: request.format, source, sha256, actor: request.actor, reason })
    throw error
  }
  if (request.goldCodeSetId === undefined) return storeImportBatch(database, { format: request.format, source, sha256, actor: request.actor, ...parsed })
  const checked = checkGoldCodes(database, parsed, request.goldCodeSetId, source)
  return { ...storeImportBatch(database, { format: request.format, source, sha256, actor: request.actor, records: checked.records, rejects: checked.rejects, problems: checked.problems }), goldCodes: checked.coverage }
}

function parseRecords(source: string, request: RecordImportRequest): RecordImport {
  if (request.format === 'codiesp') return readCodiEsp(source, { language: request.language ?? 'es' })
  if (!request.mapping) {
    throw new AppFailure('invalid-input', `A ${request.format} import needs a field-mapping file (--mapping).`)
  }
  return readMappedRecords(source, request.mapping, request.format)
}

/** sha256 over a file's bytes, or over every file of a folder (path and bytes, in sorted order). */
function sourceDigest(path: string): string {
  const hash = createHash('sha256')
  let info
  try {
    info = statSync(path)
  } catch {
    throw new AppFailure('import-failed', `${path} does not exist.`)
  }
  if (info.isFile()) return hash.update(readFileSync(path)).digest('hex')
  const files = readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
  for (const file of files) hash.update(file.slice(path.length)).update(readFileSync(file))
  return hash.digest('hex')
}
