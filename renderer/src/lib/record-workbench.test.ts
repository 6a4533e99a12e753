import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RecordWorkbench } from './record-workbench.svelte.js'
import { createFakeActivity } from './testing/fake-activity.js'
import { recordView } from './testing/fixtures.js'
import { createMemoryApp } from './testing/memory-app.js'

describe('RecordWorkbench coding timer', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('starts the time from zero when another record opens, and stops the previous record’s timer', async () => {
    const activity = createFakeActivity()
    const workbench = new RecordWorkbench(createMemoryApp([recordView({ id: 'R-001' }), recordView({ id: 'R-002' })]).client, {
      activity: activity.source,
    })
    await workbench.open('R-001')
    const first = workbench.session
    await vi.advanceTimersByTimeAsync(30_000)
    expect(first?.timer?.activeMs()).toBe(30_000)

    await workbench.open('R-002')
    expect(workbench.session?.timer?.activeMs()).toBe(0)
    // One subscription pair: the first record's timer let go of the document.
    expect(activity.listenerCount()).toBe(2)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(first?.timer?.activeMs()).toBe(30_000)
    expect(workbench.session?.timer?.activeMs()).toBe(10_000)

    workbench.dispose()
    expect(activity.listenerCount()).toBe(0)
  })

  it('runs no timer without a source of activity, and submits activeMs 0', async () => {
    const app = createMemoryApp([recordView()])
    const workbench = new RecordWorkbench(app.client)
    await workbench.open('R-001')
    expect(workbench.session?.timer).toBeNull()
    workbench.session?.add({ code: 'I10', title: 'Essential (primary) hypertension' })
    await workbench.session?.submit()
    expect(app.callsTo('submitDecision')[0]).toMatchObject({ activeMs: 0, mode: 'assisted' })
  })
})
