/**
 * A file as the importers see it: its name (for error messages and rejects)
 * and its bytes. Parsers take a `SourceFile` so they can be tested on bytes
 * built in memory and fed from a file picker as well as from disk.
 */
import { readFileSync, statSync } from 'node:fs'
import { AppFailure } from '../../contract/result.js'
import { LIMIT_RANGES } from '../limits/limits.js'
import { fileSizeProblem } from '../limits/text-limits.js'

export interface SourceFile {
  /** Path or name shown in errors and `ImportReject.file`. */
  file: string
  bytes: Uint8Array
}

export interface ReadSourceOptions {
  /** Refuse a larger file before reading a byte of it; default the hard ceiling of the `fileBytes` limit. */
  maxBytes?: number
}

export function readSourceFile(path: string, options: ReadSourceOptions = {}): SourceFile {
  const maxBytes = options.maxBytes ?? LIMIT_RANGES.fileBytes.max
  try {
    // The size is checked first: a file is read whole, so an oversized one must never reach memory.
    const tooLarge = fileSizeProblem(statSync(path).size, { fileBytes: maxBytes })
    if (tooLarge) throw new AppFailure('too-large', `${path}: ${tooLarge}.`)
    return { file: path, bytes: readFileSync(path) }
  } catch (error) {
    if (error instanceof AppFailure) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new AppFailure('import-failed', `Cannot read ${path}: ${reason}`)
  }
}
