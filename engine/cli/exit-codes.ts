/**
 * What `clinicoco` exits with, so scripts and schedulers can tell "done" from
 * "done, but some rows were refused" from "try again later" without parsing
 * text. Documented in the README's CLI section.
 */
import type { ErrorCode } from '../../contract/result.js'

export const EXIT_CODES = {
  /** Everything asked was done. */
  ok: 0,
  /** Nothing was done: the error says why (a missing workspace, a damaged database, a bad file…). */
  failed: 1,
  /** The command line was wrong: an unknown command or option, a missing or invalid value. */
  usage: 2,
  /** Done, but some input was refused: an import stored the good rows and reported the rest. */
  partial: 3,
  /** The workspace was busy with another writer; nothing was changed: run it again (EX_TEMPFAIL). */
  busy: 75,
} as const

export function exitCodeForError(code: ErrorCode): number {
  if (code === 'invalid-input') return EXIT_CODES.usage
  if (code === 'busy') return EXIT_CODES.busy
  return EXIT_CODES.failed
}
