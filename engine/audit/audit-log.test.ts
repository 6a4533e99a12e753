import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTempWorkspace } from '../testing/temp-workspace.js'
import type { TempWorkspace } from '../testing/temp-workspace.js'
import { KEYS_FOLDER } from './audit-keys.js'
import { appendAudit, countAudit, listAudit } from './audit-log.js'
import { verifyAudit } from './verify-audit.js'

describe('audit log', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace()
  })
  afterEach(() => temp.cleanup())

  it('verifies an untouched, keyed chain', () => {
    for (let i = 0; i < 5; i += 1) {
      appendAudit(temp.workspace.database, { actor: 'coder', action: 'test', entity: 'x', entityId: String(i), detail: { i } })
    }
    // code-set install + records import + 5 test rows, all keyed (a new workspace has no unkeyed rows)
    expect(verifyAudit(temp.workspace.database)).toMatchObject({ intact: true, rows: 7, keyedRows: 7, legacyRows: 0, firstBrokenId: null })
  })

  it('keeps its keys outside the database, readable by the workstation account only', () => {
    appendAudit(temp.workspace.database, { actor: 'coder', action: 'test', entity: 'x', entityId: '1', detail: {} })
    const file = join(temp.dir, KEYS_FOLDER, 'audit-keys.json')
    expect(existsSync(file)).toBe(true)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const key = (JSON.parse(readFileSync(file, 'utf8')) as { chainKey: string }).chainKey
    const dump = JSON.stringify(temp.workspace.database.prepare('SELECT * FROM audit_log').all())
    expect(dump).not.toContain(key)
  })

  it('finds the first row edited behind its back', () => {
    const database = temp.workspace.database
    for (let i = 0; i < 3; i += 1) {
      appendAudit(database, { actor: 'coder', action: 'test', entity: 'x', entityId: String(i), detail: { i } })
    }
    // Someone with file access drops the guard and rewrites history.
    database.exec('DROP TRIGGER audit_never_updated')
    database.exec(`UPDATE audit_log SET actor = 'mallory' WHERE entity_id = '1' AND action = 'test'`)
    const edited = database.prepare<{ id: number }>(`SELECT id FROM audit_log WHERE actor = 'mallory'`).get()?.id
    const verification = verifyAudit(database)
    expect(verification.intact).toBe(false)
    expect(verification.firstBrokenId).toBe(edited)
    expect(verification.problems[0]?.message).toMatch(new RegExp(`^row ${edited} \\(test 1\\) was changed or re-chained`))
  })

  it('filters the trail by user, action family, entity and time, newest first and paged', () => {
    const database = temp.workspace.database
    appendAudit(database, { actor: 'coder', action: 'record.open', entity: 'record', entityId: 'R1', detail: {} }, '2026-03-01T08:00:00.000Z')
    appendAudit(database, { actor: 'supervisor', action: 'review.return', entity: 'record', entityId: 'R1', detail: {} }, '2026-03-02T08:00:00.000Z')
    appendAudit(database, { actor: 'supervisor', action: 'review.approve', entity: 'record', entityId: 'R2', detail: {} }, '2026-03-03T08:00:00.000Z')
    expect(listAudit(database, { actor: 'supervisor', action: 'review.', newestFirst: true }).map((row) => row.action)).toEqual(['review.approve', 'review.return'])
    expect(listAudit(database, { entityId: 'R1', from: '2026-03-02', to: '2026-03-03' }).map((row) => row.actor)).toEqual(['supervisor'])
    expect(countAudit(database, { action: 'review.' })).toBe(2)
    expect(listAudit(database, { newestFirst: true, limit: 1, offset: 1 }).map((row) => row.action)).toEqual(['review.return'])
  })
})
