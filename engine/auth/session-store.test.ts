import { describe, expect, it } from 'vitest'
import { SESSION_MAX_HOURS } from './auth-policy.js'
import { SessionStore } from './session-store.js'

describe('sessions', () => {
  it('lock after the idle minutes, unlock to where they were, and end after a shift', () => {
    let now = Date.parse('2026-03-01T08:00:00Z')
    const store = new SessionStore({ idleLockMinutes: 15, now: () => now })
    const { token, session } = store.open('coder', false)
    now += 14 * 60_000
    expect(store.check(token)).toMatchObject({ kind: 'open', session: { locked: false } })
    store.touch(session)
    now += 15 * 60_000 + 1
    expect(store.check(token)).toMatchObject({ kind: 'open', session: { locked: true } })
    store.unlock(session)
    expect(store.check(token)).toMatchObject({ kind: 'open', session: { locked: false } })
    now += SESSION_MAX_HOURS * 3_600_000
    expect(store.check(token)).toEqual({ kind: 'expired' })
    expect(store.check(token)).toEqual({ kind: 'none' })
  })

  it('knows no forged token, and ends every session of a user at once', () => {
    const store = new SessionStore({ idleLockMinutes: 15 })
    const first = store.open('coder', false)
    const second = store.open('coder', false)
    const other = store.open('supervisor', false)
    expect(store.check('forged')).toEqual({ kind: 'none' })
    expect(store.closeAllOf('coder')).toBe(2)
    expect(store.check(first.token)).toEqual({ kind: 'none' })
    expect(store.check(second.token)).toEqual({ kind: 'none' })
    expect(store.check(other.token).kind).toBe('open')
  })
})
