/**
 * `clinicoco doctor` for IT: with no workspace, the runtime, the native modules
 * and the machine policy; with `--workspace`, also the model in use (verified
 * as at every load, signature included), disk space and the age of the newest
 * scheduled backup. Exit status 1 when any check fails.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { EffectivePolicy } from '../../../contract/policy.js'
import { checkBackups } from '../../doctor/check-backups.js'
import { checkDisk } from '../../doctor/check-disk.js'
import { checkIntegrity } from '../../doctor/check-integrity.js'
import { checkModel } from '../../doctor/check-model.js'
import { checkNative } from '../../doctor/check-native.js'
import { checkPolicy } from '../../doctor/check-policy.js'
import { runCheck, worstStatus, type CheckFinding, type CheckStatus } from '../../doctor/doctor-check.js'
import { scheduledBackupDir } from '../../backup/scheduled-backups.js'
import { machinePolicy } from '../../policy/machine-policy.js'
import type { WorkspaceIntegrity } from '../../workspace/workspace-integrity.js'
import { DATABASE_FILE, openWorkspace, type Workspace } from '../../workspace/workspace.js'
import { JSON_OPTION, optionalString } from '../command.js'
import type { Command } from '../command.js'
import { EXIT_CODES } from '../exit-codes.js'

export interface DoctorReport {
  status: CheckStatus
  findings: CheckFinding[]
  /** With --workspace: the database's integrity, schema version and limits in force. */
  workspace?: WorkspaceIntegrity
}

async function workspaceChecks(workspace: Workspace, policy: EffectivePolicy | null): Promise<CheckFinding[]> {
  const findings: CheckFinding[] = []
  if (policy) findings.push(...(await runCheck('model', () => checkModel(workspace, policy.policy.models))))
  else findings.push({ check: 'model', status: 'fail', detail: 'not checked: the machine policy (which says which signatures to trust) is invalid' })
  const backup = policy?.policy.backup
  const places = [{ label: 'workspace', dir: workspace.dir }, ...(backup?.dir && existsSync(backup.dir) ? [{ label: 'backups', dir: backup.dir }] : [])]
  findings.push(...(await runCheck('disk space', () => checkDisk(places, workspace.database.path))))
  findings.push(...(await runCheck('backups', () => checkBackups(workspace, backup))))
  if (backup && !existsSync(scheduledBackupDir(workspace, backup))) findings.push({ check: 'backups', status: 'warn', detail: `the backup folder ${scheduledBackupDir(workspace, backup)} does not exist yet` })
  return findings
}

export const doctorCommand: Command<DoctorReport> = {
  name: ['doctor'],
  // For IT on a machine that may have no workspace or account yet; it only reads (integrity read-only).
  access: 'none',
  summary: 'Check this machine for IT: native modules under the running ABI, the machine policy; with --workspace also the database integrity (read-only), the model (signature, hashes, golden), disk space, backup age.',
  options: { workspace: { type: 'string', description: 'also check this workspace (never created by doctor)' }, json: JSON_OPTION },
  run: async (options) => {
    const findings: CheckFinding[] = []
    findings.push(...(await runCheck('native modules', checkNative)))
    let policy: EffectivePolicy | null = null
    findings.push(
      ...(await runCheck('machine policy', () => {
        policy = machinePolicy()
        return checkPolicy(policy)
      })),
    )
    const dir = optionalString(options, 'workspace')
    let integrity: WorkspaceIntegrity | undefined
    if (dir !== undefined) {
      if (!existsSync(join(resolve(dir), DATABASE_FILE))) {
        findings.push({ check: 'workspace', status: 'fail', detail: `${resolve(dir)} holds no workspace (${DATABASE_FILE} is missing)` })
      } else {
        const checked = checkIntegrity(dir)
        integrity = checked.integrity
        findings.push(...checked.findings)
        // A damaged database is never opened for the other checks (opening refuses it anyway).
        if (integrity.problems.length === 0) {
          const workspace = openWorkspace(dir)
          try {
            findings.push(...(await workspaceChecks(workspace, policy)))
          } finally {
            workspace.close()
          }
        }
      }
    }
    return { status: worstStatus(findings), findings, ...(integrity ? { workspace: integrity } : {}) }
  },
  describe: (result) => [
    ...result.findings.map((finding) => `${finding.status === 'ok' ? 'ok  ' : finding.status === 'warn' ? 'WARN' : 'FAIL'}  ${finding.check}: ${finding.detail}`),
    result.status === 'fail' ? 'Some checks FAILED.' : result.status === 'warn' ? 'All checks passed, with warnings.' : 'All checks passed.',
  ],
  exitCode: (result) => (result.status === 'fail' ? EXIT_CODES.failed : EXIT_CODES.ok),
}
