/**
 * A file as the importers see it: its name (for error messages and rejects)
 * and its bytes. Parsers take a `SourceFile` so they can be tested on bytes
 * built in memory and fed from a file picker as well as from disk.
 */
import { readFileSync } from 'node:fs'
import { AppFailure } from '../../contract/result.js'

export interface SourceFile {
  /** Path or name shown in errors and `ImportReject.file`. */
  file: string
  bytes: Uint8Array
}

export function readSourceFile(path: string): SourceFile {
  try {
    return { file: path, bytes: readFileSync(path) }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new AppFailure('import-failed', `Cannot read ${path}: ${reason}`)
  }
}
