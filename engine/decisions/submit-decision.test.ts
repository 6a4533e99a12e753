import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listAudit } from '../audit/audit-log.js'
import { verifyAudit } from '../audit/verify-audit.js'
import { openRecord } from './record-view.js'
import { createTempWorkspace } from '../testing/temp-workspace.js'
import type { TempWorkspace } from '../testing/temp-workspace.js'
import { submitDecision } from './submit-decision.js'

describe('submitting a decision', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace()
  })
  afterEach(() => temp.cleanup())

  const submit = (baseVersion: number, codes = [{ code: 'I10', isPrimary: true }]) =>
    submitDecision(temp.workspace.database, {
      recordId: 'R1',
      codes,
      comment: 'checked BP chart',
      baseVersion,
      coder: 'coder',
      codeSetId: temp.codeSetId,
      activeMs: 0,
      mode: 'assisted',
    })

  it('stores versions side by side and never overwrites an earlier one', () => {
    const first = submit(0)
    const second = submit(1, [
      { code: 'I11.0', isPrimary: true },
      { code: 'J18.9', isPrimary: false },
    ])
    expect(first.version).toBe(1)
    expect(second.version).toBe(2)
    const view = openRecord(temp.workspace.database, 'R1')
    expect(view.status).toBe('submitted')
    expect(view.decisions.map((decision) => decision.version)).toEqual([2, 1])
    expect(view.decisions[0]?.codes).toEqual([
      { code: 'I11.0', isPrimary: true, title: 'Hypertensive heart disease with heart failure' },
      { code: 'J18.9', isPrimary: false, title: 'Pneumonia, unspecified' },
    ])
    expect(view.decisions[1]?.codes.map((code) => code.code)).toEqual(['I10'])
    expect(view.decisions[0]).toMatchObject({ activeMs: 0, mode: 'assisted', coderName: 'Test Coder' })
  })

  it('writes one audit row per submission, hash-chained', () => {
    submit(0)
    submit(1)
    const rows = listAudit(temp.workspace.database, { entity: 'record', entityId: 'R1' })
    expect(rows.map((row) => [row.action, row.detail.version])).toEqual([
      ['decision.submit', 1],
      ['decision.submit', 2],
    ])
    expect(verifyAudit(temp.workspace.database)).toMatchObject({ intact: true, firstBrokenId: null, decisionsChecked: 2 })
  })

  it('stores what became of the suggestions with the version, and refuses outcomes that contradict the coding', () => {
    const database = temp.workspace.database
    const feedback = {
      modelVersion: 'demo-1',
      threshold: 0.4,
      codes: [
        { code: 'I10', probability: 0.91, outcome: 'accepted' as const },
        { code: 'J18.9', probability: 0.55, outcome: 'rejected' as const },
        { code: 'E11.9', probability: 0.47, outcome: 'ignored' as const },
      ],
    }
    const base = { recordId: 'R1', comment: '', coder: 'coder', codeSetId: temp.codeSetId, activeMs: 0, mode: 'assisted' as const }
    submitDecision(database, { ...base, baseVersion: 0, codes: [{ code: 'I10', isPrimary: true }], suggestions: feedback })
    const stored = database
      .prepare('SELECT code, model_version, threshold, probability, outcome FROM decision_suggestions ORDER BY probability DESC')
      .all()
    expect(stored).toEqual([
      { code: 'I10', model_version: 'demo-1', threshold: 0.4, probability: 0.91, outcome: 'accepted' },
      { code: 'J18.9', model_version: 'demo-1', threshold: 0.4, probability: 0.55, outcome: 'rejected' },
      { code: 'E11.9', model_version: 'demo-1', threshold: 0.4, probability: 0.47, outcome: 'ignored' },
    ])
    expect(listAudit(database, { entity: 'record', entityId: 'R1' })[0]?.detail.suggestions).toEqual(feedback)

    // A rejected code in the coding, an accepted one missing from it, or outcomes in manual mode: refused, nothing stored.
    const codes = [{ code: 'J18.9', isPrimary: true }]
    const rejecting = { ...feedback, codes: [{ code: 'J18.9', probability: 0.55, outcome: 'rejected' as const }] }
    expect(() => submitDecision(database, { ...base, baseVersion: 1, codes, suggestions: rejecting })).toThrow(/reported rejected but is in the coding/)
    const accepting = { ...feedback, codes: [{ code: 'I10', probability: 0.91, outcome: 'accepted' as const }] }
    expect(() => submitDecision(database, { ...base, baseVersion: 1, codes, suggestions: accepting })).toThrow(/reported accepted but is not in the coding/)
    expect(() => submitDecision(database, { ...base, baseVersion: 1, codes: [{ code: 'I10', isPrimary: true }], mode: 'manual', suggestions: accepting })).toThrow(
      /Manual coding/,
    )
    expect(database.prepare('SELECT count(*) AS n FROM decision_suggestions').get()).toEqual({ n: 3 })
    expect(() => database.exec("UPDATE decision_suggestions SET outcome = 'accepted'")).toThrow(/part of a submitted version/)
  })

  it('refuses a stale edit instead of merging it', () => {
    submit(0)
    expect(() => submit(0)).toThrow(/was coded again \(version 1\)/)
  })

  it('refuses a decision without exactly one primary code', () => {
    expect(() => submit(0, [{ code: 'I10', isPrimary: false }])).toThrow(/exactly one code as the primary/)
    expect(() =>
      submit(0, [
        { code: 'I10', isPrimary: true },
        { code: 'J18.9', isPrimary: true },
      ]),
    ).toThrow(/2 marked/)
  })

  it('refuses headings and unknown codes, and accepts a code typed without its dot', () => {
    expect(() => submit(0, [{ code: 'I11', isPrimary: true }])).toThrow(/is a heading/)
    expect(() => submit(0, [{ code: 'Z99.9', isPrimary: true }])).toThrow(/not in the active code set/)
    expect(submit(0, [{ code: 'j189', isPrimary: true }]).codes[0]?.code).toBe('J18.9')
  })

  it('cannot be changed or deleted in the database itself', () => {
    submit(0)
    const database = temp.workspace.database
    expect(() => database.exec("UPDATE decisions SET comment = 'edited'")).toThrow(/versioned/)
    expect(() => database.exec('DELETE FROM decision_codes')).toThrow(/part of a submitted version/)
    expect(() => database.exec('DELETE FROM audit_log')).toThrow(/append-only/)
  })

  it('stores nothing when the audit row cannot be written', () => {
    const database = temp.workspace.database
    database.exec("CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    expect(() => submit(0)).toThrow(/disk full/)
    expect(database.prepare<{ n: number }>('SELECT count(*) AS n FROM decisions').get()?.n).toBe(0)
    expect(openRecord(database, 'R1').status).toBe('todo')
  })
})
