/**
 * Local accounts (the workstation is offline; no directory server assumed).
 * Every change is audited in the same transaction; a password hash never
 * reaches the audit trail or any answer.
 */
import type { Account, Role } from '../../contract/auth.js'
import type { CodingMode } from '../../contract/domain.js'
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import type { SqliteDatabase } from '../store/database.js'
import { LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS } from './auth-policy.js'
import { checkPasswordPolicy, decoyHash, hashPassword, verifyPassword } from './password-hash.js'
import type { ScryptCost } from './password-hash.js'

interface AccountRow {
  id: string
  display_name: string
  role: Role
  coding_mode: CodingMode
  created_at: string
  password_hash: string | null
  must_change_password: number
  disabled_at: string | null
  failed_sign_ins: number
  locked_until: string | null
  study_group: string | null
}

export interface NewAccount {
  id: string
  displayName: string
  role: Role
  /** Absent: the account exists (e.g. for imported history) but cannot sign in yet. */
  password?: string
  /** An administrator-chosen first password must be replaced at the first sign-in. */
  mustChangePassword?: boolean
}

/** Lower scrypt costs are for tests only; every account the product makes uses the default. */
export interface HashOptions {
  cost?: ScryptCost
}

export function getAccount(database: SqliteDatabase, id: string): Account | null {
  const row = database.prepare<AccountRow>('SELECT * FROM users WHERE id = ?').get(id)
  return row ? toAccount(row) : null
}

export function requireAccount(database: SqliteDatabase, id: string): Account {
  const account = getAccount(database, id)
  if (!account) throw new AppFailure('not-found', `No user "${id}" in this workspace.`)
  return account
}

export function listAccounts(database: SqliteDatabase): Account[] {
  return database.prepare<AccountRow>('SELECT * FROM users ORDER BY role, id').all().map(toAccount)
}

/** True while no account can sign in: the first run then creates the administrator. */
export function needsFirstAdmin(database: SqliteDatabase): boolean {
  return database.prepare('SELECT 1 FROM users WHERE password_hash IS NOT NULL AND disabled_at IS NULL LIMIT 1').get() === undefined
}

export async function createAccount(database: SqliteDatabase, account: NewAccount, actor: string, options: HashOptions = {}): Promise<Account> {
  if (account.password !== undefined) checkPasswordPolicy(account.password, account.id)
  const hash = account.password === undefined ? null : await hashPassword(account.password, options.cost)
  return database.transaction(() => {
    const existing = getAccount(database, account.id)
    if (existing && existing.hasPassword) throw new AppFailure('conflict', `User "${account.id}" already exists.`)
    const now = new Date().toISOString()
    if (existing) {
      // An account that came with imported history, never able to sign in: it gets its first password and role now.
      database
        .prepare('UPDATE users SET display_name = ?, role = ?, password_hash = ?, must_change_password = ? WHERE id = ?')
        .run(account.displayName, account.role, hash, account.mustChangePassword ? 1 : 0, account.id)
    } else {
      database
        .prepare('INSERT INTO users (id, display_name, role, created_at, password_hash, must_change_password) VALUES (?, ?, ?, ?, ?, ?)')
        .run(account.id, account.displayName, account.role, now, hash, account.mustChangePassword ? 1 : 0)
    }
    appendAudit(database, {
      actor,
      action: 'user.create',
      entity: 'user',
      entityId: account.id,
      detail: { displayName: account.displayName, role: account.role, withPassword: hash !== null, mustChangePassword: account.mustChangePassword === true },
    })
    return requireAccount(database, account.id)
  })
}

/**
 * Sets a password. By an administrator (a reset) the user must choose their own
 * at the next sign-in; by the user (a change) the current one must be given.
 */
export async function setPassword(
  database: SqliteDatabase,
  change: { userId: string; password: string; mustChange: boolean; current?: string },
  actor: string,
  options: HashOptions = {},
): Promise<void> {
  const row = database.prepare<AccountRow>('SELECT * FROM users WHERE id = ?').get(change.userId)
  if (!row) throw new AppFailure('not-found', `No user "${change.userId}" in this workspace.`)
  if (change.current !== undefined && !(row.password_hash && (await verifyPassword(change.current, row.password_hash)))) {
    throw new AppFailure('unauthenticated', 'The current password is wrong.')
  }
  checkPasswordPolicy(change.password, change.userId)
  if (row.password_hash && (await verifyPassword(change.password, row.password_hash))) {
    throw new AppFailure('invalid-input', 'Choose a password different from the current one.')
  }
  const hash = await hashPassword(change.password, options.cost)
  database.transaction(() => {
    database
      .prepare('UPDATE users SET password_hash = ?, must_change_password = ?, failed_sign_ins = 0, locked_until = NULL WHERE id = ?')
      .run(hash, change.mustChange ? 1 : 0, change.userId)
    appendAudit(database, {
      actor,
      action: actor === change.userId ? 'user.password-change' : 'user.password-reset',
      entity: 'user',
      entityId: change.userId,
      detail: { mustChangePassword: change.mustChange },
    })
  })
}

export function setRole(database: SqliteDatabase, userId: string, role: Role, actor: string): Role {
  return database.transaction(() => {
    const account = requireAccount(database, userId)
    if (account.role === role) return role
    if (account.role === 'admin') refuseLosingLastAdmin(database, userId)
    database.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, userId)
    appendAudit(database, { actor, action: 'user.role', entity: 'user', entityId: userId, detail: { from: account.role, to: role } })
    return account.role
  })
}

/** A disabled account cannot sign in and its CLI tokens stop working; its history stays. */
export function setDisabled(database: SqliteDatabase, userId: string, disabled: boolean, actor: string): void {
  database.transaction(() => {
    const account = requireAccount(database, userId)
    if (account.disabled === disabled) return
    if (disabled && account.role === 'admin') refuseLosingLastAdmin(database, userId)
    database.prepare('UPDATE users SET disabled_at = ? WHERE id = ?').run(disabled ? new Date().toISOString() : null, userId)
    appendAudit(database, { actor, action: disabled ? 'user.disable' : 'user.enable', entity: 'user', entityId: userId, detail: {} })
  })
}

export function unlockAccount(database: SqliteDatabase, userId: string, actor: string): void {
  database.transaction(() => {
    requireAccount(database, userId)
    database.prepare('UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?').run(userId)
    appendAudit(database, { actor, action: 'user.unlock', entity: 'user', entityId: userId, detail: {} })
  })
}

/**
 * Checks a user name and password. After MAX_FAILED_SIGN_INS wrong passwords in
 * a row the account locks for LOCKOUT_MINUTES (an administrator can unlock it
 * sooner); while locked even the right password is refused. Every outcome is
 * audited. The refusal does not say whether the user exists.
 */
export async function authenticate(
  database: SqliteDatabase,
  userId: string,
  password: string,
  via: 'app' | 'cli',
  now = new Date(),
): Promise<Account> {
  const row = database.prepare<AccountRow>('SELECT * FROM users WHERE id = ?').get(userId)
  const matches = await verifyPassword(password, row?.password_hash ?? (await decoyHash()))
  // The outcome is decided and audited in one transaction, and thrown only after
  // it commits: a refusal must not roll back its own audit row.
  const outcome = database.transaction((): { account: Account } | { refusal: string } => {
    const current = database.prepare<AccountRow>('SELECT * FROM users WHERE id = ?').get(userId)
    const at = now.toISOString()
    const refuse = (reason: string, message: string, detail: Record<string, unknown> = {}) => {
      appendAudit(database, { actor: userId, action: 'auth.sign-in-failed', entity: 'user', entityId: userId, detail: { via, reason, ...detail } }, at)
      return { refusal: message }
    }
    if (!current || current.password_hash === null || current.password_hash !== row?.password_hash) {
      return refuse('unknown user or no password', WRONG_CREDENTIALS)
    }
    if (current.locked_until !== null && current.locked_until > at) {
      return refuse('locked', `Too many failed sign-ins: the account is locked until ${current.locked_until} (an administrator can unlock it).`)
    }
    if (!matches) {
      const failures = current.failed_sign_ins + 1
      if (failures < MAX_FAILED_SIGN_INS) {
        database.prepare('UPDATE users SET failed_sign_ins = ? WHERE id = ?').run(failures, userId)
        return refuse('wrong password', WRONG_CREDENTIALS, { failures })
      }
      const lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString()
      database.prepare('UPDATE users SET failed_sign_ins = 0, locked_until = ? WHERE id = ?').run(lockedUntil, userId)
      refuse('wrong password', WRONG_CREDENTIALS, { failures })
      appendAudit(database, { actor: userId, action: 'auth.lockout', entity: 'user', entityId: userId, detail: { until: lockedUntil, failures } }, at)
      return { refusal: `Too many failed sign-ins: the account is locked for ${LOCKOUT_MINUTES} minutes (an administrator can unlock it).` }
    }
    if (current.disabled_at !== null) return refuse('disabled', 'This account is disabled: ask an administrator.')
    database.prepare('UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?').run(userId)
    appendAudit(database, { actor: userId, action: 'auth.sign-in', entity: 'user', entityId: userId, detail: { via } }, at)
    return { account: toAccount(current) }
  })
  if ('refusal' in outcome) throw new AppFailure('unauthenticated', outcome.refusal)
  return outcome.account
}

const WRONG_CREDENTIALS = 'Wrong user name or password.'

function refuseLosingLastAdmin(database: SqliteDatabase, userId: string): void {
  const others = database
    .prepare("SELECT 1 FROM users WHERE role = 'admin' AND disabled_at IS NULL AND password_hash IS NOT NULL AND id <> ? LIMIT 1")
    .get(userId)
  if (!others) throw new AppFailure('conflict', `"${userId}" is the last administrator who can sign in: make another one first.`)
}

function toAccount(row: AccountRow): Account {
  const now = new Date().toISOString()
  return {
    id: row.id,
    displayName: row.display_name,
    role: row.role,
    mode: row.coding_mode,
    studyGroup: row.study_group,
    disabled: row.disabled_at !== null,
    lockedUntil: row.locked_until !== null && row.locked_until > now ? row.locked_until : null,
    hasPassword: row.password_hash !== null,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
  }
}
