import { describe, expect, it, vi } from 'vitest'
import { createBrowserClient, takeAccessToken, TOKEN_STORAGE_KEY } from './browser-transport.js'
import type { EventSourceLike } from './browser-transport.js'
import { tabSessionTokens } from './session-token.js'
import { decision } from './testing/fixtures.js'

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial))
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  }
}

function tokenSources(hash: string, stored: Record<string, string> = {}) {
  const replaceState = vi.fn()
  return {
    location: { hash, pathname: '/', search: '?lang=zh' },
    history: { replaceState, state: null },
    storage: memoryStorage(stored),
    replaceState,
  }
}

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

/** An EventSource stand-in that a test can push named events through. */
class FakeEventSource implements EventSourceLike {
  readonly listeners = new Map<string, Set<(event: MessageEvent<string>) => void>>()
  closed = false
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    const set = this.listeners.get(type) ?? new Set()
    set.add(listener)
    this.listeners.set(type, set)
  }
  removeEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.get(type)?.delete(listener)
  }
  close() {
    this.closed = true
  }
  push(type: string, data: string) {
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data }))
  }
}

describe('takeAccessToken', () => {
  it('reads the token from the fragment, keeps it for this tab and hides it from the address bar', () => {
    const sources = tokenSources('#token=abc123')
    expect(takeAccessToken(sources)).toBe('abc123')
    expect(sources.storage.getItem(TOKEN_STORAGE_KEY)).toBe('abc123')
    expect(sources.replaceState).toHaveBeenCalledWith(null, '', '/?lang=zh')
  })

  it('falls back to the token kept in the session, so a reload keeps working', () => {
    const sources = tokenSources('', { [TOKEN_STORAGE_KEY]: 'kept' })
    expect(takeAccessToken(sources)).toBe('kept')
    expect(sources.replaceState).not.toHaveBeenCalled()
  })

  it('prefers a fresh fragment token over an old one from an earlier run', () => {
    const sources = tokenSources('#token=new', { [TOKEN_STORAGE_KEY]: 'old' })
    expect(takeAccessToken(sources)).toBe('new')
    expect(sources.storage.getItem(TOKEN_STORAGE_KEY)).toBe('new')
  })

  it('returns null when there is no token anywhere', () => {
    expect(takeAccessToken(tokenSources('#other=1'))).toBeNull()
  })
})

describe('createBrowserClient', () => {
  it('posts JSON with the access token header and returns the result body', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => jsonResponse({ ok: true, value: { total: 0, items: [] } }))
    const client = createBrowserClient({ token: 'secret', fetch, openEventSource: (url) => new FakeEventSource(url) })

    const result = await client.listRecords({ status: 'todo', offset: 50, limit: 50 })

    expect(result).toEqual({ ok: true, value: { total: 0, items: [] } })
    const [url, init] = fetch.mock.calls[0] ?? []
    expect(url).toBe('/api/listRecords')
    expect(init?.method).toBe('POST')
    expect(init?.headers).toEqual({ 'content-type': 'application/json', 'x-clinicoco-token': 'secret' })
    expect(JSON.parse(String(init?.body))).toEqual({ status: 'todo', offset: 50, limit: 50 })
  })

  it('sends the signed-in session token with each call once there is one', async () => {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => jsonResponse({ ok: true, value: {} }))
    const sessions = tabSessionTokens(null)
    const client = createBrowserClient({ token: 'secret', sessions, fetch, openEventSource: (url) => new FakeEventSource(url) })
    await client.getSignInState({})
    sessions.set('session-7')
    await client.getWorkspace({})
    expect(fetch.mock.calls.map(([, init]) => init?.headers)).toEqual([
      { 'content-type': 'application/json', 'x-clinicoco-token': 'secret' },
      { 'content-type': 'application/json', 'x-clinicoco-token': 'secret', 'x-clinicoco-session': 'session-7' },
    ])
  })

  it('passes on a refusal the server sent as a result', async () => {
    const refusal = { ok: false, error: { code: 'forbidden', message: 'Missing or wrong access token.' } }
    const client = createBrowserClient({
      token: 'wrong',
      fetch: async () => jsonResponse(refusal, 401),
      openEventSource: (url) => new FakeEventSource(url),
    })
    expect(await client.getWorkspace({})).toEqual(refusal)
  })

  it('turns a network failure or a non-result answer into an error value instead of throwing', async () => {
    const offline = createBrowserClient({
      token: 't',
      fetch: async () => {
        throw new TypeError('Failed to fetch')
      },
      openEventSource: (url) => new FakeEventSource(url),
    })
    expect(await offline.getWorkspace({})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'The app did not answer: Failed to fetch' },
    })

    const proxyPage = createBrowserClient({
      token: 't',
      fetch: async () => new Response('<html>Bad gateway</html>', { status: 502 }),
      openEventSource: (url) => new FakeEventSource(url),
    })
    expect(await proxyPage.getWorkspace({})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'The app answered HTTP 502 without a result.' },
    })
  })

  it('delivers named server events to listeners and closes the stream with the last one', () => {
    const sources: FakeEventSource[] = []
    const client = createBrowserClient({
      token: 'a b',
      fetch: vi.fn(),
      openEventSource: (url) => {
        const source = new FakeEventSource(url)
        sources.push(source)
        return source
      },
    })
    const first = vi.fn()
    const second = vi.fn()
    const stopFirst = client.on('decisionSubmitted', first)
    const stopSecond = client.on('decisionSubmitted', second)

    const payload = decision({ version: 3 })
    sources[0]?.push('decisionSubmitted', JSON.stringify(payload))

    expect(sources).toHaveLength(1)
    expect(sources[0]?.url).toBe('/api/events?token=a%20b')
    expect(first).toHaveBeenCalledWith(payload)
    expect(second).toHaveBeenCalledWith(payload)

    stopFirst()
    expect(sources[0]?.closed).toBe(false)
    stopSecond()
    expect(sources[0]?.closed).toBe(true)
  })
})
