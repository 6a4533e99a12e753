import { describe, expect, it } from 'vitest'
import { checkPasswordPolicy, hashPassword, hashPasswordSync, verifyPassword } from './password-hash.js'

const CHEAP = { log2N: 10, r: 8, p: 1 }

describe('password hashes', () => {
  it('verifies the right password and refuses a wrong one, with a fresh salt each time', async () => {
    const first = await hashPassword('correct horse battery', CHEAP)
    const second = await hashPassword('correct horse battery', CHEAP)
    expect(first).toMatch(/^scrypt\$10\$8\$1\$[\w-]{22}\$[\w-]{43}$/)
    expect(first).not.toBe(second)
    expect(await verifyPassword('correct horse battery', first)).toBe(true)
    expect(await verifyPassword('correct horse batterY', first)).toBe(false)
    expect(await verifyPassword('correct horse battery', hashPasswordSync('correct horse battery', CHEAP))).toBe(true)
  })

  it('uses scrypt at N = 2^15 by default and verifies by the parameters stored with the hash', async () => {
    const strong = await hashPassword('a long enough password')
    expect(strong.startsWith('scrypt$15$8$1$')).toBe(true)
    expect(await verifyPassword('a long enough password', strong)).toBe(true)
  })

  it('treats composed and decomposed Unicode alike (NFC), so 张医生 types the same on any keyboard', async () => {
    const stored = await hashPassword('café-密码-2026', CHEAP)
    expect(await verifyPassword('cafe\u0301-密码-2026', stored)).toBe(true)
  })

  it('refuses a malformed or hand-edited hash that asks for absurd memory, instead of trying it', async () => {
    expect(await verifyPassword('x', 'plain-text-password')).toBe(false)
    expect(await verifyPassword('x', 'scrypt$30$8$1$AAAA$AAAA')).toBe(false)
  })

  it('asks for 10 characters and no user name inside', () => {
    expect(() => checkPasswordPolicy('short', 'wang')).toThrow(/at least 10 characters/)
    expect(() => checkPasswordPolicy('wang-is-my-password', 'Wang')).toThrow(/must not contain the user name/)
    expect(() => checkPasswordPolicy('长城长城长城长城长城', 'wang')).not.toThrow()
  })
})
