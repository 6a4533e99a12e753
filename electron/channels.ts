/**
 * The IPC channel names shared by main and the preload, derived from the
 * contract's method and event names so nobody types a channel string twice.
 *
 * The names are listed here rather than imported from `contract/api.ts` because
 * that module builds zod schemas at load time: importing it into the sandboxed
 * preload would bundle all of zod (456 kB minified, measured) into a script that
 * only needs the names. `satisfies Record<Method, true>` keeps the lists
 * exact: a method added to or removed from the contract is a type error here,
 * and channels.test.ts checks the lists against the contract at run time.
 */
import type { EventName, Method } from '../contract/api.js'

const METHOD_FLAGS = {
  getWorkspace: true,
  listRecords: true,
  openRecord: true,
  searchCodes: true,
  submitDecision: true,
} as const satisfies Record<Method, true>

const EVENT_FLAGS = {
  decisionSubmitted: true,
} as const satisfies Record<EventName, true>

export const methodNames = Object.keys(METHOD_FLAGS) as Method[]
export const eventNames = Object.keys(EVENT_FLAGS) as EventName[]

/** The one channel every engine event travels on, as `(name, payload)`. */
export const EVENT_CHANNEL = 'app:event'

export function channelOf(method: Method): `app:${Method}` {
  return `app:${method}`
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(EVENT_FLAGS, name)
}
