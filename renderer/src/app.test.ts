import { render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
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
})
