import { describe, expect, it } from 'vitest'
import { contentUnits, normaliseText, textFeatures } from './text-features.js'

describe('normaliseText', () => {
  it('folds full-width forms, case, diacritics and spacing', () => {
    expect(normaliseText('  ＨＴＮ；  Exposición ')).toBe('htn; exposicion')
  })

  it('writes grades, stages, types and risk levels one way, as a coder reads them', () => {
    expect(normaliseText('心功能Ⅳ级')).toBe('心功能4级')
    expect(normaliseText('II型呼吸衰竭')).toBe(normaliseText('Ⅱ型呼吸衰竭'))
    expect(normaliseText('Ⅱ型呼吸衰竭')).toBe('2型呼吸衰竭')
    expect(normaliseText('高血压病三级（很高危组）')).toBe('高血压病3级(极高危)')
    expect(normaliseText('慢性肾脏病IV期')).toBe('慢性肾脏病4期')
    // Roman numerals inside a word are not qualifiers.
    expect(normaliseText('hiv型')).toBe('hiv型')
  })
})

describe('textFeatures', () => {
  it('gives Han characters as unigrams and bigrams', () => {
    expect([...textFeatures('高血压').keys()].sort()).toEqual(['b:血压', 'b:高血', 'c:压', 'c:血', 'c:高'])
  })

  it('gives Latin words and their boundary-marked trigrams, and counts repeats', () => {
    const features = textFeatures('edema edema')
    expect(features.get('w:edema')).toBe(2)
    expect(features.get('t:^ed')).toBe(2)
    expect(features.get('t:ma$')).toBe(2)
  })

  it('splits mixed scripts into both kinds of feature', () => {
    const features = textFeatures('2型糖尿病t2dm')
    expect(features.has('w:2')).toBe(true)
    expect(features.has('c:糖')).toBe(true)
    expect(features.has('w:t2dm')).toBe(true)
  })

  it('has no features for punctuation only', () => {
    expect(textFeatures('；，。 ;').size).toBe(0)
  })
})

describe('contentUnits', () => {
  it('keeps characters and words, not n-grams', () => {
    expect([...contentUnits('肺 ca')].sort()).toEqual(['c:肺', 'w:ca'])
  })
})
