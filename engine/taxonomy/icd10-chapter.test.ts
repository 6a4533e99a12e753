import { describe, expect, it } from 'vitest'
import { icd10Chapter } from './icd10-chapter.js'

describe('icd10Chapter', () => {
  it('finds the chapter at and around each boundary, with or without dots and case', () => {
    expect(icd10Chapter('A09')).toBe('I')
    expect(icd10Chapter('B99.9')).toBe('I')
    expect(icd10Chapter('C50.912')).toBe('II')
    expect(icd10Chapter('D48.9')).toBe('II')
    expect(icd10Chapter('D50.0')).toBe('III')
    expect(icd10Chapter('e11.9')).toBe('IV')
    expect(icd10Chapter('H59.9')).toBe('VII')
    expect(icd10Chapter('H60.0')).toBe('VIII')
    expect(icd10Chapter('I10')).toBe('IX')
    expect(icd10Chapter('T88.7')).toBe('XIX')
    expect(icd10Chapter('U07.1')).toBe('XXII')
    expect(icd10Chapter('W19')).toBe('XX')
    expect(icd10Chapter('Z99.2')).toBe('XXI')
  })

  it('returns null for what is not an ICD-10 code', () => {
    expect(icd10Chapter('0DB68ZX')).toBeNull()
    expect(icd10Chapter('')).toBeNull()
    expect(icd10Chapter('hypertension')).toBeNull()
  })
})
