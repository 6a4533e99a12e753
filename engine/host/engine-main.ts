/**
 * Entry point of the engine process. It speaks the host protocol over whichever
 * transport started it: Electron's utilityProcess (`process.parentPort`) in the
 * app, or Node's child-process IPC channel in browser mode and in tests.
 */
import type { EventName } from '../../contract/api.js'
import { AppFailure } from '../../contract/result.js'
import { startBackupTimer } from '../backup/backup-timer.js'
import { holdWorkspaceModel } from '../coding/workspace-model.js'
import { verifyPinnedModel } from '../model-trust/verify-pinned-model.js'
import { machinePolicy } from '../policy/machine-policy.js'
import { openWorkspace } from '../workspace/workspace.js'
import { CHECKPOINT_INTERVAL_MS, writeCheckpoint } from '../audit/checkpoints.js'
import { SessionStore } from '../auth/session-store.js'
import { createEngineCalls } from './engine-calls.js'
import { idleLockMinutes } from './idle-lock.js'
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
  let policy: ReturnType<typeof machinePolicy>
  try {
    // A policy IT installed but the app cannot apply stops the engine (fail closed, the file and key named).
    policy = machinePolicy()
    workspace = openWorkspace(options.workspaceDir)
  } catch (error) {
    const message = error instanceof AppFailure || error instanceof Error ? error.message : String(error)
    channel.send({ type: 'fatal', message })
    process.exitCode = 2
    return
  }
  // Checked at every load: files, pinned manifest hash, signature under the policy, golden outputs.
  const model = holdWorkspaceModel(workspace, async () => (await verifyPinnedModel(workspace, policy.policy.models))?.bundle.dir ?? null)
  const call = createEngineCalls({
    workspace,
    model,
    policy,
    // The machine policy's idle lock, unless the host asked for a shorter one (idle-lock.ts).
    sessions: new SessionStore({ idleLockMinutes: idleLockMinutes(options.idleLockMinutes, policy) }),
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
  const backups = policy.policy.backup
  if (backups) startBackupTimer(workspace, backups, (line) => process.stderr.write(`${line}\n`))
}

main()
