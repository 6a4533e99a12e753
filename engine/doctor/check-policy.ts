/**
 * The machine policy: found, valid, and writable only by administrators (a
 * policy any user can edit enforces nothing).
 */
import { statSync } from 'node:fs'
import type { EffectivePolicy } from '../../contract/policy.js'
import type { CheckFinding } from './doctor-check.js'

export function checkPolicy(loaded: EffectivePolicy, platform: NodeJS.Platform = process.platform): CheckFinding[] {
  if (loaded.source === null) {
    return [{ check: 'machine policy', status: 'warn', detail: `none at ${loaded.searched}: built-in defaults (unsigned models allowed, no scheduled backups)` }]
  }
  const findings: CheckFinding[] = [{ check: 'machine policy', status: 'ok', detail: `${loaded.source} is valid` }]
  if (platform !== 'win32') {
    const { mode, uid } = statSync(loaded.source)
    if ((mode & 0o022) !== 0 || uid !== 0) {
      findings.push({
        check: 'machine policy',
        status: 'warn',
        detail: `${loaded.source} is ${uid !== 0 ? `owned by uid ${uid}, not root` : 'writable by group or others'} (mode ${(mode & 0o777).toString(8)}): make it root-owned, mode 644`,
      })
    }
  }
  return findings
}
