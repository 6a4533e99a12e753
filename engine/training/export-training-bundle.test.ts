import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { submitDecision } from '../decisions/submit-decision.js'
import { createTempWorkspace, sampleRecord, type TempWorkspace } from '../testing/temp-workspace.js'
import { parseVocabulary } from '../text/vocabulary.js'
import { exportTrainingBundle } from './export-training-bundle.js'
import { selectTrainingRecords } from '../records/training-records.js'

describe('training bundle export', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace([
      sampleRecord('TRAIN-GOLD', { goldCodes: [{ code: 'I11.9', isPrimary: true }] }),
      sampleRecord('TRAIN-DECIDED', { goldCodes: [] }),
      sampleRecord('TRAIN-NAMES', { goldCodes: [], diagnosisNames: [{ text: 'high blood pressure', isPrimary: true }] }),
      sampleRecord('TRAIN-NOTHING', { goldCodes: [], diagnosisNames: [] }),
      sampleRecord('DEV-1', { split: 'dev', goldCodes: [{ code: 'J18.9', isPrimary: true }] }),
      sampleRecord('TEST-UNLABELLED', { split: 'test', goldCodes: [], sections: [{ kind: 'other', title: '', text: 'secretword secretword secretword secretword only in test' }] }),
      sampleRecord('BACKGROUND-1', { split: 'background', goldCodes: [{ code: 'I10', isPrimary: true }] }),
    ])
    submitDecision(temp.workspace.database, {
      recordId: 'TRAIN-DECIDED',
      codes: [{ code: 'J18.9', isPrimary: true }],
      comment: '',
      baseVersion: 0,
      coder: 'coder',
      codeSetId: temp.codeSetId,
      activeMs: 0,
      mode: 'assisted',
    })
  })
  afterEach(() => temp.cleanup())

  it('refuses a code set that is not installed as not-found, and a clean share outside 0–1 as invalid input', () => {
    const { database } = temp.workspace
    expect(() => exportTrainingBundle(database, { outDir: join(temp.dir, 'bundle'), codeSetId: 999 })).toThrow(
      expect.objectContaining({ code: 'not-found', message: 'Code set 999 is not installed.' }),
    )
    expect(() => exportTrainingBundle(database, { outDir: join(temp.dir, 'bundle'), codeSetId: temp.codeSetId, cleanShare: 1.5 })).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    )
  })

  it('puts each record in the split its labels allow', () => {
    exportTrainingBundle(temp.workspace.database, { outDir: join(temp.dir, 'bundle'), codeSetId: temp.codeSetId })
    const splits = Object.fromEntries(
      selectTrainingRecords(temp.workspace.database, { codeSetId: temp.codeSetId }).map((record) => [record.externalId, [record.split, record.labels]]),
    )
    expect(splits).toEqual({
      'TRAIN-GOLD': ['clean', ['I11.9']],
      'TRAIN-DECIDED': ['clean', ['J18.9']],
      // The export normalised the names first: "high blood pressure" is an I10 synonym.
      'TRAIN-NAMES': ['noisy', ['I10']],
      'TRAIN-NOTHING': ['raw', []],
      'DEV-1': ['dev', ['J18.9']],
      'BACKGROUND-1': ['raw', []],
    })
  })

  it('draws the clean share reproducibly, leaving the other labelled records to their names', () => {
    const clean = (share: number, seed: number) =>
      selectTrainingRecords(temp.workspace.database, { codeSetId: temp.codeSetId, cleanShare: share, seed })
        .filter((record) => record.split === 'clean')
        .map((record) => record.externalId)
    // A coder's decision is always clean; reference codes only when drawn.
    expect(clean(0, 13)).toEqual(['TRAIN-DECIDED'])
    expect(clean(1, 13)).toEqual(['TRAIN-GOLD', 'TRAIN-DECIDED'])
    expect(clean(0.5, 13)).toEqual(clean(0.5, 13))
  })

  it('writes bundle.json, vocab.txt and records.jsonl that agree with each other', () => {
    const summary = exportTrainingBundle(temp.workspace.database, { outDir: join(temp.dir, 'bundle'), codeSetId: temp.codeSetId, maxTokens: 64 })
    const bundle = JSON.parse(readFileSync(join(temp.dir, 'bundle', 'bundle.json'), 'utf8'))
    const vocabulary = parseVocabulary(readFileSync(join(temp.dir, 'bundle', 'vocab.txt'), 'utf8'))
    const lines = readFileSync(join(temp.dir, 'bundle', 'records.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line))
    expect(bundle).toMatchObject({ format: 'clinicoco-training-bundle', formatVersion: 1, maxTokens: 64, codeSet: { name: 'tiny', version: '1' } })
    expect(bundle.tokenizer.vocabSha256).toBe(vocabulary.sha256)
    expect(bundle.splits).toEqual({ raw: 2, noisy: 1, clean: 2, dev: 1, test: 0 })
    // Label space: codes with a clean or noisy label, most frequent first; titles tokenised with the same vocabulary.
    expect(bundle.codes.map((code: { code: string }) => code.code).sort()).toEqual(['I10', 'I11.9', 'J18.9'])
    const hypertension = bundle.codes.find((code: { code: string }) => code.code === 'I11.9')
    expect(hypertension).toMatchObject({ title: 'Hypertensive heart disease without heart failure', chapter: 'IX' })
    expect(hypertension.titleTokens.every((id: number) => id > 0 && id < vocabulary.tokens.length)).toBe(true)
    const decided = lines.find((line) => line.id === 'TRAIN-DECIDED')
    expect(decided.tokens[0]).toBe(2) // [CLS]
    expect(decided.labels.map((index: number) => bundle.codes[index].code)).toEqual(['J18.9'])
    expect(lines.every((line) => line.tokens.every((id: number) => Number.isInteger(id) && id >= 0 && id < vocabulary.tokens.length))).toBe(true)
    // Test records never shape the vocabulary.
    expect(vocabulary.ids.has('secretword')).toBe(false)
    expect(summary.records).toEqual(bundle.splits)
  })
})
