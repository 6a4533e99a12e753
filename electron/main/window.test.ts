import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../contract/security.js'

type Listener = (...args: unknown[]) => unknown
type HeadersCallback = (response: { responseHeaders: Record<string, string[]> }) => void

const fake = vi.hoisted(() => ({
  windows: [] as Array<{
    options: Record<string, unknown> & { webPreferences: Record<string, unknown> }
    loadedUrls: string[]
    contentsListeners: Map<string, Listener[]>
    windowOpenHandler?: (details: { url: string }) => unknown
  }>,
  permissionRequestHandler: undefined as undefined | ((...args: unknown[]) => void),
  permissionCheckHandler: undefined as undefined | ((...args: unknown[]) => boolean),
  headersListener: undefined as undefined | ((details: { responseHeaders?: Record<string, string[]> }, callback: HeadersCallback) => void),
}))

vi.mock('electron', () => {
  const session = {
    setPermissionRequestHandler: (handler: (...args: unknown[]) => void) => (fake.permissionRequestHandler = handler),
    setPermissionCheckHandler: (handler: (...args: unknown[]) => boolean) => (fake.permissionCheckHandler = handler),
    webRequest: { onHeadersReceived: (listener: typeof fake.headersListener) => (fake.headersListener = listener) },
  }
  class BrowserWindow {
    readonly record: (typeof fake.windows)[number]
    readonly webContents: unknown
    constructor(options: (typeof fake.windows)[number]['options']) {
      const record: (typeof fake.windows)[number] = { options, loadedUrls: [], contentsListeners: new Map() }
      this.record = record
      fake.windows.push(record)
      this.webContents = {
        session,
        setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => (record.windowOpenHandler = handler),
        on: (event: string, listener: Listener) => {
          record.contentsListeners.set(event, [...(record.contentsListeners.get(event) ?? []), listener])
        },
      }
    }
    once(): void {}
    loadURL(url: string): Promise<void> {
      this.record.loadedUrls.push(url)
      return Promise.resolve()
    }
  }
  return { BrowserWindow, protocol: {} }
})

const { createMainWindow } = await import('./window.js')

function openWindow(): (typeof fake.windows)[number] {
  createMainWindow({ preloadPath: '/app/dist/electron/preload/preload.cjs', devTools: false })
  const record = fake.windows.at(-1)
  if (!record) throw new Error('no window was created')
  return record
}

function navigationEvent(url: string): { url: string; prevented: boolean; preventDefault(): void } {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true
    },
  }
}

function emit(record: (typeof fake.windows)[number], event: string, payload: unknown): void {
  for (const listener of record.contentsListeners.get(event) ?? []) listener(payload)
}

beforeEach(() => {
  fake.windows.length = 0
})

describe('createMainWindow', () => {
  it('isolates and sandboxes the renderer with every security flag set', () => {
    const preferences = openWindow().options.webPreferences
    expect(preferences).toMatchObject({
      preload: '/app/dist/electron/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    })
  })

  it('opens at 1366×768 and cannot be made smaller than 1024×700', () => {
    expect(openWindow().options).toMatchObject({ width: 1366, height: 768, minWidth: 1024, minHeight: 700 })
  })

  it('loads the renderer from the app origin, not from file://', () => {
    expect(openWindow().loadedUrls).toEqual(['app://clinicoco/index.html'])
  })

  it('denies every request to open a new window', () => {
    const record = openWindow()
    expect(record.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' })
    expect(record.windowOpenHandler?.({ url: 'app://clinicoco/index.html' })).toEqual({ action: 'deny' })
  })

  it.each(['will-navigate', 'will-redirect'])('blocks %s away from the app origin', (event) => {
    const record = openWindow()
    for (const url of ['https://example.org/', 'file:///etc/passwd', 'app://other-host/index.html', 'javascript:alert(1)']) {
      const navigation = navigationEvent(url)
      emit(record, event, navigation)
      expect(navigation.prevented, url).toBe(true)
    }
  })

  it('lets the page move within its own origin', () => {
    const record = openWindow()
    const navigation = navigationEvent('app://clinicoco/index.html#/records')
    emit(record, 'will-navigate', navigation)
    expect(navigation.prevented).toBe(false)
  })

  it('refuses to attach a webview', () => {
    const record = openWindow()
    const attach = navigationEvent('')
    emit(record, 'will-attach-webview', attach)
    expect(attach.prevented).toBe(true)
  })

  it('denies every permission request and permission check', () => {
    openWindow()
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn()
      fake.permissionRequestHandler?.({}, permission, callback, {})
      expect(callback).toHaveBeenCalledWith(false)
      expect(fake.permissionCheckHandler?.(null, permission, 'app://clinicoco', {})).toBe(false)
    }
  })

  it('puts the app CSP on every response, replacing any CSP the response brought', () => {
    openWindow()
    const callback = vi.fn<HeadersCallback>()
    fake.headersListener?.(
      { responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-inline'"], 'Content-Type': ['text/html'] } },
      callback,
    )
    const headers = callback.mock.calls[0]?.[0].responseHeaders
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
  })
})

describe('the Content Security Policy', () => {
  it('allows no inline code and no eval, and scripts only from the app itself', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/)
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/(^|[\s;])\*|https?:/)
  })
})
