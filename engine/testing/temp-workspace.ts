/** Test support: a throw-away workspace with a tiny bilingual code set and a few records. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RecordInput } from '../records/record-input.js'
import { storeImportBatch } from '../records/store-records.js'
import type { CodeSetData } from '../taxonomy/code-set-data.js'
import { installCodeSet } from '../taxonomy/install-code-set.js'
import { createWorkspace, ensureUser, setSetting } from '../workspace/workspace.js'
import type { Workspace } from '../workspace/workspace.js'

export const TINY_CODE_SET: CodeSetData = {
  name: 'tiny',
  version: '1',
  language: 'en',
  label: 'Tiny test code set',
  codes: [
    { code: 'IX', title: 'Diseases of the circulatory system', parent: null, level: 'chapter', assignable: false },
    { code: 'I10-I15', title: 'Hypertensive diseases', parent: 'IX', level: 'block', assignable: false },
    { code: 'I10', title: 'Essential (primary) hypertension', parent: 'I10-I15', level: 'category', assignable: true },
    { code: 'I11', title: 'Hypertensive heart disease', parent: 'I10-I15', level: 'category', assignable: false },
    { code: 'I11.0', title: 'Hypertensive heart disease with heart failure', parent: 'I11', level: 'code', assignable: true },
    { code: 'I11.9', title: 'Hypertensive heart disease without heart failure', parent: 'I11', level: 'code', assignable: true },
    { code: 'X', title: 'Diseases of the respiratory system', parent: null, level: 'chapter', assignable: false },
    { code: 'J12-J18', title: 'Pneumonia', parent: 'X', level: 'block', assignable: false },
    { code: 'J18', title: 'Pneumonia, organism unspecified', parent: 'J12-J18', level: 'category', assignable: false },
    { code: 'J18.9', title: 'Pneumonia, unspecified', parent: 'J18', level: 'code', assignable: true },
  ],
  terms: [
    { code: 'I10', term: '原发性高血压', language: 'zh', kind: 'title' },
    { code: 'I10', term: 'HTN', language: 'en', kind: 'synonym' },
    { code: 'I10', term: 'high blood pressure', language: 'en', kind: 'index' },
    { code: 'I11.0', term: '高血压性心脏病伴心力衰竭', language: 'zh', kind: 'title' },
    { code: 'J18.9', term: '肺炎', language: 'zh', kind: 'title' },
  ],
}

export function sampleRecord(externalId: string, overrides: Partial<RecordInput> = {}): RecordInput {
  return {
    externalId,
    language: 'en',
    split: 'train',
    sections: [
      { kind: 'chief_complaint', title: 'Chief complaint', text: 'Headache for three days.' },
      { kind: 'present_illness', title: 'Present illness', text: 'Blood pressure 172/96 mmHg on admission.' },
    ],
    diagnosisNames: [{ text: 'HTN', isPrimary: true }],
    goldCodes: [{ code: 'I10', isPrimary: true }],
    mentions: [],
    ...overrides,
  }
}

export interface TempWorkspace {
  workspace: Workspace
  dir: string
  codeSetId: number
  cleanup(): void
}

export function createTempWorkspace(records: RecordInput[] = [sampleRecord('R1'), sampleRecord('R2')]): TempWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'clinicoco-test-'))
  const workspace = createWorkspace(dir)
  ensureUser(workspace.database, { id: 'coder', displayName: 'Test Coder', role: 'coder' })
  setSetting(workspace.database, 'default_user', 'coder')
  const { codeSetId } = installCodeSet(workspace.database, TINY_CODE_SET, { actor: 'coder', format: 'test', source: 'fixture', rejects: [] })
  storeImportBatch(workspace.database, { format: 'test', source: 'fixture', sha256: 'x', actor: 'coder', records, rejects: [] })
  return {
    workspace,
    dir,
    codeSetId,
    cleanup() {
      workspace.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
