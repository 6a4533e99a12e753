import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openSqlite } from '../../native/sqlite.js'
import { openDatabase, schemaVersion } from './database.js'
import { migrations } from './migrations.js'

describe('workspace database', () => {
  const folder = mkdtempSync(join(tmpdir(), 'clinicoco-db-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('creates the schema in WAL mode with foreign keys and full sync', () => {
    const database = openDatabase(join(folder, 'a.db'))
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
    openDatabase(path).close()
    const again = openDatabase(path)
    expect(schemaVersion(again)).toBe(migrations.length)
    again.close()
  })
})
