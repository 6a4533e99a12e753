/**
 * Entry point of the engine process. It speaks the host protocol over whichever
 * transport started it: Electron's utilityProcess (`process.parentPort`) in the
 * app, or Node's child-process IPC channel in browser mode and in tests.
 */
import type { EventName } from '../../contract/api.js'
import { AppFailure } from '../../contract/result.js'
import { holdWorkspaceModel } from '../coding/workspace-model.js'
import { openWorkspace } from '../workspace/workspace.js'
import { CHECKPOINT_INTERVAL_MS, writeCheckpoint } from '../audit/checkpoints.js'
import { DEFAULT_IDLE_LOCK_MINUTES } from '../auth/auth-policy.js'
import { SessionStore } from '../auth/session-store.js'
import { createEngineCalls } from './engine-calls.js'
import type { EngineStartOptions, EngineToHost, HostToEngine } from './protocol.js'

interface ParentPort {
  on(event: 'message', listener: (message: { data: HostToEngine }) => void): void
  postMessage(message: EngineToHost): void
}

function connect(): { send(message: EngineToHost): void; onMessage(listener: (message: HostToEngine) => void): void } {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
    }
  }
  if (process.send) {
    return {
      send: (message) => process.send?.(message),
      onMessage: (listener) => process.on('message', (message) => listener(message as HostToEngine)),
    }
  }
  throw new Error('The engine must be started by a host (Electron utilityProcess or a Node child process with IPC).')
}

function main(): void {
  const channel = connect()
  let options: EngineStartOptions
  try {
    options = JSON.parse(process.argv[2] ?? '') as EngineStartOptions
  } catch {
    channel.send({ type: 'fatal', message: 'The engine was started without its options (argv[2] as JSON).' })
    process.exit(2)
  }
  let workspace: ReturnType<typeof openWorkspace>
  try {
    workspace = openWorkspace(options.workspaceDir)
  } catch (error) {
    const message = error instanceof AppFailure || error instanceof Error ? error.message : String(error)
    channel.send({ type: 'fatal', message })
    process.exitCode = 2
    return
  }
  const model = holdWorkspaceModel(workspace)
  const call = createEngineCalls({
    workspace,
    model,
    sessions: new SessionStore({ idleLockMinutes: options.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES }),
    emit: (event: EventName, payload: unknown) => channel.send({ type: 'event', event, payload }),
  })
  // While idle after a burst of calls, the last rows still get their signed checkpoint.
  const checkpoints = setInterval(() => {
    try {
      writeCheckpoint(workspace.database)
    } catch (error) {
      console.error('[engine] audit checkpoint failed:', error)
    }
  }, CHECKPOINT_INTERVAL_MS)
  checkpoints.unref()
  channel.onMessage((message) => {
    if (message.type === 'shutdown') {
      clearInterval(checkpoints)
      void model.close().finally(() => {
        workspace.close()
        process.exit(0)
      })
      return
    }
    void call(message.method, message.input, message.session).then((result) =>
      channel.send({ type: 'response', id: message.id, result }),
    )
  })
  channel.send({ type: 'ready' })
}

main()
