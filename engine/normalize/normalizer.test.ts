import { afterEach, describe, expect, it } from 'vitest'
import { TINY_CODE_SET, createTempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'
import { buildLexicon } from './lexicon.js'
import { confirmNamePairs } from './name-pairs.js'
import { createNormalizer, normalizeName } from './normalizer.js'
import { MAX_NAME_LENGTH } from './split-name.js'
import { workspaceNormalizer } from './workspace-normalizer.js'

const lexicon = buildLexicon(TINY_CODE_SET.codes, TINY_CODE_SET.terms)
const normalizer = createNormalizer(lexicon, [])

function topCode(name: string): string | undefined {
  return normalizeName(normalizer, name).codes[0]?.code
}

describe('normalizeName', () => {
  it('matches titles and synonyms in either language', () => {
    expect(topCode('Essential hypertension')).toBe('I10')
    expect(topCode('原发性高血压')).toBe('I10')
    expect(topCode('pneumonia')).toBe('J18.9')
  })

  it('expands abbreviations the code set does not list', () => {
    const lexiconWithoutHtn = buildLexicon(TINY_CODE_SET.codes, TINY_CODE_SET.terms.filter((term) => term.term !== 'HTN'))
    const result = normalizeName(createNormalizer(lexiconWithoutHtn, []), 'HTN')
    expect(result.codes[0]?.code).toBe('I10')
    expect(result.codes[0]?.matchedTerm).toBe('Essential (primary) hypertension')
  })

  it('splits a name holding two diagnoses and says which part matched each code', () => {
    const result = normalizeName(normalizer, 'HTN; pneumonia')
    const accepted = result.codes.filter((code) => code.accepted)
    expect(accepted.map((code) => code.code).sort()).toEqual(['I10', 'J18.9'])
    expect(accepted.find((code) => code.code === 'J18.9')?.part.text).toBe('pneumonia')
    expect(accepted.find((code) => code.code === 'I10')?.part.text).toBe('htn')
  })

  it('orders codes by confidence, an exact title above a partial match', () => {
    const codes = normalizeName(normalizer, 'hypertensive heart disease with heart failure').codes
    expect(codes[0]?.code).toBe('I11.0')
    for (let index = 1; index < codes.length; index += 1) {
      expect(codes[index]?.confidence).toBeLessThanOrEqual(codes[index - 1]?.confidence ?? 1)
    }
    const other = codes.find((code) => code.code === 'I11.9')
    expect(other?.confidence).toBeLessThan(codes[0]?.confidence ?? 0)
  })

  it('keeps confidences within 0 and 1', () => {
    for (const code of normalizeName(normalizer, 'HTN, pneumonia and 高血压').codes) {
      expect(code.confidence).toBeGreaterThanOrEqual(0)
      expect(code.confidence).toBeLessThanOrEqual(1)
    }
  })

  it('answers empty and punctuation-only names with no codes', () => {
    expect(normalizeName(normalizer, '').codes).toEqual([])
    expect(normalizeName(normalizer, ' ;；、 ').codes).toEqual([])
    expect(normalizeName(normalizer, 'zzqx').codes.every((code) => !code.accepted)).toBe(true)
  })

  it('bounds the work on a very long name', () => {
    const long = '高血压;pneumonia;'.repeat(2_000)
    const result = normalizeName(normalizer, long)
    // 400 characters: a numbered admission list of 12–15 diagnoses with qualifiers runs past 200.
    expect(result.normalised.length).toBeLessThanOrEqual(MAX_NAME_LENGTH)
    expect(MAX_NAME_LENGTH).toBe(400)
    expect(result.codes.map((code) => code.code)).toContain('I10')
  })

  it('handles mixed scripts in one name', () => {
    const accepted = normalizeName(normalizer, '高血压 pneumonia').codes.filter((code) => code.accepted).map((code) => code.code)
    expect(accepted).toContain('I10')
    expect(accepted).toContain('J18.9')
  })
})

describe('learning from coders', () => {
  let temp: TempWorkspace | undefined
  afterEach(() => temp?.cleanup())

  it('uses a confirmed pair from the next call on', () => {
    temp = createTempWorkspace()
    const { database } = temp.workspace
    const informal = 'BP through the roof'
    const before = normalizeName(workspaceNormalizer(database, temp.codeSetId), informal)
    expect(before.codes[0]?.code === 'I10' && before.codes[0].accepted).toBe(false)

    confirmNamePairs(database, { codeSetId: temp.codeSetId, actor: 'coder', recordId: 1, pairs: [{ name: informal, code: 'I10' }] })

    const after = normalizeName(workspaceNormalizer(database, temp.codeSetId), informal)
    expect(after.codes[0]?.code).toBe('I10')
    expect(after.codes[0]?.accepted).toBe(true)
    expect(after.codes[0]?.matchedVia).toBe('pair')
    // A near variant benefits too.
    expect(normalizeName(workspaceNormalizer(database, temp.codeSetId), 'BP through roof').codes[0]?.code).toBe('I10')
    const audit = database.prepare<{ action: string }>("SELECT action FROM audit_log WHERE action = 'name-pairs.confirm'").all()
    expect(audit).toHaveLength(1)
  })

  it('refuses a pair naming a code the code set lacks, storing nothing', () => {
    temp = createTempWorkspace()
    const { database } = temp.workspace
    expect(() =>
      confirmNamePairs(database, { codeSetId: temp!.codeSetId, actor: 'coder', pairs: [{ name: 'x', code: 'I10' }, { name: 'y', code: 'Z99.9' }] }),
    ).toThrow(/Z99.9/)
    expect(database.prepare<{ n: number }>('SELECT count(*) AS n FROM name_code_pairs').get()?.n).toBe(0)
  })
})
