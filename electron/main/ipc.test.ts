import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindow } from 'electron'
import { api } from '../../contract/api.js'
import type { EventName, Method } from '../../contract/api.js'
import { err, ok } from '../../contract/result.js'
import type { Result } from '../../contract/result.js'
import type { EngineClient } from '../../engine/host/engine-client.js'

type Handler = (event: unknown, input: unknown, session?: unknown) => Promise<Result<unknown>>

const fake = vi.hoisted(() => ({ handlers: new Map<string, Handler>(), removed: [] as string[] }))

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => {
      if (fake.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
      fake.handlers.set(channel, handler)
    },
    removeHandler: (channel: string) => {
      fake.removed.push(channel)
      fake.handlers.delete(channel)
    },
  },
}))

const { forwardEngineEvents, registerIpc } = await import('./ipc.js')

interface FakeFrame {
  processId: number
  routingId: number
  url: string
  parent: FakeFrame | null
}

const APP_URL = 'app://clinicoco/index.html'

function fakeWindow(): { window: BrowserWindow; mainFrame: FakeFrame; sent: unknown[][]; destroy(): void } {
  const mainFrame: FakeFrame = { processId: 4, routingId: 1, url: APP_URL, parent: null }
  const sent: unknown[][] = []
  let destroyed = false
  const window = {
    isDestroyed: () => destroyed,
    webContents: { id: 7, mainFrame, getURL: () => mainFrame.url, send: (...args: unknown[]) => sent.push(args) },
  }
  return { window: window as unknown as BrowserWindow, mainFrame, sent, destroy: () => (destroyed = true) }
}

function fakeEngine(answer: (method: Method, input: unknown) => Promise<Result<unknown>> = async () => ok('done')) {
  const calls: Array<{ method: Method; input: unknown; session?: string | null }> = []
  const listeners = new Set<(event: EventName, payload: unknown) => void>()
  const engine: EngineClient = {
    ready: Promise.resolve(),
    invoke: (method, input, session) => {
      calls.push({ method, input, ...(session ? { session } : {}) })
      return answer(method, input)
    },
    onEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    stop: async () => {},
  }
  return { engine, calls, emit: (event: EventName, payload: unknown) => listeners.forEach((listener) => listener(event, payload)) }
}

let target = fakeWindow()
let engine = fakeEngine()

function call(method: string, input: unknown, frame: FakeFrame | null = target.mainFrame, senderId = 7, session?: unknown) {
  const handler = fake.handlers.get(`app:${method}`)
  if (!handler) throw new Error(`no handler for ${method}`)
  return handler({ sender: { id: senderId }, senderFrame: frame }, input, session)
}

beforeEach(() => {
  fake.handlers.clear()
  fake.removed.length = 0
  target = fakeWindow()
  engine = fakeEngine()
  registerIpc({ engine: () => engine.engine, window: () => target.window })
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('registerIpc', () => {
  it('registers exactly one handler per contract method, on app:<method>', () => {
    expect([...fake.handlers.keys()].sort()).toEqual(Object.keys(api).map((method) => `app:${method}`).sort())
  })

  it('removes every handler it registered', () => {
    fake.handlers.clear()
    const unregister = registerIpc({ engine: () => engine.engine, window: () => target.window })
    unregister()
    expect(fake.removed.sort()).toEqual(Object.keys(api).map((method) => `app:${method}`).sort())
  })

  it('forwards valid input, with the contract defaults applied, to the engine and returns its result', async () => {
    engine = fakeEngine(async () => ok({ total: 0, items: [] }))
    const result = await call('listRecords', { status: 'todo' })
    expect(result).toEqual(ok({ total: 0, items: [] }))
    expect(engine.calls).toEqual([{ method: 'listRecords', input: { status: 'todo', sort: 'id', offset: 0, limit: 50 } }])
  })

  it('carries the session token to the engine, which judges it; anything but a short string is dropped', async () => {
    await call('getWorkspace', {}, target.mainFrame, 7, 'session-token-1')
    await call('getWorkspace', {}, target.mainFrame, 7, { token: 'not a string' })
    await call('getWorkspace', {}, target.mainFrame, 7, 'x'.repeat(500))
    expect(engine.calls).toEqual([
      { method: 'getWorkspace', input: {}, session: 'session-token-1' },
      { method: 'getWorkspace', input: {} },
      { method: 'getWorkspace', input: {} },
    ])
  })

  it('returns an engine error value unchanged', async () => {
    engine = fakeEngine(async () => err('not-found', 'No record "r9".'))
    expect(await call('openRecord', { recordId: 'r9' })).toEqual(err('not-found', 'No record "r9".'))
  })

  it('rejects invalid input with invalid-input, without calling the engine', async () => {
    const result = await call('openRecord', { recordId: 42 })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(result.ok ? '' : result.error.message).toContain('recordId')
    expect(await call('listRecords', { limit: 10_000 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(engine.calls).toEqual([])
  })

  it.each([
    ['a subframe', (main: FakeFrame): FakeFrame => ({ processId: 4, routingId: 2, url: APP_URL, parent: main })],
    ['a frame of another process', (): FakeFrame => ({ processId: 9, routingId: 1, url: APP_URL, parent: null })],
    ['a page off the app origin', (main: FakeFrame): FakeFrame => ({ ...main, url: 'https://example.org/' })],
    ['a file:// page', (main: FakeFrame): FakeFrame => ({ ...main, url: 'file:///tmp/evil.html' })],
  ])('refuses a call from %s with forbidden', async (_name, frameOf) => {
    const result = await call('getWorkspace', {}, frameOf(target.mainFrame))
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(engine.calls).toEqual([])
  })

  it('refuses a call from another window, a destroyed frame, or once the window is gone', async () => {
    expect(await call('getWorkspace', {}, target.mainFrame, 8)).toMatchObject({ error: { code: 'forbidden' } })
    expect(await call('getWorkspace', {}, null)).toMatchObject({ error: { code: 'forbidden' } })
    target.destroy()
    expect(await call('getWorkspace', {})).toMatchObject({ error: { code: 'forbidden' } })
    expect(engine.calls).toEqual([])
  })

  it('checks the sender before the input, so a foreign frame learns nothing about the schema', async () => {
    const stranger: FakeFrame = { ...target.mainFrame, url: 'https://example.org/' }
    expect(await call('openRecord', { recordId: 42 }, stranger)).toMatchObject({ error: { code: 'forbidden' } })
  })

  it('answers with an error value, never a throw, when the engine fails', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    engine = fakeEngine(async () => {
      throw new Error('channel closed')
    })
    expect(await call('getWorkspace', {})).toEqual(err('internal', 'getWorkspace failed: channel closed'))
  })

  it('answers with an error value when the engine could not start or is not running', async () => {
    const failed = fakeEngine()
    failed.engine.ready = Promise.reject(new Error('The database was written by a newer version.'))
    engine = failed
    expect(await call('getWorkspace', {})).toEqual(
      err('internal', 'The engine could not start: The database was written by a newer version.'),
    )
    fake.handlers.clear()
    registerIpc({ engine: () => null, window: () => target.window })
    expect(await call('getWorkspace', {})).toEqual(err('internal', 'The engine is not running.'))
  })
})

describe('forwardEngineEvents', () => {
  it('sends each engine event to the window as (name, payload) on app:event', () => {
    forwardEngineEvents(engine.engine, () => target.window)
    engine.emit('decisionSubmitted', { recordId: 'r1', version: 2 })
    expect(target.sent).toEqual([['app:event', 'decisionSubmitted', { recordId: 'r1', version: 2 }]])
  })

  it('drops events while the window is gone or shows a page off the app origin', () => {
    forwardEngineEvents(engine.engine, () => target.window)
    target.mainFrame.url = 'https://example.org/'
    engine.emit('decisionSubmitted', {})
    target.destroy()
    engine.emit('decisionSubmitted', {})
    expect(target.sent).toEqual([])
  })
})
