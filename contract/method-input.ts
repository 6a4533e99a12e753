/**
 * A call's input checked against the contract, in both places that check it (the
 * Electron IPC file and the engine host), so a refusal reads the same wherever it
 * comes from.
 */
import { api } from './api.js'
import type { Method } from './api.js'
import { err, ok } from './result.js'
import type { Result } from './result.js'

/** What a schema reports of each problem (zod's issues, without naming zod's types). */
export interface SchemaIssue {
  readonly path: readonly PropertyKey[]
  readonly message: string
}

/** Schema issues as one line a person can read: `path: message; …`, `(input)` for the whole input. */
export function describeIssues(issues: readonly SchemaIssue[]): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(input)'}: ${issue.message}`).join('; ')
}

/** The input parsed by the method's schema, or an `invalid-input` error naming each problem. */
export function parseMethodInput(method: Method, input: unknown): Result<unknown> {
  const parsed = api[method].input.safeParse(input ?? {})
  return parsed.success ? ok(parsed.data) : err('invalid-input', `Invalid input for ${method}: ${describeIssues(parsed.error.issues)}`)
}
