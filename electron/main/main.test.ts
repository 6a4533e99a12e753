import type { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api } from '../../contract/api.js'
import { ENGINE_MAIN } from '../../engine/host/engine-client.js'

/** Records what the lifecycle asks of Electron, in order. */
const fake = vi.hoisted(() => ({
  calls: [] as string[],
  lockGranted: true,
  children: [] as Array<{ args: string[]; posted: unknown[]; emit(event: string, ...args: unknown[]): boolean }>,
  windows: [] as Array<{ options: { webPreferences: { preload: string } }; reloads: number }>,
  handlers: [] as string[],
  messageBoxResponse: 0,
  messageBoxes: [] as unknown[],
  errorBoxes: [] as string[][],
  sent: [] as unknown[][],
  app: undefined as undefined | (EventEmitter & { ready(): void }),
}))

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events')
  let resolveReady: () => void = () => {}
  const whenReady = new Promise<void>((resolve) => (resolveReady = resolve))
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    ready: () => resolveReady(),
    whenReady: () => {
      fake.calls.push('whenReady')
      return whenReady
    },
    requestSingleInstanceLock: () => {
      fake.calls.push('requestSingleInstanceLock')
      return fake.lockGranted
    },
    enableSandbox: () => fake.calls.push('enableSandbox'),
    getPath: (name: string) => `/home/coder/.config/clinicoco-${name}`,
    quit: () => fake.calls.push('quit'),
    exit: () => fake.calls.push('exit'),
  })
  fake.app = app
  class BrowserWindow extends EventEmitter {
    readonly record: (typeof fake.windows)[number]
    readonly webContents = {
      session: {
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
        webRequest: { onHeadersReceived: () => {} },
      },
      setWindowOpenHandler: () => {},
      on: () => {},
      getURL: () => 'app://clinicoco/index.html',
      send: (...args: unknown[]) => fake.sent.push(args),
    }
    constructor(options: (typeof fake.windows)[number]['options']) {
      super()
      this.record = { options, reloads: 0 }
      fake.windows.push(this.record)
      fake.calls.push('createWindow')
    }
    loadURL = async () => {}
    reload = () => this.record.reloads++
    isDestroyed = () => false
  }
  class UtilityProcess extends EventEmitter {
    readonly posted: unknown[] = []
    constructor(readonly args: string[]) {
      super()
    }
    postMessage(message: { type: string }) {
      this.posted.push(message)
      if (message.type === 'shutdown') setImmediate(() => this.emit('exit', 0))
    }
    kill() {}
  }
  return {
    app,
    BrowserWindow,
    dialog: {
      showErrorBox: (title: string, content: string) => fake.errorBoxes.push([title, content]),
      showMessageBox: async (_window: unknown, options: unknown) => {
        fake.messageBoxes.push(options)
        return { response: fake.messageBoxResponse }
      },
    },
    ipcMain: { handle: (channel: string) => fake.handlers.push(channel), removeHandler: () => {} },
    protocol: {
      registerSchemesAsPrivileged: () => fake.calls.push('registerSchemesAsPrivileged'),
      handle: (scheme: string) => fake.calls.push(`protocol.handle:${scheme}`),
    },
    utilityProcess: {
      fork: (modulePath: string, args: string[]) => {
        fake.calls.push(`fork:${modulePath}`)
        const child = new UtilityProcess(args)
        fake.children.push(child)
        return child
      },
    },
  }
})

function lastEngine() {
  const child = fake.children.at(-1)
  if (!child) throw new Error('no engine was forked')
  return child
}

async function settle(): Promise<void> {
  for (let round = 0; round < 5; round++) await new Promise((resolve) => setImmediate(resolve))
}

async function startApp(): Promise<NonNullable<typeof fake.app>> {
  await import('./main.js')
  const app = fake.app
  if (!app) throw new Error('electron was not loaded')
  app.ready()
  await settle()
  return app
}

beforeEach(() => {
  vi.resetModules()
  vi.stubEnv('CLINICOCO_WORKSPACE', '/srv/clinicoco/ws')
  vi.stubEnv('CLINICOCO_USER', 'wang.li')
  Object.assign(fake, { calls: [], lockGranted: true, children: [], windows: [], handlers: [], messageBoxResponse: 0 })
  Object.assign(fake, { messageBoxes: [], errorBoxes: [], sent: [] })
})

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('the main process lifecycle', () => {
  it('registers the app scheme and the sandbox before the app is ready, then takes the single-instance lock', async () => {
    await startApp()
    expect(fake.calls.slice(0, 4)).toEqual(['registerSchemesAsPrivileged', 'enableSandbox', 'requestSingleInstanceLock', 'whenReady'])
  })

  it('when ready, serves the renderer, starts the engine on the configured workspace, registers IPC, then opens the window', async () => {
    await startApp()
    expect(fake.calls.slice(4)).toEqual(['protocol.handle:app', `fork:${ENGINE_MAIN}`, 'createWindow'])
    // No user: whoever works signs in at the app's sign-in screen (CLINICOCO_USER is ignored).
    expect(lastEngine().args).toEqual([JSON.stringify({ workspaceDir: '/srv/clinicoco/ws' })])
    expect([...fake.handlers].sort()).toEqual(Object.keys(api).map((method) => `app:${method}`).sort())
    expect(fake.windows[0]?.options.webPreferences.preload).toMatch(/[/\\]dist[/\\]electron[/\\]preload[/\\]preload\.cjs$/)
  })

  it('quits at once when another instance holds the lock', async () => {
    fake.lockGranted = false
    await import('./main.js')
    expect(fake.calls).toEqual(['registerSchemesAsPrivileged', 'enableSandbox', 'requestSingleInstanceLock', 'quit'])
  })

  it('restarts a crashed engine by itself and tells the window, without a dialog or a reload', async () => {
    await startApp()
    lastEngine().emit('message', { type: 'ready' })
    await settle()
    lastEngine().emit('exit', 139)
    await settle()
    expect(fake.children).toHaveLength(2)
    lastEngine().emit('message', { type: 'ready' })
    await settle()
    expect(fake.sent).toEqual([['app:event', 'engineRestarted', expect.objectContaining({ exitCode: 139, restarts: 1 })]])
    expect(fake.messageBoxes).toEqual([])
    expect(fake.windows[0]?.reloads).toBe(0)
    expect(fake.calls).not.toContain('quit')
  })

  async function crashLoop(): Promise<void> {
    await startApp()
    // The first start and three restarts, each crashing: the fourth crash within a minute is one too many.
    for (let start = 0; start < 4; start += 1) {
      lastEngine().emit('message', { type: 'ready' })
      await settle()
      lastEngine().emit('exit', 139)
      await settle()
    }
  }

  it('asks the coder after a crash loop, and restarts the engine and reloads the window when asked', async () => {
    await crashLoop()
    expect(fake.messageBoxes).toEqual([expect.objectContaining({ type: 'error', buttons: ['Restart the engine', 'Quit'] })])
    expect(fake.children).toHaveLength(5)
    expect(fake.windows[0]?.reloads).toBe(1)
    expect(fake.calls).not.toContain('quit')
  })

  it('quits when the coder declines the restart after a crash loop', async () => {
    fake.messageBoxResponse = 1
    await crashLoop()
    expect(fake.children).toHaveLength(4)
    expect(fake.calls.at(-1)).toBe('quit')
  })

  it('explains once and quits when the engine cannot open the workspace', async () => {
    await startApp()
    lastEngine().emit('message', { type: 'fatal', message: 'The database was written by a newer version.' })
    lastEngine().emit('exit', 2)
    await settle()
    expect(fake.errorBoxes).toEqual([
      ['CliniCoCo could not open the workspace', '/srv/clinicoco/ws\n\nThe database was written by a newer version.'],
    ])
    expect(fake.messageBoxes).toEqual([])
    expect(fake.calls.at(-1)).toBe('quit')
  })

  it('stops the engine before quitting, without reporting that exit as a crash', async () => {
    const app = await startApp()
    lastEngine().emit('message', { type: 'ready' })
    await settle()
    const quitEvent = { prevented: false, preventDefault: () => (quitEvent.prevented = true) }
    app.emit('will-quit', quitEvent)
    await settle()
    expect(quitEvent.prevented).toBe(true)
    expect(lastEngine().posted).toEqual([{ type: 'shutdown' }])
    expect(fake.messageBoxes).toEqual([])
    expect(fake.calls.at(-1)).toBe('quit')
  })
})
