/**
 * The only importer of better-sqlite3. Engine code gets a `SqliteDatabase` and
 * never names the driver, so swapping or rebuilding it for Electron touches one file.
 *
 * Every error the driver raises leaves here naming the database file, and the
 * ones a user can act on become typed failures: busy (another writer holds the
 * lock: try again), damaged (restore a backup), read-only (nothing can be
 * written here). "database is locked" alone, from a workstation with several
 * workspaces, tells IT nothing.
 */
import BetterSqlite3 from 'better-sqlite3'
import { AppFailure } from '../contract/result.js'

export type SqliteValue = string | number | bigint | Buffer | null
export type SqliteParams = readonly SqliteValue[] | Record<string, SqliteValue>

export interface SqliteStatement<Row = unknown> {
  run(...params: SqliteValue[] | [Record<string, SqliteValue>]): { changes: number; lastInsertRowid: number | bigint }
  get(...params: SqliteValue[] | [Record<string, SqliteValue>]): Row | undefined
  all(...params: SqliteValue[] | [Record<string, SqliteValue>]): Row[]
  iterate(...params: SqliteValue[] | [Record<string, SqliteValue>]): IterableIterator<Row>
}

export interface SqliteDatabase {
  readonly path: string
  readonly readonly: boolean
  prepare<Row = unknown>(sql: string): SqliteStatement<Row>
  exec(sql: string): void
  /** Runs `work` in one transaction (BEGIN IMMEDIATE): all of it lands or none of it. */
  transaction<T>(work: () => T): T
  pragma(statement: string): unknown
  /**
   * Copies the database to `destination` with SQLite's online backup API: a
   * consistent snapshot while other connections keep reading and writing.
   * `onProgress` sees each step (pages copied so far of the total).
   */
  backup(destination: string, onProgress?: (progress: { totalPages: number; remainingPages: number }) => void): Promise<{ totalPages: number }>
  close(): void
}

export interface OpenOptions {
  readonly?: boolean
  /** Throw instead of creating a missing file. */
  mustExist?: boolean
}

export function openSqlite(path: string, options: OpenOptions = {}): SqliteDatabase {
  const readonly = options.readonly ?? false
  const database = guard(path, () => new BetterSqlite3(path, { readonly, fileMustExist: options.mustExist ?? false }))
  return {
    path,
    readonly,
    prepare: <Row>(sql: string) => wrapStatement<Row>(path, guard(path, () => database.prepare(sql))),
    exec: (sql: string) => {
      guard(path, () => database.exec(sql))
    },
    transaction: <T>(work: () => T) => guard(path, () => database.transaction(work).immediate()),
    pragma: (statement: string) => guard(path, () => database.pragma(statement)),
    backup: async (destination, onProgress) => {
      const result = await database.backup(destination, {
        progress: (progress) => {
          onProgress?.(progress)
          // better-sqlite3's own step: 100 pages per event-loop turn, so the engine keeps answering.
          return 100
        },
      })
      return { totalPages: result.totalPages }
    },
    close: () => {
      database.close()
    },
  }
}

/** SQLite library version, for the smoke check and the about box. */
export function sqliteVersion(): string {
  const database = new BetterSqlite3(':memory:')
  try {
    return (database.prepare('select sqlite_version() as version').get() as { version: string }).version
  } finally {
    database.close()
  }
}

function wrapStatement<Row>(path: string, statement: BetterSqlite3.Statement): SqliteStatement<Row> {
  const typed = statement as unknown as SqliteStatement<Row>
  return {
    run: (...params) => guard(path, () => typed.run(...params)),
    get: (...params) => guard(path, () => typed.get(...params)),
    all: (...params) => guard(path, () => typed.all(...params)),
    iterate: (...params) => guardIterator(path, guard(path, () => typed.iterate(...params))),
  }
}

function* guardIterator<Row>(path: string, rows: IterableIterator<Row>): IterableIterator<Row> {
  try {
    for (;;) {
      const next = guard(path, () => rows.next())
      if (next.done) return
      yield next.value
    }
  } finally {
    // A loop left early must end the statement, or the connection stays busy with it.
    rows.return?.()
  }
}

function guard<T>(path: string, work: () => T): T {
  try {
    return work()
  } catch (error) {
    throw describeSqliteError(path, error)
  }
}

/** A driver error as a failure that names the file; anything else passes through untouched. */
export function describeSqliteError(path: string, error: unknown): unknown {
  if (!(error instanceof BetterSqlite3.SqliteError)) return error
  const code = error.code
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppFailure('busy', `${path} is busy: another process is writing to it (an import?). Nothing was changed; try again in a moment.`)
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new AppFailure('database-corrupt', `${path} is damaged (${error.message}). Nothing was written to it; restore it from a backup.`)
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new AppFailure('read-only', `${path} is read-only here (${error.message}); it can be read but not changed.`)
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new AppFailure('workspace-missing', `${path} cannot be opened (${error.message}).`)
  }
  const named = new Error(`${path}: ${error.message}`, { cause: error })
  return Object.assign(named, { code })
}
