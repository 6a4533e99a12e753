import { createHash } from 'node:crypto'
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openSqlite } from '../../native/sqlite.js'
import { FOREIGN_KEYS_OFF_MARK, integrityProblems, openDatabase, schemaVersion } from './database.js'
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

  it('refuses INSERT OR REPLACE over a stored record version, model switch, key event or synonym edit', () => {
    const database = openDatabase(join(folder, 'versions.db'), { create: true })
    database.exec(`INSERT INTO import_runs (id, kind, format, source, sha256, started_at, status, actor) VALUES (1, 'records', 'csv', 'a.csv', 'x', 'x', 'done', 'admin');
      INSERT INTO records (id, external_id, language, split, content_sha256, imported_at) VALUES (1, 'R1', 'en', 'none', 'x', 'x');
      INSERT INTO record_versions (record_id, version, content_sha256, content, imported_at, superseded_by_import_run_id, superseded_at) VALUES (1, 1, 'a', '{"v":1}', 'x', 1, 'x');
      INSERT INTO model_switches (id, bundle_dir, model_version, manifest_sha256, model_created_at, code_set_name, code_set_version, signature, golden_max_difference, kind, actor, at)
        VALUES (1, '/m', 'm1', 'h', 'x', 'c', '1', 'unsigned', 0, 'use', 'admin', 'x');
      INSERT INTO model_key_events (id, key_id, public_key, name, action, actor, at) VALUES (1, 'k', 'p', 'n', 'trust', 'admin', 'x');
      INSERT INTO name_synonyms (id, term, expansion, action, version, actor, changed_at) VALUES (1, 't', 'e', 'add', 1, 'admin', 'x');`)
    // REPLACE deletes the old row without firing the delete triggers: the insert triggers refuse it first.
    expect(() => database.exec(`INSERT OR REPLACE INTO record_versions (record_id, version, content_sha256, content, imported_at, superseded_by_import_run_id, superseded_at) VALUES (1, 1, 'b', '{"v":"forged"}', 'x', 1, 'x')`)).toThrow(/record versions are kept as imported/)
    expect(() => database.exec(`INSERT OR REPLACE INTO model_switches (id, bundle_dir, model_version, manifest_sha256, model_created_at, code_set_name, code_set_version, signature, golden_max_difference, kind, actor, at)
      VALUES (1, '/evil', 'm0', 'h2', 'x', 'c', '1', 'trusted', 0, 'use', 'admin', 'x')`)).toThrow(/append-only/)
    expect(() => database.exec(`INSERT OR REPLACE INTO model_key_events (id, key_id, public_key, name, action, actor, at) VALUES (1, 'k', 'p', 'n', 'revoke', 'admin', 'x')`)).toThrow(/append-only/)
    expect(() => database.exec(`INSERT OR REPLACE INTO name_synonyms (id, term, expansion, action, version, actor, changed_at) VALUES (2, 't', 'forged', 'add', 1, 'admin', 'x')`)).toThrow(/versioned/)
    expect(database.prepare('SELECT content FROM record_versions').all()).toEqual([{ content: '{"v":1}' }])
    expect(database.prepare('SELECT bundle_dir FROM model_switches').all()).toEqual([{ bundle_dir: '/m' }])
    // The next version is still taken as usual.
    database.exec(`INSERT INTO record_versions (record_id, version, content_sha256, content, imported_at, superseded_by_import_run_id, superseded_at) VALUES (1, 2, 'c', '{"v":2}', 'x', 1, 'x')`)
    database.close()
  })

  it('refuses INSERT OR REPLACE over a split run, an annotation task, a training job or its events, and a registered model', () => {
    const database = openDatabase(join(folder, 'own-model.db'), { create: true })
    database.exec(`INSERT INTO users (id, display_name, role, created_at) VALUES ('ann', 'Ann', 'coder', 'x');
      INSERT INTO records (id, external_id, language, split, content_sha256, imported_at) VALUES (1, 'R1', 'en', 'train', 'x', 'x');
      INSERT INTO split_assignments (id, at, actor, seed, dev_share, test_share, summary) VALUES (1, 'x', 'admin', 7, 0.15, 0.15, '{}');
      INSERT INTO record_split_changes (assignment_id, record_id, from_split, to_split) VALUES (1, 1, 'none', 'train');
      INSERT INTO annotation_patches (id, number, created_at, actor, method, settings, summary) VALUES (1, 1, 'x', 'admin', 'adaptive', '{}', '{}');
      INSERT INTO annotation_tasks (patch_id, record_id, position, coder, assigned_at) VALUES (1, 1, 0, 'ann', 'x');
      INSERT INTO training_jobs (id, created_at, actor, job_dir, model_dir, settings) VALUES (1, 'x', 'admin', '/j', '/m', '{}');
      INSERT INTO training_job_events (id, job_id, at, status, pid, detail) VALUES (1, 1, 'x', 'succeeded', NULL, '{}');
      INSERT INTO registered_models (model_version, dir, manifest_sha256, signer_key_id, source, registered_at, registered_by, training_job_id, provenance)
        VALUES ('m1', '/m', 'h', NULL, 'trained', 'x', 'admin', 1, '{}');`)
    expect(() => database.exec(`INSERT OR REPLACE INTO split_assignments (id, at, actor, seed, dev_share, test_share, summary) VALUES (1, 'x', 'eve', 8, 0.5, 0.1, '{}')`)).toThrow(/split assignments are history/)
    expect(() => database.exec(`INSERT OR REPLACE INTO record_split_changes (assignment_id, record_id, from_split, to_split) VALUES (1, 1, 'none', 'test')`)).toThrow(/split changes are history/)
    expect(() => database.exec(`INSERT OR REPLACE INTO annotation_patches (id, number, created_at, actor, method, settings, summary) VALUES (2, 1, 'x', 'eve', 'random', '{}', '{}')`)).toThrow(/annotation patches are history/)
    // The record is planned once: replacing its task under another patch or coder is refused too.
    expect(() => database.exec(`INSERT OR REPLACE INTO annotation_tasks (patch_id, record_id, position, coder, assigned_at) VALUES (1, 1, 0, 'admin', 'x')`)).toThrow(/annotation tasks are history/)
    expect(() => database.exec(`INSERT OR REPLACE INTO training_jobs (id, created_at, actor, job_dir, model_dir, settings) VALUES (1, 'x', 'eve', '/evil', '/evil', '{}')`)).toThrow(/training jobs are history/)
    expect(() => database.exec(`INSERT OR REPLACE INTO training_job_events (id, job_id, at, status, pid, detail) VALUES (1, 1, 'x', 'failed', NULL, '{}')`)).toThrow(/append-only/)
    expect(() => database.exec(`INSERT OR REPLACE INTO registered_models (model_version, dir, manifest_sha256, signer_key_id, source, registered_at, registered_by, training_job_id, provenance)
      VALUES ('m1', '/evil', 'forged', NULL, 'installed', 'x', 'eve', NULL, '{}')`)).toThrow(/registered model is history/)
    expect(database.prepare('SELECT coder FROM annotation_tasks').all()).toEqual([{ coder: 'ann' }])
    expect(database.prepare('SELECT status FROM training_job_events').all()).toEqual([{ status: 'succeeded' }])
    expect(database.prepare('SELECT dir, manifest_sha256 FROM registered_models').all()).toEqual([{ dir: '/m', manifest_sha256: 'h' }])
    // New facts are still taken as usual.
    database.exec(`INSERT INTO training_job_events (job_id, at, status, pid, detail) VALUES (1, 'y', 'queued', NULL, '{}');
      INSERT INTO registered_models (model_version, dir, manifest_sha256, signer_key_id, source, registered_at, registered_by, training_job_id, provenance)
        VALUES ('m2', '/m2', 'h2', NULL, 'installed', 'y', 'admin', NULL, '{}')`)
    database.close()
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
