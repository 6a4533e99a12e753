import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectApp } from './app-client.js'
import type { AppBridge } from './app-client.js'
import { TOKEN_STORAGE_KEY } from './browser-transport.js'
import { tabSessionTokens } from './session-token.js'

const noSession = () => tabSessionTokens(null)

afterEach(() => {
  delete window.app
  sessionStorage.clear()
  history.replaceState(null, '', '/')
})

describe('connectApp', () => {
  it('uses the preload bridge when the Electron window exposes one', async () => {
    const getWorkspace = vi.fn(async () => ({ ok: false as const, error: { code: 'internal' as const, message: 'x' } }))
    window.app = { getWorkspace, on: vi.fn(() => () => {}) } as unknown as AppBridge

    const sessions = noSession()
    const connection = connectApp(window, sessions)

    expect(connection.kind === 'connected' && connection.transport).toBe('electron')
    if (connection.kind === 'connected') await connection.client.getWorkspace({})
    expect(getWorkspace).toHaveBeenCalledWith({}, null)
    // After sign-in, every call carries the session token.
    sessions.set('session-1')
    if (connection.kind === 'connected') await connection.client.getWorkspace({})
    expect(getWorkspace).toHaveBeenLastCalledWith({}, 'session-1')
  })

  it('turns a rejected bridge call into an error value', async () => {
    window.app = {
      openRecord: async () => Promise.reject(new Error('IPC channel closed')),
      on: () => () => {},
    } as unknown as AppBridge
    const connection = connectApp(window, noSession())
    if (connection.kind !== 'connected') throw new Error('expected a connection')
    expect(await connection.client.openRecord({ recordId: 'R-1' })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'IPC channel closed' },
    })
  })

  it('connects over HTTP with the fragment token and strips it from the URL', () => {
    history.replaceState(null, '', '/#token=run-token')
    const connection = connectApp(window, noSession())
    expect(connection.kind === 'connected' && connection.transport).toBe('browser')
    expect(location.hash).toBe('')
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('run-token')
  })

  it('is not fooled by an element with id="app", which HTML exposes as window.app', () => {
    window.app = document.createElement('div') as unknown as AppBridge
    history.replaceState(null, '', '/#token=run-token')
    const connection = connectApp(window, noSession())
    expect(connection.kind === 'connected' && connection.transport).toBe('browser')
  })

  it('reports a missing token instead of calling the app without one', () => {
    expect(connectApp(window, noSession())).toEqual({ kind: 'missing-token' })
  })
})
