import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { submitDecision } from '../decisions/submit-decision.js'
import { createTempWorkspace, sampleRecord } from '../testing/temp-workspace.js'
import type { TempWorkspace } from '../testing/temp-workspace.js'
import { openRecord } from '../decisions/record-view.js'
import { storeImportBatch } from './store-records.js'
import type { RecordInput } from './record-input.js'

describe('storing an import batch', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace([])
  })
  afterEach(() => temp.cleanup())

  const store = (records: RecordInput[], rejects = [] as Array<{ file: string; line: number; reason: string }>) =>
    storeImportBatch(temp.workspace.database, { format: 'csv', source: 'a.csv', sha256: 'abc', actor: 'coder', records, rejects })
  const count = (table: string) =>
    temp.workspace.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n

  it('inserts records with their sections, names, codes and rejects, and counts them', () => {
    const summary = store([sampleRecord('A'), sampleRecord('B')], [{ file: 'a.csv', line: 4, reason: 'no id' }])
    expect(summary).toMatchObject({ inserted: 2, updated: 0, unchanged: 0, rejected: 1 })
    expect(count('record_sections')).toBe(4)
    expect(count('import_rejects')).toBe(1)
    const run = temp.workspace.database.prepare<{ status: string; inserted: number }>('SELECT status, inserted FROM import_runs WHERE id = ?').get(summary.importRunId)
    expect(run).toEqual({ status: 'done', inserted: 2 })
  })

  it('changes nothing when the same records are imported twice', () => {
    store([sampleRecord('A'), sampleRecord('B')])
    const again = store([sampleRecord('A'), sampleRecord('B')])
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 })
    expect(count('records')).toBe(2)
    expect(count('record_sections')).toBe(4)
  })

  it('keeps a coder decision when a changed record is imported again', () => {
    store([sampleRecord('A')])
    submitDecision(temp.workspace.database, {
      recordId: 'A',
      codes: [{ code: 'I10', isPrimary: true }],
      comment: '',
      baseVersion: 0,
      coder: 'coder',
      codeSetId: temp.codeSetId,
      activeMs: 0,
      mode: 'assisted',
    })
    const changed = sampleRecord('A', { diagnosisNames: [{ text: 'hypertension, corrected', isPrimary: true }] })
    expect(store([changed])).toMatchObject({ updated: 1 })
    const view = openRecord(temp.workspace.database, 'A')
    expect(view.diagnosisNames.map((name) => name.text)).toEqual(['hypertension, corrected'])
    expect(view.decisions).toHaveLength(1)
  })

  it('stores nothing from a batch that fails part-way', () => {
    store([sampleRecord('A')])
    const runsBefore = count('import_runs')
    const broken = sampleRecord('C', { split: 'nonsense' as RecordInput['split'] })
    expect(() => store([sampleRecord('B'), broken])).toThrow(/CHECK constraint/)
    expect(count('records')).toBe(1)
    expect(count('import_runs')).toBe(runsBefore)
  })
})
