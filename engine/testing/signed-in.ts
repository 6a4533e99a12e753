/**
 * Test support: the engine as a signed-in user, in process, through the same
 * door every host uses (session check, role check, contract validation), and CLI
 * tokens for tests that run the real CLI.
 */
import type { Input, Method, Output } from '../../contract/api.js'
import type { Result } from '../../contract/result.js'
import { DEFAULT_IDLE_LOCK_MINUTES } from '../auth/auth-policy.js'
import { issueCliToken } from '../auth/cli-tokens.js'
import { SessionStore } from '../auth/session-store.js'
import type { ModelHolder } from '../coding/workspace-model.js'
import { createEngineCalls } from '../host/engine-calls.js'
import type { EngineCall } from '../host/engine-calls.js'
import { createHandlers } from '../host/handlers.js'
import type { Emit, Handlers } from '../host/handlers.js'
import type { Workspace } from '../workspace/workspace.js'
import { TEST_PASSWORD, TEST_SCRYPT_COST } from './temp-workspace.js'

/** A workspace without a coding model: the app codes without suggestions. */
export const NO_MODEL: ModelHolder = { get: async () => null, current: () => null, close: async () => undefined }

export interface TestEngine {
  /** Calls as nobody (the sign-in screen). */
  call: EngineCall
  sessions: SessionStore
  /** Signs in with the test password and returns a client that calls as that user. */
  signIn(userId: string, password?: string): Promise<SignedInClient>
}

export interface SignedInClient {
  token: string
  call<M extends Method>(method: M, input: Input<M>): Promise<Result<Output<M>>>
}

export function testEngine(workspace: Workspace, options: { model?: ModelHolder; emit?: Emit; idleLockMinutes?: number; now?: () => number } = {}): TestEngine {
  const sessions = new SessionStore({ idleLockMinutes: options.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES, ...(options.now ? { now: options.now } : {}) })
  const call = createEngineCalls({ workspace, model: options.model ?? NO_MODEL, emit: options.emit ?? (() => undefined), sessions, hashing: { cost: TEST_SCRYPT_COST } })
  return {
    call,
    sessions,
    async signIn(userId, password = TEST_PASSWORD) {
      const signedIn = await call('signIn', { userId, password })
      if (!signedIn.ok) throw new Error(`${userId} could not sign in: ${signedIn.error.message}`)
      const token = (signedIn.value as { token: string }).token
      return { token, call: (method, input) => call(method, input, token) as Promise<Result<Output<typeof method>>> }
    },
  }
}

/** Handlers for one user without the door: for tests of what a handler does, not of who may call it. */
export function handlersAs(workspace: Workspace, userId: string, options: { model?: ModelHolder; emit?: Emit } = {}): Handlers {
  return createHandlers({
    workspace,
    userId,
    model: options.model ?? NO_MODEL,
    emit: options.emit ?? (() => undefined),
    sessions: new SessionStore({ idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES }),
    caller: null,
    hashing: { cost: TEST_SCRYPT_COST },
  })
}

/** A CLI token for the real CLI in its own process (`env: { CLINICOCO_TOKEN: … }`). */
export function cliTokenFor(workspace: Workspace, userId: string): string {
  return issueCliToken(workspace.database, { userId, days: 1, label: 'test' }, 'admin').token
}
