/**
 * The workspace database's own integrity (SQLite `integrity_check`, read-only),
 * its schema version and the limits in force: the check a workspace must pass
 * before the others open it, since a damaged database is never written.
 */
import { checkWorkspaceIntegrity, type WorkspaceIntegrity } from '../workspace/workspace-integrity.js'
import type { CheckFinding } from './doctor-check.js'

export function checkIntegrity(dir: string): { integrity: WorkspaceIntegrity; findings: CheckFinding[] } {
  const integrity = checkWorkspaceIntegrity(dir)
  if (integrity.problems.length > 0) {
    return { integrity, findings: integrity.problems.map((problem) => ({ check: 'integrity', status: 'fail', detail: `${integrity.database}: ${problem}` })) }
  }
  const limits = integrity.limits.map((limit) => `${limit.key} ${limit.value.toLocaleString('en-US')} (${limit.source})`).join(', ')
  const detail = `${integrity.database}: integrity check passed (${(integrity.bytes / 1024 / 1024).toFixed(1)} MiB, schema ${integrity.schemaVersion}, ${integrity.elapsedMs.toFixed(0)} ms); limits ${limits}`
  return { integrity, findings: [{ check: 'integrity', status: 'ok', detail }] }
}
