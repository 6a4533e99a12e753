import { describe, expect, it, vi } from 'vitest'
import { NO_NARROWING, QUEUE_PAGE_SIZE, QUEUE_QUERY_DEBOUNCE_MS, RecordQueue, parseQueueView } from './record-queue.svelte.js'
import { decision, recordView } from './testing/fixtures.js'
import { createMemoryApp } from './testing/memory-app.js'

const FIVE_RECORDS = ['R-1', 'R-2', 'R-3', 'R-4', 'R-5'].map((id) => recordView({ id }))

describe('RecordQueue', () => {
  it('pages through the records and goes back to the first page when the filter changes', async () => {
    const app = createMemoryApp(FIVE_RECORDS)
    const queue = new RecordQueue(app.client, 2)
    await queue.load()
    expect([queue.firstShown, queue.lastShown, queue.total]).toEqual([1, 2, 5])

    await queue.nextPage()
    await queue.nextPage()
    expect(queue.items.map((item) => item.id)).toEqual(['R-5'])
    expect(queue.hasNext).toBe(false)

    await queue.setFilter('all')
    expect(queue.offset).toBe(0)
    expect(app.callsTo('listRecords').at(-1)).toEqual({ offset: 0, limit: 2 })
  })

  it('steps back a page when submits elsewhere empty the last to-do page', async () => {
    const app = createMemoryApp(FIVE_RECORDS)
    const queue = new RecordQueue(app.client, 2)
    await queue.load()
    await queue.nextPage()
    await queue.nextPage()
    await app.client.submitDecision({ recordId: 'R-5', codes: [{ code: 'I10', isPrimary: true }], baseVersion: 0 })

    await queue.load()

    expect(queue.offset).toBe(2)
    expect(queue.items.map((item) => item.id)).toEqual(['R-3', 'R-4'])
  })
})

const WARD = [
  recordView({ id: 'C-1', department: 'Cardiology', dischargedAt: '2024-03-08' }),
  recordView({
    id: 'Z-2',
    language: 'zh',
    department: '呼吸内科',
    dischargedAt: '2024-03-10T22:10:00',
    diagnosisNames: [{ position: 0, text: '社区获得性肺炎', isPrimary: true }],
  }),
  recordView({ id: 'C-3', department: 'Cardiology', dischargedAt: null, diagnosisNames: [{ position: 0, text: 'Heart failure', isPrimary: true }] }),
  recordView({ id: 'Z-4', language: 'zh', department: '呼吸内科', dischargedAt: '2024-02-29', diagnosisNames: [{ position: 0, text: '肺炎', isPrimary: true }] }),
]

describe('RecordQueue narrowing and order', () => {
  const shownIds = (queue: RecordQueue) => queue.items.map((item) => item.id)

  it('combines department, language, discharge dates and query from the first page, sending only what is set', async () => {
    const app = createMemoryApp(WARD)
    const queue = new RecordQueue(app.client, 1)
    await queue.load()
    await queue.nextPage()

    await queue.narrow({ language: 'zh', department: '呼吸内科', dischargedFrom: '2024-03-01', dischargedTo: '2024-03-10', query: ' 肺炎 ' })

    expect(queue.offset).toBe(0)
    expect(shownIds(queue)).toEqual(['Z-2'])
    expect(queue.total).toBe(1)
    expect(queue.narrowingCount).toBe(5)
    expect(app.callsTo('listRecords').at(-1)).toEqual({
      status: 'todo',
      language: 'zh',
      department: '呼吸内科',
      dischargedFrom: '2024-03-01',
      dischargedTo: '2024-03-10',
      query: '肺炎',
      offset: 0,
      limit: 1,
    })

    await queue.clearNarrowing()
    expect(queue.total).toBe(4)
    expect(queue.filter).toBe('todo')
    expect(app.callsTo('listRecords').at(-1)).toEqual({ status: 'todo', offset: 0, limit: 1 })
  })

  it('asks once, after typing pauses, with the query as last typed', async () => {
    vi.useFakeTimers()
    try {
      const app = createMemoryApp(WARD)
      const queue = new RecordQueue(app.client)
      await queue.load()
      const callsBefore = app.callsTo('listRecords').length

      for (const typed of ['h', 'he', 'hea', 'heart']) queue.typeQuery(typed)
      expect(queue.narrowing.query).toBe('heart')
      expect(queue.loading).toBe(true)
      await vi.advanceTimersByTimeAsync(QUEUE_QUERY_DEBOUNCE_MS - 1)
      expect(app.callsTo('listRecords')).toHaveLength(callsBefore)

      await vi.advanceTimersByTimeAsync(1)
      expect(app.callsTo('listRecords').slice(callsBefore)).toEqual([{ status: 'todo', query: 'heart', offset: 0, limit: QUEUE_PAGE_SIZE }])
      expect(shownIds(queue)).toEqual(['C-3'])
      expect(queue.loading).toBe(false)
    } finally {
      vi.useRealTimers()
    }
  })

  it('lists the newest discharge first and undated records last', async () => {
    const app = createMemoryApp(WARD)
    const queue = new RecordQueue(app.client)
    await queue.setSort('discharged-desc')
    expect(shownIds(queue)).toEqual(['Z-2', 'C-1', 'Z-4', 'C-3'])
    expect(app.callsTo('listRecords').at(-1)).toMatchObject({ sort: 'discharged-desc' })
  })

  it('offers the departments and languages present, and still the chosen one once its last record is gone', async () => {
    const app = createMemoryApp(WARD)
    const queue = new RecordQueue(app.client)
    await queue.load()
    expect(queue.departmentOptions).toEqual(['Cardiology', '呼吸内科'])
    expect(queue.languageOptions).toEqual(['en', 'zh'])

    queue.restore({ narrowing: { ...NO_NARROWING, department: 'Neurology' }, sort: 'id' })
    await queue.load()
    expect(queue.items).toEqual([])
    expect(queue.departmentOptions).toEqual(['Cardiology', '呼吸内科', 'Neurology'])
  })
})

describe('RecordQueue for a supervisor auditing coded work', () => {
  const CODED = [
    recordView({ id: 'A-1', decisions: [decision({ recordId: 'A-1', codes: [{ code: 'E11.9', title: 'T2DM', isPrimary: true }] })] }),
    recordView({
      id: 'A-2',
      decisions: [decision({ recordId: 'A-2', coder: 'senior', coderName: 'Senior Coder', mode: 'black-box' })],
    }),
    recordView({ id: 'A-3' }),
  ]

  it('narrows by a code of the current coding (or one under it), by who coded it and in which mode, sending only what is set', async () => {
    const shownIds = (queue: RecordQueue) => queue.items.map((item) => item.id)
    const app = createMemoryApp(CODED)
    const queue = new RecordQueue(app.client)
    await queue.setFilter('all')
    expect(queue.coderOptions).toEqual([
      { id: 'coder1', displayName: 'Coder One' },
      { id: 'senior', displayName: 'Senior Coder' },
    ])

    await queue.narrow({ code: ' e11 ' })
    expect(shownIds(queue)).toEqual(['A-1'])
    expect(app.callsTo('listRecords').at(-1)).toEqual({ code: 'e11', offset: 0, limit: QUEUE_PAGE_SIZE })

    await queue.narrow({ code: '', coder: 'senior', mode: 'black-box' })
    expect(shownIds(queue)).toEqual(['A-2'])
    expect(app.callsTo('listRecords').at(-1)).toEqual({ coder: 'senior', mode: 'black-box', offset: 0, limit: QUEUE_PAGE_SIZE })
    expect(queue.narrowingCount).toBe(2)

    await queue.narrow({ mode: 'manual' })
    expect(queue.items).toEqual([])
  })
})

describe('parseQueueView', () => {
  it('reads back a remembered setup, dropping what is not a date or a mode where one belongs', () => {
    const narrowing = { department: 'Cardiology', language: 'en', query: 'heart', dischargedFrom: '2024-03-01', dischargedTo: 'soon', code: 'I10', coder: 'coder1', mode: 'sideways' }
    expect(parseQueueView(JSON.stringify({ narrowing, sort: 'discharged-desc' }))).toEqual({
      narrowing: { ...narrowing, dischargedTo: '', mode: '' },
      sort: 'discharged-desc',
    })
  })

  it('ignores nothing stored, broken JSON and setups this version did not write', () => {
    expect(parseQueueView(null)).toBeNull()
    expect(parseQueueView('{')).toBeNull()
    expect(parseQueueView(JSON.stringify({ narrowing: NO_NARROWING, sort: 'random' }))).toBeNull()
    expect(parseQueueView(JSON.stringify({ sort: 'id' }))).toBeNull()
  })
})
