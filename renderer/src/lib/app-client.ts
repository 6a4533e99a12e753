/**
 * Picks the transport once at startup. In Electron the preload exposes
 * `window.app` (one function per contract method, plus `on`); anywhere else the
 * page was served by browser mode and talks HTTP with the run's access token.
 */
import type { EventName, Method } from '../../../contract/api.js'
import { createClient } from '../../../contract/client.js'
import type { AppClient } from '../../../contract/client.js'
import { err } from '../../../contract/result.js'
import type { Result } from '../../../contract/result.js'
import { createBrowserClient, takeAccessToken } from './browser-transport.js'
import { retryWhileBusy } from './busy-retry.js'
import type { SessionTokens } from './session-token.js'

/** What the preload puts on `window.app`; the second argument is the session token. */
export type AppBridge = {
  [M in Method]: (input: unknown, session?: string | null) => Promise<Result<unknown>>
} & {
  on(event: EventName, listener: (payload: unknown) => void): () => void
}

declare global {
  interface Window {
    app?: AppBridge
  }
}

export type Connection =
  | { kind: 'connected'; transport: 'electron' | 'browser'; client: AppClient }
  | { kind: 'missing-token' }

/** Every call carries the session token of `sessions` (none before sign-in). */
export function connectApp(host: Window, sessions: SessionTokens): Connection {
  const bridge = host.app
  if (isBridge(bridge)) {
    const client = createClient(
      retryWhileBusy((method, input) => bridge[method](input, sessions.get()).catch((error: unknown) => err('internal', describe(error)))),
      (event, listener) => bridge.on(event, listener),
    )
    return { kind: 'connected', transport: 'electron', client }
  }
  const token = takeAccessToken({ location: host.location, history: host.history, storage: host.sessionStorage })
  if (token === null) return { kind: 'missing-token' }
  const client = createBrowserClient({
    token,
    sessions,
    fetch: host.fetch.bind(host),
    openEventSource: (url) => new EventSource(url),
  })
  return { kind: 'connected', transport: 'browser', client }
}

/**
 * A real bridge, not whatever else `window.app` may be: HTML exposes any element
 * with id="app" as `window.app`, which once made browser mode take the Electron path.
 */
function isBridge(value: unknown): value is AppBridge {
  return typeof value === 'object' && value !== null && !(value instanceof Node) && typeof (value as { on?: unknown }).on === 'function'
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
