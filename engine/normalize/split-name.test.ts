import { describe, expect, it } from 'vitest'
import { splitDiagnosisName, type SegmentationDictionary } from './split-name.js'

const dictionary: SegmentationDictionary = { words: new Set(['高血压', '冠心病', '心绞痛', '糖尿病']), maxLength: 16 }

function texts(name: string, kind: string, words: SegmentationDictionary | null = dictionary): string[] {
  return splitDiagnosisName(name, words)
    .filter((part) => part.kind === kind)
    .map((part) => part.text)
}

describe('splitDiagnosisName', () => {
  it('splits at list separators in either script', () => {
    expect(texts('htn; t2dm', 'segment')).toEqual(['htn', 't2dm'])
    expect(texts('头痛.头晕.高血压', 'segment')).toEqual(['头痛', '头晕', '高血压'])
    expect(texts('肝硬化腹水，胸水', 'segment')).toEqual(['肝硬化腹水', '胸水'])
  })

  it('keeps the whole name as a part when it has several segments', () => {
    expect(texts('htn; t2dm', 'whole')).toEqual(['htn; t2dm'])
    expect(texts('htn', 'whole')).toEqual([])
  })

  it('does not cut decimals or codes at their dot', () => {
    expect(texts('肿物2.5cm', 'segment')).toEqual(['肿物2.5cm'])
  })

  it('segments a Chinese run against the dictionary, modifiers joining the word after them', () => {
    expect(texts('高血压冠心病不稳定心绞痛', 'piece')).toEqual(['高血压', '冠心病', '不稳定心绞痛'])
  })

  it('cuts at joining words as pieces, keeping the segment too', () => {
    const parts = splitDiagnosisName('copd with pneumonia', null)
    expect(parts.map((part) => [part.kind, part.text])).toEqual([
      ['segment', 'copd with pneumonia'],
      ['piece', 'copd'],
      ['piece', 'pneumonia'],
    ])
  })

  it('reports offsets into the normalised name', () => {
    const name = '高血压; 2型糖尿病'
    for (const part of splitDiagnosisName(name, dictionary)) expect(name.slice(part.start, part.end)).toBe(part.text)
  })

  it('returns nothing for empty or separator-only input', () => {
    expect(splitDiagnosisName('', dictionary)).toEqual([])
    expect(splitDiagnosisName(' ;；、 ', dictionary)).toEqual([])
  })
})
