/**
 * `clinicoco backup …` and `clinicoco restore` (docs/backup.md).
 */
import { dirname, resolve } from 'node:path'
import { AppFailure } from '../../../contract/result.js'
import { backupWorkspace, type BackupResult } from '../../backup/backup-workspace.js'
import { restoreWorkspace, verifyBackup, type BackupVerification, type RestoreResult } from '../../backup/restore-workspace.js'
import { runScheduledBackup, type ScheduledRun } from '../../backup/scheduled-backups.js'
import { machinePolicy } from '../../policy/machine-policy.js'
import { JSON_OPTION, WORKSPACE_OPTION, progressLines, requireString } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'

const QUIET_OPTION = { type: 'boolean', description: 'no progress lines on stderr' } as const

function backupLines(result: BackupResult): string[] {
  const { manifest } = result
  return [
    `Backup ${result.file}: ${(result.bytes / 1e6).toFixed(1)} MB in ${(result.elapsedMs / 1000).toFixed(1)} s`,
    `  database sha256 ${manifest.database.sha256} (schema ${manifest.database.schemaVersion}, integrity ok)`,
    `  ${manifest.counts.records ?? 0} records, ${manifest.counts.decisions ?? 0} decisions, ${manifest.audit.rows} audit rows (chain ${manifest.audit.chainIntact ? 'intact' : 'BROKEN'})`,
    `  archive sha256 ${result.archiveSha256}`,
  ]
}

export const backupCommand: Command<BackupResult> = {
  name: ['backup'],
  access: 'administer',
  summary: 'Back up a workspace while it is in use (SQLite online backup) into one file: manifest + database, checked and hashed.',
  options: {
    workspace: WORKSPACE_OPTION,
    out: { type: 'string', description: 'backup file to write (replaced atomically if it exists)' },
    quiet: QUIET_OPTION,
    json: JSON_OPTION,
  },
  run: (options) => withWorkspace(options, (workspace) => backupWorkspace(workspace, requireString(options, 'out'), { kind: 'manual', onProgress: progressLines(options) })),
  describe: backupLines,
}

export const backupVerifyCommand: Command<BackupVerification> = {
  name: ['backup', 'verify'],
  // Reads a backup file only: no workspace, no account.
  access: 'none',
  summary: "Check a backup file without restoring it: its manifest, and its database against the manifest's sha256.",
  positionals: 'FILE',
  options: { json: JSON_OPTION },
  run: (_options, positionals) => {
    const file = positionals[0]
    if (!file) throw new AppFailure('invalid-input', 'Give the backup file.')
    return verifyBackup(file, dirname(resolve(file)))
  },
  describe: (result) => [
    `${result.file}: a whole backup of ${result.manifest.source.workspaceDir} (${result.manifest.source.host}), taken ${result.manifest.createdAt}.`,
    `  database sha256 ${result.manifest.database.sha256} matches; archive sha256 ${result.archiveSha256}`,
  ],
}

export const backupScheduledCommand: Command<ScheduledRun> = {
  name: ['backup', 'scheduled'],
  // Run by cron / Task Scheduler with an administrator's CLI token (CLINICOCO_TOKEN).
  access: 'administer',
  summary: "Take the machine policy's scheduled backup if one is due, verify it, keep the newest N (for cron / Task Scheduler).",
  options: {
    workspace: WORKSPACE_OPTION,
    force: { type: 'boolean', description: 'take one now even if the newest is recent enough' },
    quiet: QUIET_OPTION,
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, (workspace) => {
      const backup = machinePolicy().policy.backup
      if (!backup) throw new AppFailure('not-found', 'The machine policy schedules no backups (no "backup" section): IT sets backup.everyHours and backup.keep.')
      return runScheduledBackup(workspace, backup, { force: options.force === true, onProgress: progressLines(options) })
    }),
  describe: (result) => [
    ...(result.taken ? backupLines(result.taken) : [`No backup taken: ${result.skipped}.`]),
    ...result.pruned.map((file) => `  removed the oldest beyond the policy's depth: ${file}`),
    `  next due ${result.nextDue} (in ${result.dir})`,
  ],
}

export const restoreCommand: Command<RestoreResult> = {
  name: ['restore'],
  // Into a new folder, which has no accounts until it is restored; the accounts come with the backup. Whoever holds
  // the backup file holds its data already (file-system permissions guard it), so no sign-in is asked; --user is
  // recorded in the restored workspace's audit trail as given.
  access: 'none',
  summary: 'Restore a backup into a NEW workspace folder, verified (sha256, integrity, schema, counts, audit chain) before it is opened.',
  positionals: 'FILE',
  options: {
    workspace: { type: 'string', description: 'new workspace folder to restore into (must not exist or be empty)' },
    user: { type: 'string', description: 'who restores, for the audit log (default: admin)' },
    json: JSON_OPTION,
  },
  run: (options, positionals) => {
    const file = positionals[0]
    if (!file) throw new AppFailure('invalid-input', 'Give the backup file.')
    const user = options.user
    return restoreWorkspace(file, requireString(options, 'workspace'), { actor: typeof user === 'string' && user !== '' ? user : 'admin' })
  },
  describe: (result) => [
    `Restored ${result.backup} (taken ${result.manifest.createdAt} from ${result.manifest.source.workspaceDir}) into ${result.workspace}.`,
    `  verified: database sha256 ${result.verified.sha256}, integrity ok, ${result.verified.counts.records ?? 0} records and ${result.verified.counts.decisions ?? 0} decisions as recorded, audit chain ${result.verified.auditChainIntact ? 'intact' : 'BROKEN (as it was when backed up)'}`,
    ...(result.model
      ? [`  model in use: ${result.model.modelVersion} at ${result.model.bundleDir} (${result.model.present ? 'present' : 'MISSING on this machine: copy the bundle there, or accept another with `clinicoco models use`'})`]
      : []),
  ],
}
