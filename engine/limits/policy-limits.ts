/**
 * The machine policy's `limits` section (IT's policy file, `contract/policy.ts`:
 * optional numbers `fieldChars`, `recordChars`, `fileBytes`, `requestBodyBytes`).
 * The policy wins over the workspace's settings, which win over the defaults
 * (`limits.ts`); nothing else in the engine reads policy limits. A policy file
 * that exists but cannot be applied throws `policy-invalid`, naming every bad
 * key, as it does everywhere else: a limit IT set is never silently dropped.
 */
import { machinePolicy } from '../policy/machine-policy.js'
import type { Limits } from './limits.js'

export function machinePolicyLimits(): Partial<Limits> {
  const limits = machinePolicy().policy.limits ?? {}
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)) as Partial<Limits>
}
