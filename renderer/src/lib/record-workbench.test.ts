import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Suggestions } from '../../../contract/domain.js'
import type { Result } from '../../../contract/result.js'
import { RecordWorkbench } from './record-workbench.svelte.js'
import { createFakeActivity } from './testing/fake-activity.js'
import { createFakeClient } from './testing/fake-client.js'
import { failure, ok, recordView, suggestions } from './testing/fixtures.js'
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

describe('RecordWorkbench suggestions', () => {
  it('shows the record while its suggestions are still on their way, asked for in parallel', async () => {
    let answer: (result: Result<Suggestions>) => void = () => {}
    const fake = createFakeClient({
      openRecord: ({ recordId }) => ok(recordView({ id: recordId })),
      suggest: () => new Promise((resolve) => (answer = resolve)),
    })
    const workbench = new RecordWorkbench(fake.client)
    workbench.setMode('assisted')

    expect(await workbench.open('R-001')).toBe(true)
    expect(workbench.session?.record.id).toBe('R-001')
    expect(workbench.suggestions.status.kind).toBe('loading')
    // Both asked before either answered (the coding rules are asked once the record is there).
    expect(fake.calls.map((call) => call.method).slice(0, 2)).toEqual(['suggest', 'openRecord'])
    expect(workbench.evidence).toEqual([])

    answer(ok(suggestions()))
    await vi.waitFor(() => expect(workbench.suggestions.status.kind).toBe('ready'))
    expect(workbench.evidence.map((span) => span.section)).toEqual([1, 1, 0, 1])
  })

  it('asks for nothing in manual mode', async () => {
    const app = createMemoryApp([recordView()])
    const workbench = new RecordWorkbench(app.client)
    workbench.setMode('manual')
    await workbench.open('R-001')
    expect(app.callsTo('suggest')).toEqual([])
    expect(workbench.suggestions.status).toEqual({ kind: 'idle' })
  })

  it('drops the suggestions of a record that failed to open when none was open before', async () => {
    const fake = createFakeClient({
      openRecord: () => failure('not-found', 'No record "R-404".'),
      suggest: () => ok(suggestions({ recordId: 'R-404' })),
    })
    const workbench = new RecordWorkbench(fake.client)
    workbench.setMode('assisted')
    expect(await workbench.open('R-404')).toBe(false)
    expect(workbench.suggestions.recordId).toBeNull()
    expect(workbench.suggestions.status).toEqual({ kind: 'idle' })
  })
})

describe('RecordWorkbench language and drafts', () => {
  it('retitles the assigned codes and asks the suggestions again in the new language, keeping the coder\'s work', async () => {
    const titles: Record<string, Record<string, string>> = { en: { I10: 'Essential (primary) hypertension' }, 'zh-CN': { I10: '特发性（原发性）高血压' } }
    const fake = createFakeClient({
      openRecord: ({ recordId }) => ok(recordView({ id: recordId })),
      suggest: () => ok(suggestions()),
      checkCoding: ({ codes, language }) => ok({ ruleSet: null, warnings: [], unchecked: [], titles: Object.fromEntries(codes.map((code) => [code.code, titles[language ?? 'en']?.[code.code] ?? code.code])) }),
      saveDraft: () => ok({ savedAt: '2024-03-09T10:00:00.000Z' }),
    })
    const workbench = new RecordWorkbench(fake.client)
    workbench.setMode('assisted')
    await workbench.open('R-001')
    await vi.waitFor(() => expect(workbench.suggestions.status.kind).toBe('ready'))
    workbench.session?.add({ code: 'I10', title: 'Essential (primary) hypertension' })
    workbench.suggestions.toggleRejected('E78.5', workbench.session!)

    workbench.setLanguage('zh-CN')
    await vi.waitFor(() => expect(workbench.session?.codes[0]?.title).toBe('特发性（原发性）高血压'))
    expect(fake.callsTo('suggest').at(-1)).toEqual({ recordId: 'R-001', language: 'zh-CN' })
    await vi.waitFor(() => expect(workbench.suggestions.status.kind).toBe('ready'))
    expect(workbench.suggestions.isRejected('E78.5')).toBe(true)
    expect(fake.callsTo('openRecord').at(-1)).toEqual({ recordId: 'R-001', language: 'zh-CN' })
  })

  it('saves the work as a draft when the coder leaves the record before the delay', async () => {
    const fake = createFakeClient({
      openRecord: ({ recordId }) => ok(recordView({ id: recordId })),
      checkCoding: () => ok({ ruleSet: null, warnings: [], unchecked: [], titles: {} }),
      saveDraft: () => ok({ savedAt: '2024-03-09T10:00:00.000Z' }),
    })
    const workbench = new RecordWorkbench(fake.client)
    await workbench.open('R-001')
    workbench.session?.add({ code: 'I10', title: 'Essential (primary) hypertension' })
    await workbench.open('R-002')
    await vi.waitFor(() => expect(fake.callsTo('saveDraft')).toHaveLength(1))
    expect(fake.callsTo('saveDraft')[0]).toMatchObject({ recordId: 'R-001', draft: { codes: [{ code: 'I10', isPrimary: true }] } })
  })
})
