import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTempWorkspace } from '../testing/temp-workspace.js'
import type { TempWorkspace } from '../testing/temp-workspace.js'
import { appendAudit, verifyAuditChain } from './audit-log.js'

describe('audit log', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace()
  })
  afterEach(() => temp.cleanup())

  it('verifies an untouched chain', () => {
    for (let i = 0; i < 5; i += 1) {
      appendAudit(temp.workspace.database, { actor: 'coder', action: 'test', entity: 'x', entityId: String(i), detail: { i } })
    }
    const verification = verifyAuditChain(temp.workspace.database)
    // code-set install + records import + 5 test rows
    expect(verification).toEqual({ rows: 7, firstBrokenId: null })
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
    expect(verifyAuditChain(database).firstBrokenId).toBe(edited)
  })
})
