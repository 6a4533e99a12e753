import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoCodeSet } from '../demo/demo-catalogue.js'
import type { CodeSetData } from '../taxonomy/code-set-data.js'
import { installCodeSet } from '../taxonomy/install-code-set.js'
import { ensureUser, openWorkspace, type Workspace } from '../workspace/workspace.js'
import { checkCodes, type PatientFacts } from './check-codes.js'
import { codeFacts } from './code-facts.js'
import { ruleSetForCodeSet } from './rule-sets.js'

/** A Chinese-edition-shaped set: a code and its own extension are both assignable. */
const CHINESE_STYLE: CodeSetData = {
  name: 'icd10-cn-test',
  version: '1',
  language: 'zh',
  label: 'test',
  codes: [
    { code: 'E10-E14', title: '糖尿病', parent: null, level: 'chapter', assignable: false },
    { code: 'E11', title: '2型糖尿病', parent: 'E10-E14', level: 'category', assignable: false },
    { code: 'E11.900', title: '2型糖尿病，不伴有并发症', parent: 'E11', level: 'code', assignable: true },
    { code: 'E11.900x001', title: '2型糖尿病，初发', parent: 'E11.900', level: 'code', assignable: true },
    { code: 'E11.200x002', title: '2型糖尿病性肾病', parent: 'E11', level: 'code', assignable: true },
    { code: 'G63.2', title: '糖尿病性多神经病（分类于他处的疾病）', parent: 'E10-E14', level: 'code', assignable: true },
  ],
  terms: [],
}

describe('the coding rules', () => {
  let dir: string
  let workspace: Workspace
  let demoId: number
  let chineseId: number
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'clinicoco-rules-'))
    workspace = openWorkspace(dir)
    ensureUser(workspace.database, { id: 'coder', displayName: 'Coder', role: 'coder' })
    const install = (data: CodeSetData) => installCodeSet(workspace.database, data, { actor: 'coder', format: 'test', source: 'test', rejects: [] }).codeSetId
    demoId = install(demoCodeSet())
    chineseId = install(CHINESE_STYLE)
  })
  afterAll(() => {
    workspace.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const UNKNOWN: PatientFacts = { sex: null, age: null }
  const check = (
    codes: string[],
    options: { patient?: PatientFacts; primary?: string; language?: string; documented?: (code: string) => boolean; codeSetId?: number } = {},
  ) => {
    const codeSetId = options.codeSetId ?? demoId
    return checkCodes(codeFacts(workspace.database, codeSetId, options.language), ruleSetForCodeSet(workspace.database, codeSetId), {
      codes: codes.map((code, index) => ({ code, isPrimary: options.primary === undefined ? index === 0 : code === options.primary })),
      patient: options.patient ?? { sex: 'female', age: 50 },
      language: options.language,
      documented: options.documented,
    })
  }
  const ruleIds = (result: ReturnType<typeof check>) => result.warnings.map((warning) => warning.ruleId)

  it('finds the demo rule set by the code set name, and none for a code set no rule set names', () => {
    expect(check(['I10']).ruleSet).toEqual({ name: 'demo-icd10', version: 1 })
    expect(check(['E11.900'], { codeSetId: chineseId }).ruleSet).toEqual({ name: 'icd10-who', version: 1 })
  })

  it('says nothing about a coding a senior coder would sign off', () => {
    expect(check(['E11.2', 'N18.3', 'I12.9', 'E78.5']).warnings).toEqual([])
  })

  describe('headings', () => {
    it('refuses a heading and offers its assignable codes, never as an override', () => {
      const [warning] = check(['A41']).warnings
      expect(warning).toMatchObject({ ruleId: 'heading', family: 'heading', codes: ['A41'], overridable: false })
      expect(warning?.choices.map((choice) => choice.code)).toEqual(['A41.5', 'A41.9'])
      expect(warning?.message).toBe('A41 (Other sepsis) is a heading, not a code that can be assigned.')
    })

    it('names a code the code set does not have', () => {
      expect(check(['Q99.9']).warnings[0]).toMatchObject({ ruleId: 'not-in-code-set', overridable: false })
    })
  })

  describe('exclusive pairs', () => {
    it('warns on an unspecified code beside a specified sibling (E11.2 with E11.9, I11.0 with I11.9)', () => {
      const diabetes = check(['E11.2', 'E11.9']).warnings
      expect(diabetes).toHaveLength(1)
      expect(diabetes[0]).toMatchObject({ ruleId: 'unspecified-sibling', family: 'unspecified-sibling', codes: ['E11.9', 'E11.2'], overridable: true })
      expect(diabetes[0]?.action).toBe('Remove E11.9, or remove E11.2 if the record does not document it.')
      expect(check(['I11.0', 'I11.9']).warnings[0]).toMatchObject({ ruleId: 'unspecified-sibling', codes: ['I11.9', 'I11.0'] })
    })

    it('warns on pairs the rule set names, saying why and what to do', () => {
      const [warning] = check(['E10.9', 'E11.9']).warnings
      expect(warning).toMatchObject({ ruleId: 'one-type-of-diabetes', family: 'exclusive', codes: ['E10.9', 'E11.9'] })
      expect(warning?.message).toContain('type 1 and type 2 together contradict each other')
      expect(ruleIds(check(['I10', 'I11.0']))).toEqual(['hypertension-in-hypertensive-disease'])
      expect(ruleIds(check(['I10', 'N18.3']))).toEqual(['hypertension-with-ckd'])
      expect(ruleIds(check(['I20.0', 'I21.4']))).toEqual(['angina-with-infarction'])
    })

    it('allows I61 with I63 only when the record documents both', () => {
      expect(ruleIds(check(['I61.0', 'I63.9']))).toEqual(['haemorrhagic-and-ischaemic-stroke'])
      expect(ruleIds(check(['I61.0', 'I63.9'], { documented: (code) => code === 'I63.9' }))).toEqual(['haemorrhagic-and-ischaemic-stroke'])
      expect(check(['I61.0', 'I63.9'], { documented: () => true }).warnings).toEqual([])
    })

    it('warns on a code beside its own ancestor where an edition lets both be assigned', () => {
      const [warning] = check(['E11.900x001', 'E11.900'], { codeSetId: chineseId, language: 'zh' }).warnings
      expect(warning).toMatchObject({ ruleId: 'ancestor', family: 'ancestor', codes: ['E11.900', 'E11.900x001'] })
      expect(warning?.message).toContain('上级编码')
      expect(ruleIds(check(['E11.900x001', 'E11.200x002'], { codeSetId: chineseId }))).toEqual(['unspecified-sibling'])
    })

    it('gives one warning per pair of codes', () => {
      // N18.3 with N18.9: one CKD stage (the rule set's) rather than also the unspecified sibling.
      expect(ruleIds(check(['N18.3', 'N18.9']))).toEqual(['one-ckd-stage'])
    })
  })

  describe('sex and age', () => {
    it('warns on a pregnancy code for a man', () => {
      const result = check(['O82.0', 'Z37.0'], { patient: { sex: 'male', age: 30 } })
      expect(result.warnings.map((warning) => [warning.ruleId, warning.codes])).toEqual([
        ['pregnancy-codes-female', ['O82.0']],
        ['delivery-outcome-female', ['Z37.0']],
      ])
      expect(result.warnings[0]?.message).toContain('is for female patients; this record says male')
    })

    it('warns on a prostate code for a woman, and on postmenopausal osteoporosis for a man', () => {
      expect(ruleIds(check(['N40'], { patient: { sex: 'female', age: 70 } }))).toEqual(['male-genital-organs'])
      expect(ruleIds(check(['S72.0', 'M81.0'], { patient: { sex: 'male', age: 80 } }))).toEqual(['postmenopausal-osteoporosis-female'])
    })

    it('warns on a pregnancy code at 74 and a perinatal code beyond the first year', () => {
      expect(ruleIds(check(['O24.4'], { patient: { sex: 'female', age: 74 } }))).toEqual(['pregnancy-childbearing-age'])
      const perinatal = check(['P59.9'], { patient: { sex: 'male', age: 74 } })
      expect(ruleIds(perinatal)).toEqual(['perinatal-period'])
      expect(perinatal.warnings[0]?.message).toContain('is for patients under one year old; this patient is 74')
      expect(check(['P59.9'], { patient: { sex: 'male', age: 0 } }).warnings).toEqual([])
    })

    it('reports sex and age unchecked when the record does not say, and warns about neither', () => {
      const result = check(['O82.0', 'P59.9'], { patient: UNKNOWN, primary: 'O82.0' })
      expect(result.warnings).toEqual([])
      expect(result.unchecked).toEqual(['sex', 'age'])
    })
  })

  describe('primary diagnosis', () => {
    it('warns when an external cause, an outcome of delivery, a status or shock code is primary', () => {
      expect(ruleIds(check(['W19', 'S72.0'], { primary: 'W19', patient: { sex: 'female', age: 80 } }))).toEqual(['external-cause-not-primary'])
      expect(ruleIds(check(['Z37.0', 'O82.0'], { primary: 'Z37.0', patient: { sex: 'female', age: 30 } }))).toEqual(['outcome-of-delivery-not-primary'])
      expect(ruleIds(check(['Z99.2', 'N18.5'], { primary: 'Z99.2' }))).toEqual(['history-and-status-not-primary'])
      expect(ruleIds(check(['R57.2', 'A41.9'], { primary: 'R57.2' }))).toEqual(['shock-not-primary'])
      expect(check(['S72.0', 'W19'], { primary: 'S72.0', patient: { sex: 'female', age: 80 } }).warnings).toEqual([])
    })

    it('knows a manifestation code by its title', () => {
      expect(ruleIds(check(['G63.2', 'E11.200x002'], { codeSetId: chineseId, primary: 'G63.2' }))).toEqual(['manifestation-not-primary'])
    })
  })

  it('words every warning in Chinese for a Chinese UI', () => {
    const [warning] = check(['E10.9', 'E11.9'], { language: 'zh-CN' }).warnings
    expect(warning?.message).toBe('E10.9 (1型糖尿病不伴有并发症) 与 E11.9 (2型糖尿病不伴有并发症)：一个患者只有一种类型的糖尿病：1 型与 2 型同时存在相互矛盾。')
    expect(warning?.action).toBe('保留病历记载的类型；不清楚时询问医师。')
  })
})
