/**
 * Keeps the engine process running: when it dies without having been asked to
 * stop (a native crash, the kernel's OOM killer), a new one is started on the
 * same workspace and every window hears `engineRestarted`, so the coder is
 * told rather than left facing "the engine is not running" on every click.
 * Used by browser mode (`clinicoco serve`) and by Electron's main process alike.
 *
 * - The call in flight when the engine died is answered with an error (it may
 *   be the call that crashed it, so it is never retried by itself).
 * - An engine that never became ready (it could not open the workspace) is not
 *   restarted: it would fail the same way.
 * - A crash loop ends: after `maxRestarts` restarts within `windowMs`, calls are
 *   answered with an error that says so and `onGiveUp` runs.
 */
import type { EngineRestartNotice, EventName, Method } from '../../contract/api.js'
import { err } from '../../contract/result.js'
import type { Result } from '../../contract/result.js'
import { startEngineProcess } from './engine-client.js'
import type { EngineClient, EngineProcessClient } from './engine-client.js'
import type { EngineStartOptions } from './protocol.js'

export interface SupervisorOptions {
  maxRestarts?: number
  windowMs?: number
  onRestart?(notice: EngineRestartNotice): void
  onGiveUp?(exitCode: number | null): void
  now?(): number
}

const MAX_RESTARTS = 3
const RESTART_WINDOW_MS = 60_000

export function superviseEngine(start: () => EngineProcessClient, options: SupervisorOptions = {}): EngineClient {
  const maxRestarts = options.maxRestarts ?? MAX_RESTARTS
  const windowMs = options.windowMs ?? RESTART_WINDOW_MS
  const now = options.now ?? Date.now
  const listeners = new Set<(event: EventName, payload: unknown) => void>()
  let restartTimes: number[] = []
  let restarts = 0
  let stopping = false
  let gaveUp: string | null = null
  let current = attach(start())
  const ready = current.ready

  function attach(client: EngineProcessClient): EngineProcessClient {
    let wasReady = false
    client.ready.then(
      () => {
        wasReady = true
      },
      () => undefined,
    )
    client.onEvent((event, payload) => {
      for (const listener of listeners) listener(event, payload)
    })
    client.onExit((code) => {
      if (stopping || client !== current || !wasReady) return
      restart(code)
    })
    return client
  }

  function restart(exitCode: number | null): void {
    const at = now()
    restartTimes = restartTimes.filter((time) => at - time < windowMs)
    if (restartTimes.length >= maxRestarts) {
      gaveUp =
        `The engine process stopped unexpectedly ${maxRestarts + 1} times within ${Math.round(windowMs / 1000)} s (last exit code ${exitCode}) ` +
        'and was not started again. Submitted decisions are saved; restart the app, and tell IT if it happens again.'
      console.error(`[engine-supervisor] ${gaveUp}`)
      options.onGiveUp?.(exitCode)
      return
    }
    restartTimes.push(at)
    restarts += 1
    console.error(`[engine-supervisor] the engine process exited unexpectedly (code ${exitCode}); restarting it (${restarts}).`)
    const notice: EngineRestartNotice = { exitCode, restarts, at: new Date(at).toISOString() }
    current = attach(start())
    current.ready.then(
      () => {
        for (const listener of listeners) listener('engineRestarted', notice)
        options.onRestart?.(notice)
      },
      (error: unknown) => {
        gaveUp = `The engine process stopped unexpectedly and could not be started again: ${error instanceof Error ? error.message : String(error)}`
        options.onGiveUp?.(exitCode)
      },
    )
  }

  return {
    ready,
    // The session token goes through unchanged: the engine judges it (a restarted engine knows no session: sign in again).
    async invoke(method: Method, input: unknown, session?: string | null): Promise<Result<unknown>> {
      if (gaveUp !== null) return err('internal', gaveUp)
      const client = current
      try {
        await client.ready
      } catch (error) {
        return err('internal', `The engine could not start: ${error instanceof Error ? error.message : String(error)}`)
      }
      return client.invoke(method, input, session)
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    stop() {
      stopping = true
      return current.stop()
    },
  }
}

/** Browser mode's engine: a Node child process, supervised. */
export function startSupervisedEngine(startOptions: EngineStartOptions, options: SupervisorOptions = {}): EngineClient {
  return superviseEngine(() => startEngineProcess(startOptions), options)
}
