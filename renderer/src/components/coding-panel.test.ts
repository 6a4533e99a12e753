import { render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { RecordView } from '../../../contract/domain.js'
import { CodeSearch } from '../lib/code-search.svelte.js'
import { CodingSession } from '../lib/coding-session.svelte.js'
import { CodingTimer } from '../lib/coding-timer.svelte.js'
import { I18n } from '../lib/i18n/i18n.svelte.js'
import type { Locale } from '../lib/i18n/i18n.svelte.js'
import { createFakeActivity } from '../lib/testing/fake-activity.js'
import { SuggestionsState } from '../lib/suggestions-state.svelte.js'
import { createFakeClient } from '../lib/testing/fake-client.js'
import type { FakeHandlers } from '../lib/testing/fake-client.js'
import { codeHit, decision, failure, ok, recordView } from '../lib/testing/fixtures.js'
import { testIds } from '../lib/test-ids.js'
import CodingPanel from './CodingPanel.svelte'

function setup(handlers: FakeHandlers, record: RecordView = recordView(), locale: Locale = 'en') {
  const fake = createFakeClient({
    searchCodes: () =>
      ok({
        items: [codeHit('I10', 'Essential (primary) hypertension'), codeHit('E11.9', 'Type 2 diabetes mellitus')],
        elapsedMs: 1,
      }),
    ...handlers,
  })
  const session = new CodingSession(fake.client, record)
  const reopened: string[] = []
  render(CodingPanel, {
    session,
    search: new CodeSearch(fake.client, 0),
    suggestions: new SuggestionsState(fake.client),
    onSubmit: () => void session.submit(),
    onReopen: (recordId: string) => reopened.push(recordId),
    i18n: new I18n(locale),
  })
  return { fake, session, reopened, user: userEvent.setup() }
}

async function addCode(user: ReturnType<typeof userEvent.setup>, query: string, code: string) {
  await user.clear(screen.getByRole('combobox'))
  await user.type(screen.getByRole('combobox'), query)
  await user.click(await screen.findByRole('option', { name: new RegExp(`^${code} `) }))
}

describe('CodingPanel', () => {
  it('adds codes, lets the coder pick the primary with a radio, and submits them', async () => {
    const { user, fake } = setup({ submitDecision: (input) => ok(decision({ codes: input.codes.map((c) => ({ ...c, title: c.code })) })) })
    await addCode(user, 'hyp', 'I10')
    await addCode(user, 'dia', 'E11.9')

    await user.click(screen.getByRole('radio', { name: 'Mark E11.9 as the primary diagnosis' }))
    await user.type(screen.getByRole('textbox', { name: 'Comment (optional)' }), 'DM is the reason for admission')
    await user.click(screen.getByRole('button', { name: 'Submit coding' }))

    expect(fake.callsTo('submitDecision')).toEqual([
      {
        recordId: 'R-001',
        codes: [
          { code: 'I10', isPrimary: false },
          { code: 'E11.9', isPrimary: true },
        ],
        comment: 'DM is the reason for admission',
        baseVersion: 0,
        activeMs: 0,
        mode: 'assisted',
        // The record text version the coder read: a re-import since is refused by the engine.
        sourceVersion: 1,
      },
    ])
    expect(await screen.findByText('Submitted as version 1.')).toBeInTheDocument()
    const history = screen.getByTestId(testIds.history)
    expect(within(history).getByText('Version 1')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Submit new version' })).toBeInTheDocument()
  })

  it('explains, without calling the app, that exactly one code must be primary', async () => {
    const { user, fake } = setup({})
    await addCode(user, 'hyp', 'I10')
    await addCode(user, 'dia', 'E11.9')
    await user.click(screen.getByRole('button', { name: 'Remove I10' }))
    await user.click(screen.getByRole('button', { name: 'Submit coding' }))

    expect(screen.getByRole('alert')).toHaveTextContent('Mark exactly one code as the primary diagnosis (0 marked).')
    expect(fake.callsTo('submitDecision')).toEqual([])
  })

  it('shows a conflict as a readable message with a way to reopen the record', async () => {
    const engineMessage = 'Record R-001 was coded again (version 1) after you opened version 0; reopen it to see the newer coding.'
    const { user, reopened } = setup({ submitDecision: () => failure('conflict', engineMessage) })
    await addCode(user, 'hyp', 'I10')
    await user.click(screen.getByRole('button', { name: 'Submit coding' }))

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Someone else coded this record after you opened it.')
    expect(alert).toHaveTextContent(engineMessage)
    expect(alert).toHaveAttribute('data-problem', 'conflict')

    await user.click(within(alert).getByRole('button', { name: 'Reopen the record' }))
    expect(reopened).toEqual(['R-001'])
  })

  it('starts a submitted record from its latest codes and submits on top of that version', async () => {
    const latest = decision({ version: 2, coder: 'coder2' })
    const { user, fake } = setup(
      { submitDecision: () => ok(decision({ version: 3 })) },
      recordView({ status: 'submitted', decisions: [latest, decision({ version: 1 })] }),
    )
    const rows = within(screen.getByTestId(testIds.assignedCodes)).getAllByTestId(testIds.assignedCode)
    expect(rows.map((row) => row.dataset.code)).toEqual(['I10'])
    expect(screen.getByRole('radio', { name: 'Mark I10 as the primary diagnosis' })).toBeChecked()
    expect(screen.getAllByTestId(testIds.historyEntry).map((entry) => entry.dataset.version)).toEqual(['2', '1'])

    await user.click(screen.getByRole('button', { name: 'Submit new version' }))
    expect(fake.callsTo('submitDecision')[0]?.baseVersion).toBe(2)
  })

  it('shows the active time unobtrusively as mm:ss, dimmed while paused', async () => {
    vi.useFakeTimers()
    try {
      const activity = createFakeActivity()
      const fake = createFakeClient({})
      const session = new CodingSession(fake.client, recordView(), { timer: new CodingTimer(activity.source) })
      render(CodingPanel, {
        session,
        search: new CodeSearch(fake.client, 0),
        suggestions: new SuggestionsState(fake.client),
        onSubmit: () => {},
        onReopen: () => {},
        i18n: new I18n('en'),
      })
      const timer = screen.getByRole('timer', { name: 'Active time on this record' })
      expect(timer).toHaveTextContent('00:00')

      await vi.advanceTimersByTimeAsync(30_000)
      activity.input()
      await vi.advanceTimersByTimeAsync(35_000)
      expect(timer).toHaveTextContent('01:05')
      expect(timer).toHaveAttribute('data-running', 'true')

      activity.hide()
      await vi.advanceTimersByTimeAsync(0)
      expect(timer).toHaveAttribute('data-running', 'false')
      session.dispose()
    } finally {
      vi.useRealTimers()
    }
  })

  it('names the keyboard shortcut on the controls it drives', async () => {
    const { user } = setup({})
    await addCode(user, 'hyp', 'I10')
    expect(screen.getByRole('button', { name: 'Submit coding' })).toHaveAttribute('aria-keyshortcuts', 'Control+Enter')
    expect(screen.getByRole('button', { name: 'Submit coding' })).toHaveAttribute('title', 'Submit coding (Ctrl+Enter)')
    expect(screen.getByRole('button', { name: 'Undo' })).toHaveAttribute('aria-keyshortcuts', 'Control+z')
    expect(screen.getByRole('button', { name: 'Remove I10' })).toHaveAttribute('aria-keyshortcuts', 'Delete Backspace')
    expect(screen.getByRole('combobox')).toHaveAttribute('aria-keyshortcuts', '/')
  })

  it('words problems in Chinese when the UI is in Chinese', async () => {
    const { user } = setup({}, recordView(), 'zh-CN')
    await user.click(screen.getByRole('button', { name: '提交编码' }))
    expect(screen.getByRole('alert')).toHaveTextContent('提交前请至少添加一个编码。')
  })
})
