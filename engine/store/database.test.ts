import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openSqlite } from '../../native/sqlite.js'
import { FOREIGN_KEYS_OFF_MARK, openDatabase, schemaVersion } from './database.js'
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

  it('rebuilds the users table for the auditor role and accounts without losing who made each decision', () => {
    const path = join(folder, 'accounts.db')
    const before = openSqlite(path)
    // A workspace as the release before accounts left it: migrations up to the one before the rebuild.
    const rebuild = migrations.findIndex((migration) => migration.includes(FOREIGN_KEYS_OFF_MARK) && migration.includes('users_new'))
    expect(rebuild).toBeGreaterThan(0)
    before.pragma('foreign_keys = ON')
    for (const migration of migrations.slice(0, rebuild)) before.exec(migration)
    before.exec(`PRAGMA user_version = ${rebuild}`)
    before.exec(`INSERT INTO users (id, display_name, role, coding_mode, created_at) VALUES ('li', 'Li', 'coder', 'manual', '2025-01-01');
      INSERT INTO code_sets (id, name, version, language, label, code_count, source_sha256, installed_at) VALUES (1, 'x', '1', 'en', 'x', 0, 'x', 'x');
      INSERT INTO records (id, external_id, language, split, content_sha256, imported_at) VALUES (1, 'R1', 'en', 'none', 'x', 'x');
      INSERT INTO decisions (record_id, version, coder, code_set_id, comment, submitted_at, active_ms, mode) VALUES (1, 1, 'li', 1, '', 'x', 0, 'manual');
      INSERT INTO decision_primary (decision_id, suggested_code, confirmed_code, differs) VALUES (1, 'J18.9', 'I10', 1);
      INSERT INTO decision_rule_overrides (decision_id, rule_id, codes, reason, message) VALUES (1, 'r', 'I10', 'why', 'm');
      INSERT INTO coding_drafts (user_id, record_id, base_version, body, saved_at) VALUES ('li', 1, 1, '{}', 'x');`)
    before.close()
    const after = openDatabase(path)
    expect(after.prepare('SELECT id, role, coding_mode, password_hash FROM users').all()).toEqual([{ id: 'li', role: 'coder', coding_mode: 'manual', password_hash: null }])
    expect(after.pragma('foreign_key_check')).toEqual([])
    expect(after.pragma('foreign_keys')).toEqual([{ foreign_keys: 1 }])
    after.exec(`INSERT INTO users (id, display_name, role, created_at) VALUES ('audit', 'A', 'auditor', 'x')`)
    // The decision still points at a user the foreign key knows: no coder can vanish from history.
    expect(() => after.exec(`INSERT INTO decisions (record_id, version, coder, code_set_id, comment, submitted_at, active_ms, mode) VALUES (1, 2, 'ghost', 1, '', 'x', 0, 'manual')`)).toThrow(/FOREIGN KEY/)
    // Issue 14's rows made before the rebuild are kept, and a draft still belongs to a known user.
    expect(after.prepare('SELECT decision_id, confirmed_code, differs FROM decision_primary').all()).toEqual([{ decision_id: 1, confirmed_code: 'I10', differs: 1 }])
    expect(after.prepare('SELECT rule_id, reason FROM decision_rule_overrides').all()).toEqual([{ rule_id: 'r', reason: 'why' }])
    expect(after.prepare('SELECT user_id FROM coding_drafts').all()).toEqual([{ user_id: 'li' }])
    expect(() => after.exec(`INSERT INTO coding_drafts (user_id, record_id, base_version, body, saved_at) VALUES ('ghost', 1, 1, '{}', 'x')`)).toThrow(/FOREIGN KEY/)
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
