/**
 * Errors cross every process boundary as values: Electron keeps only `message`
 * from a thrown error, and a renderer must be able to branch on `code`.
 * Plain TypeScript, no zod: the renderer and the preload import this file, and
 * zod would add ~25 kB gzip to each bundle for nothing validated here.
 */
export const ERROR_CODES = [
  'invalid-input',
  'not-found',
  'conflict',
  'forbidden',
  /** No session, or it expired: sign in. */
  'unauthenticated',
  /** The session locked itself after inactivity: the password unlocks it. */
  'locked',
  'model-missing',
  'model-invalid',
  'trainer-missing',
  'trainer-failed',
  'import-failed',
  'database-newer',
  // Issue 16b: a machine policy that cannot be applied; a model bundle the policy does not trust.
  'policy-invalid',
  'model-untrusted',
  // Safety (issue 16): the database is briefly held by another writer (retry); a workspace that
  // does not exist or whose database is damaged (never written then); input over a size limit.
  'busy',
  'workspace-missing',
  'database-corrupt',
  'read-only',
  'too-large',
  'internal',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** Codes a caller may simply try again after a moment: nothing was changed. */
export const RETRYABLE_CODES: readonly ErrorCode[] = ['busy']

export interface AppError {
  code: ErrorCode
  message: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function err<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } }
}

/** An error an engine function throws on purpose; the host turns it into `{ ok: false }`. */
export class AppFailure extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string) {
    super(message)
    this.name = 'AppFailure'
    this.code = code
  }
}
