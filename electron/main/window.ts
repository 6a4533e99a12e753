/**
 * The one window factory. Every security setting of the renderer lives here:
 * an isolated, sandboxed page without Node, that cannot open windows, navigate
 * away from the app, ask for permissions or run code the CSP does not allow.
 */
import { BrowserWindow } from 'electron'
import type { Session, WebContents, WebPreferences } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../../contract/security.js'
import { APP_ENTRY_URL, isAppUrl } from './app-protocol.js'

export const DEFAULT_WINDOW_SIZE = { width: 1366, height: 768 } as const
export const MIN_WINDOW_SIZE = { width: 1024, height: 700 } as const

export interface MainWindowOptions {
  /** Absolute path of the bundled preload (`dist/electron/preload/preload.cjs`). */
  preloadPath: string
  /** Developer tools: on in development, off in a packaged build. */
  devTools: boolean
}

export function secureWebPreferences(options: MainWindowOptions): WebPreferences {
  return {
    preload: options.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: options.devTools,
  }
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...DEFAULT_WINDOW_SIZE,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'CliniCoCo Workstation',
    show: false,
    webPreferences: secureWebPreferences(options),
  })
  hardenSession(window.webContents.session)
  guardWebContents(window.webContents)
  window.once('ready-to-show', () => window.show())
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error('[window] the renderer did not load:', error)
  })
  return window
}

/** Denies every permission and puts the CSP on every response the session receives. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  // The app scheme's handler sets the CSP itself; this covers any other response.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) })
  })
}

/** Response headers with any CSP the response brought replaced by ours. */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY]
  return result
}

function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  const stayOnApp = (event: { url: string; preventDefault(): void }): void => {
    if (!isAppUrl(event.url)) event.preventDefault()
  }
  contents.on('will-navigate', stayOnApp)
  contents.on('will-redirect', stayOnApp)
  contents.on('will-attach-webview', (event) => event.preventDefault())
}
