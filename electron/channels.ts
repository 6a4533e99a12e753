/**
 * The IPC channel names shared by main and the preload, derived from the
 * contract's method names (`contract/names.ts`, which carries no zod, so the
 * sandboxed preload stays a 3 kB bundle) so nobody types a channel string twice.
 */
import type { Method } from '../contract/api.js'

export { eventNames, isEventName, methodNames } from '../contract/names.js'

/** The one channel every engine event travels on, as `(name, payload)`. */
export const EVENT_CHANNEL = 'app:event'

export function channelOf(method: Method): `app:${Method}` {
  return `app:${method}`
}
