import { AppFailure } from '../../../contract/result.js'
import { rendererDir } from '../../host/app-paths.js'
import { startBrowserHost } from '../../host/browser-server.js'
import type { BrowserHost } from '../../host/browser-server.js'
import { startSupervisedEngine } from '../../host/engine-supervisor.js'
import { readLimits } from '../../limits/limits.js'
import { machinePolicy } from '../../policy/machine-policy.js'
import { defaultUserId, openWorkspace } from '../../workspace/workspace.js'
import { JSON_OPTION, WORKSPACE_OPTION, numberOption, optionalString, requireString } from '../command.js'
import type { Command } from '../command.js'

export const serveCommand: Command<{ url: string; port: number }> = {
  name: ['serve'],
  summary: 'Serve the app to a browser on 127.0.0.1 (browser mode), with a per-run access token in the URL.',
  options: {
    workspace: WORKSPACE_OPTION,
    port: { type: 'string', description: 'port on 127.0.0.1 (default: any free port)' },
    user: { type: 'string', description: 'user id to work as (default: the workspace default user)' },
    json: JSON_OPTION,
  },
  async run(options) {
    const { source, policy } = machinePolicy()
    if (!policy.allowBrowserMode) {
      throw new AppFailure('forbidden', `Browser mode is switched off on this machine by its policy (${source}: "allowBrowserMode": false). Use the desktop app.`)
    }
    const workspaceDir = requireString(options, 'workspace')
    const port = numberOption(options, 'port', { min: 0, max: 65_535, whole: true })
    const named = optionalString(options, 'user')
    const settings = readServeSettings(workspaceDir, named)
    const userId = named ?? settings.defaultUser
    const engine = startSupervisedEngine({ workspaceDir, userId })
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
    return { url: host.url, port: host.port }
  },
  describe: (result) => [
    'CliniCoCo is running in browser mode (the Electron window is not available on this machine).',
    `Open: ${result.url}`,
    'Press Ctrl+C to stop.',
  ],
}

function readServeSettings(workspaceDir: string, named: string | undefined): { defaultUser: string; maxBodyBytes: number } {
  const workspace = openWorkspace(workspaceDir, { readonly: true })
  try {
    const userId = named ?? defaultUserId(workspace.database)
    if (!userId) throw new AppFailure('not-found', 'The workspace has no users yet; pass --user or create the demo with `clinicoco demo`.')
    return { defaultUser: userId, maxBodyBytes: readLimits(workspace.database).requestBodyBytes }
  } finally {
    workspace.close()
  }
}
