/**
 * The one message protocol between a host (Electron main, the browser-mode
 * server, a test) and the engine process. Transports only move these objects:
 * Electron's utilityProcess parentPort in the app, a Node child process here.
 */
import type { EventName, Method } from '../../contract/api.js'
import type { Result } from '../../contract/result.js'

export type HostToEngine =
  | {
      type: 'request'
      id: number
      method: Method
      input: unknown
      /** The session token the UI got from signIn; absent on the sign-in screen's own calls. */
      session?: string | null
    }
  | { type: 'shutdown' }

export type EngineToHost =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'response'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: unknown }

/** What the engine process is started with (argv[2] as JSON). */
export interface EngineStartOptions {
  workspaceDir: string
  /** Minutes without activity before a session locks; default DEFAULT_IDLE_LOCK_MINUTES (engine/auth/auth-policy.ts). */
  idleLockMinutes?: number
}
