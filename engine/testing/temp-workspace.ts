/** Test support: a throw-away workspace with a tiny bilingual code set, a few records and one account per role. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Role } from '../../contract/auth.js'
import { hashPasswordSync } from '../auth/password-hash.js'
import type { ScryptCost } from '../auth/password-hash.js'
import type { RecordInput } from '../records/record-input.js'
import { storeImportBatch } from '../records/store-records.js'
import type { CodeSetData } from '../taxonomy/code-set-data.js'
import { installCodeSet } from '../taxonomy/install-code-set.js'
import { createWorkspace } from '../workspace/workspace.js'
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

/**
 * Test accounts: one per role plus a second coder, all with TEST_PASSWORD. Their
 * hashes use a cheap scrypt cost (2^10, ~5 ms instead of ~150 ms): tests build
 * hundreds of workspaces. The product never hashes with it.
 */
export const TEST_PASSWORD = 'test-password-0'
export const TEST_SCRYPT_COST: ScryptCost = { log2N: 10, r: 8, p: 1 }
export const TEST_ACCOUNTS: ReadonlyArray<{ id: string; displayName: string; role: Role }> = [
  { id: 'coder', displayName: 'Test Coder', role: 'coder' },
  { id: 'coder2', displayName: 'Second Coder', role: 'coder' },
  { id: 'supervisor', displayName: 'Test Supervisor', role: 'supervisor' },
  { id: 'admin', displayName: 'Test Administrator', role: 'admin' },
  { id: 'auditor', displayName: 'Test Auditor', role: 'auditor' },
]

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
  addTestAccounts(workspace)
  const { codeSetId } = installCodeSet(workspace.database, TINY_CODE_SET, { actor: 'admin', format: 'test', source: 'fixture', rejects: [] })
  storeImportBatch(workspace.database, { format: 'test', source: 'fixture', sha256: 'x', actor: 'admin', records, rejects: [] })
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

/** The test accounts, straight into the table (an administrator would make them through `users add`). */
export function addTestAccounts(workspace: Workspace): void {
  const insert = workspace.database.prepare(
    'INSERT INTO users (id, display_name, role, created_at, password_hash) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  )
  const now = new Date().toISOString()
  for (const account of TEST_ACCOUNTS) insert.run(account.id, account.displayName, account.role, now, hashPasswordSync(TEST_PASSWORD, TEST_SCRYPT_COST))
}
