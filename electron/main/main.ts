/**
 * The app's lifecycle: one instance, the engine process, the window, and what
 * happens when the engine stops. Everything else lives in the modules it wires.
 */
import { join } from 'node:path'
import { app, dialog } from 'electron'
import type { BrowserWindow, MessageBoxOptions } from 'electron'
import type { EngineClient } from '../../engine/host/engine-client.js'
import { distDir, rendererDir } from '../../engine/host/app-paths.js'
import { machinePolicy } from '../../engine/policy/machine-policy.js'
import { superviseEngine } from '../../engine/host/engine-supervisor.js'
import { registerAppScheme, serveRenderer } from './app-protocol.js'
import { forkEngine } from './engine-host.js'
import { forwardEngineEvents, registerIpc } from './ipc.js'
import { resolveStartOptions } from './start-options.js'
import { createMainWindow } from './window.js'

/** Built by build/bundle-preload.mjs; always the bundle, also when main runs from source in tests. */
const PRELOAD_PATH = join(distDir(), 'electron/preload/preload.cjs')

let mainWindow: BrowserWindow | null = null
let engine: EngineClient | null = null

/** IT's workspace location from the machine policy; an invalid policy is reported by the engine, which reads it too. */
function policyWorkspaceDir(): string | undefined {
  try {
    return machinePolicy().policy.workspaceDir
  } catch {
    return undefined
  }
}

/**
 * The engine runs supervised: a crash restarts it at once and the window shows
 * a notice (the `engineRestarted` event), so the coder keeps their place. Only
 * a crash loop (engine-supervisor.ts) stops that and asks the coder.
 */
function startEngine(): void {
  const options = resolveStartOptions(process.argv, process.env, app.getPath('userData'), policyWorkspaceDir())
  const client = superviseEngine(() => forkEngine(options, () => undefined), {
    onGiveUp: (code) => {
      if (engine === client) void offerRestart(code)
    },
  })
  engine = client
  forwardEngineEvents(client, () => mainWindow)
  client.ready.catch((error: unknown) => {
    if (engine !== client) return
    engine = null
    const reason = error instanceof Error ? error.message : String(error)
    dialog.showErrorBox('CliniCoCo could not open the workspace', `${options.workspaceDir}\n\n${reason}`)
    app.quit()
  })
}

async function offerRestart(code: number | null): Promise<void> {
  const stopped = engine
  engine = null
  void stopped?.stop()
  const options: MessageBoxOptions = {
    type: 'error',
    title: 'CliniCoCo Workstation',
    message: 'The coding engine keeps stopping unexpectedly.',
    detail: `It was restarted and stopped again several times within a minute (last exit code ${code}). Decisions already submitted are saved; edits not yet submitted may be lost. If this happens again, tell IT.`,
    buttons: ['Restart the engine', 'Quit'],
    defaultId: 0,
    cancelId: 1,
  }
  const { response } = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options)
  if (response !== 0) {
    app.quit()
    return
  }
  startEngine()
  mainWindow?.reload()
}

function focusWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
}

function onReady(): void {
  serveRenderer(rendererDir())
  startEngine()
  registerIpc({ engine: () => engine, window: () => mainWindow })
  mainWindow = createMainWindow({ preloadPath: PRELOAD_PATH, devTools: !app.isPackaged })
  mainWindow.on('closed', () => {
    mainWindow = null
  })
}

registerAppScheme()
app.enableSandbox()
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', focusWindow)
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', (event) => {
    // Let the engine close the database cleanly before the app exits.
    if (engine === null) return
    event.preventDefault()
    const stopping = engine
    engine = null
    void stopping.stop().finally(() => app.quit())
  })
  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => {
      console.error('[main] the app did not start:', error)
      app.exit(1)
    })
}
