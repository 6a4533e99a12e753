import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { api } from '../../contract/api.js'
import type { Method } from '../../contract/api.js'
import { listAudit } from '../audit/audit-log.js'
import { METHOD_ACCESS } from '../auth/method-access.js'
import { ROLE_PERMISSIONS } from '../auth/roles.js'
import { testEngine } from '../testing/signed-in.js'
import { TEST_PASSWORD, createTempWorkspace } from '../testing/temp-workspace.js'
import type { TempWorkspace } from '../testing/temp-workspace.js'

describe('the engine door', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace()
  })
  afterEach(() => temp.cleanup())

  it('has an access rule for every method of the contract and nothing else', () => {
    expect(Object.keys(METHOD_ACCESS).sort()).toEqual(Object.keys(api).sort())
  })

  it('answers only the sign-in screen without a session', async () => {
    const engine = testEngine(temp.workspace)
    const publicMethods = (Object.keys(METHOD_ACCESS) as Method[]).filter((method) => METHOD_ACCESS[method] === 'public')
    expect(publicMethods.sort()).toEqual(['createFirstAdmin', 'getSignInState', 'signIn'])
    for (const method of Object.keys(api) as Method[]) {
      if (publicMethods.includes(method)) continue
      expect(await engine.call(method, {}), method).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    }
  })

  it('lets each role call exactly what its permissions allow', async () => {
    const engine = testEngine(temp.workspace)
    for (const [role, userId] of [['coder', 'coder'], ['supervisor', 'supervisor'], ['admin', 'admin'], ['auditor', 'auditor']] as const) {
      const client = await engine.signIn(userId)
      for (const method of Object.keys(api) as Method[]) {
        const access = METHOD_ACCESS[method]
        if (access === 'public' || access === 'own-session' || access === 'signed-in') continue
        const result = await client.call(method, {} as never)
        const allowed = ROLE_PERMISSIONS[role].includes(access)
        if (allowed) expect(result.ok || result.error.code !== 'forbidden', `${role} ${method}`).toBe(true)
        else expect(result, `${role} ${method}`).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      }
    }
  })

  it("refuses a coder the supervisor's and the administrator's calls, and keeps the attempt in the audit trail", async () => {
    const coder = await testEngine(temp.workspace).signIn('coder')
    const refused = await coder.call('setCoderSettings', { userId: 'coder', mode: 'manual' })
    expect(refused).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('Not allowed: setCoderSettings needs the "set-study" permission, which a coder does not have') },
    })
    expect((await coder.call('createUser', { userId: 'eve', displayName: 'Eve', role: 'admin', password: 'eve-password-1' })).ok).toBe(false)
    const denied = listAudit(temp.workspace.database, { entity: 'method' }).map((row) => [row.actor, row.action, row.entityId])
    expect(denied).toEqual([
      ['coder', 'access.denied', 'setCoderSettings'],
      ['coder', 'access.denied', 'createUser'],
    ])
  })

  it('locks an idle session on its own, refuses work until the password unlocks it, and keeps the session', async () => {
    let now = Date.parse('2026-03-01T08:00:00Z')
    const engine = testEngine(temp.workspace, { idleLockMinutes: 1, now: () => now })
    const coder = await engine.signIn('coder')
    expect((await coder.call('listRecords', {})).ok).toBe(true)
    now += 61_000
    expect(await coder.call('listRecords', {})).toMatchObject({ ok: false, error: { code: 'locked' } })
    expect(await coder.call('unlockSession', { password: 'not-it-at-all' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect(await coder.call('unlockSession', { password: TEST_PASSWORD })).toMatchObject({ ok: true, value: { locked: false, user: { id: 'coder' } } })
    expect((await coder.call('listRecords', {})).ok).toBe(true)
    expect((await coder.call('lockSession', {})).ok).toBe(true)
    expect(await coder.call('openRecord', { recordId: 'R1' })).toMatchObject({ ok: false, error: { code: 'locked' } })
  })

  it('ends the sessions of a disabled account at once, and a role change takes effect on the next call', async () => {
    const engine = testEngine(temp.workspace)
    const admin = await engine.signIn('admin')
    const coder = await engine.signIn('coder')
    const supervisor = await engine.signIn('supervisor')
    expect((await admin.call('setUserRole', { userId: 'supervisor', role: 'auditor' })).ok).toBe(true)
    expect(await supervisor.call('listRecords', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect((await admin.call('setUserDisabled', { userId: 'coder', disabled: true })).ok).toBe(true)
    expect(await coder.call('listRecords', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect(await engine.call('signIn', { userId: 'coder', password: TEST_PASSWORD })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/disabled/) } })
  })

  it('makes a user whose password an administrator reset choose a new one before anything else', async () => {
    const engine = testEngine(temp.workspace)
    const admin = await engine.signIn('admin')
    expect((await admin.call('resetPassword', { userId: 'coder', password: 'temporary-pass-1' })).ok).toBe(true)
    const coder = await engine.signIn('coder', 'temporary-pass-1')
    expect(await coder.call('listRecords', {})).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Choose a new password first.' } })
    expect(await coder.call('changePassword', { current: 'temporary-pass-1', next: 'my-own-password-9' })).toMatchObject({ ok: true, value: { mustChangePassword: false } })
    expect((await coder.call('listRecords', {})).ok).toBe(true)
  })

  it('creates the first administrator only while no account can sign in', async () => {
    const engine = testEngine(temp.workspace)
    const input = { userId: 'it.admin', displayName: 'IT', password: 'first-admin-pass' }
    expect(await engine.call('createFirstAdmin', input)).toMatchObject({ ok: false, error: { code: 'conflict' } })
    temp.workspace.database.exec('UPDATE users SET password_hash = NULL')
    expect(await engine.call('getSignInState', {})).toMatchObject({ ok: true, value: { needsFirstAdmin: true, session: null } })
    const created = await engine.call('createFirstAdmin', input)
    expect(created).toMatchObject({ ok: true, value: { user: { id: 'it.admin', role: 'admin' }, permissions: expect.arrayContaining(['manage-users']) } })
    expect(await engine.call('createFirstAdmin', { ...input, userId: 'second' })).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })

  it('audits who opened which record', async () => {
    const supervisor = await testEngine(temp.workspace).signIn('supervisor')
    expect((await supervisor.call('openRecord', { recordId: 'R2' })).ok).toBe(true)
    expect(listAudit(temp.workspace.database, { entity: 'record', entityId: 'R2' }).map((row) => [row.actor, row.action])).toEqual([['supervisor', 'record.open']])
  })
})
