import { AppFailure } from '../../../contract/result.js'
import { rendererDir } from '../../host/app-paths.js'
import { startBrowserHost } from '../../host/browser-server.js'
import { startEngineProcess } from '../../host/engine-client.js'
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
    const workspaceDir = requireString(options, 'workspace')
    const userId = optionalString(options, 'user') ?? readDefaultUser(workspaceDir)
    const engine = startEngineProcess({ workspaceDir, userId })
    await engine.ready
    const port = numberOption(options, 'port', { min: 0, max: 65_535, whole: true })
    const host = await startBrowserHost({ engine, rendererDir: rendererDir(), ...(port === undefined ? {} : { port }) })
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

function readDefaultUser(workspaceDir: string): string {
  const workspace = openWorkspace(workspaceDir)
  try {
    const userId = defaultUserId(workspace.database)
    if (!userId) throw new AppFailure('not-found', 'The workspace has no users yet; pass --user or create the demo with `clinicoco demo`.')
    return userId
  } finally {
    workspace.close()
  }
}
