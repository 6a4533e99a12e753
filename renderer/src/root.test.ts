import { render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import Root from './Root.svelte'
import { AuthGate } from './lib/auth-gate.svelte.js'
import { I18n } from './lib/i18n/i18n.svelte.js'
import { tabSessionTokens } from './lib/session-token.js'
import { testIds } from './lib/test-ids.js'
import { createFakeClient } from './lib/testing/fake-client.js'
import type { FakeHandlers } from './lib/testing/fake-client.js'
import { failure, ok, recordPage, sessionInfo, workspaceInfo } from './lib/testing/fixtures.js'

const STATE = { workspaceName: 'Demo Hospital', needsFirstAdmin: false, session: null, minPasswordLength: 10, recordsLanguage: null }

function renderRoot(handlers: FakeHandlers, locale: 'en' | 'zh-CN' = 'en') {
  const fake = createFakeClient({ getSignInState: () => ok(STATE), ...handlers })
  const gate = new AuthGate(fake.client, tabSessionTokens(null))
  render(Root, { environment: { client: gate.client, i18n: new I18n(locale), gate, memory: null, preferences: null, activity: null, save: null } })
  return { fake, gate }
}

const codingDesk: FakeHandlers = {
  getWorkspace: () => ok(workspaceInfo()),
  listRecords: () => ok(recordPage()),
}

describe('Root', () => {
  it('signs a coder in with the keyboard and shows only the coding desk', async () => {
    const user = userEvent.setup()
    const { fake } = renderRoot({ ...codingDesk, signIn: () => ok({ ...sessionInfo('coder'), token: 't' }) })
    await user.type(await screen.findByLabelText('User name'), 'coder')
    await user.type(screen.getByLabelText('Password'), 'coding-desk-2026{Enter}')
    expect(fake.callsTo('signIn')).toEqual([{ userId: 'coder', password: 'coding-desk-2026' }])
    const tabs = within(await screen.findByTestId(testIds.deskNav)).getAllByRole('button')
    expect(tabs.map((tab) => tab.dataset.desk)).toEqual(['coding'])
    expect(screen.getByTestId(testIds.desk)).toHaveAttribute('data-desk', 'coding')
  })

  it('opens the sign-in screen in the language of the workspace\'s records, and a chosen language wins', async () => {
    renderRoot({ getSignInState: () => ok({ ...STATE, recordsLanguage: 'zh' }) })
    expect(await screen.findByLabelText('用户名')).toBeInTheDocument()
    expect(document.documentElement.lang).toBe('zh-CN')
  })

  it('shows the engine’s refusal under the form', async () => {
    const user = userEvent.setup()
    renderRoot({ signIn: () => failure('unauthenticated', 'Too many failed sign-ins: the account is locked for 15 minutes (an administrator can unlock it).') })
    await user.type(await screen.findByLabelText('User name'), 'coder')
    await user.type(screen.getByLabelText('Password'), 'x{Enter}')
    expect(await screen.findByTestId(testIds.signInProblem)).toHaveTextContent(/locked for 15 minutes/)
  })

  it('gives an administrator the accounts and model desks, and Alt+Shift+digit moves between desks', async () => {
    const user = userEvent.setup()
    const { fake } = renderRoot({
      getSignInState: () => ok({ ...STATE, session: sessionInfo('admin') }),
      listUsers: () => ok({ items: [{ id: 'coder', displayName: 'Coder', role: 'coder', mode: 'assisted', studyGroup: null, disabled: false, lockedUntil: null, hasPassword: true, mustChangePassword: false, createdAt: '2026-01-01' }] }),
      listAudit: () => ok({ total: 0, items: [] }),
    })
    const nav = await screen.findByTestId(testIds.deskNav)
    expect(within(nav).getAllByRole('button').map((tab) => tab.dataset.desk)).toEqual(['audit', 'admin', 'models'])
    expect(screen.getByTestId(testIds.desk)).toHaveAttribute('data-desk', 'audit')
    await user.keyboard('{Alt>}{Shift>}2{/Shift}{/Alt}')
    expect(screen.getByTestId(testIds.desk)).toHaveAttribute('data-desk', 'admin')
    expect(await screen.findByTestId(testIds.accountRow)).toHaveAttribute('data-user-id', 'coder')
    expect(fake.callsTo('listUsers')).toHaveLength(1)
  })

  it('covers the desk with the lock screen and unlocks back into it', async () => {
    const user = userEvent.setup()
    const { gate } = renderRoot({
      ...codingDesk,
      getSignInState: () => ok({ ...STATE, session: sessionInfo('coder') }),
      lockSession: () => ok(sessionInfo('coder', { locked: true })),
      unlockSession: () => ok(sessionInfo('coder')),
    })
    await user.click(await screen.findByTestId(testIds.lockButton))
    const lock = await screen.findByTestId(testIds.lockScreen)
    expect(gate.state).toBe('locked')
    // The desk stays mounted beneath (the coder's place is kept), but inert.
    const frame = screen.getByTestId(testIds.desk).parentElement as HTMLElement & { inert?: boolean }
    expect(frame.hasAttribute('inert') || frame.inert === true).toBe(true)
    await user.type(within(lock).getByLabelText('Password'), 'coding-desk-2026{Enter}')
    expect(screen.queryByTestId(testIds.lockScreen)).not.toBeInTheDocument()
    expect(screen.getByTestId(testIds.desk)).toHaveAttribute('data-desk', 'coding')
  })

  it('speaks Chinese on the sign-in screen', async () => {
    renderRoot({}, 'zh-CN')
    expect(await screen.findByRole('heading', { name: '登录' })).toBeInTheDocument()
    expect(screen.getByLabelText('用户名')).toBeInTheDocument()
  })
})
