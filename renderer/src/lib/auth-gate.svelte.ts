/**
 * Who is at the keyboard: the sign-in screen (or, on a first run, creating the
 * administrator), a forced password change, the lock screen, or the desks. The
 * engine decides every call; this follows what it answers: a call refused as
 * `locked` shows the lock screen, one refused as `unauthenticated` the sign-in.
 * The idle watch locks the session after the minutes the engine names.
 */
import type { Method } from '../../../contract/api.js'
import type { Permission, SessionInfo, SignInState } from '../../../contract/auth.js'
import type { AppClient } from '../../../contract/client.js'
import type { AppError, Result } from '../../../contract/result.js'
import type { IdleWatch } from './idle-watch.js'
import type { SessionTokens } from './session-token.js'

export type GateState = 'loading' | 'unreachable' | 'first-run' | 'sign-in' | 'change-password' | 'locked' | 'ready'

export class AuthGate {
  state = $state<GateState>('loading')
  signInState = $state.raw<SignInState | null>(null)
  session = $state.raw<SessionInfo | null>(null)
  problem = $state.raw<AppError | null>(null)
  busy = $state(false)
  /** Counts sign-ins: the desks are built afresh for each, so one user's screen never shows another's state. */
  generation = $state(0)

  /** The client the desks use: every refusal it meets reaches the gate. */
  readonly client: AppClient
  readonly #raw: AppClient
  readonly #tokens: SessionTokens
  readonly #idle: IdleWatch | null

  constructor(client: AppClient, tokens: SessionTokens, idle: IdleWatch | null = null) {
    this.#raw = client
    this.#tokens = tokens
    this.#idle = idle
    this.client = guardClient(client, (error) => this.noteRefusal(error))
  }

  may(permission: Permission): boolean {
    return this.session?.permissions.includes(permission) ?? false
  }

  async start(): Promise<void> {
    const result = await this.#raw.getSignInState({})
    if (!result.ok) {
      this.problem = result.error
      this.state = 'unreachable'
      return
    }
    this.signInState = result.value
    if (result.value.session) this.#enter(result.value.session, false)
    else {
      this.#tokens.set(null)
      this.state = result.value.needsFirstAdmin ? 'first-run' : 'sign-in'
    }
  }

  signIn(userId: string, password: string): Promise<boolean> {
    return this.#run(() => this.#raw.signIn({ userId, password }), (signedIn) => {
      this.#tokens.set(signedIn.token)
      this.#enter(signedIn, true)
    })
  }

  createFirstAdmin(userId: string, displayName: string, password: string): Promise<boolean> {
    return this.#run(() => this.#raw.createFirstAdmin({ userId, displayName, password }), (signedIn) => {
      this.#tokens.set(signedIn.token)
      this.#enter(signedIn, true)
    })
  }

  unlock(password: string): Promise<boolean> {
    return this.#run(() => this.#raw.unlockSession({ password }), (session) => this.#enter(session, false))
  }

  changePassword(current: string, next: string): Promise<boolean> {
    return this.#run(() => this.#raw.changePassword({ current, next }), (session) => this.#enter(session, false))
  }

  async lock(): Promise<void> {
    this.#idle?.stop()
    this.state = 'locked'
    const result = await this.#raw.lockSession({})
    if (!result.ok) this.noteRefusal(result.error)
  }

  async signOut(): Promise<void> {
    this.#idle?.stop()
    await this.#raw.signOut({})
    this.#leave()
  }

  /** A call refused for the session's sake: lock or sign in again; other refusals are the desk's to show. */
  noteRefusal(error: AppError): void {
    if (error.code === 'locked' && this.state === 'ready') {
      this.#idle?.stop()
      this.state = 'locked'
    } else if (error.code === 'unauthenticated' && (this.state === 'ready' || this.state === 'locked' || this.state === 'change-password')) {
      this.problem = error
      this.#leave()
    }
  }

  #enter(session: SessionInfo, fresh: boolean): void {
    this.session = session
    this.problem = null
    if (fresh) this.generation += 1
    if (session.mustChangePassword) {
      this.state = 'change-password'
      return
    }
    if (session.locked) {
      this.state = 'locked'
      return
    }
    if (this.generation === 0) this.generation = 1
    this.state = 'ready'
    this.#idle?.start(session.idleLockMinutes, () => void this.lock())
  }

  #leave(): void {
    this.#idle?.stop()
    this.#tokens.set(null)
    this.session = null
    this.state = this.signInState?.needsFirstAdmin ? 'first-run' : 'sign-in'
  }

  async #run<T>(call: () => Promise<Result<T>>, onValue: (value: T) => void): Promise<boolean> {
    this.busy = true
    try {
      const result = await call()
      if (!result.ok) {
        this.problem = result.error
        // Locked out while unlocking: the engine ended the session.
        if (result.error.code === 'unauthenticated' && this.state === 'locked' && /locked/.test(result.error.message)) this.#leave()
        return false
      }
      onValue(result.value)
      return true
    } finally {
      this.busy = false
    }
  }
}

/** The same client, telling `onRefusal` about every session refusal a call meets. */
export function guardClient(client: AppClient, onRefusal: (error: AppError) => void): AppClient {
  const guarded: Record<string, unknown> = { on: client.on.bind(client) }
  for (const method of Object.keys(client) as Array<Method | 'on'>) {
    if (method === 'on') continue
    const call = client[method] as (input: unknown) => Promise<Result<unknown>>
    guarded[method] = async (input: unknown) => {
      const result = await call(input)
      if (!result.ok && (result.error.code === 'locked' || result.error.code === 'unauthenticated')) onRefusal(result.error)
      return result
    }
  }
  return guarded as AppClient
}
