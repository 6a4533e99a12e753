/**
 * How long a session may stay idle before it locks. The machine policy's
 * `idleLockMinutes` (default 15, the same as engine/auth/auth-policy.ts) is what
 * IT set for the machine; a host may ask for a shorter lock (the e2e suite locks
 * after seconds), never a longer one than a policy file sets.
 */
import type { EffectivePolicy } from '../../contract/policy.js'
import { AppFailure } from '../../contract/result.js'

export function idleLockMinutes(requested: number | undefined, policy: EffectivePolicy): number {
  const policyMinutes = policy.policy.idleLockMinutes
  if (requested === undefined) return policyMinutes
  // Without a policy file, 15 is a default, not IT's limit: a host may ask for more.
  return policy.source === null ? requested : Math.min(requested, policyMinutes)
}

/** For `serve`: refuse, naming the file, a lock longer than the machine policy allows (the engine would cap it silently). */
export function checkRequestedIdleLock(requested: number | undefined, policy: EffectivePolicy): void {
  if (requested === undefined || policy.source === null || requested <= policy.policy.idleLockMinutes) return
  throw new AppFailure(
    'invalid-input',
    `--idle-lock-minutes ${requested} is longer than this machine's policy allows (${policy.source}: "idleLockMinutes": ${policy.policy.idleLockMinutes}).`,
  )
}
