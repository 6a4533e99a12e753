import { describe, expect, it } from 'vitest'
import { diagnosisListTexts, diagnosisStatus, parseDiagnosisList } from './diagnosis-list.js'

describe('parseDiagnosisList', () => {
  it('splits the numbered admission list of issue 17 into its four items, list numbers gone', () => {
    expect(diagnosisListTexts('1.慢性阻塞性肺疾病急性加重 2.2型糖尿病3.高血压病（2级高危）4.胆囊切除术后')).toEqual([
      '慢性阻塞性肺疾病急性加重',
      '2型糖尿病',
      '高血压病（2级高危）',
      '胆囊切除术后',
    ])
  })

  it('reads "2.2型糖尿病" as item 2, not the decimal 2.2', () => {
    const items = parseDiagnosisList('1.高血压病2.2型糖尿病')
    expect(items.map((item) => [item.number, item.text])).toEqual([
      [1, '高血压病'],
      [2, '2型糖尿病'],
    ])
  })

  it('never leaves a list number on an item (the "高脂血症4" bug)', () => {
    expect(diagnosisListTexts('1、冠心病 2、高脂血症 3、脑梗死 4、高血压')).toEqual(['冠心病', '高脂血症', '脑梗死', '高血压'])
    expect(diagnosisListTexts('1.冠心病2.高脂血症3.脑梗死4.高血压')).toEqual(['冠心病', '高脂血症', '脑梗死', '高血压'])
  })

  it('reads every numbering style', () => {
    expect(diagnosisListTexts('①肺部感染②2型糖尿病③高血压')).toEqual(['肺部感染', '2型糖尿病', '高血压'])
    expect(diagnosisListTexts('（1）肺部感染（2）低钾血症')).toEqual(['肺部感染', '低钾血症'])
    expect(diagnosisListTexts('(1)肺部感染 (2)低钾血症')).toEqual(['肺部感染', '低钾血症'])
    expect(diagnosisListTexts('一、肺部感染 二、低钾血症')).toEqual(['肺部感染', '低钾血症'])
    expect(diagnosisListTexts('1)肺炎 2)贫血')).toEqual(['肺炎', '贫血'])
    expect(diagnosisListTexts('１．肺炎２．贫血')).toEqual(['肺炎', '贫血'])
  })

  it('keeps a decimal measurement inside an item when the numbering goes on elsewhere', () => {
    expect(diagnosisListTexts('1.左肾结石2.5cm 2.高血压 3.痛风')).toEqual(['左肾结石2.5cm', '高血压', '痛风'])
    expect(diagnosisListTexts('1.肝囊肿（3.5cm）2.高血压')).toEqual(['肝囊肿（3.5cm）', '高血压'])
  })

  it('keeps bracketed qualifiers with their diagnosis, commas inside them included', () => {
    expect(diagnosisListTexts('高血压病3级（很高危），腹股沟疝(右侧)；2型糖尿病')).toEqual(['高血压病3级（很高危）', '腹股沟疝(右侧)', '2型糖尿病'])
    expect(diagnosisListTexts('1.高血压病（3级，极高危）2.冠心病')).toEqual(['高血压病（3级，极高危）', '冠心病'])
  })

  it('splits unnumbered lists at every separator, spaces between Chinese items included', () => {
    expect(diagnosisListTexts('肺部感染；2型糖尿病;高血压，冠心病、房颤\n痛风')).toEqual(['肺部感染', '2型糖尿病', '高血压', '冠心病', '房颤', '痛风'])
    expect(diagnosisListTexts('高血压 糖尿病  冠心病')).toEqual(['高血压', '糖尿病', '冠心病'])
  })

  it('keeps English words together and a comma before a lower-case word inside the diagnosis', () => {
    expect(diagnosisListTexts('Diabetes mellitus, type 2; Essential hypertension')).toEqual(['Diabetes mellitus, type 2', 'Essential hypertension'])
    expect(diagnosisListTexts('HTN, T2DM, CKD stage 3')).toEqual(['HTN', 'T2DM', 'CKD stage 3'])
    expect(diagnosisListTexts('1. Community-acquired pneumonia 2. Type 2 diabetes mellitus 3. HTN')).toEqual([
      'Community-acquired pneumonia',
      'Type 2 diabetes mellitus',
      'HTN',
    ])
  })

  it('reads list places glued to an abbreviation ("COPD4.甲减")', () => {
    expect(diagnosisListTexts('1.呼吸困难待查2.冠心病3.COPD4.甲状腺功能减退症5.慢性肾脏病（CKD 3期）')).toEqual([
      '呼吸困难待查',
      '冠心病',
      'COPD',
      '甲状腺功能减退症',
      '慢性肾脏病（CKD 3期）',
    ])
    expect(diagnosisListTexts('1、阑尾炎2、T1DM3、右肺结节')).toEqual(['阑尾炎', 'T1DM', '右肺结节'])
  })

  it('keeps a grade, risk or phase written apart with the diagnosis before it', () => {
    expect(diagnosisListTexts('原发性高血压3级 中危')).toEqual(['原发性高血压3级 中危'])
    expect(diagnosisListTexts('高血压病3级，极高危；慢阻肺 急性加重期')).toEqual(['高血压病3级，极高危', '慢阻肺 急性加重期'])
    // After a semicolon it is an item of its own: the doctor ended the diagnosis there.
    expect(diagnosisListTexts('肺炎；中危')).toEqual(['肺炎', '中危'])
  })

  it('parts items at spaces beside abbreviations and Roman numerals in a spaced Chinese list', () => {
    expect(diagnosisListTexts('高血压 T2DM 阵发性心房颤动 急性肾功能不全')).toEqual(['高血压', 'T2DM', '阵发性心房颤动', '急性肾功能不全'])
    expect(diagnosisListTexts('重症肺炎 Ⅱ型糖尿病 胆囊切除术后')).toEqual(['重症肺炎', 'Ⅱ型糖尿病', '胆囊切除术后'])
  })

  it('keeps a single numbered item whole, spaces and all', () => {
    expect(diagnosisListTexts('1.冠心病 不稳定型心绞痛')).toEqual(['冠心病 不稳定型心绞痛'])
    expect(diagnosisListTexts('①冠心病 稳定型心绞痛')).toEqual(['冠心病 稳定型心绞痛'])
  })

  it('drops a heading before the list', () => {
    expect(diagnosisListTexts('入院诊断：1.肺炎 2.贫血')).toEqual(['肺炎', '贫血'])
    expect(diagnosisListTexts('Admission diagnoses: pneumonia; anaemia')).toEqual(['pneumonia', 'anaemia'])
  })

  it('reads a single number followed by a separated list', () => {
    expect(diagnosisListTexts('1.高血压；糖尿病')).toEqual(['高血压', '糖尿病'])
  })

  it('gives offsets into the text as given', () => {
    const text = '入院诊断：1.高血压病（2级高危） 2.2型糖尿病'
    for (const item of parseDiagnosisList(text)) expect(text.slice(item.start, item.end)).toBe(item.text)
  })

  it('marks history and post-procedure items', () => {
    expect(parseDiagnosisList('1.胆囊切除术后 2.脑梗死病史 3.高血压').map((item) => item.status)).toEqual(['post-procedure', 'history', null])
    expect(diagnosisStatus('冠脉支架植入术后状态')).toBe('post-procedure')
    expect(diagnosisStatus('s/p cholecystectomy')).toBe('post-procedure')
    expect(diagnosisStatus('history of stroke')).toBe('history')
    expect(diagnosisStatus('高血压')).toBeNull()
  })

  it('returns nothing for empty or separator-only text', () => {
    expect(parseDiagnosisList('')).toEqual([])
    expect(parseDiagnosisList(' ;；、 1. ')).toEqual([])
  })

  it('does not take 一、 inside a word for a list place', () => {
    expect(diagnosisListTexts('肺部感染，统一、规范治疗后')).toEqual(['肺部感染', '统一', '规范治疗后'])
  })
})
