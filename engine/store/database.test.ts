import { createHash } from 'node:crypto'
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openSqlite } from '../../native/sqlite.js'
import { integrityProblems, openDatabase, schemaVersion } from './database.js'
import { migrations } from './migrations.js'

describe('workspace database', () => {
  const folder = mkdtempSync(join(tmpdir(), 'clinicoco-db-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('creates the schema in WAL mode with foreign keys and full sync', () => {
    const database = openDatabase(join(folder, 'a.db'), { create: true })
    expect(schemaVersion(database)).toBe(migrations.length)
    expect(database.pragma('journal_mode')).toEqual([{ journal_mode: 'wal' }])
    expect(database.pragma('foreign_keys')).toEqual([{ foreign_keys: 1 }])
    expect(database.pragma('synchronous')).toEqual([{ synchronous: 2 }])
    database.close()
  })

  it('refuses a database written by a newer release and leaves it unchanged', () => {
    const path = join(folder, 'newer.db')
    const raw = openSqlite(path)
    raw.exec(`CREATE TABLE future (x); PRAGMA user_version = ${migrations.length + 5}`)
    raw.close()
    expect(() => openDatabase(path)).toThrow(/schema version \d+, but this release knows only up to \d+.*left unchanged/)
    const after = openSqlite(path)
    expect(after.prepare<{ user_version: number }>('PRAGMA user_version').get()?.user_version).toBe(migrations.length + 5)
    expect(after.prepare('SELECT name FROM sqlite_master WHERE name = ?').get('records')).toBeUndefined()
    after.close()
  })

  it('opens an existing database without re-running migrations', () => {
    const path = join(folder, 'b.db')
    openDatabase(path, { create: true }).close()
    const again = openDatabase(path)
    expect(schemaVersion(again)).toBe(migrations.length)
    again.close()
  })

  it('refuses a missing database instead of creating one, and creates nothing', () => {
    const path = join(folder, 'typo', 'clinicoco.db')
    expect(() => openDatabase(path)).toThrow(`No workspace database at ${path}. Create a workspace with \`clinicoco init --workspace DIR\``)
    expect(() => statSync(join(folder, 'typo'))).toThrow(/ENOENT/)
  })

  it('refuses an empty (0-byte) database and leaves it empty', () => {
    const path = join(folder, 'empty.db')
    writeFileSync(path, '')
    expect(() => openDatabase(path)).toThrow(expect.objectContaining({ code: 'workspace-missing', message: expect.stringContaining(`${path} is empty (0 bytes)`) }))
    expect(statSync(path).size).toBe(0)
  })

  it('reports a damaged database with its path at open, and writes nothing to it', () => {
    const path = join(folder, 'damaged.db')
    const database = openDatabase(path, { create: true })
    const insert = database.prepare('INSERT INTO settings (key, value) VALUES (?, ?)')
    database.transaction(() => {
      for (let row = 0; row < 2_000; row += 1) insert.run(`key-${row}`, 'v'.repeat(100))
    })
    const rootPage = database.prepare<{ rootpage: number }>("SELECT rootpage FROM sqlite_master WHERE name = 'settings'").get()?.rootpage ?? 0
    const pageSize = (database.pragma('page_size') as Array<{ page_size: number }>)[0]?.page_size ?? 4096
    database.pragma('wal_checkpoint(TRUNCATE)')
    database.close()
    // Scribble over the head of one table's page, as a failing disk or a bad copy would;
    // SQLite still counts that table's rows (from its index) without a word.
    const bytes = readFileSync(path)
    bytes.fill(0x5a, (rootPage - 1) * pageSize, (rootPage - 1) * pageSize + 64)
    writeFileSync(path, bytes)
    const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')
    const before = digest(path)
    expect(() => openDatabase(path)).toThrow(expect.objectContaining({ code: 'database-corrupt', message: expect.stringMatching(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged \\(PRAGMA quick_check: `)) }))
    expect(digest(path)).toBe(before)
  })

  it('runs the full integrity check on a sound database without problems', () => {
    const database = openDatabase(join(folder, 'a.db'))
    expect(integrityProblems(database)).toEqual([])
    database.close()
  })

  it('opens a database read-only without writing, even one not in WAL mode', () => {
    const path = join(folder, 'plain.db')
    openDatabase(path, { create: true }).close()
    const raw = openSqlite(path)
    raw.pragma('journal_mode = DELETE')
    raw.close()
    chmodSync(path, 0o444)
    const before = readFileSync(path)
    const database = openDatabase(path, { readonly: true })
    expect(database.prepare<{ n: number }>('SELECT count(*) AS n FROM records').get()?.n).toBe(0)
    expect(() => database.exec("INSERT INTO settings VALUES ('a', 'b')")).toThrow(expect.objectContaining({ code: 'read-only', message: expect.stringContaining(path) }))
    database.close()
    expect(readFileSync(path).equals(before)).toBe(true)
  })
})
