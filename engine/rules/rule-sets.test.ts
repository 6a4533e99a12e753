import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listAudit } from '../audit/audit-log.js'
import { verifyAudit } from '../audit/verify-audit.js'
import { createTempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'
import { checkRecordCodes } from './check-record.js'
import { DEFAULT_RULE_SETS } from './default-rule-sets.js'
import { findRuleSet, importRuleSet, listRuleSets, parseRuleSetFile, ruleSetForCodeSet } from './rule-sets.js'

describe('rule sets in a workspace', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace()
  })
  afterEach(() => temp.cleanup())

  it('ships a built-in rule set for the demo, WHO-style / Chinese editions and ICD-10-CM, each valid', () => {
    const names = listRuleSets(temp.workspace.database).map((set) => [set.rules.name, set.version, set.source])
    expect(names).toEqual([
      ['demo-icd10', 1, 'built-in'],
      ['icd10-who', 1, 'built-in'],
      ['icd10cm', 1, 'built-in'],
    ])
    for (const input of DEFAULT_RULE_SETS) expect(() => parseRuleSetFile(input, input.name)).not.toThrow()
  })

  it('applies no rule set to a code set none names (the tiny test set): structural rules only', () => {
    expect(ruleSetForCodeSet(temp.workspace.database, temp.codeSetId)).toBeNull()
  })

  it('stores an edited rule set as the next version, audited, and checks with it from then on', () => {
    const { database } = temp.workspace
    const before = checkRecordCodes(database, { recordRowId: 1, codeSetId: temp.codeSetId, codes: [{ code: 'I10', isPrimary: true }, { code: 'J18.9', isPrimary: false }] })
    expect(before.warnings).toEqual([])
    const edited = parseRuleSetFile(
      {
        ...findRuleSet(database, 'icd10-who').rules,
        appliesTo: ['tiny'],
        exclusive: [{ id: 'no-pneumonia-with-htn', codes: ['I10'], with: ['J18'], why: { en: 'a test rule.' }, action: { en: 'Remove one.' } }],
      },
      'edited.json',
    )
    expect(importRuleSet(database, edited, 'coder')).toBe(2)
    expect(importRuleSet(database, edited, 'coder')).toBe(3)
    const after = checkRecordCodes(database, { recordRowId: 1, codeSetId: temp.codeSetId, codes: [{ code: 'I10', isPrimary: true }, { code: 'J18.9', isPrimary: false }] })
    expect(after.ruleSet).toEqual({ name: 'icd10-who', version: 3 })
    expect(after.warnings.map((warning) => warning.ruleId)).toEqual(['no-pneumonia-with-htn'])
    const audit = listAudit(database).filter((row) => row.action === 'rules.import')
    expect(audit.map((row) => [row.actor, row.entityId, (row.detail as { version: number }).version])).toEqual([
      ['coder', 'icd10-who', 2],
      ['coder', 'icd10-who', 3],
    ])
    expect(verifyAudit(database)).toMatchObject({ intact: true, firstBrokenId: null })
    expect(() => database.prepare("UPDATE coding_rule_sets SET body = '{}'").run()).toThrow(/versioned/)
  })

  it('refuses a rule-set file with a bad field, naming where', () => {
    expect(() => parseRuleSetFile({ format: 'clinicoco-coding-rules', formatVersion: 1, name: 'x', appliesTo: ['x'], structural: {}, exclusive: [{ id: 'A B', codes: ['e11'], with: [], why: { en: 'w' }, action: { en: 'a' } }] }, 'bad.json')).toThrow(
      /bad\.json: not a valid rule set: .*exclusive\.0\.id.*exclusive\.0\.codes\.0.*exclusive\.0\.with/,
    )
  })

  it('refuses two rules with one id, and an age rule without a range', () => {
    const base = findRuleSet(temp.workspace.database, 'icd10cm').rules
    const twice = { ...base, notPrimary: [...base.notPrimary, base.notPrimary[0]!] }
    expect(() => importRuleSet(temp.workspace.database, twice, 'coder')).toThrow(/used twice/)
    const noRange = { ...base, age: [{ id: 'x-age', codes: ['P'], why: { en: 'w' }, action: { en: 'a' } }] }
    expect(() => importRuleSet(temp.workspace.database, noRange, 'coder')).toThrow(/neither minYears nor maxYears/)
  })
})
