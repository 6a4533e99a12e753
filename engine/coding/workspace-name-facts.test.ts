import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { RecordInput } from '../records/record-input.js'
import { storeImportBatch } from '../records/store-records.js'
import { openDatabase } from '../store/database.js'
import { PREVALENCE_SMOOTHING, codePrevalence } from './code-prevalence.js'
import { namedRecordsShare } from './names-expected.js'

function record(externalId: string, split: RecordInput['split'], codes: string[], names: RecordInput['diagnosisNames']): RecordInput {
  return {
    externalId,
    language: 'en',
    split,
    sections: [{ kind: 'present_illness', title: 'HPI', text: 'chest pain' }],
    diagnosisNames: names,
    goldCodes: codes.map((code, index) => ({ code, isPrimary: index === 0 })),
    mentions: [],
  }
}

describe('workspace facts the name flags read', () => {
  const folder = mkdtempSync(join(tmpdir(), 'clinicoco-name-facts-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))
  const database = openDatabase(join(folder, 'w.db'))
  storeImportBatch(database, {
    format: 'test',
    source: 'test',
    sha256: '0',
    actor: 'tester',
    rejects: [],
    records: [
      record('a', 'train', ['E78.5', 'I10'], [{ text: 'HLD', isPrimary: true }]),
      record('b', 'train', ['E78.5'], [{ text: 'hyperlipidaemia', isPrimary: true }]),
      record('c', 'train', ['E78.0'], [{ text: 'FH', isPrimary: true, injectedError: 'missing' }]),
      // Dev and test records are not labelled history: their codes are not counted.
      record('d', 'dev', ['E78.0'], []),
    ],
  })

  it('counts each code over the labelled (training) records, smoothed', () => {
    const prevalence = codePrevalence(database)
    expect(prevalence.records).toBe(3)
    expect(prevalence.count('E78.5')).toBe(2 + PREVALENCE_SMOOTHING)
    expect(prevalence.count('E78.0')).toBe(1 + PREVALENCE_SMOOTHING)
    expect(prevalence.count('K35.3')).toBe(PREVALENCE_SMOOTHING)
  })

  it('takes the share of records that show a name (a dropped name shows none)', () => {
    expect(namedRecordsShare(database)).toBeCloseTo(2 / 4)
  })
})
