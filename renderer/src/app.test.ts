import { render, screen, waitFor, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { KEYMAP } from './lib/keymap.js'
import App from './App.svelte'
import { I18n } from './lib/i18n/i18n.svelte.js'
import { testIds } from './lib/test-ids.js'
import { recordView } from './lib/testing/fixtures.js'
import { createMemoryApp } from './lib/testing/memory-app.js'
import { Workstation } from './lib/workstation.svelte.js'

function memoryStorage() {
  const items = new Map<string, string>()
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) }
}

const RECORDS = [
  recordView({ id: 'R-001' }),
  recordView({
    id: 'R-002',
    language: 'zh',
    department: '心内科',
    diagnosisNames: [{ position: 0, text: '高血压病3级', isPrimary: true }],
    sections: [{ kind: 'present_illness', title: '', text: '患者反复头晕3年。' }],
  }),
]

describe('App', () => {
  it('codes a record end to end, and a reload shows the submitted version', async () => {
    const app = createMemoryApp(RECORDS)
    const tabSession = memoryStorage()
    const user = userEvent.setup()
    const first = render(App, { workstation: new Workstation(app.client, tabSession), i18n: new I18n('en') })

    expect(await screen.findByText('0 of 2 submitted')).toBeInTheDocument()
    await user.click(await screen.findByRole('button', { name: /R-002/ }))

    const record = await screen.findByTestId(testIds.record)
    expect(record).toHaveAttribute('data-record-id', 'R-002')
    expect(within(screen.getByTestId(testIds.diagnosisNames)).getByText('高血压病3级')).toBeInTheDocument()
    expect(within(screen.getByTestId(testIds.clinicalText)).getByRole('heading', { name: 'History of present illness' })).toBeInTheDocument()

    await user.type(screen.getByRole('combobox', { name: 'Search ICD-10 codes' }), '高血压')
    expect(await screen.findByRole('option', { name: /^I10 .*matched “高血压”/ })).toBeInTheDocument()
    await user.keyboard('{Enter}')
    expect(screen.getByRole('radio', { name: 'Mark I10 as the primary diagnosis' })).toBeChecked()
    await user.click(screen.getByRole('button', { name: 'Submit coding' }))

    expect(await screen.findByText('1 of 2 submitted')).toBeInTheDocument()
    expect(screen.getByTestId(testIds.record)).toHaveAttribute('data-status', 'submitted')
    // The to-do queue no longer lists the submitted record.
    expect(screen.queryByRole('button', { name: /R-002/ })).not.toBeInTheDocument()

    first.unmount()
    render(App, { workstation: new Workstation(app.client, tabSession), i18n: new I18n('en') })
    const reopened = await screen.findByTestId(testIds.record)
    expect(reopened).toHaveAttribute('data-record-id', 'R-002')
    expect(reopened).toHaveAttribute('data-status', 'submitted')
    expect(screen.getAllByTestId(testIds.historyEntry).map((entry) => entry.dataset.version)).toEqual(['1'])
    expect(screen.getByRole('button', { name: 'Submit new version' })).toBeInTheDocument()
  })

  it('filters the queue by status', async () => {
    const app = createMemoryApp([RECORDS[0]!, recordView({ id: 'R-003', decisions: [] })])
    await app.client.submitDecision({ recordId: 'R-003', codes: [{ code: 'I10', isPrimary: true }], baseVersion: 0 })
    const user = userEvent.setup()
    render(App, { workstation: new Workstation(app.client), i18n: new I18n('en') })

    const queue = await screen.findByTestId(testIds.queue)
    await within(queue).findByText('R-001')
    expect(within(queue).queryByText('R-003')).not.toBeInTheDocument()

    await user.click(within(queue).getByRole('radio', { name: 'Submitted' }))
    await within(queue).findByText('R-003')
    expect(within(queue).queryByText('R-001')).not.toBeInTheDocument()
    expect(within(queue).getByText('1 code')).toBeInTheDocument()
  })

  it('focuses the queue filter with f and narrows the queue to what the coder types', async () => {
    const app = createMemoryApp(RECORDS)
    const user = userEvent.setup()
    render(App, { workstation: new Workstation(app.client), i18n: new I18n('en') })
    const queue = await screen.findByTestId(testIds.queue)
    await within(queue).findByText('R-002')

    await user.keyboard('f')
    expect(within(queue).getByRole('searchbox', { name: 'Filter by record id or diagnosis' })).toHaveFocus()
    await user.keyboard('高血压')
    await waitFor(() => expect(within(queue).queryByText('R-001')).not.toBeInTheDocument())
    expect(within(queue).getByText('R-002')).toBeInTheDocument()
  })

  it('warns the coder when another window submits the record they have open', async () => {
    const app = createMemoryApp(RECORDS)
    const user = userEvent.setup()
    render(App, { workstation: new Workstation(app.client), i18n: new I18n('en') })
    await user.click(await screen.findByRole('button', { name: /R-001/ }))
    await screen.findByTestId(testIds.record)

    await app.client.submitDecision({ recordId: 'R-001', codes: [{ code: 'E11.9', isPrimary: true }], baseVersion: 0 })

    expect(await screen.findByRole('alert')).toHaveTextContent('Version 1 was submitted by coder1 while you were editing')
    expect(await screen.findByText('1 of 2 submitted')).toBeInTheDocument()
  })

  it('codes a record with the keyboard only: queue keys, search, assigned-code keys, undo and submit', async () => {
    const app = createMemoryApp(RECORDS)
    const user = userEvent.setup()
    render(App, { workstation: new Workstation(app.client), i18n: new I18n('en') })
    await screen.findByText('0 of 2 submitted')
    const openRecordId = () => screen.queryByTestId(testIds.record)?.dataset.recordId

    await user.keyboard('j')
    await waitFor(() => expect(openRecordId()).toBe('R-001'))
    await user.keyboard('j')
    await waitFor(() => expect(openRecordId()).toBe('R-002'))
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}')
    await waitFor(() => expect(openRecordId()).toBe('R-001'))

    await user.keyboard('/')
    expect(screen.getByRole('combobox', { name: 'Search ICD-10 codes' })).toHaveFocus()
    await user.keyboard('hyp')
    await screen.findByRole('option', { name: /^I10 / })
    await user.keyboard('{Enter}')
    // Regression: focus stayed in the search after Enter, so `s a` typed "sa". It moves to the new code.
    const assignedCode = (code: string) => screen.getAllByTestId(testIds.assignedCode).find((row) => row.dataset.code === code)
    await waitFor(() => expect(assignedCode('I10')).toHaveFocus())
    await user.keyboard('/dia')
    await screen.findByRole('option', { name: /^E11\.9 / })
    await user.keyboard('{Enter}')
    await waitFor(() => expect(assignedCode('E11.9')).toHaveFocus())
    // Esc in an empty search leaves it.
    await user.keyboard('/{Escape}')
    expect(screen.getByRole('combobox', { name: 'Search ICD-10 codes' })).not.toHaveFocus()

    await user.keyboard('{Alt>}3{/Alt}{ArrowUp}')
    expect(assignedCode('I10')).toHaveFocus()
    await user.keyboard('{ArrowDown}p')
    expect(assignedCode('E11.9')).toHaveFocus()
    expect(assignedCode('E11.9')).toHaveAttribute('data-primary', 'true')

    await user.keyboard('{Delete}')
    expect(assignedCode('E11.9')).toBeUndefined()
    await waitFor(() => expect(assignedCode('I10')).toHaveFocus())
    await user.keyboard('{Control>}z{/Control}')
    expect(assignedCode('E11.9')).toHaveAttribute('data-primary', 'true')
    // The suggested primary is I10: `p` again on E11.9 confirms the coder's choice.
    expect(screen.getByTestId(testIds.primaryMismatch)).toHaveAttribute('data-suggested', 'I10')
    await user.keyboard('{Alt>}3{/Alt}{ArrowDown}p')
    expect(screen.getByTestId(testIds.primaryConfirm)).toBeChecked()

    await user.keyboard('c')
    expect(screen.getByRole('textbox', { name: 'Comment (optional)' })).toHaveFocus()
    await user.keyboard('DM admission{Control>}{Enter}{/Control}')
    expect(await screen.findByText('1 of 2 submitted')).toBeInTheDocument()
    expect(screen.getByTestId(testIds.record)).toHaveAttribute('data-status', 'submitted')
  })

  it('shows every shortcut in a help overlay that opens with ?, keeps focus inside and gives it back on Esc', async () => {
    const app = createMemoryApp(RECORDS)
    const user = userEvent.setup()
    render(App, { workstation: new Workstation(app.client), i18n: new I18n('en') })
    const row = await screen.findByRole('button', { name: /R-001/ })
    await user.keyboard('{Alt>}1{/Alt}')
    expect(row).toHaveFocus()

    await user.keyboard('?')
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' })
    expect(within(dialog).getAllByTestId(testIds.shortcutEntry).map((entry) => entry.dataset.action)).toEqual(
      expect.arrayContaining(KEYMAP.map((entry) => entry.action)),
    )
    expect(within(dialog).getAllByTestId(testIds.shortcutEntry)).toHaveLength(KEYMAP.length)
    expect(within(dialog).getByText('Open the next record')).toBeInTheDocument()
    const close = within(dialog).getByRole('button', { name: 'Close' })
    expect(close).toHaveFocus()
    await user.tab()
    expect(close).toHaveFocus()
    // Behind the overlay the workstation's keys do nothing.
    await user.keyboard('j')
    expect(screen.queryByTestId(testIds.record)).not.toBeInTheDocument()

    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(row).toHaveFocus()
  })

  it('lists the shortcuts in Chinese when the UI is in Chinese, opened from the header button', async () => {
    const user = userEvent.setup()
    render(App, { workstation: new Workstation(createMemoryApp(RECORDS).client), i18n: new I18n('zh-CN') })
    await user.click(screen.getByRole('button', { name: '键盘快捷键' }))
    const dialog = screen.getByRole('dialog', { name: '键盘快捷键' })
    expect(within(dialog).getByText('打开下一份病历')).toBeInTheDocument()
    await user.click(within(dialog).getByRole('button', { name: '关闭' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('shows the coding mode in the header and sends it with the submission', async () => {
    const app = createMemoryApp(RECORDS)
    const user = userEvent.setup()
    render(App, { workstation: new Workstation(app.client), i18n: new I18n('en') })
    expect(await screen.findByTestId(testIds.codingMode)).toHaveAttribute('data-mode', 'assisted')
    expect(screen.getByTestId(testIds.codingMode)).toHaveTextContent('Assisted')

    await user.click(await screen.findByRole('button', { name: /R-001/ }))
    await user.type(await screen.findByRole('combobox', { name: 'Search ICD-10 codes' }), 'hyp')
    await screen.findByRole('option', { name: /^I10 / })
    await user.keyboard('{Enter}')
    await user.click(screen.getByRole('button', { name: 'Submit coding' }))
    await screen.findByText('1 of 2 submitted')
    expect(app.callsTo('submitDecision')[0]).toMatchObject({ mode: 'assisted', activeMs: 0 })
  })
})
