import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CodingTimer, IDLE_LIMIT_MS, MAX_ACTIVE_MS, documentActivity, formatActiveTime } from './coding-timer.svelte.js'
import { createFakeActivity } from './testing/fake-activity.js'

const SECOND = 1_000
const MINUTE = 60 * SECOND

describe('CodingTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('counts time while the page is visible and the coder is active, and shows it each second', () => {
    const activity = createFakeActivity()
    const timer = new CodingTimer(activity.source)
    vi.advanceTimersByTime(20 * SECOND)
    activity.input()
    vi.advanceTimersByTime(15 * SECOND + 400)

    expect(timer.running).toBe(true)
    expect(timer.activeMs()).toBe(35 * SECOND + 400)
    expect(timer.elapsedMs).toBe(35 * SECOND)
  })

  it('pauses while the page is hidden and resumes when it is shown again', () => {
    const activity = createFakeActivity()
    const timer = new CodingTimer(activity.source)
    vi.advanceTimersByTime(10 * SECOND)
    activity.hide()
    expect(timer.running).toBe(false)
    vi.advanceTimersByTime(20 * SECOND)
    expect(timer.activeMs()).toBe(10 * SECOND)

    activity.show()
    activity.input()
    vi.advanceTimersByTime(5 * SECOND)
    expect(timer.running).toBe(true)
    expect(timer.activeMs()).toBe(15 * SECOND)
  })

  it('stays paused when the page comes back after the coder has been away longer than the idle limit, until input', () => {
    const activity = createFakeActivity()
    const timer = new CodingTimer(activity.source)
    activity.hide()
    vi.advanceTimersByTime(5 * MINUTE)
    activity.show()
    vi.advanceTimersByTime(10 * SECOND)
    expect(timer.running).toBe(false)
    expect(timer.activeMs()).toBe(0)

    activity.input()
    vi.advanceTimersByTime(3 * SECOND)
    expect(timer.activeMs()).toBe(3 * SECOND)
  })

  it('pauses after a minute without input, counting the minute (reading) but not the time after it', () => {
    const activity = createFakeActivity()
    const timer = new CodingTimer(activity.source)
    vi.advanceTimersByTime(10 * SECOND)
    activity.input()
    vi.advanceTimersByTime(IDLE_LIMIT_MS + 5 * MINUTE)

    expect(timer.running).toBe(false)
    expect(timer.activeMs()).toBe(10 * SECOND + IDLE_LIMIT_MS)
    expect(timer.elapsedMs).toBe(10 * SECOND + IDLE_LIMIT_MS)
  })

  it('resumes on the next keyboard, mouse or scroll input after an idle pause', () => {
    const activity = createFakeActivity()
    const timer = new CodingTimer(activity.source)
    vi.advanceTimersByTime(IDLE_LIMIT_MS + MINUTE)
    expect(timer.running).toBe(false)

    activity.input()
    expect(timer.running).toBe(true)
    vi.advanceTimersByTime(30 * SECOND)
    expect(timer.activeMs()).toBe(IDLE_LIMIT_MS + 30 * SECOND)
  })

  it('starts again from zero on reset, even from a pause', () => {
    const activity = createFakeActivity()
    const timer = new CodingTimer(activity.source)
    vi.advanceTimersByTime(IDLE_LIMIT_MS + MINUTE)
    timer.reset()
    expect(timer.running).toBe(true)
    expect(timer.elapsedMs).toBe(0)
    vi.advanceTimersByTime(4 * SECOND)
    expect(timer.activeMs()).toBe(4 * SECOND)
  })

  it('caps the reported time at the contract’s one day', () => {
    const activity = createFakeActivity()
    const timer = new CodingTimer(activity.source, undefined, Number.POSITIVE_INFINITY)
    vi.advanceTimersByTime(MAX_ACTIVE_MS + MINUTE)
    expect(timer.activeMs()).toBe(MAX_ACTIVE_MS)
  })

  it('stops listening and ticking when disposed', () => {
    const activity = createFakeActivity()
    const timer = new CodingTimer(activity.source)
    vi.advanceTimersByTime(2 * SECOND)
    timer.dispose()
    expect(activity.listenerCount()).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(MINUTE)
    expect(timer.activeMs()).toBe(2 * SECOND)
  })

  it('reads visibility and input from the document', () => {
    const timer = new CodingTimer(documentActivity(document), undefined, 10 * SECOND)
    vi.advanceTimersByTime(15 * SECOND)
    expect(timer.running).toBe(false)
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }))
    expect(timer.running).toBe(true)
    timer.dispose()
  })
})

describe('formatActiveTime', () => {
  it('writes mm:ss, with minutes past the hour kept as minutes', () => {
    expect(formatActiveTime(0)).toBe('00:00')
    expect(formatActiveTime(65_999)).toBe('01:05')
    expect(formatActiveTime(75 * MINUTE + 3 * SECOND)).toBe('75:03')
  })
})
