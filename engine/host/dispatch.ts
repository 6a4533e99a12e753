/**
 * Validates a request against the contract and runs its handler, turning every
 * failure into a `{ ok: false }` value: nothing thrown crosses the process boundary.
 */
import { api } from '../../contract/api.js'
import type { Method } from '../../contract/api.js'
import { isMethodName } from '../../contract/names.js'
import { AppFailure, err, ok } from '../../contract/result.js'
import type { Result } from '../../contract/result.js'
import type { Handlers } from './handlers.js'

export async function dispatch(handlers: Handlers, method: string, input: unknown): Promise<Result<unknown>> {
  if (!isMethodName(method)) return err('invalid-input', `Unknown method "${method}".`)
  const parsed = api[method].input.safeParse(input ?? {})
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`)
    return err('invalid-input', `Invalid input for ${method}: ${issues.join('; ')}`)
  }
  try {
    const handler = handlers[method] as (input: unknown) => unknown
    return ok(await handler(parsed.data))
  } catch (error) {
    return failureResult(method, error)
  }
}

function failureResult(method: Method, error: unknown): Result<unknown> {
  if (error instanceof AppFailure) return err(error.code, error.message)
  const message = error instanceof Error ? error.message : String(error)
  console.error(`[engine] ${method} failed:`, error)
  return err('internal', `${method} failed: ${message}`)
}
