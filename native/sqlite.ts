/**
 * The only importer of better-sqlite3. Engine code gets a `SqliteDatabase` and
 * never names the driver, so swapping or rebuilding it for Electron touches one file.
 */
import BetterSqlite3 from 'better-sqlite3'

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
  const database = new BetterSqlite3(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.mustExist ?? false,
  })
  return {
    path,
    prepare: <Row>(sql: string) => database.prepare(sql) as unknown as SqliteStatement<Row>,
    exec: (sql: string) => {
      database.exec(sql)
    },
    transaction: <T>(work: () => T) => database.transaction(work).immediate(),
    pragma: (statement: string) => database.pragma(statement),
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
