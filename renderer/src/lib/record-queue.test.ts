import { describe, expect, it } from 'vitest'
import { RecordQueue } from './record-queue.svelte.js'
import { recordView } from './testing/fixtures.js'
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
