/**
 * The newest scheduled backup, and its age against the policy's interval. A
 * backup more than one interval overdue is a failure: the schedule is not
 * running (app closed and no cron job, a full disk, …).
 */
import type { BackupPolicy } from '../../contract/policy.js'
import { listScheduledBackups, scheduledBackupDir } from '../backup/scheduled-backups.js'
import type { Workspace } from '../workspace/workspace.js'
import type { CheckFinding } from './doctor-check.js'

export function checkBackups(workspace: Workspace, policy: BackupPolicy | undefined, now = new Date()): CheckFinding[] {
  if (!policy) return [{ check: 'backups', status: 'warn', detail: 'the machine policy schedules no backups (backup.everyHours, backup.keep)' }]
  const dir = scheduledBackupDir(workspace, policy)
  const newest = listScheduledBackups(dir)[0]
  if (!newest) return [{ check: 'backups', status: 'fail', detail: `no scheduled backup in ${dir} yet` }]
  const ageHours = (now.getTime() - newest.takenAt.getTime()) / 3_600_000
  const status = ageHours <= policy.everyHours * 1.5 ? 'ok' : ageHours <= policy.everyHours * 2 ? 'warn' : 'fail'
  return [{ check: 'backups', status, detail: `newest ${newest.file}, ${ageHours.toFixed(1)} h old (every ${policy.everyHours} h, ${listScheduledBackups(dir).length} of ${policy.keep} kept)` }]
}
