import { describe, expect, it } from 'vitest'
import type { RecordInput } from '../records/record-input.js'
import { demoParent, demoSiblings, informalNames } from './demo-catalogue.js'
import { resolveDiagnosisName } from './diagnosis-names.js'
import { generateDemoHospital } from './generate-hospital.js'
import { injectNameNoise } from './inject-noise.js'

const records = generateDemoHospital({ seed: 42, recordCount: 600 })
const totalNames = records.reduce((sum, record) => sum + record.diagnosisNames.length, 0)

function languageOf(record: RecordInput): 'en' | 'zh' {
  return record.language === 'zh' ? 'zh' : 'en'
}

/** The single demo code a name resolves to, or null for a joined name. */
function singleCode(text: string, record: RecordInput): string | null {
  const parts = resolveDiagnosisName(text, languageOf(record))?.parts ?? []
  return parts.length === 1 ? (parts[0]?.code ?? null) : null
}

describe('injectNameNoise', () => {
  it('corrupts about the requested share of names, split about equally between the three errors', () => {
    expect(totalNames).toBeGreaterThan(1_000)
    const { injected } = injectNameNoise(records, { ratio: 0.3, seed: 7 })
    const corrupted = injected.vague + injected.wrong + injected.missing
    expect(Math.abs(corrupted / totalNames - 0.3)).toBeLessThan(0.05)
    for (const count of Object.values(injected)) expect(count / corrupted).toBeGreaterThan(0.25)
  })

  it('flags every corrupted name with its error and the text it replaced', () => {
    const result = injectNameNoise(records, { ratio: 0.3, seed: 7 })
    const flagged = result.records.flatMap((record) => record.diagnosisNames.filter((name) => name.injectedError !== undefined))
    expect(flagged).toHaveLength(result.injected.vague + result.injected.wrong)
    for (const name of flagged) {
      expect(name.originalText).toBeDefined()
      expect(name.text).not.toBe(name.originalText)
    }
  })

  it('replaces a vague name with an informal name of its parent category', () => {
    const result = injectNameNoise(records, { ratio: 0.5, seed: 11, errorShares: { vague: 1, wrong: 0, missing: 0 } })
    let checked = 0
    result.records.forEach((record) => {
      for (const name of record.diagnosisNames.filter((candidate) => candidate.injectedError === 'vague')) {
        const original = singleCode(name.originalText ?? '', record)
        if (original === null) continue
        const parent = demoParent(original)
        expect(parent).not.toBeNull()
        // A category without subdivisions (I10) takes its block's name instead.
        const namedAncestor = informalNames(parent ?? '', languageOf(record)).length > 0 ? parent : demoParent(parent ?? '')
        expect(informalNames(namedAncestor ?? '', languageOf(record)), `${name.originalText} → ${name.text}`).toContain(name.text)
        checked += 1
      }
    })
    expect(checked).toBeGreaterThan(400)
    expect(result.injected).toMatchObject({ wrong: 0, missing: 0 })
  })

  it('replaces a wrong name with an informal name of a sibling code the record is not coded with', () => {
    const result = injectNameNoise(records, { ratio: 0.5, seed: 13, errorShares: { vague: 0, wrong: 1, missing: 0 } })
    let checked = 0
    let sameCategory = 0
    result.records.forEach((record) => {
      const gold = new Set(record.goldCodes.map((code) => code.code))
      for (const name of record.diagnosisNames.filter((candidate) => candidate.injectedError === 'wrong')) {
        const original = singleCode(name.originalText ?? '', record)
        const replacement = singleCode(name.text, record)
        if (original === null || replacement === null) continue
        expect(demoSiblings(original)).toContain(replacement)
        expect(gold.has(replacement)).toBe(false)
        if (demoParent(replacement) === demoParent(original)) sameCategory += 1
        checked += 1
      }
    })
    expect(checked).toBeGreaterThan(400)
    // Most demo categories hold several codes, so most wrong names stay within the category.
    expect(sameCategory / checked).toBeGreaterThan(0.6)
  })

  it('drops missing names from the record and returns them by record, flagged, in order', () => {
    const result = injectNameNoise(records, { ratio: 0.3, seed: 17, errorShares: { vague: 0, wrong: 0, missing: 1 } })
    const dropped = [...result.missingByRecord.values()].flat()
    expect(dropped).toHaveLength(result.injected.missing)
    const keptNames = result.records.reduce((sum, record) => sum + record.diagnosisNames.length, 0)
    expect(keptNames + dropped.length).toBe(totalNames)
    records.forEach((record, index) => {
      const missing = result.missingByRecord.get(record.externalId) ?? []
      const kept = result.records[index]?.diagnosisNames ?? []
      for (const name of missing) expect(name).toMatchObject({ injectedError: 'missing', originalText: name.text })
      const originalTexts = record.diagnosisNames.map((name) => name.text)
      expect([...kept, ...missing].map((name) => name.text).sort()).toEqual([...originalTexts].sort())
      expect(missing.map((name) => name.text)).toEqual(originalTexts.filter((text) => missing.some((name) => name.text === text)))
    })
    for (const names of result.missingByRecord.values()) expect(names.length).toBeGreaterThan(0)
  })

  it('corrupts one part of a joined name and keeps the other', () => {
    const joinedRecord: RecordInput = {
      ...(records[0] as RecordInput),
      externalId: 'JOINED',
      language: 'en',
      diagnosisNames: [{ text: 'HTN; T2DM', isPrimary: true }],
      goldCodes: [
        { code: 'I10', isPrimary: true },
        { code: 'E11.9', isPrimary: false },
      ],
    }
    const result = injectNameNoise([joinedRecord], { ratio: 1, seed: 3, errorShares: { vague: 1, wrong: 0, missing: 0 } })
    const name = result.records[0]?.diagnosisNames[0]
    expect(name?.originalText).toBe('HTN; T2DM')
    const parts = name?.text.split('; ') ?? []
    expect(parts).toHaveLength(2)
    const vagueHypertension = parts[0] !== 'HTN' && parts[1] === 'T2DM' && informalNames('I10-I15', 'en').includes(parts[0] ?? '')
    const vagueDiabetes = parts[0] === 'HTN' && informalNames('E11', 'en').includes(parts[1] ?? '')
    expect(vagueHypertension || vagueDiabetes).toBe(true)
  })

  it('drops a name it cannot resolve instead of inventing a vague or wrong one', () => {
    const unknown: RecordInput = { ...(records[0] as RecordInput), diagnosisNames: [{ text: 'something rare', isPrimary: true }] }
    const result = injectNameNoise([unknown], { ratio: 1, seed: 1, errorShares: { vague: 1, wrong: 1, missing: 0 } })
    expect(result.records[0]?.diagnosisNames).toEqual([])
    expect(result.injected).toEqual({ vague: 0, wrong: 0, missing: 1 })
  })

  it('leaves its input untouched and gives the same result for the same seed', () => {
    const snapshot = structuredClone(records)
    const first = injectNameNoise(records, { ratio: 0.3, seed: 5 })
    const second = injectNameNoise(records, { ratio: 0.3, seed: 5 })
    expect(records).toEqual(snapshot)
    expect(second).toEqual(first)
    expect(injectNameNoise(records, { ratio: 0.3, seed: 6 }).records).not.toEqual(first.records)
  })

  it('changes nothing at ratio 0 and every name at ratio 1', () => {
    const clean = injectNameNoise(records, { ratio: 0, seed: 1 })
    expect(clean.records).toEqual(records)
    expect(clean.injected).toEqual({ vague: 0, wrong: 0, missing: 0 })
    expect(clean.missingByRecord.size).toBe(0)
    const all = injectNameNoise(records, { ratio: 1, seed: 1 })
    expect(all.injected.vague + all.injected.wrong + all.injected.missing).toBe(totalNames)
  })

  it('rejects a ratio outside 0–1 and shares that are negative or all zero', () => {
    expect(() => injectNameNoise(records, { ratio: 1.2, seed: 1 })).toThrow(RangeError)
    expect(() => injectNameNoise(records, { ratio: 0.1, seed: 1, errorShares: { vague: 0, wrong: 0, missing: 0 } })).toThrow(RangeError)
    expect(() => injectNameNoise(records, { ratio: 0.1, seed: 1, errorShares: { vague: -1, wrong: 1, missing: 1 } })).toThrow(RangeError)
  })
})
