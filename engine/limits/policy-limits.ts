/**
 * The machine policy's `limits` section (IT's policy file, `contract/policy.ts`:
 * optional numbers `fieldChars`, `recordChars`, `fileBytes`, `requestBodyBytes`).
 *
 * SEAM: the policy file and its loader are built in parallel (issue 16, second
 * half). Until that loader is in this branch, no machine policy is read and
 * this returns nothing, so the workspace settings and defaults apply. When it
 * lands, this function returns the loaded policy's `limits` section; nothing
 * else in the engine reads policy limits.
 */
import type { Limits } from './limits.js'

export function machinePolicyLimits(): Partial<Limits> {
  return {}
}
