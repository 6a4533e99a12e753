import { fireEvent, render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { I18n } from '../lib/i18n/i18n.svelte.js'
import type { Locale } from '../lib/i18n/i18n.svelte.js'
import { RecordQueue } from '../lib/record-queue.svelte.js'
import { testIds } from '../lib/test-ids.js'
import { recordView } from '../lib/testing/fixtures.js'
import { createMemoryApp } from '../lib/testing/memory-app.js'
import RecordQueueView from './RecordQueue.svelte'

const RECORDS = [
  recordView({ id: 'C-1', department: 'Cardiology', dischargedAt: '2024-03-08' }),
  recordView({
    id: 'Z-2',
    language: 'zh',
    department: '呼吸内科',
    dischargedAt: '2024-03-10',
    diagnosisNames: [{ position: 0, text: '社区获得性肺炎', isPrimary: true }],
  }),
  recordView({ id: 'C-3', department: 'Cardiology', dischargedAt: '2024-02-29', diagnosisNames: [{ position: 0, text: 'Heart failure', isPrimary: true }] }),
]

/** The queue component over a memory app, its callbacks forwarded straight to the queue (no debounce). */
async function setup(locale: Locale = 'en') {
  const app = createMemoryApp(RECORDS)
  const queue = new RecordQueue(app.client, 50, 0)
  queue.filter = 'all'
  await queue.load()
  render(RecordQueueView, {
    queue,
    openRecordId: null,
    onOpen: () => undefined,
    onFilter: (filter) => void queue.setFilter(filter),
    onNarrow: (change) => void queue.narrow(change),
    onQuery: (query) => queue.typeQuery(query),
    onSort: (sort) => void queue.setSort(sort),
    i18n: new I18n(locale),
  })
  const user = userEvent.setup()
  const rowIds = () => screen.queryAllByTestId(testIds.queueRow).map((row) => row.dataset.recordId)
  return { app, queue, user, rowIds }
}

describe('RecordQueue filters', () => {
  it('narrows to the records whose id or diagnosis names hold the typed text, Chinese included', async () => {
    const { user, rowIds } = await setup()
    const query = screen.getByRole('searchbox', { name: 'Filter by record id or diagnosis' })
    expect(query).toHaveAttribute('aria-keyshortcuts', 'f')

    await user.type(query, '肺炎')
    await expect.poll(rowIds).toEqual(['Z-2'])

    await user.clear(query)
    await user.type(query, 'c-')
    await expect.poll(rowIds).toEqual(['C-1', 'C-3'])
    expect(screen.getByTestId(testIds.queueRange)).toHaveTextContent('1–2 of 2')
  })

  it('offers the departments present and the languages by name, and narrows by them', async () => {
    const { user, rowIds } = await setup()
    const department = screen.getByRole('combobox', { name: 'Department' })
    expect(within(department).getAllByRole('option').map((option) => option.textContent)).toEqual(['All departments', 'Cardiology', '呼吸内科'])
    const language = screen.getByRole('combobox', { name: 'Language' })
    expect(within(language).getAllByRole('option').map((option) => option.textContent)).toEqual(['All languages', 'English', 'Chinese'])

    await user.selectOptions(language, 'Chinese')
    await expect.poll(rowIds).toEqual(['Z-2'])
    await user.selectOptions(language, 'All languages')
    await user.selectOptions(department, 'Cardiology')
    await expect.poll(rowIds).toEqual(['C-1', 'C-3'])
    expect(screen.getByTestId(testIds.queueFilters)).toHaveAttribute('data-active', '1')
  })

  it('keeps discharges within the chosen dates and lists the newest first on request, each row with its date', async () => {
    const { user, rowIds } = await setup()
    await fireEvent.change(screen.getByLabelText('Discharged from'), { target: { value: '2024-03-01' } })
    await expect.poll(rowIds).toEqual(['C-1', 'Z-2'])
    await fireEvent.change(screen.getByLabelText('Discharged from'), { target: { value: '' } })
    await fireEvent.change(screen.getByLabelText('Discharged to'), { target: { value: '2024-03-08' } })
    await expect.poll(rowIds).toEqual(['C-1', 'C-3'])

    await user.selectOptions(screen.getByRole('combobox', { name: 'Order' }), 'Newest discharge first')
    await expect.poll(rowIds).toEqual(['C-1', 'C-3'])
    await fireEvent.change(screen.getByLabelText('Discharged to'), { target: { value: '' } })
    await expect.poll(rowIds).toEqual(['Z-2', 'C-1', 'C-3'])
    expect(screen.getAllByTestId(testIds.queueRow)[0]).toHaveTextContent('Mar 10, 2024')
  })

  it('says when no record matches, and one button clears every filter but the status', async () => {
    const { user, queue, rowIds } = await setup()
    await user.selectOptions(screen.getByRole('combobox', { name: 'Department' }), 'Cardiology')
    await user.type(screen.getByRole('searchbox'), 'no such diagnosis')
    const message = await screen.findByText('No records match these filters.')

    // The button beside the message, not the one among the filters.
    await user.click(within(message.parentElement as HTMLElement).getByRole('button', { name: 'Clear filters' }))
    await expect.poll(rowIds).toEqual(['C-1', 'Z-2', 'C-3'])
    expect(screen.getByRole('searchbox')).toHaveValue('')
    expect(screen.getByRole('combobox', { name: 'Department' })).toHaveValue('')
    expect(queue.filter).toBe('all')
  })

  it('speaks Chinese when the UI does, language names included', async () => {
    await setup('zh-CN')
    expect(screen.getByRole('searchbox', { name: '按病历号或诊断筛选' })).toHaveAttribute('placeholder', '病历号或诊断名称')
    const language = screen.getByRole('combobox', { name: '语言' })
    expect(within(language).getAllByRole('option').map((option) => option.textContent)).toEqual(['全部语言', '英语', '中文'])
    expect(within(screen.getByRole('combobox', { name: '排序' })).getByRole('option', { name: '出院日期（最新在前）' })).toBeInTheDocument()
  })
})
