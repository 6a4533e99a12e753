/**
 * Tampering as someone with the database file and the sqlite3 library would do
 * it, behind the app's back: each must make `audit verify` fail, exit non-zero
 * (with and without --json) and name what broke. The findings, one by one.
 */
import { spawnSync } from 'node:child_process'
import { createHash, createHmac } from 'node:crypto'
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openSqlite } from '../../native/sqlite.js'
import type { SqliteDatabase } from '../store/database.js'
import { submitDecision } from '../decisions/submit-decision.js'
import { cliTokenFor } from '../testing/signed-in.js'
import { createTempWorkspace } from '../testing/temp-workspace.js'
import type { TempWorkspace } from '../testing/temp-workspace.js'
import { DATABASE_FILE } from '../workspace/workspace.js'
import { forgetAuditKeys, KEYS_FOLDER } from './audit-keys.js'
import { forgetCheckpoints } from './checkpoints.js'

const CLI = resolve('bin/clinicoco.js')

describe('an audit trail that proves itself', () => {
  let temp: TempWorkspace
  let token: string
  beforeEach(() => {
    temp = createTempWorkspace()
    const database = temp.workspace.database
    for (const [recordId, code] of [['R1', 'I10'], ['R2', 'J18.9']] as const) {
      submitDecision(database, { recordId, codes: [{ code, isPrimary: true }], comment: '', baseVersion: 0, coder: 'coder', codeSetId: temp.codeSetId, activeMs: 30_000, mode: 'assisted' })
    }
    token = cliTokenFor(temp.workspace, 'auditor')
    // Closing signs a checkpoint of the head, as every app or CLI session does when it ends.
    temp.workspace.close()
  })
  afterEach(() => {
    forgetAuditKeys()
    forgetCheckpoints()
    rmSync(temp.dir, { recursive: true, force: true })
  })

  /** The attacker's tool: the raw SQLite library on the file, none of the app's code. */
  function tamper(work: (database: SqliteDatabase) => void): void {
    const raw = openSqlite(join(temp.dir, DATABASE_FILE))
    try {
      work(raw)
    } finally {
      raw.close()
    }
  }

  function verify(json: boolean) {
    const result = spawnSync('node', [CLI, 'audit', 'verify', '--workspace', temp.dir, ...(json ? ['--json'] : [])], {
      encoding: 'utf8',
      env: { ...process.env, CLINICOCO_TOKEN: token },
    })
    return { status: result.status, stdout: result.stdout, stderr: result.stderr }
  }

  function expectBroken(pattern: RegExp): { firstBrokenId: number | null; problems: Array<{ message: string }> } {
    const plain = verify(false)
    expect(plain.status, plain.stdout).toBe(1)
    expect(plain.stdout).toMatch(/^Audit trail NOT intact: /)
    expect(plain.stdout).toMatch(pattern)
    const json = verify(true)
    expect(json.status).toBe(1)
    const report = JSON.parse(json.stdout) as { intact: boolean; firstBrokenId: number | null; problems: Array<{ message: string }> }
    expect(report.intact).toBe(false)
    expect(report.problems.map((problem) => problem.message)).toContainEqual(expect.stringMatching(pattern))
    return report
  }

  it('verifies the untouched workspace and exits 0, with and without --json', () => {
    const plain = verify(false)
    expect(plain.status, plain.stderr).toBe(0)
    expect(plain.stdout).toMatch(/^Audit trail intact: \d+ rows \(\d+ keyed\), 2 decisions recomputed, [1-9]\d* checkpoints verified\./)
    const json = verify(true)
    expect(json.status).toBe(0)
    // The row count is the log's (import, code set, token, 2 decisions, the first verification…), not a count of
    // decisions; the verification's own row is written after it counted.
    const report = JSON.parse(json.stdout) as { intact: boolean; rows: number; decisionsChecked: number }
    const rows = openSqlite(join(temp.dir, DATABASE_FILE))
    try {
      expect(report.rows).toBe((rows.prepare<{ n: number }>('SELECT count(*) AS n FROM audit_log').get()?.n ?? 0) - 1)
      expect(rows.prepare<{ action: string }>('SELECT action FROM audit_log ORDER BY id DESC LIMIT 1').get()?.action).toBe('audit.verify')
    } finally {
      rows.close()
    }
    expect(report).toMatchObject({ intact: true, decisionsChecked: 2 })
  })

  it('refuses INSERT OR REPLACE on a decision at the database, and catches it when the triggers are dropped', () => {
    const replace = `INSERT OR REPLACE INTO decisions (id, record_id, version, coder, code_set_id, comment, submitted_at, active_ms, mode)
      VALUES (1, 1, 1, 'supervisor', 1, '', '2026-01-01T00:00:00.000Z', 1, 'manual')`
    tamper((database) => {
      expect(() => database.exec(replace)).toThrow(/only the next version of a record can be added/)
      expect(() => database.exec(`INSERT OR REPLACE INTO decision_codes (decision_id, code, is_primary) VALUES (1, 'I10', 0)`)).toThrow(/part of a submitted version/)
      expect(() => database.exec(`INSERT INTO decisions (record_id, version, coder, code_set_id, comment, submitted_at, active_ms, mode)
        VALUES (1, 5, 'coder', 1, '', 'x', 0, 'manual')`)).toThrow(/only the next version/)
    })
    const decisionRow = auditRowOf('R1')
    tamper((database) => {
      database.exec('PRAGMA recursive_triggers = OFF')
      for (const trigger of ['decisions_only_next_version']) database.exec(`DROP TRIGGER ${trigger}`)
      database.exec(replace)
    })
    const report = expectBroken(new RegExp(`row ${decisionRow} \\(decision of record R1, version 1\\): the stored decision no longer matches what was recorded \\(coder "coder" → "supervisor"; mode "assisted" → "manual"`))
    expect(report.firstBrokenId).toBe(decisionRow)
  })

  it("refuses issue 14's facts of a stored version (rule overrides, primary, flag dismissals) added or replaced at the database", () => {
    tamper((database) => {
      expect(() => database.exec(`INSERT OR REPLACE INTO decision_primary (decision_id, suggested_code, suggested_probability, model_version, confirmed_code, differs)
        VALUES (1, 'J18.9', 0.9, 'm', 'I10', 1)`)).toThrow(/the primary of a submitted version is part of it/)
      expect(() => database.exec(`INSERT INTO decision_rule_overrides (decision_id, rule_id, codes, reason, message) VALUES (1, 'r', 'I10', 'why', 'm')`)).toThrow(
        /rule overrides are part of a submitted version/,
      )
      expect(() => database.exec(`INSERT INTO decision_flag_dismissals (decision_id, kind, name, code, reason) VALUES (1, 'vague', 'HTN', 'I10', 'why')`)).toThrow(
        /flag dismissals are part of a submitted version/,
      )
    })
  })

  it('catches a rule override slipped into a stored version when the triggers are dropped, naming it', () => {
    const decisionRow = auditRowOf('R1')
    tamper((database) => {
      database.exec('DROP TRIGGER decision_rule_overrides_only_new')
      database.exec(`INSERT INTO decision_rule_overrides (decision_id, rule_id, codes, reason, message) VALUES (1, 'not-primary', 'I10', 'coder said so', 'm')`)
    })
    const report = expectBroken(new RegExp(`row ${decisionRow} \\(decision of record R1, version 1\\): the stored decision no longer matches what was recorded \\(rule overrides \\[\\] → \\["not-primary \\[I10\\]: coder said so"\\]\\)`))
    expect(report.firstBrokenId).toBe(decisionRow)
  })

  it("catches a version's primary changed behind the app's back, naming it", () => {
    const decisionRow = auditRowOf('R2')
    tamper((database) => {
      database.exec('DROP TRIGGER decision_primary_never_changed')
      database.exec(`UPDATE decision_primary SET suggested_code = 'I10', differs = 1 WHERE decision_id = 2`)
    })
    const report = expectBroken(new RegExp(`row ${decisionRow} \\(decision of record R2, version 1\\): the stored decision no longer matches what was recorded \\(primary .*"differs":false.*→ .*"differs":true`))
    expect(report.firstBrokenId).toBe(decisionRow)
  })

  it('catches a decision added with no audit row, naming it', () => {
    tamper((database) => {
      database.exec(`INSERT INTO decisions (record_id, version, coder, code_set_id, comment, submitted_at, active_ms, mode)
        VALUES (1, 2, 'coder2', 1, 'slipped in', '2026-01-01T00:00:00.000Z', 0, 'manual')`)
    })
    expectBroken(/decision 3 \(record R1, version 2\) has no audit row: it was written behind the app's back/)
  })

  it('catches an edited audit row re-chained with plain SHA-256, naming the edited row', () => {
    const target = auditRowOf('R2')
    tamper((database) => {
      database.exec('DROP TRIGGER audit_never_updated')
      const rows = database.prepare<Record<string, string | number>>('SELECT * FROM audit_log ORDER BY id').all()
      let previous = '0'.repeat(64)
      for (const row of rows) {
        const actor = row.id === target ? 'coder2' : String(row.actor)
        // The forger recomputes every hash the way the old, unkeyed chain did.
        const hash = createHash('sha256')
          .update(JSON.stringify([previous, row.at, actor, row.action, row.entity, row.entity_id, row.detail]))
          .digest('hex')
        database.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ?, scheme = ? WHERE id = ?').run(actor, previous, hash, 'sha256', row.id as number)
        previous = hash
      }
    })
    const report = expectBroken(/row 1 uses the unkeyed hash although the trail was keyed after row 0: it was re-chained/)
    expect(report.firstBrokenId).toBe(1)
    expect(report.problems.map((problem) => problem.message)).toContainEqual(
      expect.stringMatching(new RegExp(`row ${target} \\(decision of record R2, version 1\\): the stored decision no longer matches what was recorded \\(coder "coder2" → "coder"\\)`)),
    )
  })

  it('catches a log re-chained with the stolen HMAC key, against the signed checkpoints', () => {
    const target = auditRowOf('R2')
    const keyFile = JSON.parse(readFileSync(join(temp.dir, KEYS_FOLDER, 'audit-keys.json'), 'utf8')) as { chainKey: string }
    tamper((database) => {
      database.exec('DROP TRIGGER audit_never_updated')
      const rows = database.prepare<Record<string, string | number>>('SELECT * FROM audit_log ORDER BY id').all()
      let previous = '0'.repeat(64)
      for (const row of rows) {
        const detail = row.id === target ? String(row.detail).replace('"comment":""', '"comment":"approved"') : String(row.detail)
        const canonical = JSON.stringify(['hmac-sha256', previous, row.at, row.actor, row.action, row.entity, row.entity_id, detail, row.content_hash])
        const hash = createHmac('sha256', Buffer.from(keyFile.chainKey, 'base64')).update(canonical).digest('hex')
        database.prepare('UPDATE audit_log SET detail = ?, prev_hash = ?, hash = ? WHERE id = ?').run(detail, previous, hash, row.id as number)
        previous = hash
      }
    })
    const report = expectBroken(/differs from the checkpoint of .*: the log was edited or re-chained up to it/)
    expect(report.firstBrokenId).not.toBeNull()
  })

  it('catches deleted last rows against the last checkpoint, naming where the log now ends', () => {
    let last = 0
    tamper((database) => {
      database.exec('DROP TRIGGER audit_never_deleted')
      last = database.prepare<{ id: number }>('SELECT max(id) AS id FROM audit_log').get()?.id ?? 0
      database.exec(`DELETE FROM audit_log WHERE id > ${last - 2}`)
    })
    // The plain run finds the log ending early; its own audit.verify row then takes a new id (ids are never
    // reused), so the --json run finds the two rows gone from the middle: deleted either way, first bad row the first deleted.
    const report = expectBroken(new RegExp(`recorded \\d+ rows up to row ${last}, but (the log ends at row ${last - 2}|rows ${last - 1}–${last} are gone): rows were deleted`))
    expect(report.firstBrokenId).toBe(last - 1)
  })

  it('checks against an exported checkpoint kept elsewhere, even when the workspace checkpoints are wiped', () => {
    const out = join(temp.dir, '..', `checkpoint-${process.pid}-${Date.now()}.json`)
    const exported = spawnSync('node', [CLI, 'audit', 'checkpoint', '--workspace', temp.dir, '--out', out, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, CLINICOCO_TOKEN: token },
    })
    expect(exported.status, exported.stderr).toBe(0)
    const saved = join(temp.dir, '..', `saved-${process.pid}.json`)
    cpSync(out, saved)
    try {
      tamper((database) => {
        database.exec('DROP TRIGGER audit_never_deleted')
        const last = database.prepare<{ id: number }>('SELECT max(id) AS id FROM audit_log').get()?.id ?? 0
        database.exec(`DELETE FROM audit_log WHERE id > ${last - 3}`)
      })
      writeFileSync(join(temp.dir, KEYS_FOLDER, 'audit-checkpoints.jsonl'), '')
      const result = spawnSync('node', [CLI, 'audit', 'verify', '--workspace', temp.dir, '--checkpoint', saved], {
        encoding: 'utf8',
        env: { ...process.env, CLINICOCO_TOKEN: token },
      })
      expect(result.status).toBe(1)
      expect(result.stdout).toMatch(/the exported checkpoint of .* rows were deleted/)
    } finally {
      rmSync(out, { force: true })
      rmSync(saved, { force: true })
    }
  })

  function auditRowOf(recordId: string): number {
    const raw = openSqlite(join(temp.dir, DATABASE_FILE))
    try {
      return raw.prepare<{ id: number }>("SELECT id FROM audit_log WHERE action = 'decision.submit' AND entity_id = ?").get(recordId)?.id ?? -1
    } finally {
      raw.close()
    }
  }
})
