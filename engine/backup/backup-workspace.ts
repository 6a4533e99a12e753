/**
 * `clinicoco backup`: a consistent copy of a live workspace database (SQLite's
 * online backup API, through native/sqlite.ts: coders keep working meanwhile),
 * checked before it is kept — `PRAGMA integrity_check`, the audit chain, the
 * counts — and archived with a manifest carrying its sha256 (backup-archive.ts).
 *
 * Crash safety: everything is written beside the target under a `.partial-<pid>`
 * name and renamed over it only when complete and fsynced, so a kill -9 at any
 * point leaves the previous backup of that name whole; the workspace itself is
 * only read. Partials a killed run left are removed by the next run.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { hostname } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import type { BackupManifest } from '../../contract/backup-manifest.js'
import { AppFailure } from '../../contract/result.js'
import { openSqlite } from '../../native/sqlite.js'
import { auditKeyFile, existingAuditKeys, type AuditKeys } from '../audit/audit-keys.js'
import { verifyAudit } from '../audit/verify-audit.js'
import { currentModelSwitch } from '../coding/model-switches.js'
import type { SqliteDatabase } from '../store/database.js'
import type { Workspace } from '../workspace/workspace.js'
import { sha256OfFile, writeBackupArchive } from './backup-archive.js'

/**
 * Tables whose row counts go into the manifest and are compared after a restore: the coded data,
 * what a submission decided besides its codes, the edited rule sets, the coders' drafts, model trust.
 * A table the copy's schema does not have yet is left out (an older workspace).
 */
const COUNTED_TABLES = [
  'records',
  'record_sections',
  'diagnosis_names',
  'gold_codes',
  'decisions',
  'decision_codes',
  'decision_rule_overrides',
  'decision_primary',
  'decision_flag_dismissals',
  'coding_drafts',
  'coding_rule_sets',
  'code_sets',
  'codes',
  'users',
  'model_switches',
  'model_key_events',
  'record_versions',
  'work_batches',
  'work_assignments',
  'second_codings',
  'reviews',
  'audit_log',
]

export interface BackupResult {
  file: string
  /** sha256 of the whole archive file, e.g. for `sha256sum` after copying it elsewhere. */
  archiveSha256: string
  bytes: number
  manifest: BackupManifest
  elapsedMs: number
}

export interface BackupOptions {
  kind: 'manual' | 'scheduled'
  /** One line per phase, for people watching (stderr in the CLI). */
  onProgress?: (line: string) => void
  now?: Date
}

export async function backupWorkspace(workspace: Workspace, outFile: string, options: BackupOptions): Promise<BackupResult> {
  const started = performance.now()
  const out = resolve(outFile)
  const say = options.onProgress ?? (() => {})
  if (!existsSync(dirname(out))) throw new AppFailure('not-found', `The backup folder ${dirname(out)} does not exist.`)
  if (out.startsWith(`${resolve(workspace.database.path)}`)) throw new AppFailure('invalid-input', `${out}: a backup never goes over the workspace's own database files.`)
  removeStalePartials(out)
  const partialDatabase = `${out}.partial-${process.pid}.db`
  const partialArchive = `${out}.partial-${process.pid}`
  try {
    say(`Copying ${workspace.database.path} (online backup; the workspace stays usable)…`)
    let lastTenth = -1
    await workspace.database.backup(partialDatabase, ({ totalPages, remainingPages }) => {
      const tenth = totalPages === 0 ? 10 : Math.floor(((totalPages - remainingPages) / totalPages) * 10)
      if (tenth > lastTenth) say(`  ${tenth * 10} % of ${totalPages} pages`)
      lastTenth = tenth
    })
    say('Checking the copy (integrity, audit chain, counts)…')
    const copy = openSqlite(partialDatabase)
    let facts: CopyFacts
    try {
      // One self-contained file: no -wal beside it in the archive.
      copy.pragma('journal_mode = DELETE')
      // The copy sits apart from the workspace's keys/ folder: its trail is verified with the workspace's keys.
      facts = inspectCopy(copy, partialDatabase, existingAuditKeys(workspace.database))
    } finally {
      copy.close()
    }
    const bytes = statSync(partialDatabase).size
    const sha256 = sha256OfFile(partialDatabase)
    const model = currentModelSwitch(workspace.database)
    const now = options.now ?? new Date()
    const manifest: BackupManifest = {
      format: 'clinicoco-workspace-backup',
      formatVersion: 1,
      createdAt: now.toISOString(),
      kind: options.kind,
      source: { workspaceDir: workspace.dir, host: hostname() },
      database: { file: 'clinicoco.db', bytes, sha256, schemaVersion: facts.schemaVersion, integrityCheck: 'ok' },
      counts: facts.counts,
      audit: facts.audit,
      model: model ? { modelVersion: model.modelVersion, manifestSha256: model.manifestSha256, bundleDir: model.bundleDir } : null,
    }
    say(`Writing ${out}…`)
    const keyFile = auditKeyFile(workspace.database)
    const archiveSha256 = writeBackupArchive(partialArchive, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), partialDatabase, bytes, now, existsSync(keyFile) ? readFileSync(keyFile) : null)
    renameSync(partialArchive, out)
    syncFolder(dirname(out))
    return { file: out, archiveSha256, bytes: statSync(out).size, manifest, elapsedMs: Math.round(performance.now() - started) }
  } finally {
    rmSync(partialDatabase, { force: true })
    rmSync(`${partialDatabase}-journal`, { force: true })
    rmSync(partialArchive, { force: true })
  }
}

interface CopyFacts {
  schemaVersion: number
  counts: Record<string, number>
  audit: BackupManifest['audit']
}

/** What the manifest records of a database copy, refusing one that fails SQLite's own integrity check. */
export function inspectCopy(copy: SqliteDatabase, path: string, keys: AuditKeys | null): CopyFacts {
  const integrity = copy.prepare<{ integrity_check: string }>('PRAGMA integrity_check').all().map((row) => row.integrity_check)
  if (integrity.length !== 1 || integrity[0] !== 'ok') {
    throw new AppFailure('internal', `${path}: the copy fails SQLite's integrity check (${integrity.slice(0, 3).join('; ')}); no backup was kept.`)
  }
  const schemaVersion = copy.prepare<{ user_version: number }>('PRAGMA user_version').get()?.user_version ?? 0
  const present = new Set(copy.prepare<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((row) => row.name))
  const counts: Record<string, number> = {}
  for (const table of COUNTED_TABLES) {
    if (present.has(table)) counts[table] = copy.prepare<{ n: number }>(`SELECT count(*) AS n FROM "${table}"`).get()?.n ?? 0
  }
  // The whole proof (issue 15): keyed chain, content hashes, decisions audited, signed checkpoints.
  const trail = verifyAudit(copy, { keys })
  const head = copy.prepare<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get()
  return { schemaVersion, counts, audit: { rows: trail.rows, headHash: head?.hash ?? null, chainIntact: trail.intact } }
}

/** Partials of `out` left by a run that was killed (its process gone); a running one's are left alone. */
function removeStalePartials(out: string): void {
  const prefix = `${basename(out)}.partial-`
  for (const name of readdirSync(dirname(out))) {
    if (!name.startsWith(prefix)) continue
    const pid = Number.parseInt(name.slice(prefix.length), 10)
    if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) continue
    rmSync(join(dirname(out), name), { force: true })
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Makes the rename durable (POSIX); Windows cannot open a folder for fsync and commits renames itself. */
function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // not supported on this platform
  }
}
