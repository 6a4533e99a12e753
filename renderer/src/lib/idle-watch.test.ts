import { describe, expect, it } from 'vitest'
import { IdleWatch } from './idle-watch.js'
import type { IdleClock } from './idle-watch.js'
import { createFakeActivity } from './testing/fake-activity.js'

function fakeClock() {
  let now = 0
  const timers = new Map<number, { at: number; callback: () => void }>()
  let next = 1
  const clock: IdleClock = {
    now: () => now,
    setTimeout: (callback, delayMs) => {
      timers.set(next, { at: now + delayMs, callback })
      return next++
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
  }
  return {
    clock,
    advance(ms: number) {
      const until = now + ms
      for (;;) {
        const due = [...timers.entries()].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0]
        if (!due) break
        timers.delete(due[0])
        now = due[1].at
        due[1].callback()
      }
      now = until
    },
    pending: () => timers.size,
  }
}

describe('IdleWatch', () => {
  it('fires once after the idle minutes without input, and input postpones it', () => {
    const activity = createFakeActivity()
    const time = fakeClock()
    const watch = new IdleWatch(activity.source, time.clock)
    let fired = 0
    watch.start(15, () => (fired += 1))
    time.advance(10 * 60_000)
    activity.input()
    time.advance(10 * 60_000)
    expect(fired).toBe(0)
    time.advance(5 * 60_000 + 1)
    expect(fired).toBe(1)
    time.advance(60 * 60_000)
    expect(fired).toBe(1)
    expect(activity.listenerCount()).toBe(0)
  })

  it('stops listening and keeps no timer once stopped', () => {
    const activity = createFakeActivity()
    const time = fakeClock()
    const watch = new IdleWatch(activity.source, time.clock)
    watch.start(1, () => {
      throw new Error('must not fire')
    })
    watch.stop()
    time.advance(5 * 60_000)
    expect(time.pending()).toBe(0)
    expect(activity.listenerCount()).toBe(0)
  })
})
