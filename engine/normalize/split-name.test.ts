import { describe, expect, it } from 'vitest'
import { splitDiagnosisName, type SegmentationDictionary } from './split-name.js'

const dictionary: SegmentationDictionary = { words: new Set(['高血压', '冠心病', '心绞痛', '糖尿病']), maxLength: 16 }

function texts(name: string, kind: string, words: SegmentationDictionary | null = dictionary): string[] {
  return splitDiagnosisName(name, words)
    .parts.filter((part) => part.kind === kind)
    .map((part) => part.text)
}

describe('splitDiagnosisName', () => {
  it('splits at list separators in either script', () => {
    expect(texts('htn; t2dm', 'segment')).toEqual(['htn', 't2dm'])
    expect(texts('头痛.头晕.高血压', 'segment')).toEqual(['头痛', '头晕', '高血压'])
    expect(texts('肝硬化腹水，胸水', 'segment')).toEqual(['肝硬化腹水', '胸水'])
  })

  it('reads a numbered admission list as its items: no list numbers in a part, qualifiers kept (issue 17)', () => {
    expect(texts('1.慢性阻塞性肺疾病急性加重 2.2型糖尿病3.高血压病（2级高危）4.胆囊切除术后', 'segment')).toEqual([
      '慢性阻塞性肺疾病急性加重',
      '2型糖尿病',
      '高血压病(2级高危)',
      '胆囊切除术后',
    ])
    const parts = splitDiagnosisName('1.冠心病2.高脂血症3.脑梗死4.高血压', dictionary).parts
    expect(parts.some((part) => /\d/.test(part.text))).toBe(false)
  })

  it('offers a numbered item that joins two diagnoses whole and as its two segments', () => {
    const parts = splitDiagnosisName('1.冠心病 不稳定型心绞痛 2.高血压', dictionary).parts
    expect(parts.filter((part) => part.kind !== 'piece').map((part) => [part.kind, part.text])).toEqual([
      ['whole', '冠心病 不稳定型心绞痛'],
      ['segment', '冠心病'],
      ['segment', '不稳定型心绞痛'],
      ['segment', '高血压'],
    ])
  })

  it('marks history and post-procedure items', () => {
    const parts = splitDiagnosisName('1.脑梗死病史 2.胆囊切除术后', dictionary).parts.filter((part) => part.kind === 'segment')
    expect(parts.map((part) => part.status)).toEqual(['history', 'post-procedure'])
  })

  it('keeps a short unnumbered name whole as a part when it has several segments', () => {
    expect(texts('htn; t2dm', 'whole')).toEqual(['htn; t2dm'])
    expect(texts('htn', 'whole')).toEqual([])
    expect(texts('1.高血压 2.冠心病', 'whole')).toEqual([])
  })

  it('does not cut decimals or codes at their dot', () => {
    expect(texts('肿物2.5cm', 'segment')).toEqual(['肿物2.5cm'])
  })

  it('segments a Chinese run against the dictionary, modifiers joining the word after them', () => {
    expect(texts('高血压冠心病不稳定心绞痛', 'piece')).toEqual(['高血压', '冠心病', '不稳定心绞痛'])
  })

  it('cuts at joining words as pieces, keeping the segment too', () => {
    const { parts } = splitDiagnosisName('copd with pneumonia', null)
    expect(parts.map((part) => [part.kind, part.text])).toEqual([
      ['segment', 'copd with pneumonia'],
      ['piece', 'copd'],
      ['piece', 'pneumonia'],
    ])
  })

  it('cuts English names joined with ", " or " + " into pieces, keeping the segment whole beside them (issue 17)', () => {
    expect(splitDiagnosisName('enlarged prostate, hypertension', null).parts.map((part) => [part.kind, part.text])).toEqual([
      ['segment', 'enlarged prostate, hypertension'],
      ['piece', 'enlarged prostate'],
      ['piece', 'hypertension'],
    ])
    expect(texts('Ca stomach + iron-deficiency anaemia', 'piece', null)).toEqual(['ca stomach', 'iron-deficiency anaemia'])
    expect(texts('Ca stomach + iron-deficiency anaemia', 'segment', null)).toEqual(['ca stomach + iron-deficiency anaemia'])
    // A piece cut at a list join can be cut again at a joining word.
    expect(texts('appendicitis with localised peritonitis + NIDDM', 'piece', null)).toEqual(['appendicitis', 'localised peritonitis', 'niddm'])
  })

  it('gives each diagnosis of an English join its own status', () => {
    const pieces = splitDiagnosisName('history of MI, hypertension', null).parts.filter((part) => part.kind === 'piece')
    expect(pieces.map((part) => [part.text, part.status])).toEqual([
      ['history of mi', 'history'],
      ['hypertension', null],
    ])
  })

  it('keeps a comma inside a diagnosis: a qualifier after it, a bracket around it, a code title written out', () => {
    expect(texts('Fracture of neck of femur, closed', 'piece', null)).toEqual([])
    expect(texts('pneumonia, unspecified organism', 'piece', null)).toEqual([])
    expect(texts('Diabetes mellitus, type 2', 'piece', null)).toEqual([])
    expect(texts('neumonía, no especificada', 'piece', null)).toEqual([])
    expect(texts('neumonía, insuficiencia cardíaca', 'piece', null)).toEqual(['neumonia', 'insuficiencia cardiaca'])
    expect(texts('fracture of femur (left, closed) + HTN', 'piece', null)).toEqual(['fracture of femur (left, closed)', 'htn'])
    // A qualifier rejoins the diagnosis before it; the diagnosis after still comes apart.
    expect(texts('fracture of neck of femur, closed, hypertension', 'piece', null)).toEqual(['fracture of neck of femur, closed', 'hypertension'])
    const titles: SegmentationDictionary = { ...dictionary, titles: new Set(['iron deficiency anaemia, secondary to blood loss']) }
    expect(texts('Iron deficiency anaemia, secondary to blood loss', 'piece', titles)).toEqual([])
    expect(texts('Iron deficiency anaemia, secondary to blood loss', 'segment', titles)).toEqual(['iron deficiency anaemia, secondary to blood loss'])
    expect(texts('Iron deficiency anaemia, secondary to blood loss', 'piece', dictionary)).toEqual(['iron deficiency anaemia', 'secondary to blood loss'])
  })

  it('reports offsets of pieces cut at English joins into their segment', () => {
    const name = 'CAD, high BP'
    const pieces = splitDiagnosisName(name, null).parts.filter((part) => part.kind === 'piece')
    expect(pieces.map((part) => name.slice(part.start, part.end).toLowerCase())).toEqual(['cad', 'high bp'])
  })

  it('does not cut Chinese text at its commas or plus signs into new pieces', () => {
    expect(texts('高血压病（3级，很高危）', 'piece')).toEqual([])
    expect(texts('1.高血压 2.冠心病', 'piece')).toEqual([])
  })

  it('reports offsets of segments into the name as written', () => {
    const name = '入院诊断：1.高血压; 2.2型糖尿病'
    for (const part of splitDiagnosisName(name, dictionary).parts.filter((part) => part.kind === 'segment')) {
      expect(name.slice(part.start, part.end)).toBe(part.text)
    }
  })

  it('returns nothing for empty or separator-only input', () => {
    expect(splitDiagnosisName('', dictionary).parts).toEqual([])
    expect(splitDiagnosisName(' ;；、 ', dictionary).parts).toEqual([])
  })
})
