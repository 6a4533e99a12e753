/**
 * Validates a request against the contract and runs its handler, turning every
 * failure into a `{ ok: false }` value: nothing thrown crosses the process boundary.
 */
import type { Method } from '../../contract/api.js'
import { parseMethodInput } from '../../contract/method-input.js'
import { isMethodName } from '../../contract/names.js'
import { AppFailure, err, ok } from '../../contract/result.js'
import type { Result } from '../../contract/result.js'
import type { Handlers } from './handlers.js'

export async function dispatch(handlers: Handlers, method: string, input: unknown): Promise<Result<unknown>> {
  if (!isMethodName(method)) return err('invalid-input', `Unknown method "${method}".`)
  const parsed = parseMethodInput(method, input)
  if (!parsed.ok) return parsed
  try {
    const handler = handlers[method] as (input: unknown) => unknown
    return ok(await handler(parsed.value))
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
