import { describe, expect, it } from 'vitest'
import { AuthGate } from './auth-gate.svelte.js'
import { tabSessionTokens } from './session-token.js'
import { createFakeClient } from './testing/fake-client.js'
import { failure, ok, sessionInfo, workspaceInfo } from './testing/fixtures.js'

const STATE = { workspaceName: 'Demo Hospital', needsFirstAdmin: false, session: null, minPasswordLength: 10 }

describe('AuthGate', () => {
  it('signs in, keeps the token for this tab, and shows the desks', async () => {
    const fake = createFakeClient({
      getSignInState: () => ok(STATE),
      signIn: ({ userId, password }) => (password === 'right-password' ? ok({ ...sessionInfo('coder', { user: { ...sessionInfo().user, id: userId } }), token: 't-1' }) : failure('unauthenticated', 'Wrong user name or password.')),
    })
    const tokens = tabSessionTokens(null)
    const gate = new AuthGate(fake.client, tokens)
    await gate.start()
    expect(gate.state).toBe('sign-in')
    expect(await gate.signIn('coder', 'wrong')).toBe(false)
    expect(gate.problem?.message).toBe('Wrong user name or password.')
    expect(tokens.get()).toBeNull()
    expect(await gate.signIn('coder', 'right-password')).toBe(true)
    expect(gate.state).toBe('ready')
    expect(tokens.get()).toBe('t-1')
    expect(gate.may('code')).toBe(true)
    expect(gate.may('review')).toBe(false)
  })

  it('resumes the session a reload still holds, and forgets a stale one', async () => {
    const live = createFakeClient({ getSignInState: () => ok({ ...STATE, session: sessionInfo('supervisor') }) })
    const gate = new AuthGate(live.client, tabSessionTokens(null))
    await gate.start()
    expect(gate.state).toBe('ready')
    const tokens = tabSessionTokens(null)
    tokens.set('stale')
    const stale = new AuthGate(createFakeClient({ getSignInState: () => ok(STATE) }).client, tokens)
    await stale.start()
    expect(stale.state).toBe('sign-in')
    expect(tokens.get()).toBeNull()
  })

  it('shows the lock screen when any call is refused as locked, and the sign-in when the session is gone', async () => {
    const fake = createFakeClient({
      getSignInState: () => ok({ ...STATE, session: sessionInfo('coder') }),
      getWorkspace: () => failure('locked', 'The session is locked: enter your password to continue.'),
      listRecords: () => failure('unauthenticated', 'The session has ended: sign in again.'),
      unlockSession: ({ password }) => (password === 'right-password' ? ok(sessionInfo('coder')) : failure('unauthenticated', 'Wrong user name or password.')),
    })
    const gate = new AuthGate(fake.client, tabSessionTokens(null))
    await gate.start()
    await gate.client.getWorkspace({})
    expect(gate.state).toBe('locked')
    expect(await gate.unlock('nope')).toBe(false)
    expect(gate.state).toBe('locked')
    expect(await gate.unlock('right-password')).toBe(true)
    expect(gate.state).toBe('ready')
    await gate.client.listRecords({})
    expect(gate.state).toBe('sign-in')
    expect(gate.session).toBeNull()
  })

  it('asks for a new password after a reset before showing any desk', async () => {
    const fake = createFakeClient({
      getSignInState: () => ok(STATE),
      signIn: () => ok({ ...sessionInfo('coder', { mustChangePassword: true }), token: 't' }),
      changePassword: () => ok(sessionInfo('coder')),
      getWorkspace: () => ok(workspaceInfo()),
    })
    const gate = new AuthGate(fake.client, tabSessionTokens(null))
    await gate.start()
    await gate.signIn('coder', 'temporary-pass')
    expect(gate.state).toBe('change-password')
    await gate.changePassword('temporary-pass', 'my-own-password')
    expect(gate.state).toBe('ready')
  })

  it('offers to create the administrator on a first run', async () => {
    const fake = createFakeClient({
      getSignInState: () => ok({ ...STATE, needsFirstAdmin: true }),
      createFirstAdmin: ({ userId }) => ok({ ...sessionInfo('admin', { user: { ...sessionInfo('admin').user, id: userId } }), token: 't' }),
    })
    const gate = new AuthGate(fake.client, tabSessionTokens(null))
    await gate.start()
    expect(gate.state).toBe('first-run')
    await gate.createFirstAdmin('it.admin', 'IT', 'first-admin-pass')
    expect(gate.state).toBe('ready')
    expect(gate.may('manage-users')).toBe(true)
  })
})
