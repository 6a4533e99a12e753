import { AppFailure } from '../../contract/result.js'
import { openSqlite } from '../../native/sqlite.js'
import type { SqliteDatabase } from '../../native/sqlite.js'
import { migrations } from './migrations.js'

export type { SqliteDatabase, SqliteValue } from '../../native/sqlite.js'

/**
 * Opens (creating if needed) a workspace database and brings its schema up to
 * date. A database written by a newer release is refused, never downgraded.
 */
export function openDatabase(path: string): SqliteDatabase {
  const database = openSqlite(path)
  try {
    database.pragma('journal_mode = WAL')
    // FULL: a submitted decision and its audit row survive a power cut, not just a crash.
    database.pragma('synchronous = FULL')
    database.pragma('foreign_keys = ON')
    database.pragma('busy_timeout = 5000')
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

function migrate(database: SqliteDatabase): void {
  const current = schemaVersion(database)
  if (current > migrations.length) {
    throw new AppFailure(
      'database-newer',
      `The workspace database ${database.path} has schema version ${current}, but this release knows only up to ${migrations.length}. ` +
        'Open it with the newer release that wrote it; it was left unchanged.',
    )
  }
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

