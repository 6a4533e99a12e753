import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openSqlite } from './sqlite.js'

describe('the SQLite adapter', () => {
  const folder = mkdtempSync(join(tmpdir(), 'clinicoco-sqlite-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('names the database file in every driver error', () => {
    const path = join(folder, 'a.db')
    const database = openSqlite(path)
    database.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)')
    database.prepare('INSERT INTO t VALUES (?)').run(1)
    expect(() => database.prepare('INSERT INTO t VALUES (?)').run(1)).toThrow(`${path}: UNIQUE constraint failed: t.x`)
    expect(() => database.prepare('SELECT nope FROM t')).toThrow(`${path}: no such column: nope`)
    database.close()
  })

  it('answers a held write lock with a typed, retryable busy failure', () => {
    const path = join(folder, 'b.db')
    const holder = openSqlite(path)
    holder.exec('CREATE TABLE t (x)')
    holder.exec('BEGIN IMMEDIATE')
    const other = openSqlite(path)
    other.pragma('busy_timeout = 50')
    expect(() => other.transaction(() => other.exec('INSERT INTO t VALUES (1)'))).toThrow(
      expect.objectContaining({ code: 'busy', message: expect.stringContaining(`${path} is busy`) }),
    )
    holder.exec('ROLLBACK')
    holder.close()
    other.close()
  })

  it('ends a statement whose rows were left early, so the connection can close', () => {
    const database = openSqlite(join(folder, 'c.db'))
    database.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1), (2), (3)')
    for (const row of database.prepare<{ x: number }>('SELECT x FROM t').iterate()) if (row.x === 1) break
    expect(() => database.close()).not.toThrow()
  })
})
