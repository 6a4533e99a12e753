import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CodingDraft } from '../../contract/domain.js'
import { listAudit } from '../audit/audit-log.js'
import { openRecord } from './record-view.js'
import { createTempWorkspace, sampleRecord, type TempWorkspace } from '../testing/temp-workspace.js'
import { discardDraft, loadDraft, saveDraft } from './drafts.js'
import { submitDecision, type Submission } from './submit-decision.js'

describe('rules, the suggested primary and name flags at submit', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace([sampleRecord('R1', { sex: 'male', age: 74 }), sampleRecord('R2')])
  })
  afterEach(() => temp.cleanup())

  const base = (overrides: Partial<Submission> = {}): Submission => ({
    recordId: 'R1',
    codes: [
      { code: 'I11.0', isPrimary: true },
      { code: 'I11.9', isPrimary: false },
    ],
    comment: '',
    baseVersion: 0,
    coder: 'coder',
    codeSetId: temp.codeSetId,
    activeMs: 0,
    mode: 'assisted',
    ...overrides,
  })
  const count = (table: string) => temp.workspace.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n

  it('refuses codes a rule warns about until the coder overrides the warning with a reason', () => {
    const { database } = temp.workspace
    expect(() => submitDecision(database, base())).toThrow(/breaks a coding rule: I11\.9 .* is the unspecified code .*keep them with a reason/)
    expect(() => submitDecision(database, base({ ruleOverrides: [{ ruleId: 'unspecified-sibling', codes: ['I11.9', 'I11.0'], reason: '  ' }] }))).toThrow(/breaks a coding rule/)
    expect(count('decisions')).toBe(0)
    const decision = submitDecision(database, base({ ruleOverrides: [{ ruleId: 'unspecified-sibling', codes: ['I11.0', 'I11.9'], reason: 'Both documented by the cardiologist' }] }))
    expect(decision.ruleOverrides).toEqual([{ ruleId: 'unspecified-sibling', codes: ['I11.9', 'I11.0'], reason: 'Both documented by the cardiologist' }])
    expect(database.prepare('SELECT rule_id, codes, reason FROM decision_rule_overrides').all()).toEqual([
      { rule_id: 'unspecified-sibling', codes: 'I11.9,I11.0', reason: 'Both documented by the cardiologist' },
    ])
    expect(listAudit(database, { entity: 'record', entityId: 'R1' })[0]?.detail.ruleOverrides).toEqual([
      { ruleId: 'unspecified-sibling', codes: ['I11.9', 'I11.0'], reason: 'Both documented by the cardiologist' },
    ])
    expect(() => database.exec("UPDATE decision_rule_overrides SET reason = 'x'")).toThrow(/part of a submitted version/)
  })

  it('stores only overrides of warnings that still apply', () => {
    const { database } = temp.workspace
    submitDecision(database, base({ codes: [{ code: 'I10', isPrimary: true }], ruleOverrides: [{ ruleId: 'unspecified-sibling', codes: ['I11.9', 'I11.0'], reason: 'left over from an earlier coding' }] }))
    expect(count('decision_rule_overrides')).toBe(0)
  })

  it('requires a primary other than the suggested one to be confirmed, and stores both', () => {
    const { database } = temp.workspace
    const codes = [
      { code: 'J18.9', isPrimary: true },
      { code: 'I10', isPrimary: false },
    ]
    const shown = { suggested: 'I10', probability: 0.9, modelVersion: 'demo-1', confirmed: false }
    expect(() => submitDecision(database, base({ codes, primary: shown }))).toThrow(/suggested primary diagnosis is I10, and you marked J18\.9\. Confirm J18\.9/)
    const decision = submitDecision(database, base({ codes, primary: { ...shown, confirmed: true } }))
    expect(decision.suggestedPrimary).toBe('I10')
    expect(database.prepare('SELECT suggested_code, suggested_probability, model_version, confirmed_code, differs FROM decision_primary').all()).toEqual([
      { suggested_code: 'I10', suggested_probability: 0.9, model_version: 'demo-1', confirmed_code: 'J18.9', differs: 1 },
    ])
    // Taking the suggested primary needs no confirmation; coding without a suggestion stores none.
    submitDecision(database, base({ recordId: 'R2', codes: [{ code: 'I10', isPrimary: true }], primary: shown }))
    submitDecision(database, base({ recordId: 'R2', baseVersion: 1, codes: [{ code: 'J18.9', isPrimary: true }] }))
    expect(database.prepare('SELECT suggested_code, confirmed_code, differs FROM decision_primary ORDER BY decision_id').all().slice(1)).toEqual([
      { suggested_code: 'I10', confirmed_code: 'I10', differs: 0 },
      { suggested_code: null, confirmed_code: 'J18.9', differs: 0 },
    ])
  })

  it('stores dismissed name flags with their reasons', () => {
    const { database } = temp.workspace
    submitDecision(database, base({ codes: [{ code: 'I10', isPrimary: true }], flagDismissals: [{ kind: 'wrong', name: 'HTN', code: 'I10', reason: 'BP chart confirms hypertension' }] }))
    expect(database.prepare('SELECT kind, name, code, reason FROM decision_flag_dismissals').all()).toEqual([
      { kind: 'wrong', name: 'HTN', code: 'I10', reason: 'BP chart confirms hypertension' },
    ])
  })
})

describe('coding drafts', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace()
  })
  afterEach(() => temp.cleanup())

  const draft: CodingDraft = {
    baseVersion: 0,
    codes: [{ code: 'I10', isPrimary: true }],
    comment: 'BP chart checked',
    ruleOverrides: [],
    flagDismissals: [],
    primaryConfirmed: false,
    accepted: ['I10'],
    rejected: ['J18.9'],
  }

  it('keeps one draft per user and record, replaced as the coder works, shown only to its user', () => {
    const { database } = temp.workspace
    saveDraft(database, 'coder', 1, draft)
    saveDraft(database, 'coder', 1, { ...draft, comment: 'second thought' })
    expect(loadDraft(database, 'coder', 1)).toMatchObject({ comment: 'second thought', accepted: ['I10'], savedAt: expect.any(String) })
    expect(openRecord(database, 'R1', undefined, 'coder').draft?.comment).toBe('second thought')
    expect(openRecord(database, 'R1').draft).toBeNull()
    expect(discardDraft(database, 'coder', 1)).toBe(true)
    expect(loadDraft(database, 'coder', 1)).toBeNull()
  })

  it('drops the draft when the record is submitted, in the same transaction', () => {
    const { database } = temp.workspace
    saveDraft(database, 'coder', 1, draft)
    submitDecision(database, { recordId: 'R1', codes: [{ code: 'I10', isPrimary: true }], comment: '', baseVersion: 0, coder: 'coder', codeSetId: temp.codeSetId, activeMs: 0, mode: 'assisted' })
    expect(loadDraft(database, 'coder', 1)).toBeNull()
  })

  it('ignores a stored draft that no longer reads as one rather than failing the record', () => {
    const { database } = temp.workspace
    database.prepare("INSERT INTO coding_drafts (user_id, record_id, base_version, body, saved_at) VALUES ('coder', 1, 0, '{\"codes\": 7}', 'now')").run()
    expect(openRecord(database, 'R1', undefined, 'coder').draft).toBeNull()
  })
})
