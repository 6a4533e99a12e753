import { beforeEach, describe, expect, it, vi } from 'vitest'
import { api } from '../../contract/api.js'
import type { AppClient } from '../../contract/client.js'

type IpcListener = (event: unknown, ...args: unknown[]) => void

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invokes: [] as Array<{ channel: string; input: unknown; session: unknown }>,
  invokeResult: undefined as unknown,
  listeners: new Map<string, IpcListener[]>(),
}))

const ipcRenderer = vi.hoisted(() => ({
  invoke: async (channel: string, input: unknown, session: unknown) => {
    fake.invokes.push({ channel, input, session })
    if (fake.invokeResult instanceof Error) throw fake.invokeResult
    return fake.invokeResult
  },
  on: (channel: string, listener: IpcListener) => {
    fake.listeners.set(channel, [...(fake.listeners.get(channel) ?? []), listener])
    return ipcRenderer
  },
  send: () => {},
  sendSync: () => {},
}))

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => fake.exposed.set(key, value) },
  ipcRenderer,
}))

await import('./preload.js')
const app = fake.exposed.get('app') as AppClient

function emitFromMain(...args: unknown[]): void {
  const ipcEvent = { sender: ipcRenderer, senderId: 0, ports: [] }
  for (const listener of fake.listeners.get('app:event') ?? []) listener(ipcEvent, ...args)
}

beforeEach(() => {
  fake.invokes.length = 0
  fake.invokeResult = { ok: true, value: 'answer' }
})

describe('the preload', () => {
  it('exposes only window.app', () => {
    expect([...fake.exposed.keys()]).toEqual(['app'])
  })

  it('exposes exactly the contract methods and on, all plain functions, and nothing of Electron', () => {
    expect(Object.keys(app).sort()).toEqual([...Object.keys(api), 'on'].sort())
    for (const value of Object.values(app)) {
      expect(typeof value).toBe('function')
      expect(Object.values(ipcRenderer)).not.toContain(value)
    }
    expect(Object.values(app)).not.toContain(ipcRenderer)
    expect(Object.isFrozen(app)).toBe(true)
  })

  it('turns each method call into one invoke on app:<method> and returns its result', async () => {
    expect(await app.openRecord({ recordId: 'r1' })).toEqual({ ok: true, value: 'answer' })
    expect(await app.searchCodes({ query: 'pneumonia' })).toEqual({ ok: true, value: 'answer' })
    // The renderer's session token rides along as the second argument; nothing else does.
    const withSession = app.getWorkspace as unknown as (input: unknown, session: unknown) => Promise<unknown>
    await withSession({}, 'session-token-1')
    await withSession({}, { not: 'a token' })
    expect(fake.invokes).toEqual([
      { channel: 'app:openRecord', input: { recordId: 'r1' }, session: null },
      { channel: 'app:searchCodes', input: { query: 'pneumonia' }, session: null },
      { channel: 'app:getWorkspace', input: {}, session: 'session-token-1' },
      { channel: 'app:getWorkspace', input: {}, session: null },
    ])
  })

  it('turns a failed invoke into an error value', async () => {
    fake.invokeResult = new Error("No handler registered for 'app:getWorkspace'")
    expect(await app.getWorkspace({})).toEqual({
      ok: false,
      error: { code: 'internal', message: "getWorkspace failed: No handler registered for 'app:getWorkspace'" },
    })
  })
})

describe('window.app.on', () => {
  it('rejects an event the contract does not name', () => {
    const listener = vi.fn()
    expect(() => app.on('toString' as never, listener)).toThrow(/Unknown event "toString"/)
    expect(() => app.on('app:openRecord' as never, listener)).toThrow(/Unknown event/)
  })

  it('rejects a listener that is not a function', () => {
    expect(() => app.on('decisionSubmitted', 'alert(1)' as never)).toThrow(TypeError)
  })

  it('passes the listener the payload only, never the IpcRendererEvent', () => {
    const listener = vi.fn()
    const unsubscribe = app.on('decisionSubmitted', listener)
    emitFromMain('decisionSubmitted', { recordId: 'r1' })
    expect(listener.mock.calls).toEqual([[{ recordId: 'r1' }]])
    unsubscribe()
  })

  it('delivers only the subscribed event and stops after unsubscribe', () => {
    const listener = vi.fn()
    const unsubscribe = app.on('decisionSubmitted', listener)
    emitFromMain('somethingElse', { secret: true })
    emitFromMain('decisionSubmitted', 1)
    unsubscribe()
    emitFromMain('decisionSubmitted', 2)
    expect(listener.mock.calls).toEqual([[1]])
  })

  it('keeps delivering to other listeners when one throws', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const healthy = vi.fn()
    const unsubscribeFaulty = app.on('decisionSubmitted', () => {
      throw new Error('render failed')
    })
    const unsubscribeHealthy = app.on('decisionSubmitted', healthy)
    emitFromMain('decisionSubmitted', 3)
    expect(healthy).toHaveBeenCalledWith(3)
    unsubscribeFaulty()
    unsubscribeHealthy()
    vi.restoreAllMocks()
  })

  it('listens on the event channel once, however many subscriptions there are', () => {
    const unsubscribers = [app.on('decisionSubmitted', vi.fn()), app.on('decisionSubmitted', vi.fn())]
    expect([...fake.listeners.keys()]).toEqual(['app:event'])
    expect(fake.listeners.get('app:event')).toHaveLength(1)
    for (const unsubscribe of unsubscribers) unsubscribe()
  })
})
