import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listAudit } from '../audit/audit-log.js'
import { TEST_PASSWORD, TEST_SCRYPT_COST, createTempWorkspace } from '../testing/temp-workspace.js'
import type { TempWorkspace } from '../testing/temp-workspace.js'
import { authenticate, createAccount, getAccount, needsFirstAdmin, setDisabled, setPassword, setRole, unlockAccount } from './accounts.js'
import { LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS } from './auth-policy.js'
import { issueCliToken, resolveCliToken, revokeCliTokens } from './cli-tokens.js'

const cost = { cost: TEST_SCRYPT_COST }

describe('accounts', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace()
  })
  afterEach(() => temp.cleanup())
  const database = () => temp.workspace.database

  it('creates an account whose password signs in, audited without the hash', async () => {
    await createAccount(database(), { id: 'li.na', displayName: '李娜', role: 'coder', password: 'first-password-1', mustChangePassword: true }, 'admin', cost)
    const account = await authenticate(database(), 'li.na', 'first-password-1', 'app')
    expect(account).toMatchObject({ id: 'li.na', role: 'coder', mustChangePassword: true, disabled: false })
    const trail = listAudit(database(), { entity: 'user', entityId: 'li.na' })
    expect(trail.map((row) => row.action)).toEqual(['user.create', 'auth.sign-in'])
    expect(JSON.stringify(trail)).not.toMatch(/scrypt/)
  })

  it('refuses a duplicate account, and says the same for an unknown user as for a wrong password', async () => {
    await expect(createAccount(database(), { id: 'coder', displayName: 'x', role: 'coder', password: 'another-password' }, 'admin', cost)).rejects.toThrow(/already exists/)
    await expect(authenticate(database(), 'nobody', TEST_PASSWORD, 'app')).rejects.toThrow('Wrong user name or password.')
    await expect(authenticate(database(), 'coder', 'wrong-password', 'app')).rejects.toThrow('Wrong user name or password.')
  })

  it(`locks an account after ${MAX_FAILED_SIGN_INS} wrong passwords, refuses even the right one, and unlocks after ${LOCKOUT_MINUTES} minutes or by an administrator`, async () => {
    const now = new Date('2026-03-01T08:00:00Z')
    for (let attempt = 1; attempt < MAX_FAILED_SIGN_INS; attempt += 1) {
      await expect(authenticate(database(), 'coder', `wrong-${attempt}`, 'app', now)).rejects.toThrow('Wrong user name or password.')
    }
    await expect(authenticate(database(), 'coder', 'wrong-last', 'app', now)).rejects.toThrow(/locked for 15 minutes/)
    await expect(authenticate(database(), 'coder', TEST_PASSWORD, 'app', new Date('2026-03-01T08:10:00Z'))).rejects.toThrow(/locked until 2026-03-01T08:15/)
    await expect(authenticate(database(), 'coder', TEST_PASSWORD, 'app', new Date('2026-03-01T08:16:00Z'))).resolves.toMatchObject({ id: 'coder' })
    const actions = listAudit(database(), { entity: 'user', entityId: 'coder' }).map((row) => [row.action, row.detail.reason ?? null])
    expect(actions.filter(([action]) => action === 'auth.sign-in-failed')).toHaveLength(MAX_FAILED_SIGN_INS + 1)
    expect(actions).toContainEqual(['auth.lockout', null])
    expect(actions).toContainEqual(['auth.sign-in-failed', 'locked'])

    for (let attempt = 0; attempt < MAX_FAILED_SIGN_INS; attempt += 1) await authenticate(database(), 'coder2', 'wrong', 'app').catch(() => undefined)
    expect(getAccount(database(), 'coder2')?.lockedUntil).not.toBeNull()
    unlockAccount(database(), 'coder2', 'admin')
    await expect(authenticate(database(), 'coder2', TEST_PASSWORD, 'app')).resolves.toMatchObject({ id: 'coder2' })
  })

  it('refuses a disabled account, and never disables or demotes the last administrator', async () => {
    setDisabled(database(), 'coder', true, 'admin')
    await expect(authenticate(database(), 'coder', TEST_PASSWORD, 'app')).rejects.toThrow(/disabled/)
    expect(() => setDisabled(database(), 'admin', true, 'admin')).toThrow(/last administrator/)
    expect(() => setRole(database(), 'admin', 'coder', 'admin')).toThrow(/last administrator/)
    expect(setRole(database(), 'supervisor', 'admin', 'admin')).toBe('supervisor')
    expect(setRole(database(), 'admin', 'auditor', 'supervisor')).toBe('admin')
  })

  it('changes a password only with the current one, and a reset makes the user choose a new one', async () => {
    await expect(setPassword(database(), { userId: 'coder', password: 'new-password-22', mustChange: false, current: 'wrong-one' }, 'coder', cost)).rejects.toThrow(/current password is wrong/)
    await setPassword(database(), { userId: 'coder', password: 'new-password-22', mustChange: false, current: TEST_PASSWORD }, 'coder', cost)
    await expect(authenticate(database(), 'coder', TEST_PASSWORD, 'app')).rejects.toThrow()
    await setPassword(database(), { userId: 'coder', password: 'reset-by-admin-1', mustChange: true }, 'admin', cost)
    expect(await authenticate(database(), 'coder', 'reset-by-admin-1', 'app')).toMatchObject({ mustChangePassword: true })
    expect(listAudit(database(), { entity: 'user', entityId: 'coder' }).map((row) => row.action)).toEqual(
      expect.arrayContaining(['user.password-change', 'user.password-reset']),
    )
  })

  it('needs a first administrator while no account can sign in', () => {
    expect(needsFirstAdmin(database())).toBe(false)
    database().exec('UPDATE users SET password_hash = NULL')
    expect(needsFirstAdmin(database())).toBe(true)
  })
})

describe('CLI tokens', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace()
  })
  afterEach(() => temp.cleanup())

  it('act as their user until they expire, are revoked, or the user is disabled; only a hash is stored', () => {
    const database = temp.workspace.database
    const issued = issueCliToken(database, { userId: 'supervisor', days: 1 }, 'admin')
    expect(issued.token).toMatch(/^cct_[\w-]{43}$/)
    expect(resolveCliToken(database, issued.token)).toMatchObject({ id: 'supervisor', role: 'supervisor' })
    expect(JSON.stringify(database.prepare('SELECT * FROM cli_tokens').all())).not.toContain(issued.token)
    expect(() => resolveCliToken(database, issued.token, new Date(Date.now() + 2 * 86_400_000))).toThrow(/expired/)
    expect(() => resolveCliToken(database, 'cct_forged')).toThrow(/not a token of this workspace/)
    setDisabled(database, 'supervisor', true, 'admin')
    expect(() => resolveCliToken(database, issued.token)).toThrow(/disabled/)
    setDisabled(database, 'supervisor', false, 'admin')
    expect(revokeCliTokens(database, 'supervisor', 'admin')).toBe(1)
    expect(() => resolveCliToken(database, issued.token)).toThrow(/revoked/)
  })
})
