/** Small, readable domain objects for renderer tests. */
import type { CodeHit, Decision, RecordSummary, RecordView, WorkspaceInfo } from '../../../../contract/domain.js'
import type { Result } from '../../../../contract/result.js'

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function failure<T = never>(code: 'conflict' | 'invalid-input' | 'not-found' | 'internal', message: string): Result<T> {
  return { ok: false, error: { code, message } }
}

export function recordView(overrides: Partial<RecordView> = {}): RecordView {
  return {
    id: 'R-001',
    language: 'en',
    patientId: 'P-17',
    encounterId: 'E-2024-0042',
    department: 'Cardiology',
    admittedAt: '2024-03-01',
    dischargedAt: '2024-03-08',
    status: 'todo',
    sections: [
      { kind: 'chief_complaint', title: '', text: 'Headache and dizziness for three days.' },
      { kind: 'present_illness', title: 'History of presenting complaint', text: 'Blood pressure 182/104 on admission.' },
    ],
    diagnosisNames: [
      { position: 0, text: 'Essential hypertension', isPrimary: true },
      { position: 1, text: 'Type 2 diabetes', isPrimary: false },
    ],
    decisions: [],
    ...overrides,
  }
}

export function decision(overrides: Partial<Decision> = {}): Decision {
  return {
    recordId: 'R-001',
    version: 1,
    coder: 'coder1',
    coderName: 'Coder One',
    submittedAt: '2024-03-09T10:15:00.000Z',
    comment: '',
    activeMs: 0,
    mode: 'assisted',
    codes: [{ code: 'I10', title: 'Essential (primary) hypertension', isPrimary: true }],
    ...overrides,
  }
}

export function codeHit(code: string, title: string, overrides: Partial<CodeHit> = {}): CodeHit {
  return {
    code,
    title,
    level: 'code',
    assignable: true,
    matchedTerm: null,
    path: [
      { code: 'I00-I99', title: 'Diseases of the circulatory system' },
      { code: 'I10-I15', title: 'Hypertensive diseases' },
    ],
    ...overrides,
  }
}

export function recordSummary(overrides: Partial<RecordSummary> = {}): RecordSummary {
  return {
    id: 'R-001',
    language: 'en',
    department: 'Cardiology',
    dischargedAt: '2024-03-08',
    status: 'todo',
    headline: 'Essential hypertension',
    codeCount: 0,
    ...overrides,
  }
}

export function workspaceInfo(overrides: Partial<WorkspaceInfo> = {}): WorkspaceInfo {
  return {
    name: 'Demo General Hospital',
    user: { id: 'coder1', displayName: 'Li Wei', role: 'coder', mode: 'assisted' },
    recordCount: 120,
    submittedCount: 7,
    codeSets: [],
    ...overrides,
  }
}
