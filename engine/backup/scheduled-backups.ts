/**
 * Backups on the machine policy's schedule (`backup: { dir, everyHours, keep }`):
 * when the newest scheduled backup is older than `everyHours`, take one, verify
 * it, and only then delete the oldest beyond `keep`. Run by the engine while the
 * app is open and by `clinicoco backup scheduled` from cron / Task Scheduler
 * when it is not. Only files named by this module are ever deleted.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { BackupPolicy } from '../../contract/policy.js'
import type { Workspace } from '../workspace/workspace.js'
import { backupWorkspace, type BackupResult } from './backup-workspace.js'
import { verifyBackup } from './restore-workspace.js'

const SCHEDULED_NAME = /^clinicoco-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.clinicoco-backup$/

export function scheduledBackupDir(workspace: Workspace, policy: BackupPolicy): string {
  return policy.dir ?? join(workspace.dir, 'backups')
}

export interface ScheduledBackupFile {
  file: string
  takenAt: Date
}

/** The schedule's backups in `dir`, newest first. */
export function listScheduledBackups(dir: string): ScheduledBackupFile[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names
    .flatMap((name) => {
      const match = SCHEDULED_NAME.exec(name)
      if (!match) return []
      const [, year, month, day, hour, minute, second] = match
      return [{ file: join(dir, name), takenAt: new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`) }]
    })
    .sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime())
}

function scheduledName(at: Date): string {
  return `clinicoco-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}.clinicoco-backup`
}

export interface ScheduledRun {
  dir: string
  taken: BackupResult | null
  /** Why nothing was taken, when nothing was. */
  skipped: string | null
  pruned: string[]
  newest: ScheduledBackupFile | null
  /** When the next backup falls due. */
  nextDue: string
}

export async function runScheduledBackup(
  workspace: Workspace,
  policy: BackupPolicy,
  options: { now?: Date; force?: boolean; onProgress?: (line: string) => void } = {},
): Promise<ScheduledRun> {
  const now = options.now ?? new Date()
  const dir = scheduledBackupDir(workspace, policy)
  const intervalMs = policy.everyHours * 3_600_000
  const before = listScheduledBackups(dir)
  const newest = before[0] ?? null
  if (!options.force && newest && now.getTime() - newest.takenAt.getTime() < intervalMs) {
    return { dir, taken: null, skipped: `the newest backup (${newest.takenAt.toISOString()}) is younger than ${policy.everyHours} h`, pruned: [], newest, nextDue: new Date(newest.takenAt.getTime() + intervalMs).toISOString() }
  }
  mkdirSync(dir, { recursive: true })
  const taken = await backupWorkspace(workspace, join(dir, scheduledName(now)), { kind: 'scheduled', now, ...(options.onProgress ? { onProgress: options.onProgress } : {}) })
  // The new backup must read back whole before any older one is given up.
  verifyBackup(taken.file, dir)
  const pruned = listScheduledBackups(dir)
    .slice(policy.keep)
    .map((old) => {
      rmSync(old.file, { force: true })
      return old.file
    })
  return { dir, taken, skipped: null, pruned, newest: { file: taken.file, takenAt: now }, nextDue: new Date(now.getTime() + intervalMs).toISOString() }
}
