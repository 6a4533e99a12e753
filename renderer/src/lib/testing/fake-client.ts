/**
 * A hand-written AppClient for tests: each method answers from a handler the
 * test supplies, every call is recorded, and events are pushed with `emit`.
 * State classes take their client in the constructor, so no module mocking is needed.
 */
import type { EventName, EventPayload, Input, Method, Output } from '../../../../contract/api.js'
import type { AppClient } from '../../../../contract/client.js'
import { methodNames } from '../../../../contract/names.js'
import type { Result } from '../../../../contract/result.js'

export type FakeHandlers = {
  [M in Method]?: (input: Input<M>) => Result<Output<M>> | Promise<Result<Output<M>>>
}

export interface FakeClient {
  client: AppClient
  calls: Array<{ method: Method; input: unknown }>
  callsTo<M extends Method>(method: M): Array<Input<M>>
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  listenerCount(event: EventName): number
}

export function createFakeClient(handlers: FakeHandlers): FakeClient {
  const calls: Array<{ method: Method; input: unknown }> = []
  const listeners = new Map<EventName, Set<(payload: never) => void>>()

  function method<M extends Method>(name: M) {
    return async (input: Input<M>): Promise<Result<Output<M>>> => {
      calls.push({ method: name, input })
      const handler = handlers[name] as ((input: Input<M>) => Result<Output<M>> | Promise<Result<Output<M>>>) | undefined
      if (!handler) return { ok: false, error: { code: 'internal', message: `The fake client has no ${name} handler.` } }
      return handler(input)
    }
  }

  // Every contract method, mechanically: a method added to the contract needs no edit here.
  const methods = Object.fromEntries(methodNames.map((name) => [name, method(name)]))
  const client = {
    ...methods,
    on(event: EventName, listener: (payload: never) => void) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener)
      return () => set.delete(listener)
    },
  } as unknown as AppClient

  return {
    client,
    calls,
    callsTo: <M extends Method>(name: M) => calls.filter((call) => call.method === name).map((call) => call.input as Input<M>),
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) (listener as (payload: unknown) => void)(payload)
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  }
}
