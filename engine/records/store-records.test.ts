import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { submitDecision } from '../decisions/submit-decision.js'
import { createTempWorkspace, sampleRecord } from '../testing/temp-workspace.js'
import type { TempWorkspace } from '../testing/temp-workspace.js'
import { listAudit } from '../audit/audit-log.js'
import { listRecords } from './list-records.js'
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

  const code = (recordId: string) =>
    submitDecision(temp.workspace.database, {
      recordId,
      codes: [{ code: 'I10', isPrimary: true }],
      comment: '',
      baseVersion: 0,
      coder: 'coder',
      codeSetId: temp.codeSetId,
      activeMs: 0,
      mode: 'assisted',
    })

  it('keeps a re-imported record with changed text, names and gold codes as a new version, and the old one as it was', () => {
    store([sampleRecord('A', { sex: 'female', age: 64 })])
    const changed = sampleRecord('A', {
      sex: 'female',
      age: 65,
      sections: [{ kind: 'chief_complaint', title: 'Chief complaint', text: 'Chest pain.' }],
      diagnosisNames: [{ text: 'angina', isPrimary: true }],
      goldCodes: [{ code: 'I20.9', isPrimary: true }],
    })
    expect(store([changed])).toMatchObject({ inserted: 0, updated: 1, unchanged: 0, reReview: 0 })
    const view = openRecord(temp.workspace.database, 'A')
    expect(view).toMatchObject({ sourceVersion: 2, status: 'todo', sex: 'female', age: 65 })
    expect(view.sections.map((section) => section.text)).toEqual(['Chest pain.'])
    const kept = temp.workspace.database.prepare<{ version: number; content: string }>('SELECT version, content FROM record_versions').all()
    expect(kept.map((row) => row.version)).toEqual([1])
    const old = JSON.parse(kept[0]?.content ?? '{}') as {
      record: { sex: string | null; age: number | null; age_days: number | null }
      sections: Array<{ text: string }>
      diagnosisNames: Array<{ text: string }>
      goldCodes: Array<{ code: string }>
    }
    expect(old.record).toMatchObject({ sex: 'female', age: 64, age_days: null })
    expect(old.sections.map((section) => section.text)).toEqual(['Headache for three days.', 'Blood pressure 172/96 mmHg on admission.'])
    expect(old.diagnosisNames.map((name) => name.text)).toEqual(['HTN'])
    expect(old.goldCodes.map((gold) => gold.code)).toEqual(['I10'])
    expect(listAudit(temp.workspace.database, { entity: 'record', entityId: 'A' })).toEqual([
      expect.objectContaining({ action: 'record.new-version', detail: expect.objectContaining({ version: 2, reReview: false }) }),
    ])
    // The same content again is no new version.
    expect(store([changed])).toMatchObject({ updated: 0, unchanged: 1 })
    expect(() => temp.workspace.database.exec('DELETE FROM record_versions')).toThrow(/kept as imported/)
  })

  it('never changes a coding under its coder: a coded record that changes is marked for re-review', () => {
    store([sampleRecord('A'), sampleRecord('B')])
    code('A')
    const changed = sampleRecord('A', { diagnosisNames: [{ text: 'hypertension, corrected', isPrimary: true }] })
    expect(store([changed, sampleRecord('B')])).toMatchObject({ updated: 1, unchanged: 1, reReview: 1 })
    const view = openRecord(temp.workspace.database, 'A')
    expect(view.diagnosisNames.map((name) => name.text)).toEqual(['hypertension, corrected'])
    expect(view.status).toBe('re-review')
    expect(view.decisions).toHaveLength(1)
    const coded = temp.workspace.database.prepare<{ record_version: number }>('SELECT record_version FROM decisions').get()
    expect(coded?.record_version).toBe(1)
    expect(listRecords(temp.workspace.database, { status: 're-review', offset: 0, limit: 10 }).items.map((item) => [item.id, item.status])).toEqual([['A', 're-review']])
    expect(listRecords(temp.workspace.database, { status: 'submitted', offset: 0, limit: 10 }).total).toBe(0)
    // A submission on the text the coder read before the re-import is refused; on the new text it lands.
    const stale = () =>
      submitDecision(temp.workspace.database, { recordId: 'A', codes: [{ code: 'I10', isPrimary: true }], comment: '', baseVersion: 1, coder: 'coder', codeSetId: temp.codeSetId, activeMs: 0, mode: 'assisted', sourceVersion: 1 })
    expect(stale).toThrow(/re-imported with changed content \(version 2\) after you opened version 1/)
    submitDecision(temp.workspace.database, { recordId: 'A', codes: [{ code: 'I10', isPrimary: true }], comment: '', baseVersion: 1, coder: 'coder', codeSetId: temp.codeSetId, activeMs: 0, mode: 'assisted', sourceVersion: 2 })
    expect(openRecord(temp.workspace.database, 'A').status).toBe('submitted')
  })

  it('commits in chunks: a failing chunk stores nothing of itself, earlier chunks stay, and the run says how far it got', () => {
    store([sampleRecord('A')])
    const broken = sampleRecord('D', { split: 'nonsense' as RecordInput['split'] })
    const batch = { format: 'csv', source: 'b.csv', sha256: 'def', actor: 'coder', records: [sampleRecord('B'), sampleRecord('C'), broken], rejects: [] }
    expect(() => storeImportBatch(temp.workspace.database, batch, { maxRecords: 2, pauseMs: 0 })).toThrow(/CHECK constraint/)
    const ids = temp.workspace.database.prepare<{ external_id: string }>('SELECT external_id FROM records ORDER BY id').all()
    expect(ids.map((row) => row.external_id)).toEqual(['A', 'B', 'C'])
    const run = temp.workspace.database.prepare<{ status: string; inserted: number }>("SELECT status, inserted FROM import_runs WHERE source = 'b.csv'").get()
    expect(run).toEqual({ status: 'failed', inserted: 2 })
    const reason = temp.workspace.database.prepare<{ reason: string }>("SELECT reason FROM import_rejects WHERE file = 'b.csv'").get()?.reason
    expect(reason).toMatch(/^stopped after 2 of 3 records: .*CHECK constraint/)
    // Re-running the import once the bad record is fixed finishes the job.
    const fixed = { ...batch, records: [sampleRecord('B'), sampleRecord('C'), sampleRecord('D')] }
    expect(storeImportBatch(temp.workspace.database, fixed, { maxRecords: 2, pauseMs: 0 })).toMatchObject({ inserted: 1, unchanged: 2 })
  })
})
