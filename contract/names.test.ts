import { describe, expect, it } from 'vitest'
import { api, events } from './api.js'
import { eventNames, isEventName, isMethodName, methodNames } from './names.js'

describe('contract names without schemas', () => {
  it('list exactly the methods and events of the contract', () => {
    expect([...methodNames].sort()).toEqual(Object.keys(api).sort())
    expect([...eventNames].sort()).toEqual(Object.keys(events).sort())
  })

  it('recognise names and refuse inherited or unknown ones', () => {
    expect(isMethodName('openRecord')).toBe(true)
    expect(isMethodName('toString')).toBe(false)
    expect(isEventName('decisionSubmitted')).toBe(true)
    expect(isEventName('__proto__')).toBe(false)
  })
})
