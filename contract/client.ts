/**
 * The typed client of the app: the renderer, the CLI's tests and the browser
 * harness all call the engine through this, whatever the transport.
 */
import type { EventName, EventPayload, Input, Method, Output } from './api.js'
import { methodNames } from './names.js'
import type { Result } from './result.js'

export type Invoke = (method: Method, input: unknown) => Promise<Result<unknown>>
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void

export type AppClient = {
  [M in Method]: (input: Input<M>) => Promise<Result<Output<M>>>
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

/** Builds the client mechanically from the contract's keys. */
export function createClient(invoke: Invoke, subscribe: Subscribe): AppClient {
  const client: Record<string, unknown> = {}
  for (const method of methodNames) {
    client[method] = (input: unknown) => invoke(method, input)
  }
  client.on = (event: EventName, listener: (payload: unknown) => void) => subscribe(event, listener)
  return client as AppClient
}
