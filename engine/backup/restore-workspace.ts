/**
 * `clinicoco restore` and `clinicoco backup verify`. A restore goes into a new
 * workspace folder, never over an existing one (IT compares, then switches the
 * app's workspace): the database is extracted beside its final name, its sha256
 * compared with the manifest's, SQLite's integrity check run, the schema
 * version, the counts and the audit chain compared with what the backup
 * recorded — and only then renamed into place and opened. The restore is the
 * first new audit row of the restored workspace.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { BackupManifest } from '../../contract/backup-manifest.js'
import { AppFailure } from '../../contract/result.js'
import { openSqlite } from '../../native/sqlite.js'
import { KEYS_FOLDER, existingAuditKeys } from '../audit/audit-keys.js'
import { appendAudit } from '../audit/audit-log.js'
import { migrations } from '../store/migrations.js'
import { DATABASE_FILE, openWorkspace } from '../workspace/workspace.js'
import { extractDatabase, openBackupArchive, sha256OfFile } from './backup-archive.js'
import { inspectCopy } from './backup-workspace.js'

export interface BackupVerification {
  file: string
  archiveSha256: string
  manifest: BackupManifest
  /** The database entry's sha256 equals the manifest's. */
  databaseSha256Matches: true
}

function readManifest(archive: string, bytes: Buffer): BackupManifest {
  let raw: unknown
  try {
    raw = JSON.parse(bytes.toString('utf8'))
  } catch (error) {
    throw new AppFailure('invalid-input', `${archive}: its manifest is not JSON (${(error as Error).message}).`)
  }
  const parsed = BackupManifest.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppFailure('invalid-input', `${archive}: not a CliniCoCo workspace backup (manifest ${issue?.path.join('.') || ''}: ${issue?.message ?? 'invalid'}).`)
  }
  return parsed.data
}

/** Checks a backup file without restoring it: manifest, and the database entry's sha256 (extracted to a scratch file beside `scratchDir`). */
export function verifyBackup(archive: string, scratchDir: string): BackupVerification {
  const file = resolve(archive)
  const opened = openBackupArchive(file)
  const manifest = readManifest(file, opened.manifest)
  const scratch = join(scratchDir, `.clinicoco-verify-${process.pid}-${Date.now()}.db`)
  try {
    const sha256 = extractDatabase(file, opened.database, scratch)
    if (sha256 !== manifest.database.sha256 || opened.database.size !== manifest.database.bytes) {
      throw new AppFailure('invalid-input', `${file}: damaged — its database has sha256 ${sha256.slice(0, 12)}…, the manifest says ${manifest.database.sha256.slice(0, 12)}….`)
    }
  } finally {
    rmSync(scratch, { force: true })
  }
  return { file, archiveSha256: sha256OfFile(file), manifest, databaseSha256Matches: true }
}

export interface RestoreResult {
  workspace: string
  backup: string
  manifest: BackupManifest
  verified: { sha256: string; integrityCheck: 'ok'; counts: Record<string, number>; auditChainIntact: boolean }
  /** The model the backed-up workspace used: its bundle lives outside the backup and must be at this path. */
  model: { modelVersion: string; bundleDir: string; present: boolean } | null
}

export function restoreWorkspace(archive: string, targetDir: string, options: { actor: string }): RestoreResult {
  const file = resolve(archive)
  const target = resolve(targetDir)
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new AppFailure('conflict', `${target} is not empty: a restore goes into a new workspace folder, never over an existing workspace.`)
  }
  const opened = openBackupArchive(file)
  const manifest = readManifest(file, opened.manifest)
  if (manifest.database.schemaVersion > migrations.length) {
    throw new AppFailure('database-newer', `${file} holds schema version ${manifest.database.schemaVersion}; this release knows up to ${migrations.length}. Restore it with the newer release.`)
  }
  const created = !existsSync(target)
  mkdirSync(target, { recursive: true })
  const restoring = join(target, `${DATABASE_FILE}.restoring`)
  let done = false
  try {
    const sha256 = extractDatabase(file, opened.database, restoring)
    if (sha256 !== manifest.database.sha256) {
      throw new AppFailure('invalid-input', `${file}: damaged — its database has sha256 ${sha256.slice(0, 12)}…, the manifest says ${manifest.database.sha256.slice(0, 12)}…. Nothing was restored.`)
    }
    // The audit trail's keys go back beside the database first: the trail is verified with them, and takes the restore's row.
    if (opened.auditKeys) {
      mkdirSync(join(target, KEYS_FOLDER), { recursive: true, mode: 0o700 })
      writeFileSync(join(target, KEYS_FOLDER, 'audit-keys.json'), opened.auditKeys, { flag: 'wx', mode: 0o600 })
    }
    const copy = openSqlite(restoring, { mustExist: true })
    let facts: ReturnType<typeof inspectCopy>
    try {
      facts = inspectCopy(copy, restoring, existingAuditKeys(copy))
    } finally {
      copy.close()
    }
    if (facts.schemaVersion !== manifest.database.schemaVersion) {
      throw new AppFailure('invalid-input', `${file}: the database has schema version ${facts.schemaVersion}, the manifest says ${manifest.database.schemaVersion}.`)
    }
    const differing = Object.keys({ ...manifest.counts, ...facts.counts }).filter((table) => manifest.counts[table] !== facts.counts[table])
    if (differing.length > 0) {
      throw new AppFailure('invalid-input', `${file}: row counts differ from the manifest (${differing.map((table) => `${table} ${facts.counts[table]} ≠ ${manifest.counts[table]}`).join(', ')}).`)
    }
    if (facts.audit.chainIntact !== manifest.audit.chainIntact || facts.audit.headHash !== manifest.audit.headHash) {
      throw new AppFailure('invalid-input', `${file}: the audit log differs from the one the backup recorded.`)
    }
    renameSync(restoring, join(target, DATABASE_FILE))
    const workspace = openWorkspace(target)
    try {
      workspace.database.transaction(() =>
        appendAudit(workspace.database, {
          actor: options.actor,
          action: 'workspace.restore',
          entity: 'workspace',
          entityId: target,
          detail: { backup: file, createdAt: manifest.createdAt, databaseSha256: sha256, source: manifest.source },
        }),
      )
    } finally {
      workspace.close()
    }
    done = true
    return {
      workspace: target,
      backup: file,
      manifest,
      verified: { sha256, integrityCheck: 'ok', counts: facts.counts, auditChainIntact: facts.audit.chainIntact },
      model: manifest.model ? { modelVersion: manifest.model.modelVersion, bundleDir: manifest.model.bundleDir, present: existsSync(join(manifest.model.bundleDir, 'manifest.json')) } : null,
    }
  } finally {
    if (!done) {
      rmSync(restoring, { force: true })
      rmSync(`${restoring}-journal`, { force: true })
      rmSync(join(target, KEYS_FOLDER), { recursive: true, force: true })
      if (created) {
        try {
          rmdirSync(target)
        } catch {
          // Someone put files there meanwhile: leave them.
        }
      }
    }
  }
}
