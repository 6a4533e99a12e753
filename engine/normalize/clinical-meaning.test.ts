/**
 * The mislabels of issue 17, on a small Chinese code set: the hand-set default
 * ranker (no pairs, nothing fitted) must keep the clinical meaning a coder
 * reads in the words, and give a list item as many codes as it names.
 */
import { describe, expect, it } from 'vitest'
import { CHINESE_TEST_CODE_SET } from '../testing/chinese-code-set.js'
import { buildLexicon } from './lexicon.js'
import { createNormalizer, normalizeName } from './normalizer.js'

const normalizer = createNormalizer(buildLexicon(CHINESE_TEST_CODE_SET.codes, CHINESE_TEST_CODE_SET.terms), [])
const accepted = (name: string): string[] =>
  normalizeName(normalizer, name)
    .codes.filter((code) => code.accepted)
    .map((code) => code.code)

describe('matching that keeps clinical meaning', () => {
  it('labels 不稳定型心绞痛 unstable, never stable (43 of 44 were stable before)', () => {
    expect(accepted('不稳定型心绞痛')).toEqual(['T20.000'])
    expect(accepted('不稳定性心绞痛')).toEqual(['T20.000'])
    expect(accepted('稳定型心绞痛')).toEqual(['T20.801'])
  })

  it('reads 很高危 as 极高危 and picks the extension code of the grade and risk, not the generic one', () => {
    expect(accepted('高血压3级（很高危）')).toEqual(['T10.000x032'])
    expect(accepted('高血压病（3级，高危组）')).toEqual(['T10.000x031'])
    expect(accepted('高血压')).toEqual(['T10.000x002'])
  })

  it('does not read 肺结节 as 肺结节病 (sarcoidosis) or 肺结核', () => {
    const codes = accepted('肺结节')
    expect(codes).not.toContain('T86.000')
    expect(codes).not.toContain('T16.200')
    expect(normalizeName(normalizer, '肺结节').codes[0]?.code).toBe('T91.011')
  })

  it('keeps 2型 and 1型 diabetes apart and adds no complication the name does not state', () => {
    expect(accepted('2型糖尿病')).toEqual(['T11.900'])
    expect(accepted('Ⅱ型糖尿病')).toEqual(['T11.900'])
    expect(accepted('1型糖尿病')).toEqual(['T12.900'])
  })

  it('codes a history item to the history code, not the active disease', () => {
    expect(accepted('脑梗死病史')).toEqual(['T87.703'])
    expect(accepted('脑梗死')).toEqual(['T63.900'])
  })

  it('expands the abbreviations of Chinese clinical writing', () => {
    expect(accepted('慢阻肺急性加重')).toEqual(['T44.100'])
    expect(accepted('房颤')).toEqual(['T48.001'])
  })

  it('gives a numbered admission list one code per diagnosis, and two for an item naming two', () => {
    expect(accepted('1.冠心病 不稳定型心绞痛 2.高脂血症3.高血压3级(极高危)').sort()).toEqual(['T10.000x032', 'T20.000', 'T25.103', 'T78.500'])
  })
})
