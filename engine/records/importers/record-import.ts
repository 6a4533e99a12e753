/**
 * What every record importer returns: the records it read, ready for
 * `storeImportBatch`, and the rows it could not take, each with file, line and
 * reason.
 */
import type { RecordInput } from '../record-input.js'
import type { ImportReject } from '../../io/import-reject.js'

export interface RecordImport {
  records: RecordInput[]
  rejects: ImportReject[]
}
