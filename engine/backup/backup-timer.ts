/**
 * Scheduled backups while the app is open: the engine checks at start and then
 * every 15 minutes whether the policy's backup is due (scheduled-backups.ts
 * decides). One at a time; a failure is reported and retried at the next check,
 * and `clinicoco doctor` shows the age of the newest backup.
 */
import type { BackupPolicy } from '../../contract/policy.js'
import type { Workspace } from '../workspace/workspace.js'
import { runScheduledBackup } from './scheduled-backups.js'

const CHECK_EVERY_MS = 15 * 60_000

export function startBackupTimer(workspace: Workspace, policy: BackupPolicy, report: (line: string) => void): { stop(): void } {
  let running: Promise<void> | null = null
  const check = () => {
    running ??= runScheduledBackup(workspace, policy)
      .then((run) => {
        if (run.taken) report(`Scheduled backup ${run.taken.file} (${run.pruned.length} older removed)`)
      })
      .catch((error: unknown) => report(`Scheduled backup failed (retried in 15 min): ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null
      })
  }
  check()
  const timer = setInterval(check, CHECK_EVERY_MS)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
