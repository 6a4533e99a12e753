/**
 * Sessions of the app, held in the engine process's memory only: a restart signs
 * everyone out, and nothing on disk can be replayed. A session locks itself after
 * the idle minutes and unlocks with the user's password, keeping the user's place;
 * it ends after SESSION_MAX_HOURS whatever happens.
 */
import { createHash, randomBytes } from 'node:crypto'
import { SESSION_MAX_HOURS } from './auth-policy.js'

export interface Session {
  readonly userId: string
  readonly createdAt: number
  lastActiveAt: number
  locked: boolean
  mustChangePassword: boolean
}

export type SessionCheck =
  | { kind: 'none' }
  | { kind: 'expired' }
  | { kind: 'open'; session: Session }

export interface SessionStoreOptions {
  idleLockMinutes: number
  now?: () => number
}

export class SessionStore {
  readonly idleLockMinutes: number
  readonly #sessions = new Map<string, Session>()
  readonly #now: () => number

  constructor(options: SessionStoreOptions) {
    if (!(options.idleLockMinutes > 0)) throw new Error('The idle lock needs a positive number of minutes.')
    this.idleLockMinutes = options.idleLockMinutes
    this.#now = options.now ?? Date.now
  }

  open(userId: string, mustChangePassword: boolean): { token: string; session: Session } {
    const token = randomBytes(32).toString('base64url')
    const now = this.#now()
    const session: Session = { userId, createdAt: now, lastActiveAt: now, locked: false, mustChangePassword }
    this.#sessions.set(keyOf(token), session)
    return { token, session }
  }

  /** Finds the session a call carries; an idle one is locked on the way (the engine's backstop to the UI's own timer). */
  check(token: string | null | undefined): SessionCheck {
    if (!token) return { kind: 'none' }
    const key = keyOf(token)
    const session = this.#sessions.get(key)
    if (!session) return { kind: 'none' }
    const now = this.#now()
    if (now - session.createdAt > SESSION_MAX_HOURS * 3_600_000) {
      this.#sessions.delete(key)
      return { kind: 'expired' }
    }
    if (now - session.lastActiveAt > this.idleLockMinutes * 60_000) session.locked = true
    return { kind: 'open', session }
  }

  touch(session: Session): void {
    session.lastActiveAt = this.#now()
  }

  lock(session: Session): void {
    session.locked = true
  }

  unlock(session: Session): void {
    session.locked = false
    session.lastActiveAt = this.#now()
  }

  close(token: string): void {
    this.#sessions.delete(keyOf(token))
  }

  /** Ends every session of a user (disabled, role changed, password reset by an administrator). */
  closeAllOf(userId: string): number {
    let closed = 0
    for (const [key, session] of this.#sessions) {
      if (session.userId === userId) {
        this.#sessions.delete(key)
        closed += 1
      }
    }
    return closed
  }
}

/** Tokens are looked up by their hash, so a heap dump does not hand out live tokens by key. */
function keyOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}
