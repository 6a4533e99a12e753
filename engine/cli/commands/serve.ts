import { AppFailure } from '../../../contract/result.js'
import { rendererDir } from '../../host/app-paths.js'
import { startBrowserHost } from '../../host/browser-server.js'
import type { BrowserHost } from '../../host/browser-server.js'
import { startSupervisedEngine } from '../../host/engine-supervisor.js'
import { checkRequestedIdleLock, idleLockMinutes } from '../../host/idle-lock.js'
import { readLimits } from '../../limits/limits.js'
import { machinePolicy } from '../../policy/machine-policy.js'
import { openWorkspace } from '../../workspace/workspace.js'
import { JSON_OPTION, WORKSPACE_OPTION, numberOption, requireString } from '../command.js'
import type { Command } from '../command.js'

export const serveCommand: Command<{ url: string; port: number; idleLockMinutes: number }> = {
  name: ['serve'],
  // Each person signs in to the app itself; serving it signs nobody in.
  access: 'none',
  summary: 'Serve the app to a browser on 127.0.0.1 (browser mode), with a per-run access token in the URL; users sign in there.',
  options: {
    workspace: WORKSPACE_OPTION,
    port: { type: 'string', description: 'port on 127.0.0.1 (default: any free port)' },
    'idle-lock-minutes': { type: 'string', description: "minutes without activity before a session locks (default: the machine policy's idleLockMinutes, 15; never longer than a policy file sets)" },
    json: JSON_OPTION,
  },
  async run(options) {
    const loaded = machinePolicy()
    const { source, policy } = loaded
    if (!policy.allowBrowserMode) {
      throw new AppFailure('forbidden', `Browser mode is switched off on this machine by its policy (${source}: "allowBrowserMode": false). Use the desktop app.`)
    }
    const workspaceDir = requireString(options, 'workspace')
    // Fractions are allowed: the e2e suite locks after 0.05 minutes (3 s). A policy file's lock is the longest allowed.
    const requestedLock = numberOption(options, 'idle-lock-minutes', { min: 0.01, max: 24 * 60 })
    checkRequestedIdleLock(requestedLock, loaded)
    const idleLock = idleLockMinutes(requestedLock, loaded)
    const port = numberOption(options, 'port', { min: 0, max: 65_535, whole: true })
    const settings = readServeSettings(workspaceDir)
    const engine = startSupervisedEngine({ workspaceDir, ...(requestedLock === undefined ? {} : { idleLockMinutes: requestedLock }) })
    await engine.ready
    let host: BrowserHost
    try {
      host = await startBrowserHost({ engine, rendererDir: rendererDir(), maxBodyBytes: settings.maxBodyBytes, ...(port === undefined ? {} : { port }) })
    } catch (error) {
      // The engine process would keep the CLI alive: stop it before reporting.
      await engine.stop()
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new AppFailure('conflict', `Port ${port} on 127.0.0.1 is already in use by another program: choose another --port, or leave it out to take any free one.`)
      }
      throw error
    }
    const stop = () => {
      void host.close().then(() => engine.stop()).then(() => process.exit(0))
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    return { url: host.url, port: host.port, idleLockMinutes: idleLock }
  },
  describe: (result) => [
    'CliniCoCo is running in browser mode (the Electron window is not available on this machine).',
    `Open: ${result.url}`,
    `Sign in there with your account (sessions lock after ${result.idleLockMinutes} idle minutes). Press Ctrl+C to stop.`,
  ],
}

function readServeSettings(workspaceDir: string): { maxBodyBytes: number } {
  const workspace = openWorkspace(workspaceDir, { readonly: true })
  try {
    return { maxBodyBytes: readLimits(workspace.database).requestBodyBytes }
  } finally {
    workspace.close()
  }
}
