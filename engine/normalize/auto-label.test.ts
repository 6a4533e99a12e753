import { afterEach, describe, expect, it } from 'vitest'
import { createTempWorkspace, sampleRecord, type TempWorkspace } from '../testing/temp-workspace.js'
import { LABELLER, labelRecords } from './auto-label.js'
import { confirmNamePairs } from './name-pairs.js'

describe('labelRecords', () => {
  let temp: TempWorkspace | undefined
  afterEach(() => temp?.cleanup())

  it('stores codes with confidence and provenance for every record with names, and reports coverage', () => {
    temp = createTempWorkspace([
      sampleRecord('R1'),
      sampleRecord('R2', { diagnosisNames: [{ text: '肺炎', isPrimary: true }], goldCodes: [{ code: 'J18.9', isPrimary: true }] }),
      sampleRecord('R3', { diagnosisNames: [], goldCodes: [] }),
    ])
    const { database } = temp.workspace
    const report = labelRecords(database, { codeSetId: temp.codeSetId })
    expect(report.records).toEqual({ total: 3, withNames: 2, labelled: 2, coverage: 1 })
    expect(report.names.coverage).toBe(1)
    expect(report.againstGold).toMatchObject({ precision: 1, recall: 1, records: 2, full: { precision: 1, recall: 1, f1: 1 }, primary: { records: 2, recall: 1 } })
    expect(report.againstGold?.reliability.reduce((sum, bin) => sum + bin.count, 0)).toBe(report.labels.stored)
    expect(report.calibrated).toBe(false)
    const labels = database
      .prepare<{ external_id: string; code: string; confidence: number; accepted: number; labeller: string; name_part: string }>(
        `SELECT r.external_id, l.code, l.confidence, l.accepted, l.labeller, l.name_part
         FROM name_labels l JOIN records r ON r.id = l.record_id WHERE l.accepted = 1 ORDER BY r.external_id`,
      )
      .all()
    expect(labels.map((label) => [label.external_id, label.code, label.name_part])).toEqual([
      ['R1', 'I10', 'htn'],
      ['R2', 'J18.9', '肺炎'],
    ])
    expect(labels.every((label) => label.confidence >= 0.5 && label.confidence <= 1 && label.labeller.startsWith(LABELLER))).toBe(true)
  })

  it('replaces the earlier labels when run again', () => {
    temp = createTempWorkspace()
    const { database } = temp.workspace
    const first = labelRecords(database, { codeSetId: temp.codeSetId })
    const second = labelRecords(database, { codeSetId: temp.codeSetId })
    expect(second.labels).toEqual(first.labels)
    expect(database.prepare<{ n: number }>('SELECT count(*) AS n FROM name_labels').get()?.n).toBe(first.labels.stored)
  })

  it('fits its ranker on the confirmed pairs when asked and there are enough', () => {
    const names = Array.from({ length: 60 }, (_, index) =>
      index % 2 === 0 ? { text: `raised BP reading ${index}`, code: 'I10' } : { text: `chest infection day ${index}`, code: 'J18.9' },
    )
    temp = createTempWorkspace(
      names.map((name, index) =>
        sampleRecord(`R${index}`, { diagnosisNames: [{ text: name.text, isPrimary: true }], goldCodes: [{ code: name.code, isPrimary: true }] }),
      ),
    )
    const { database } = temp.workspace
    const recordIds = database.prepare<{ id: number; external_id: string }>('SELECT id, external_id FROM records').all()
    for (const record of recordIds) {
      const name = names[Number(record.external_id.slice(1))]
      if (!name) continue
      confirmNamePairs(database, { codeSetId: temp.codeSetId, actor: 'coder', recordId: record.id, pairs: [{ name: name.text, code: name.code }] })
    }
    const unfitted = labelRecords(database, { codeSetId: temp.codeSetId })
    const fitted = labelRecords(database, { codeSetId: temp.codeSetId, fit: true })
    expect(unfitted.ranker).toBe('default')
    expect(fitted.ranker).toBe('fitted on 60 names')
    expect(fitted.calibrated).toBe(true)
    expect(fitted.labeller).toContain('ranker=fitted:60')
    expect(fitted.againstGold?.recall).toBe(1)
    expect(fitted.againstGold?.precision).toBe(1)
  })

  it('refuses to fit with too few names, saying what it has and what to do (it fell back silently before)', () => {
    temp = createTempWorkspace([sampleRecord('R1', { goldCodes: [] })])
    expect(() => labelRecords(temp!.workspace.database, { codeSetId: temp!.codeSetId, fit: true })).toThrow(
      /Nothing to fit the ranker on: 0 coder-confirmed and 0 gold-code pairs; at least 50 names with codes are needed/,
    )
  })

  it("learns pairs from imported gold codes, and labels each record without its own", () => {
    temp = createTempWorkspace([
      sampleRecord('R1', { diagnosisNames: [{ text: 'BP problem', isPrimary: true }], goldCodes: [{ code: 'I10', isPrimary: true }] }),
      sampleRecord('R2', { diagnosisNames: [{ text: 'BP problem', isPrimary: true }], goldCodes: [{ code: 'I10', isPrimary: true }] }),
      sampleRecord('R3', { diagnosisNames: [{ text: 'lung trouble', isPrimary: true }], goldCodes: [{ code: 'J18.9', isPrimary: true }] }),
    ])
    const { database } = temp.workspace
    const report = labelRecords(database, { codeSetId: temp.codeSetId })
    expect(report.goldPairs?.pairs).toBe(3)
    expect(report.pairs).toEqual({ confirmed: 0, fromGold: 3 })
    const top = (externalId: string) =>
      database
        .prepare<{ code: string }>('SELECT l.code FROM name_labels l JOIN records r ON r.id = l.record_id WHERE r.external_id = ? ORDER BY l.confidence DESC LIMIT 1')
        .get(externalId)?.code
    // R1 learns "BP problem" → I10 from R2 (and R2 from R1); R3's name is in no other record, so its own pair cannot label it.
    expect(top('R1')).toBe('I10')
    expect(top('R2')).toBe('I10')
    expect(top('R3')).not.toBe('J18.9')
    expect(labelRecords(database, { codeSetId: temp.codeSetId, learnFromGold: false }).goldPairs).toBeNull()
  })
})
