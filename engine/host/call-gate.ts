/**
 * The engine's door: every call names a method and carries (or not) a session
 * token; before any handler runs, the session is checked (open, not expired, not
 * locked) and the caller's role against METHOD_ACCESS. The role is read from the
 * database on every call, so a disabled account or a changed role takes effect
 * at once, not at the next sign-in.
 */
import type { Method } from '../../contract/api.js'
import type { Role } from '../../contract/auth.js'
import { err } from '../../contract/result.js'
import type { Result } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import { METHOD_ACCESS } from '../auth/method-access.js'
import { roleMay, rolesWith } from '../auth/roles.js'
import type { Session, SessionStore } from '../auth/session-store.js'
import type { SqliteDatabase } from '../store/database.js'

export interface Caller {
  userId: string
  role: Role
  token: string
  session: Session
}

export type GateResult = { ok: true; caller: Caller | null } | { ok: false; refusal: Result<never> }

export function gateCall(database: SqliteDatabase, sessions: SessionStore, method: Method, token: string | null | undefined): GateResult {
  const access = METHOD_ACCESS[method]
  const check = sessions.check(token)
  const open = check.kind === 'open' && token ? check.session : null
  const account = open
    ? database.prepare<{ role: Role; disabled_at: string | null }>('SELECT role, disabled_at FROM users WHERE id = ?').get(open.userId)
    : undefined
  if (open && token && (!account || account.disabled_at !== null)) {
    sessions.close(token)
    return refuse('unauthenticated', 'This account was disabled: the session has ended.')
  }
  const caller: Caller | null = open && token && account ? { userId: open.userId, role: account.role, token, session: open } : null
  if (access === 'public') return { ok: true, caller }
  if (!caller) {
    return refuse('unauthenticated', check.kind === 'expired' ? 'The session has ended: sign in again.' : 'Sign in first.')
  }
  if (access === 'own-session') return { ok: true, caller }
  if (caller.session.locked) return refuse('locked', 'The session is locked: enter your password to continue.')
  if (caller.session.mustChangePassword) return refuse('forbidden', 'Choose a new password first.')
  if (access !== 'signed-in' && !roleMay(caller.role, access)) {
    // A refused call is a security event: who tried what is kept in the trail.
    appendAudit(database, { actor: caller.userId, action: 'access.denied', entity: 'method', entityId: method, detail: { role: caller.role, needs: access } })
    return refuse('forbidden', `Not allowed: ${method} needs the "${access}" permission, which a ${caller.role} does not have (${rolesWith(access).join(', ')} do).`)
  }
  sessions.touch(caller.session)
  return { ok: true, caller }
}

function refuse(code: 'unauthenticated' | 'locked' | 'forbidden', message: string): GateResult {
  return { ok: false, refusal: err(code, message) }
}
