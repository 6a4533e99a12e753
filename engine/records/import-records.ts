/**
 * Imports one records file or corpus folder: parse (rows it cannot take become
 * rejects with file, line and reason), then store everything else in one
 * atomic batch. A file that cannot be read at all stores nothing and leaves a
 * failed import run behind, so IT can see what was tried.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ImportMapping } from '../../contract/import-mapping.js'
import { AppFailure } from '../../contract/result.js'
import { readLimits, type Limits } from '../limits/limits.js'
import { fileSizeProblem } from '../limits/text-limits.js'
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
  if (!existsSync(source)) throw new AppFailure('import-failed', `${source} does not exist.`)
  const limits = readLimits(database)
  // Empty until read: a file over the size limit is recorded as tried, never read.
  let sha256 = ''
  let parsed: RecordImport
  try {
    sha256 = sourceDigest(source, limits)
    parsed = parseRecords(source, request, limits)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    recordFailedImport(database, { format: request.format, source, sha256, actor: request.actor, reason })
    throw error
  }
  if (request.goldCodeSetId === undefined) return storeImportBatch(database, { format: request.format, source, sha256, actor: request.actor, ...parsed })
  const checked = checkGoldCodes(database, parsed, request.goldCodeSetId, source)
  return { ...storeImportBatch(database, { format: request.format, source, sha256, actor: request.actor, records: checked.records, rejects: checked.rejects, problems: checked.problems }), goldCodes: checked.coverage }
}

function parseRecords(source: string, request: RecordImportRequest, limits: Limits): RecordImport {
  if (request.format === 'codiesp') return readCodiEsp(source, { language: request.language ?? 'es', limits })
  if (!request.mapping) {
    throw new AppFailure('invalid-input', `A ${request.format} import needs a field-mapping file (--mapping).`)
  }
  return readMappedRecords(source, request.mapping, request.format, limits)
}

/**
 * sha256 over a file's bytes, or over every file of a folder (path and bytes, in
 * sorted order). A file over the `fileBytes` limit is refused before it is read.
 */
function sourceDigest(path: string, limits: Limits): string {
  const hash = createHash('sha256')
  const info = statSync(path)
  const files = info.isFile()
    ? [path]
    : readdirSync(path, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name))
        .sort()
  for (const file of files) {
    const tooLarge = fileSizeProblem(statSync(file).size, limits)
    if (tooLarge) throw new AppFailure('too-large', `${file}: ${tooLarge}.`)
    if (!info.isFile()) hash.update(file.slice(path.length))
    hash.update(readFileSync(file))
  }
  return hash.digest('hex')
}
