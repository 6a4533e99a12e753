import { existsSync, statSync } from 'node:fs'
import { AppFailure } from '../../contract/result.js'
import { openSqlite } from '../../native/sqlite.js'
import type { SqliteDatabase } from '../../native/sqlite.js'
import { migrations } from './migrations.js'

export type { SqliteDatabase, SqliteValue } from '../../native/sqlite.js'

export interface OpenDatabaseOptions {
  /** Make a new database where none is (only `init` and `demo` do); otherwise a missing one is refused. */
  create?: boolean
  /** Read without any write at all: no journal-mode change, no migration (read-only commands). */
  readonly?: boolean
}

/** How many problems `quick_check` reports at most: enough to show, bounded for a badly damaged file. */
const CHECK_PROBLEMS = 5

/**
 * Opens a workspace database and brings its schema up to date.
 *
 * - A missing or empty (0-byte) file is refused unless `create`: a typo in a
 *   path must not become a new, empty workspace, and an emptied file must not
 *   be silently turned into a fresh schema.
 * - `PRAGMA quick_check` runs before anything is written: a damaged database
 *   is reported with its path and never written to.
 * - A database written by a newer release is refused, never downgraded.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const exists = existsSync(path)
  if (!options.create) refuseMissing(path, exists)
  const database = openSqlite(path, { readonly: options.readonly ?? false, mustExist: !options.create })
  try {
    database.pragma('busy_timeout = 5000')
    if (exists && statSync(path).size > 0) quickCheck(database)
    if (database.readonly) {
      refuseOutdated(database)
      return database
    }
    database.pragma('journal_mode = WAL')
    // FULL: a submitted decision and its audit row survive a power cut, not just a crash.
    database.pragma('synchronous = FULL')
    database.pragma('foreign_keys = ON')
    migrate(database)
    return database
  } catch (error) {
    database.close()
    throw error
  }
}

export function schemaVersion(database: SqliteDatabase): number {
  const row = database.prepare<{ user_version: number }>('PRAGMA user_version').get()
  return row?.user_version ?? 0
}

/** The full `PRAGMA integrity_check` (slower than the check at open: it also checks every index), for doctor. */
export function integrityProblems(database: SqliteDatabase, limit = 20): string[] {
  const rows = database.pragma(`integrity_check(${limit})`) as Array<{ integrity_check: string }>
  return rows.flatMap((row) => row.integrity_check.split('\n')).filter((line) => line !== 'ok' && !line.startsWith('***'))
}

function refuseMissing(path: string, exists: boolean): void {
  if (!exists) {
    throw new AppFailure(
      'workspace-missing',
      `No workspace database at ${path}. Create a workspace with \`clinicoco init --workspace DIR\` (or \`clinicoco demo\`), or check the path.`,
    )
  }
  if (statSync(path).size === 0) {
    throw new AppFailure(
      'workspace-missing',
      `${path} is empty (0 bytes): not a workspace database, and it was left as it is. Restore it from a backup; to start a new workspace, remove it and run \`clinicoco init\`.`,
    )
  }
}

function quickCheck(database: SqliteDatabase): void {
  const rows = database.pragma(`quick_check(${CHECK_PROBLEMS})`) as Array<{ quick_check: string }>
  const problems = rows.flatMap((row) => row.quick_check.split('\n')).filter((line) => line !== 'ok' && !line.startsWith('***'))
  if (problems.length > 0) {
    throw new AppFailure(
      'database-corrupt',
      `${database.path} is damaged (PRAGMA quick_check: ${problems.join('; ')}). Nothing was written to it; restore it from a backup.`,
    )
  }
}

function refuseOutdated(database: SqliteDatabase): void {
  const current = schemaVersion(database)
  refuseNewer(database, current)
  if (current < migrations.length) {
    throw new AppFailure(
      'read-only',
      `${database.path} has schema version ${current} and this release needs ${migrations.length}: it must be opened once where it can be written, to upgrade it.`,
    )
  }
}

function refuseNewer(database: SqliteDatabase, current: number): void {
  if (current > migrations.length) {
    throw new AppFailure(
      'database-newer',
      `The workspace database ${database.path} has schema version ${current}, but this release knows only up to ${migrations.length}. ` +
        'Open it with the newer release that wrote it; it was left unchanged.',
    )
  }
}

function migrate(database: SqliteDatabase): void {
  const current = schemaVersion(database)
  refuseNewer(database, current)
  for (let version = current; version < migrations.length; version += 1) {
    const migration = migrations[version] as string
    // A migration that rebuilds a referenced table (SQLite's way to change a CHECK)
    // runs with foreign keys off, as SQLite's ALTER TABLE guide prescribes, and
    // must leave every reference intact before it commits.
    const foreignKeysOff = migration.includes(FOREIGN_KEYS_OFF_MARK)
    if (foreignKeysOff) database.pragma('foreign_keys = OFF')
    try {
      database.transaction(() => {
        database.exec(migration)
        if (foreignKeysOff) {
          const broken = database.pragma('foreign_key_check') as unknown[]
          if (broken.length > 0) throw new Error(`Migration ${version + 1} left ${broken.length} broken foreign keys.`)
        }
        database.exec(`PRAGMA user_version = ${version + 1}`)
      })
    } finally {
      if (foreignKeysOff) database.pragma('foreign_keys = ON')
    }
  }
}

/** Written in a migration's SQL (as a comment) when it must run with foreign keys off. */
export const FOREIGN_KEYS_OFF_MARK = '-- needs: foreign-keys-off'

