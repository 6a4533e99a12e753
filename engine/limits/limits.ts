/**
 * Every size the workstation accepts from outside, in one place: a field, a
 * record, an import file, a browser-mode request body. Input over a limit is
 * refused with where and why, never stored cut or half-read.
 *
 * Three layers, the last that sets a key wins:
 * 1. the defaults below (documented in docs/safety.md);
 * 2. the workspace setting `limit.<key>`, set by an admin with
 *    `clinicoco limits set` (audited);
 * 3. the machine policy's `limits` section (IT's policy file), read through
 *    `machinePolicyLimits()`: the one seam to the policy loader.
 *
 * Each key also has a hard range no layer can leave: the ceilings are what
 * the engine was measured to handle (docs/safety.md), not guesses.
 */
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import type { SqliteDatabase } from '../store/database.js'
import { machinePolicyLimits } from './policy-limits.js'

export const LIMIT_KEYS = ['fieldChars', 'recordChars', 'fileBytes', 'requestBodyBytes'] as const
export type LimitKey = (typeof LIMIT_KEYS)[number]
export type Limits = Record<LimitKey, number>

const MIB = 1024 * 1024

/**
 * A discharge record with every progress note of a long stay runs to a few
 * hundred thousand characters; a million is several times that, and still
 * suggested in bounded memory (npm run bench). An import file is read whole,
 * so its ceiling stays under V8's longest string (2^29 − 24 UTF-16 units).
 */
export const DEFAULT_LIMITS: Readonly<Limits> = {
  fieldChars: 500_000,
  recordChars: 1_000_000,
  fileBytes: 256 * MIB,
  requestBodyBytes: 1_000_000,
}

export const LIMIT_RANGES: Readonly<Record<LimitKey, { min: number; max: number }>> = {
  fieldChars: { min: 1_000, max: 10_000_000 },
  recordChars: { min: 1_000, max: 10_000_000 },
  fileBytes: { min: 1_024, max: 512 * MIB },
  requestBodyBytes: { min: 64 * 1024, max: 64 * MIB },
}

export type LimitSource = 'default' | 'workspace' | 'policy'

export interface EffectiveLimit {
  key: LimitKey
  value: number
  source: LimitSource
  default: number
  min: number
  max: number
}

const SETTING_PREFIX = 'limit.'

/** The limits in force for this workspace on this machine. */
export function readLimits(database: SqliteDatabase | null, policy: Partial<Limits> = machinePolicyLimits()): Limits {
  return Object.fromEntries(describeLimits(database, policy).map((limit) => [limit.key, limit.value])) as Limits
}

/** Each limit with where its value comes from, for `clinicoco limits show` and doctor. */
export function describeLimits(database: SqliteDatabase | null, policy: Partial<Limits> = machinePolicyLimits()): EffectiveLimit[] {
  const stored = database ? workspaceLimits(database) : {}
  return LIMIT_KEYS.map((key) => {
    const range = LIMIT_RANGES[key]
    const fromPolicy = policy[key]
    const fromWorkspace = stored[key]
    const [value, source]: [number, LimitSource] =
      fromPolicy !== undefined ? [fromPolicy, 'policy'] : fromWorkspace !== undefined ? [fromWorkspace, 'workspace'] : [DEFAULT_LIMITS[key], 'default']
    return { key, value: clamp(value, range), source, default: DEFAULT_LIMITS[key], ...range }
  })
}

/** Sets (or with `null` clears) a workspace limit; admins only, audited in the same transaction. */
export function setWorkspaceLimit(database: SqliteDatabase, change: { key: string; value: number | null; actor: string }): EffectiveLimit {
  const key = limitKey(change.key)
  const role = database.prepare<{ role: string }>('SELECT role FROM users WHERE id = ?').get(change.actor)?.role
  if (role !== 'admin') {
    throw new AppFailure('forbidden', `Only an admin may change the workspace limits; ${change.actor} is ${role ? `a ${role}` : 'not a user here'}.`)
  }
  if (change.value !== null) {
    const { min, max } = LIMIT_RANGES[key]
    if (!Number.isInteger(change.value) || change.value < min || change.value > max) {
      throw new AppFailure('invalid-input', `${key} must be a whole number from ${min} to ${max}, not ${change.value}.`)
    }
  }
  return database.transaction(() => {
    const before = workspaceLimits(database)[key] ?? null
    if (change.value === null) database.prepare('DELETE FROM settings WHERE key = ?').run(SETTING_PREFIX + key)
    else {
      database
        .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        .run(SETTING_PREFIX + key, String(change.value))
    }
    appendAudit(database, {
      actor: change.actor,
      action: 'limits.set',
      entity: 'setting',
      entityId: SETTING_PREFIX + key,
      detail: { key, from: before, to: change.value },
    })
    const effective = describeLimits(database).find((limit) => limit.key === key) as EffectiveLimit
    return effective
  })
}

export function limitKey(name: string): LimitKey {
  const key = LIMIT_KEYS.find((candidate) => candidate === name)
  if (!key) throw new AppFailure('invalid-input', `Unknown limit "${name}"; the limits are ${LIMIT_KEYS.join(', ')}.`)
  return key
}

/** `1234567` → `1,234,567`: limits and sizes in messages people read. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US')
}

function workspaceLimits(database: SqliteDatabase): Partial<Limits> {
  const rows = database.prepare<{ key: string; value: string }>("SELECT key, value FROM settings WHERE key LIKE 'limit.%'").all()
  const limits: Partial<Limits> = {}
  for (const row of rows) {
    const key = LIMIT_KEYS.find((candidate) => SETTING_PREFIX + candidate === row.key)
    const value = Number(row.value)
    if (key && Number.isFinite(value)) limits[key] = value
  }
  return limits
}

function clamp(value: number, range: { min: number; max: number }): number {
  return Math.min(range.max, Math.max(range.min, value))
}
