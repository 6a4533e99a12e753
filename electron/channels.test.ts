import { describe, expect, it } from 'vitest'
import { EVENT_CHANNEL, channelOf, isEventName, methodNames } from './channels.js'

describe('channel names', () => {
  it('derives one distinct channel per method, apart from the event channel', () => {
    const channels = methodNames.map(channelOf)
    expect(new Set(channels).size).toBe(methodNames.length)
    expect(channels).not.toContain(EVENT_CHANNEL)
    expect(channelOf('openRecord')).toBe('app:openRecord')
  })

  it('recognises only contract event names, not inherited keys', () => {
    expect(isEventName('decisionSubmitted')).toBe(true)
    expect(isEventName('toString')).toBe(false)
    expect(isEventName('__proto__')).toBe(false)
    expect(isEventName(42)).toBe(false)
  })
})
