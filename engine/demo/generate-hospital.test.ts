import { describe, expect, it } from 'vitest'
import type { RecordInput } from '../records/record-input.js'
import { assignableDemoCodes, DEMO_LANGUAGES, demoTitle, informalNames, isAssignableDemoCode, NEIGHBOUR_ONLY_DEMO_CODES } from './demo-catalogue.js'
import { resolveDiagnosisName } from './diagnosis-names.js'
import { generateDemoHospital } from './generate-hospital.js'

const SECTION_KINDS = [
  'chief_complaint',
  'present_illness',
  'past_history',
  'personal_history',
  'family_history',
  'physical_exam',
  'specialist_exam',
  'auxiliary_exam',
  'treatment_course',
  'discharge_condition',
]

const hospital = generateDemoHospital({ seed: 20_260_101, recordCount: 1_000 })

function sectionText(record: RecordInput, kind: string): string {
  return record.sections.find((section) => section.kind === kind)?.text ?? ''
}

function goldCodesOf(record: RecordInput): Set<string> {
  return new Set(record.goldCodes.map((gold) => gold.code))
}

/** Predicts a code wherever its title or any informal name appears verbatim, negated or not. */
function keywordBaselineMicroF1(records: readonly RecordInput[]): number {
  const termsByCode = assignableDemoCodes().map((code) => {
    const terms = DEMO_LANGUAGES.flatMap((language) => [demoTitle(code, language) ?? '', ...informalNames(code, language)])
    return [code, terms.filter((term) => term !== '')] as const
  })
  let truePositives = 0
  let falsePositives = 0
  let falseNegatives = 0
  for (const record of records) {
    const text = record.sections.map((section) => section.text).join('\n')
    const gold = goldCodesOf(record)
    const predicted = new Set(termsByCode.filter(([, terms]) => terms.some((term) => text.includes(term))).map(([code]) => code))
    for (const code of predicted) {
      if (gold.has(code)) truePositives += 1
      else falsePositives += 1
    }
    for (const code of gold) if (!predicted.has(code)) falseNegatives += 1
  }
  return (2 * truePositives) / (2 * truePositives + falsePositives + falseNegatives)
}

describe('generateDemoHospital', () => {
  it('returns the same hospital for the same seed and a different one for another seed', () => {
    expect(generateDemoHospital({ seed: 8, recordCount: 200 })).toEqual(generateDemoHospital({ seed: 8, recordCount: 200 }))
    const other = generateDemoHospital({ seed: 20_260_102, recordCount: 50 })
    expect(other).not.toEqual(hospital.slice(0, 50))
    const samePrimaries = other.filter((record, index) => record.goldCodes[0]?.code === hospital[index]?.goldCodes[0]?.code).length
    expect(samePrimaries).toBeLessThan(15)
  })

  it('keeps the first records unchanged when the hospital grows', () => {
    expect(generateDemoHospital({ seed: 20_260_101, recordCount: 40 })).toEqual(hospital.slice(0, 40))
  })

  it('numbers records DEMO-000001 onwards with patient, encounter and department', () => {
    expect(hospital).toHaveLength(1_000)
    expect(hospital[0]?.externalId).toBe('DEMO-000001')
    expect(hospital[999]?.externalId).toBe('DEMO-001000')
    expect(new Set(hospital.map((record) => record.externalId)).size).toBe(1_000)
    for (const record of hospital) {
      expect(record.patientId).toMatch(/^DEMO-P\d{6}$/)
      expect(record.encounterId).toMatch(/^DEMO-E\d{6}$/)
      expect(record.department?.length).toBeGreaterThan(1)
      expect(record.mentions).toEqual([])
    }
  })

  it('admits and discharges every patient within 2025, discharge after admission', () => {
    for (const record of hospital) {
      const admitted = Date.parse(record.admittedAt ?? '')
      const discharged = Date.parse(record.dischargedAt ?? '')
      expect(record.admittedAt).toMatch(/^2025-\d\d-\d\d$/)
      expect(record.dischargedAt).toMatch(/^2025-\d\d-\d\d$/)
      expect(discharged).toBeGreaterThan(admitted)
    }
  })

  it('writes the ten discharge-record sections, titled in the record language', () => {
    for (const record of hospital) {
      expect(record.sections.map((section) => section.kind)).toEqual(SECTION_KINDS)
      for (const section of record.sections) expect(section.text.length, `${record.externalId} ${section.kind}`).toBeGreaterThan(3)
    }
    const chinese = hospital.find((record) => record.language === 'zh')
    const english = hospital.find((record) => record.language === 'en')
    expect(chinese?.sections.map((section) => section.title).slice(0, 3)).toEqual(['主诉', '现病史', '既往史'])
    expect(english?.sections[0]?.title).toBe('Chief complaint')
    expect(chinese?.department).toMatch(/[\u4e00-\u9fff]/)
  })

  it('codes 1–6 assignable demo codes per record with exactly one primary, listed first', () => {
    const counts = new Map<number, number>()
    for (const record of hospital) {
      const codes = record.goldCodes.map((gold) => gold.code)
      expect(codes.length).toBeGreaterThanOrEqual(1)
      expect(codes.length).toBeLessThanOrEqual(6)
      expect(new Set(codes).size).toBe(codes.length)
      for (const code of codes) expect(isAssignableDemoCode(code), code).toBe(true)
      expect(record.goldCodes.filter((gold) => gold.isPrimary)).toEqual([record.goldCodes[0]])
      counts.set(codes.length, (counts.get(codes.length) ?? 0) + 1)
    }
    // Single-diagnosis and multimorbid records both occur in numbers.
    expect(counts.get(1) ?? 0).toBeGreaterThan(100)
    expect([...counts].filter(([size]) => size >= 3).reduce((sum, [, count]) => sum + count, 0)).toBeGreaterThan(150)
  })

  it('names every gold code informally, primary first, joining two names now and then', () => {
    let joined = 0
    for (const record of hospital) {
      const language = record.language === 'zh' ? 'zh' : 'en'
      expect(record.diagnosisNames[0]?.isPrimary).toBe(true)
      expect(record.diagnosisNames.filter((name) => name.isPrimary)).toHaveLength(1)
      const named = record.diagnosisNames.flatMap((name) => {
        const parts = resolveDiagnosisName(name.text, language)?.parts ?? []
        if (parts.length === 2) joined += 1
        return parts.map((part) => part.code)
      })
      expect(named, record.externalId).toEqual(record.goldCodes.map((gold) => gold.code))
    }
    expect(joined).toBeGreaterThan(30)
    expect(joined).toBeLessThan(150)
  })

  it('writes about half the records in Chinese by default, and follows chineseShare', () => {
    const chineseShare = hospital.filter((record) => record.language === 'zh').length / hospital.length
    expect(chineseShare).toBeGreaterThan(0.45)
    expect(chineseShare).toBeLessThan(0.55)
    const mostlyEnglish = generateDemoHospital({ seed: 3, recordCount: 400, chineseShare: 0.1 })
    const share = mostlyEnglish.filter((record) => record.language === 'zh').length / mostlyEnglish.length
    expect(share).toBeGreaterThan(0.05)
    expect(share).toBeLessThan(0.15)
    expect(generateDemoHospital({ seed: 3, recordCount: 30, chineseShare: 1 }).every((record) => record.language === 'zh')).toBe(true)
  })

  it('splits about 70/15/15 into train, dev and test', () => {
    const share = (split: string): number => hospital.filter((record) => record.split === split).length / hospital.length
    expect(share('train')).toBeGreaterThan(0.65)
    expect(share('train')).toBeLessThan(0.75)
    expect(share('dev')).toBeGreaterThan(0.11)
    expect(share('dev')).toBeLessThan(0.19)
    expect(share('test')).toBeGreaterThan(0.11)
    expect(share('test')).toBeLessThan(0.19)
  })

  it('makes codes co-occur as in real wards: hypertension far more often with diabetes than without', () => {
    const withDiabetes = hospital.filter((record) => goldCodesOf(record).has('E11.9'))
    const withoutDiabetes = hospital.filter((record) => !goldCodesOf(record).has('E11.9'))
    const hypertensionRate = (records: RecordInput[]): number => records.filter((record) => goldCodesOf(record).has('I10')).length / records.length
    expect(withDiabetes.length).toBeGreaterThan(50)
    expect(hypertensionRate(withDiabetes)).toBeGreaterThan(1.6 * hypertensionRate(withoutDiabetes))
    // An obstetric patient is never coded with prostate disease, nor a man with a caesarean section.
    for (const record of hospital) {
      const codes = [...goldCodesOf(record)]
      expect(codes.some((code) => code.startsWith('O')) && codes.includes('N40')).toBe(false)
    }
  })

  it('varies the wording: present illnesses are almost never duplicates', () => {
    const texts = hospital.map((record) => sectionText(record, 'present_illness'))
    expect(new Set(texts).size / texts.length).toBeGreaterThan(0.99)
    const complaints = hospital.map((record) => sectionText(record, 'chief_complaint'))
    expect(new Set(complaints).size).toBeGreaterThan(500)
  })

  it('records the denial of conditions the patient does not have', () => {
    const english = hospital.filter((record) => record.language === 'en')
    const chinese = hospital.filter((record) => record.language === 'zh')
    expect(english.filter((record) => /Denies a history of|No history of|Negative for/.test(sectionText(record, 'past_history'))).length / english.length).toBeGreaterThan(0.8)
    expect(chinese.filter((record) => /否认.+病?史/.test(sectionText(record, 'past_history'))).length / chinese.length).toBeGreaterThan(0.8)
  })

  it('leaves a good share of gold codes unnamed in the text, evidenced only by findings, labs and drugs', () => {
    let unnamed = 0
    let total = 0
    for (const record of hospital) {
      const text = record.sections.map((section) => section.text).join('\n')
      for (const { code } of record.goldCodes) {
        total += 1
        const names = DEMO_LANGUAGES.flatMap((language) => informalNames(code, language))
        if (!names.some((name) => text.includes(name))) unnamed += 1
      }
    }
    expect(unnamed / total).toBeGreaterThan(0.2)
    expect(unnamed / total).toBeLessThan(0.7)
  })

  it('defeats a verbatim keyword coder: micro-F1 clearly below 0.9', () => {
    const microF1 = keywordBaselineMicroF1(hospital)
    console.log(`keyword baseline micro-F1 on 1,000 demo records: ${microF1.toFixed(3)}`)
    expect(microF1).toBeLessThan(0.8)
    // …but the text is not noise: names do appear, so the baseline finds something.
    expect(microF1).toBeGreaterThan(0.3)
  })

  it('rejects a negative record count and a Chinese share outside 0–1', () => {
    expect(() => generateDemoHospital({ seed: 1, recordCount: -1 })).toThrow(RangeError)
    expect(() => generateDemoHospital({ seed: 1, recordCount: 2.5 })).toThrow(RangeError)
    expect(() => generateDemoHospital({ seed: 1, recordCount: 3, chineseShare: 1.5 })).toThrow(RangeError)
    expect(generateDemoHospital({ seed: 1, recordCount: 0 })).toEqual([])
  })

  it('generates 3,000 records well within 2 seconds, with every demo code among them but the neighbours', () => {
    const startedMs = performance.now()
    const records = generateDemoHospital({ seed: 99, recordCount: 3_000 })
    const elapsedMs = performance.now() - startedMs
    console.log(`generated 3,000 demo records in ${elapsedMs.toFixed(0)} ms`)
    expect(records).toHaveLength(3_000)
    expect(elapsedMs).toBeLessThan(2_000)
    const used = new Set(records.flatMap((record) => record.goldCodes.map((gold) => gold.code)))
    expect(assignableDemoCodes().filter((code) => !used.has(code))).toEqual(NEIGHBOUR_ONLY_DEMO_CODES)
  })

  it('records each patient\'s sex and age, a pregnancy always a woman of childbearing age', () => {
    const records = generateDemoHospital({ seed: 5, recordCount: 400 })
    for (const record of records) {
      expect(['female', 'male']).toContain(record.sex)
      expect(record.age).toBeGreaterThanOrEqual(18)
      if (record.goldCodes.some((gold) => gold.code.startsWith('O') || gold.code.startsWith('Z37'))) {
        expect(record.sex).toBe('female')
        expect(record.age).toBeLessThanOrEqual(55)
      }
    }
  })

  it('codes what the text documents: every caesarean with its live birth, every fractured hip with its fall', () => {
    const records = generateDemoHospital({ seed: 6, recordCount: 3_000 })
    const codesOf = (record: RecordInput) => record.goldCodes.map((gold) => gold.code)
    const caesareans = records.filter((record) => codesOf(record)[0]?.startsWith('O82'))
    const fractures = records.filter((record) => codesOf(record)[0]?.startsWith('S72'))
    expect(caesareans.length).toBeGreaterThan(20)
    expect(fractures.length).toBeGreaterThan(20)
    // At most 6 codes a record: a long list may lose the outcome; nearly all keep it.
    expect(caesareans.filter((record) => codesOf(record).includes('Z37.0')).length / caesareans.length).toBeGreaterThan(0.95)
    expect(fractures.filter((record) => codesOf(record).some((code) => /^W(01|10|19)$/.test(code))).length / fractures.length).toBeGreaterThan(0.95)
    // Hypertension beside chronic kidney disease is the combination code, never I10.
    for (const record of records) {
      const codes = codesOf(record)
      if (codes.some((code) => code.startsWith('N18'))) expect(codes).not.toContain('I10')
    }
  })
})
