/**
 * Password hashes: scrypt (memory-hard, in Node's own crypto) with a random
 * per-user salt. The stored string names its parameters, so a hash made with
 * other costs still verifies: `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (base64url).
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto'
import type { ScryptOptions } from 'node:crypto'
import { AppFailure } from '../../contract/result.js'

/**
 * N = 2^15, r = 8: 32 MiB and about 0.1 s per hash on one core here, the cost
 * OWASP's password storage guide gives for scrypt; an offline guesser pays the
 * same per try.
 */
export const DEFAULT_SCRYPT_COST: ScryptCost = { log2N: 15, r: 8, p: 1 }
export const MIN_PASSWORD_LENGTH = 10
const SALT_BYTES = 16
const KEY_BYTES = 32

export interface ScryptCost {
  log2N: number
  r: number
  p: number
}

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, cost)
  return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** The same hash, computed synchronously: for test fixtures that build workspaces without awaiting. */
export function hashPasswordSync(password: string, cost: ScryptCost): string {
  const salt = randomBytes(SALT_BYTES)
  const key = scryptSync(password.normalize('NFC'), salt, KEY_BYTES, scryptOptions(cost))
  return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored)
  if (!parsed) return false
  const key = await derive(password, parsed.salt, parsed.cost)
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key)
}

/**
 * A hash of a random password with the default cost: verifying against it when
 * the user does not exist takes as long as a real check, so timing does not
 * tell which user names exist.
 */
let decoy: Promise<string> | null = null
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'))
  return decoy
}

/** The password policy: long enough, and not the user name. */
export function checkPasswordPolicy(password: string, userId: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new AppFailure('invalid-input', `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`)
  }
  if (password.toLowerCase().includes(userId.toLowerCase())) {
    throw new AppFailure('invalid-input', 'A password must not contain the user name.')
  }
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, scryptOptions(cost), (error, key) => (error ? reject(error) : resolve(key)))
  })
}

function scryptOptions(cost: ScryptCost): ScryptOptions {
  const N = 2 ** cost.log2N
  // scrypt needs 128·N·r bytes; Node refuses anything over maxmem (32 MiB by default, just short of N = 2^15).
  return { N, r: cost.r, p: cost.p, maxmem: 2 * 128 * N * cost.r * cost.p + 1024 * 1024 }
}

function parseHash(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null
  const [log2N, r, p] = parts.slice(1, 4).map(Number)
  if (!Number.isInteger(log2N) || !Number.isInteger(r) || !Number.isInteger(p)) return null
  // Bounds keep a hand-edited row from asking for gigabytes.
  if (log2N === undefined || r === undefined || p === undefined || log2N < 10 || log2N > 20 || r < 1 || r > 32 || p < 1 || p > 16) return null
  return { cost: { log2N, r, p }, salt: Buffer.from(parts[4] ?? '', 'base64url'), key: Buffer.from(parts[5] ?? '', 'base64url') }
}
