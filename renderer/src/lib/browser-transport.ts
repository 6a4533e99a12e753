/**
 * Browser mode's transport: the same contract over loopback HTTP. The per-run
 * access token arrives in the URL fragment (fragments never reach the server's
 * logs or a Referer header), is kept in sessionStorage so a reload still works,
 * and is removed from the visible URL so it is not copied, bookmarked or screenshotted.
 */
import type { EventName, Method } from '../../../contract/api.js'
import { createClient } from '../../../contract/client.js'
import type { AppClient } from '../../../contract/client.js'
import { err } from '../../../contract/result.js'
import type { Result } from '../../../contract/result.js'
import { ACCESS_TOKEN_HEADER, SESSION_HEADER } from '../../../contract/security.js'
import { retryWhileBusy } from './busy-retry.js'
import type { SessionTokens } from './session-token.js'

export const TOKEN_STORAGE_KEY = 'clinicoco.accessToken'

export interface TokenSources {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>
  history: Pick<History, 'replaceState' | 'state'>
  storage: Pick<Storage, 'getItem' | 'setItem'>
}

/** Reads the token from `#token=…` (then hides it), else from this tab's session; null where there is none. */
export function takeAccessToken({ location, history, storage }: TokenSources): string | null {
  const fromFragment = new URLSearchParams(location.hash.replace(/^#/, '')).get('token')
  if (fromFragment) {
    storage.setItem(TOKEN_STORAGE_KEY, fromFragment)
    history.replaceState(history.state, '', location.pathname + location.search)
    return fromFragment
  }
  return storage.getItem(TOKEN_STORAGE_KEY) || null
}

/** The part of EventSource the transport uses, so tests can push events without a server. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void
  removeEventListener(type: string, listener: (event: MessageEvent<string>) => void): void
  close(): void
}

export interface BrowserTransportOptions {
  token: string
  /** The signed-in user's session token, sent with each call (none before sign-in). */
  sessions?: SessionTokens
  fetch: typeof fetch
  openEventSource: (url: string) => EventSourceLike
}

export function createBrowserClient({ token, sessions, fetch, openEventSource }: BrowserTransportOptions): AppClient {
  async function invoke(method: Method, input: unknown): Promise<Result<unknown>> {
    let response: Response
    try {
      response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [ACCESS_TOKEN_HEADER]: token, ...sessionHeader(sessions?.get() ?? null) },
        body: JSON.stringify(input),
      })
    } catch (error) {
      return err('internal', `The app did not answer: ${describe(error)}`)
    }
    // The server answers every API call, refusals included, with a Result body.
    const body: unknown = await response.json().catch(() => null)
    return isResult(body) ? body : err('internal', `The app answered HTTP ${response.status} without a result.`)
  }

  // One stream for all listeners, opened on first use and closed with the last.
  let source: EventSourceLike | null = null
  let listenerCount = 0

  function subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
    source ??= openEventSource(`/api/events?token=${encodeURIComponent(token)}`)
    const stream = source
    const onMessage = (message: MessageEvent<string>) => {
      let payload: unknown
      try {
        payload = JSON.parse(message.data)
      } catch {
        return
      }
      listener(payload)
    }
    stream.addEventListener(event, onMessage)
    listenerCount += 1
    let subscribed = true
    return () => {
      if (!subscribed) return
      subscribed = false
      stream.removeEventListener(event, onMessage)
      listenerCount -= 1
      if (listenerCount === 0) {
        stream.close()
        source = null
      }
    }
  }

  // A busy workspace (an import is writing) is waited out here, not shown to the coder.
  return createClient(retryWhileBusy(invoke), subscribe)
}

function sessionHeader(session: string | null): Record<string, string> {
  return session ? { [SESSION_HEADER]: session } : {}
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false
  if (value.ok === true) return 'value' in value
  return value.ok === false && 'error' in value && typeof value.error === 'object' && value.error !== null
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
