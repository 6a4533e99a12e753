import { describe, expect, it } from 'vitest'
import {
  assignableDemoCodes,
  DEMO_LANGUAGES,
  demoCodeSet,
  demoParent,
  demoSiblings,
  findDemoCodeByName,
  informalNames,
} from './demo-catalogue.js'

const codeSet = demoCodeSet()
const entriesByCode = new Map(codeSet.codes.map((entry) => [entry.code, entry]))

describe('demo code set', () => {
  it('identifies itself as the bilingual demo edition', () => {
    expect(codeSet).toMatchObject({ name: 'demo-icd10', version: '2026.1', language: 'en', label: 'Demo ICD-10 (bilingual)' })
  })

  it('holds 100–140 assignable codes across at least 15 chapters', () => {
    const assignable = codeSet.codes.filter((entry) => entry.assignable)
    const chapters = codeSet.codes.filter((entry) => entry.level === 'chapter')
    expect(assignable.length).toBeGreaterThanOrEqual(100)
    expect(assignable.length).toBeLessThanOrEqual(140)
    expect(chapters.length).toBeGreaterThanOrEqual(15)
    expect(assignable.map((entry) => entry.code)).toEqual(assignableDemoCodes())
  })

  it('gives every entry a parent one level up, and reaches every entry from a chapter', () => {
    const levelAbove = { chapter: null, block: 'chapter', category: 'block', code: 'category' } as const
    for (const entry of codeSet.codes) {
      const parent = entry.parent === null ? undefined : entriesByCode.get(entry.parent)
      if (entry.level === 'chapter') expect(entry.parent).toBeNull()
      else expect(parent?.level, entry.code).toBe(levelAbove[entry.level])
      let top = entry
      while (top.parent !== null) top = entriesByCode.get(top.parent) ?? top
      expect(top.level, entry.code).toBe('chapter')
    }
    expect(new Set(codeSet.codes.map((entry) => entry.code)).size).toBe(codeSet.codes.length)
  })

  it('makes leaves assignable, including categories without subdivisions such as I10', () => {
    const parents = new Set(codeSet.codes.map((entry) => entry.parent))
    for (const entry of codeSet.codes) {
      const isLeaf = !parents.has(entry.code)
      expect(entry.assignable, entry.code).toBe(isLeaf && (entry.level === 'code' || entry.level === 'category'))
    }
    expect(entriesByCode.get('I10')).toMatchObject({ level: 'category', assignable: true, parent: 'I10-I15' })
    expect(entriesByCode.get('E11')).toMatchObject({ level: 'category', assignable: false })
  })

  it('gives most categories at least two sibling codes, so a *wrong* name has somewhere to go', () => {
    const categories = codeSet.codes.filter((entry) => entry.level === 'category' && !entry.assignable)
    const withTwoCodes = categories.filter((category) => codeSet.codes.filter((entry) => entry.parent === category.code).length >= 2)
    expect(withTwoCodes.length / categories.length).toBeGreaterThan(0.85)
  })

  it('titles every entry in Chinese and lists 2–5 informal names per code and language as synonyms', () => {
    const zhTitles = new Set(codeSet.terms.filter((term) => term.kind === 'title' && term.language === 'zh').map((term) => term.code))
    expect(zhTitles.size).toBe(codeSet.codes.length)
    for (const code of assignableDemoCodes()) {
      for (const language of DEMO_LANGUAGES) {
        const synonyms = codeSet.terms.filter((term) => term.code === code && term.language === language && term.kind === 'synonym')
        expect(synonyms.length, `${code} ${language}`).toBeGreaterThanOrEqual(2)
        expect(synonyms.length, `${code} ${language}`).toBeLessThanOrEqual(5)
        expect(synonyms.map((term) => term.term)).toEqual(informalNames(code, language))
      }
    }
  })

  it('writes the abbreviations and colloquial names clinicians use', () => {
    expect(informalNames('I10', 'en')).toContain('HTN')
    expect(informalNames('I10', 'zh')).toContain('高血压病')
    expect(informalNames('E11.9', 'en')).toEqual(expect.arrayContaining(['T2DM', 'NIDDM']))
    expect(informalNames('E11.9', 'zh')).toContain('2型糖尿病')
    expect(informalNames('J44.9', 'zh')).toContain('慢阻肺')
    expect(informalNames('I25.1', 'zh')).toContain('冠心病')
    expect(informalNames('N18.9', 'en')).toContain('CKD')
  })

  it('names every category, and every block above an assignable category, for *vague* names', () => {
    for (const entry of codeSet.codes.filter((candidate) => candidate.level === 'category')) {
      for (const language of DEMO_LANGUAGES) expect(informalNames(entry.code, language).length, entry.code).toBeGreaterThan(0)
    }
    expect(informalNames('E11', 'en')).toContain('diabetes')
    expect(informalNames('E11', 'zh')).toContain('糖尿病')
    expect(informalNames('I10-I15', 'en').length).toBeGreaterThan(0)
  })

  it('gives each informal name to one entry only, so a name resolves back to its code', () => {
    for (const language of DEMO_LANGUAGES) {
      const owners = new Map<string, string>()
      for (const entry of codeSet.codes) {
        for (const name of informalNames(entry.code, language)) {
          const key = name.toLowerCase()
          expect(owners.get(key) ?? entry.code, `${language} "${name}"`).toBe(entry.code)
          owners.set(key, entry.code)
          expect(findDemoCodeByName(name, language)).toBe(entry.code)
        }
      }
    }
    expect(findDemoCodeByName('htn', 'en')).toBe('I10')
    expect(findDemoCodeByName('not a diagnosis', 'en')).toBeNull()
  })

  it('finds siblings under the parent, or under the nearest ancestor that has any', () => {
    expect(demoSiblings('I25.1').sort()).toEqual(['I25.2', 'I25.9'])
    expect(demoSiblings('I10').sort()).toEqual(['I11.0', 'I11.9', 'I12.0', 'I12.9'])
    expect(demoSiblings('E03.9')).toEqual(['E05.0', 'E05.9'])
    expect(demoParent('E11.9')).toBe('E11')
    expect(demoParent('IX')).toBeNull()
    for (const code of assignableDemoCodes()) expect(demoSiblings(code).length, code).toBeGreaterThan(0)
  })
})
