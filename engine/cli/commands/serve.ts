import { DEFAULT_IDLE_LOCK_MINUTES } from '../../auth/auth-policy.js'
import { rendererDir } from '../../host/app-paths.js'
import { startBrowserHost } from '../../host/browser-server.js'
import { startEngineProcess } from '../../host/engine-client.js'
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
    'idle-lock-minutes': { type: 'string', description: `minutes without activity before a session locks (default ${DEFAULT_IDLE_LOCK_MINUTES})` },
    json: JSON_OPTION,
  },
  async run(options) {
    const workspaceDir = requireString(options, 'workspace')
    // Fractions are allowed: the e2e suite locks after 0.05 minutes (3 s).
    const idleLockMinutes = numberOption(options, 'idle-lock-minutes', { min: 0.01, max: 24 * 60 }) ?? DEFAULT_IDLE_LOCK_MINUTES
    const engine = startEngineProcess({ workspaceDir, idleLockMinutes })
    await engine.ready
    const port = numberOption(options, 'port', { min: 0, max: 65_535, whole: true })
    const host = await startBrowserHost({ engine, rendererDir: rendererDir(), ...(port === undefined ? {} : { port }) })
    const stop = () => {
      void host.close().then(() => engine.stop()).then(() => process.exit(0))
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    return { url: host.url, port: host.port, idleLockMinutes }
  },
  describe: (result) => [
    'CliniCoCo is running in browser mode (the Electron window is not available on this machine).',
    `Open: ${result.url}`,
    `Sign in there with your account (sessions lock after ${result.idleLockMinutes} idle minutes). Press Ctrl+C to stop.`,
  ],
}
