/**
 * The API's accounts and sessions: signing in and out, the idle lock, passwords,
 * and the administrator's and supervisor's account changes. Who may call which
 * is decided before these run (call-gate.ts); these decide what the call does.
 */
import type { SessionInfo } from '../../contract/auth.js'
import { AppFailure } from '../../contract/result.js'
import {
  authenticate,
  createAccount,
  getAccount,
  listAccounts,
  needsFirstAdmin,
  requireAccount,
  setDisabled,
  setPassword,
  setRole,
  unlockAccount,
} from '../auth/accounts.js'
import type { HashOptions } from '../auth/accounts.js'
import { MIN_PASSWORD_LENGTH } from '../auth/password-hash.js'
import { permissionsOf } from '../auth/roles.js'
import type { Session, SessionStore } from '../auth/session-store.js'
import type { SqliteDatabase } from '../store/database.js'
import { setCoderSettings } from '../workspace/coder-settings.js'
import { getSetting } from '../workspace/workspace.js'
import type { Caller } from './call-gate.js'
import type { Handlers } from './handlers.js'
import { appendAudit } from '../audit/audit-log.js'

export interface AccountContext {
  database: SqliteDatabase
  workspaceDir: string
  sessions: SessionStore
  caller: Caller | null
  hashing?: HashOptions
}

type AccountMethods =
  | 'getSignInState'
  | 'createFirstAdmin'
  | 'signIn'
  | 'signOut'
  | 'lockSession'
  | 'unlockSession'
  | 'changePassword'
  | 'listUsers'
  | 'createUser'
  | 'setUserRole'
  | 'setUserDisabled'
  | 'resetPassword'
  | 'unlockUser'
  | 'setCoderSettings'

export function createAccountHandlers(context: AccountContext): Pick<Handlers, AccountMethods> {
  const { database, sessions } = context
  const caller = (): Caller => {
    // The gate lets no call through to these without a session; this guards the type.
    if (!context.caller) throw new AppFailure('unauthenticated', 'Sign in first.')
    return context.caller
  }
  const info = (session: Session): SessionInfo => sessionInfo(database, sessions, session)
  const signedIn = (userId: string, mustChangePassword: boolean) => {
    const { token, session } = sessions.open(userId, mustChangePassword)
    return { ...info(session), token }
  }
  return {
    getSignInState: () => ({
      workspaceName: getSetting(database, 'workspace_name') ?? context.workspaceDir,
      needsFirstAdmin: needsFirstAdmin(database),
      session: context.caller ? info(context.caller.session) : null,
      minPasswordLength: MIN_PASSWORD_LENGTH,
    }),
    createFirstAdmin: async (input) => {
      if (!needsFirstAdmin(database)) throw new AppFailure('conflict', 'This workspace already has accounts: sign in.')
      await createAccount(database, { id: input.userId, displayName: input.displayName, role: 'admin', password: input.password }, input.userId, context.hashing)
      const account = await authenticate(database, input.userId, input.password, 'app')
      return signedIn(account.id, false)
    },
    signIn: async (input) => {
      const account = await authenticate(database, input.userId, input.password, 'app')
      return signedIn(account.id, account.mustChangePassword)
    },
    signOut: () => {
      const { token, userId } = caller()
      sessions.close(token)
      audit(database, userId, 'auth.sign-out')
      return {}
    },
    lockSession: () => {
      const { session, userId } = caller()
      if (!session.locked) audit(database, userId, 'auth.lock')
      sessions.lock(session)
      return info(session)
    },
    unlockSession: async (input) => {
      const { session, userId, token } = caller()
      try {
        await authenticate(database, userId, input.password, 'app')
      } catch (error) {
        // Locked out while unlocking: the session ends with the account's lock.
        if (requireAccount(database, userId).lockedUntil !== null) sessions.close(token)
        throw error
      }
      sessions.unlock(session)
      return info(session)
    },
    changePassword: async (input) => {
      const { session, userId } = caller()
      await setPassword(database, { userId, password: input.next, mustChange: false, current: input.current }, userId, context.hashing)
      session.mustChangePassword = false
      return info(session)
    },
    listUsers: () => ({ items: listAccounts(database) }),
    createUser: (input) =>
      createAccount(
        database,
        { id: input.userId, displayName: input.displayName, role: input.role, password: input.password, mustChangePassword: true },
        caller().userId,
        context.hashing,
      ),
    setUserRole: (input) => {
      setRole(database, input.userId, input.role, caller().userId)
      sessions.closeAllOf(input.userId)
      return requireAccount(database, input.userId)
    },
    setUserDisabled: (input) => {
      if (input.disabled && input.userId === caller().userId) throw new AppFailure('conflict', 'You cannot disable your own account.')
      setDisabled(database, input.userId, input.disabled, caller().userId)
      if (input.disabled) sessions.closeAllOf(input.userId)
      return requireAccount(database, input.userId)
    },
    resetPassword: async (input) => {
      await setPassword(database, { userId: input.userId, password: input.password, mustChange: true }, caller().userId, context.hashing)
      sessions.closeAllOf(input.userId)
      return requireAccount(database, input.userId)
    },
    unlockUser: (input) => {
      unlockAccount(database, input.userId, caller().userId)
      return requireAccount(database, input.userId)
    },
    setCoderSettings: (input) => setCoderSettings(database, input, caller().userId),
  }
}

export function sessionInfo(database: SqliteDatabase, sessions: SessionStore, session: Session): SessionInfo {
  const account = getAccount(database, session.userId)
  if (!account) throw new AppFailure('unauthenticated', 'The account of this session no longer exists.')
  return {
    user: { id: account.id, displayName: account.displayName, role: account.role, mode: account.mode },
    permissions: [...permissionsOf(account.role)],
    idleLockMinutes: sessions.idleLockMinutes,
    locked: session.locked,
    mustChangePassword: session.mustChangePassword,
  }
}

function audit(database: SqliteDatabase, userId: string, action: string): void {
  database.transaction(() => appendAudit(database, { actor: userId, action, entity: 'user', entityId: userId, detail: {} }))
}
