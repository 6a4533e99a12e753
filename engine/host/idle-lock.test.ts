import { describe, expect, it } from 'vitest'
import { defaultPolicy } from '../policy/machine-policy.js'
import { checkRequestedIdleLock, idleLockMinutes } from './idle-lock.js'

const noFile = { source: null, searched: '/etc/clinicoco/policy.json', policy: defaultPolicy() }
const file = (minutes: number) => ({ source: '/etc/clinicoco/policy.json', searched: '/etc/clinicoco/policy.json', policy: { ...defaultPolicy(), idleLockMinutes: minutes } })

describe('the idle lock a session gets', () => {
  it("is the machine policy's when the host asks for none", () => {
    expect(idleLockMinutes(undefined, noFile)).toBe(15)
    expect(idleLockMinutes(undefined, file(5))).toBe(5)
  })

  it('may be shorter than the policy, never longer than a policy file sets', () => {
    expect(idleLockMinutes(0.05, file(5))).toBe(0.05)
    expect(idleLockMinutes(30, file(5))).toBe(5)
    expect(() => checkRequestedIdleLock(30, file(5))).toThrow(/longer than this machine's policy allows.*"idleLockMinutes": 5/)
    expect(() => checkRequestedIdleLock(3, file(5))).not.toThrow()
  })

  it('takes what the host asks for where no policy file exists', () => {
    expect(idleLockMinutes(30, noFile)).toBe(30)
    expect(() => checkRequestedIdleLock(30, noFile)).not.toThrow()
  })
})
