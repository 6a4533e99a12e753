/**
 * What every code-set importer returns: the parsed set, ready for
 * `installCodeSet`, and the rows it could not take, each with file, line and
 * reason, so a coder can fix the source instead of losing codes unnoticed.
 */
import type { ImportReject } from '../../io/import-reject.js'
import type { CodeSetData } from '../code-set-data.js'

export interface CodeSetImport {
  codeSet: CodeSetData
  rejects: ImportReject[]
}
