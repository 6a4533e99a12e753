import { afterEach, describe, expect, it } from 'vitest'
import { verifyAudit } from '../audit/verify-audit.js'
import { submitDecision } from '../decisions/submit-decision.js'
import { storeImportBatch } from '../records/store-records.js'
import { createTempWorkspace, sampleRecord, type TempWorkspace } from '../testing/temp-workspace.js'
import { assignSplits } from './assign-splits.js'

let temp: TempWorkspace | null = null
afterEach(() => {
  temp?.cleanup()
  temp = null
})

function hospital(): TempWorkspace {
  const records = []
  for (let index = 0; index < 60; index += 1) {
    const code = index < 3 ? 'J18.9' : index % 2 === 0 ? 'I10' : 'I11.0'
    records.push(sampleRecord(`R${index}`, { split: 'none', goldCodes: [{ code, isPrimary: true }] }))
  }
  records.push(sampleRecord('FIXED-DEV', { split: 'dev' }))
  records.push(sampleRecord('UNLABELLED', { split: 'none', goldCodes: [], diagnosisNames: [] }))
  return createTempWorkspace(records)
}

function splitOf(temp: TempWorkspace, externalId: string): string {
  return temp.workspace.database.prepare<{ split: string }>('SELECT split FROM records WHERE external_id = ?').get(externalId)?.split ?? ''
}

describe('assignSplits', () => {
  it('places every record without a split, keeps the imported ones, and sends a code with three records to dev', () => {
    temp = hospital()
    const summary = assignSplits(temp.workspace.database, { dev: 0.15, test: 0.15, seed: 5, actor: 'coder', codeSetId: temp.codeSetId })
    expect(summary.assigned.train + summary.assigned.dev + summary.assigned.test).toBe(61)
    expect(summary.stratifiedBy).toEqual({ reference: 60, decision: 0, noisy: 0, none: 1 })
    expect(splitOf(temp, 'FIXED-DEV')).toBe('dev')
    const rare = ['R0', 'R1', 'R2'].map((id) => splitOf(temp as TempWorkspace, id)).sort()
    expect(rare).toEqual(['dev', 'train', 'train'])
    expect(summary.codes).toEqual({ total: 3, inDev: 3, inTest: 2 })
    expect(summary.recordsBySplit.none ?? 0).toBe(0)
  })

  it('keeps each run and what it moved, audited in the same transaction', () => {
    temp = hospital()
    const { database } = temp.workspace
    const summary = assignSplits(database, { dev: 0.2, test: 0.1, seed: 1, actor: 'coder', codeSetId: temp.codeSetId })
    const changes = database.prepare<{ n: number }>('SELECT count(*) AS n FROM record_split_changes WHERE assignment_id = ? AND from_split = ?').get(summary.assignmentId, 'none')
    expect(changes?.n).toBe(61)
    const audit = database.prepare<{ action: string; entity_id: string }>("SELECT action, entity_id FROM audit_log WHERE action = 'splits.assign'").all()
    expect(audit).toEqual([{ action: 'splits.assign', entity_id: String(summary.assignmentId) }])
    expect(verifyAudit(database)).toMatchObject({ intact: true, firstBrokenId: null })
    expect(() => database.prepare('UPDATE split_assignments SET seed = 2').run()).toThrow(/history/)
  })

  it('refuses a second run with nothing left to place, and --redo spares records a coder has coded', () => {
    temp = hospital()
    const { database } = temp.workspace
    assignSplits(database, { dev: 0.15, test: 0.15, seed: 5, actor: 'coder', codeSetId: temp.codeSetId })
    expect(() => assignSplits(database, { dev: 0.15, test: 0.15, seed: 6, actor: 'coder', codeSetId: temp!.codeSetId })).toThrow(/--redo/)
    const coded = database.prepare<{ external_id: string; split: string }>("SELECT external_id, split FROM records WHERE split = 'train' LIMIT 1").get()!
    submitDecision(database, { recordId: coded.external_id, codes: [{ code: 'I10', isPrimary: true }], comment: '', baseVersion: 0, coder: 'coder', codeSetId: temp.codeSetId, activeMs: 1000, mode: 'assisted' })
    const redo = assignSplits(database, { dev: 0.3, test: 0.1, seed: 6, actor: 'coder', codeSetId: temp.codeSetId, redo: true })
    expect(redo.assigned.train + redo.assigned.dev + redo.assigned.test).toBe(60)
    expect(splitOf(temp, coded.external_id)).toBe('train')
    expect(splitOf(temp, 'FIXED-DEV')).toBe('dev')
  })

  it('keeps an assigned split when the same records are imported again without one', () => {
    temp = hospital()
    const { database } = temp.workspace
    assignSplits(database, { dev: 0.15, test: 0.15, seed: 5, actor: 'coder', codeSetId: temp.codeSetId })
    const before = splitOf(temp, 'R0')
    const changed = sampleRecord('R0', {
      split: 'none',
      goldCodes: [{ code: 'J18.9', isPrimary: true }],
      sections: [{ kind: 'chief_complaint', title: 'Chief complaint', text: 'Cough and fever, corrected text.' }],
    })
    storeImportBatch(database, { format: 'test', source: 'again', sha256: 'y', actor: 'coder', records: [changed], rejects: [] })
    expect(splitOf(temp, 'R0')).toBe(before)
  })

  it('refuses shares that leave no training records', () => {
    temp = hospital()
    expect(() => assignSplits(temp!.workspace.database, { dev: 0.6, test: 0.4, seed: 1, actor: 'coder', codeSetId: null })).toThrow(/less than 1/)
  })
})
