/** Small, readable domain objects for renderer tests. */
import type { SessionInfo } from '../../../../contract/auth.js'
import type { Output } from '../../../../contract/api.js'
import type {
  CodeHit,
  Decision,
  RecordSummary,
  RecordView,
  SuggestedCode,
  Suggestions,
  WorkspaceInfo,
} from '../../../../contract/domain.js'
import type { ErrorCode, Result } from '../../../../contract/result.js'

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function failure<T = never>(code: ErrorCode, message: string): Result<T> {
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
    sex: 'male',
    age: 67,
    ageDays: null,
    status: 'todo',
    sourceVersion: 1,
    sections: [
      { kind: 'chief_complaint', title: '', text: 'Headache and dizziness for three days.' },
      { kind: 'present_illness', title: 'History of presenting complaint', text: 'Blood pressure 182/104 on admission.' },
    ],
    diagnosisNames: [
      { position: 0, text: 'Essential hypertension', isPrimary: true },
      { position: 1, text: 'Type 2 diabetes', isPrimary: false },
    ],
    decisions: [],
    draft: null,
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
    ruleOverrides: [],
    suggestedPrimary: null,
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

/** A `listRecords` answer: the given rows, all of them on this page unless `total` says more. */
export function recordPage(items: RecordSummary[] = [], overrides: Partial<Output<'listRecords'>> = {}): Output<'listRecords'> {
  return { total: items.length, items, facets: { departments: [], languages: [], mainLanguage: null, coders: [] }, ...overrides }
}

export function workspaceInfo(overrides: Partial<WorkspaceInfo> = {}): WorkspaceInfo {
  return {
    name: 'Demo General Hospital',
    user: { id: 'coder1', displayName: 'Li Wei', role: 'coder', mode: 'assisted' },
    recordCount: 120,
    submittedCount: 7,
    codeSets: [],
    model: { version: 'demo-2026-11-27-3f2a9c1b', codeCount: 412, threshold: 0.35, knnSize: 96 },
    ...overrides,
  }
}

export const MODEL_THRESHOLD = 0.35

function suggestedCode(code: string, title: string, probability: number, overrides: Partial<SuggestedCode> = {}): SuggestedCode {
  return {
    code,
    title,
    probability,
    source: 'text',
    scores: { text: probability, names: null, similar: null },
    evidence: [],
    names: [],
    held: null,
    ...overrides,
  }
}

/**
 * What the engine answers for `recordView()`: three codes above the model's
 * threshold (one per source), three below, and two similar coded cases. Evidence
 * offsets point into that record's sections:
 *   0 "Headache and dizziness for three days."
 *   1 "Blood pressure 182/104 on admission."
 */
export function suggestions(overrides: Partial<Suggestions> = {}): Suggestions {
  return {
    recordId: 'R-001',
    modelVersion: 'demo-2026-11-27-3f2a9c1b',
    threshold: MODEL_THRESHOLD,
    headings: [],
    primary: { code: 'I10', title: 'Essential (primary) hypertension', confidence: 0.8, reasons: ['first-name', 'strongest'] },
    codes: [
      suggestedCode('I10', 'Essential (primary) hypertension', 0.91, {
        scores: { text: 0.88, names: 0.95, similar: 0.67 },
        evidence: [
          // "Blood pressure" (strongest), "182/104", and "dizziness", overlapping "Blood" once more.
          { section: 1, start: 0, end: 14, weight: 1 },
          { section: 1, start: 15, end: 22, weight: 0.6 },
          { section: 0, start: 13, end: 22, weight: 0.35 },
          { section: 1, start: 0, end: 5, weight: 0.5 },
        ],
        names: [{ name: 'Essential hypertension', matchedTerm: 'essential hypertension', confidence: 0.95 }],
      }),
      suggestedCode('E11.9', 'Type 2 diabetes mellitus without complications', 0.72, {
        source: 'names',
        scores: { text: 0.21, names: 0.9, similar: 0.33 },
        names: [{ name: 'Type 2 diabetes', matchedTerm: 'type 2 diabetes mellitus', confidence: 0.9 }],
      }),
      suggestedCode('E78.5', 'Hyperlipidaemia, unspecified', 0.41, {
        source: 'similar',
        scores: { text: 0.12, names: null, similar: 1 },
      }),
      suggestedCode('R51', 'Headache', 0.3, { evidence: [{ section: 0, start: 0, end: 8, weight: 1 }] }),
      suggestedCode('R42', 'Dizziness and giddiness', 0.18, { evidence: [{ section: 0, start: 13, end: 22, weight: 1 }] }),
      suggestedCode('I20.9', 'Angina pectoris, unspecified', 0.04, { source: 'similar', scores: { text: 0.01, names: null, similar: 0.33 } }),
    ],
    similarCases: [
      {
        recordId: 'R-118',
        similarity: 0.93,
        scaledSimilarity: 0.62,
        weight: 0.71,
        headline: 'Hypertension grade 3',
        codes: [
          { code: 'I10', title: 'Essential (primary) hypertension' },
          { code: 'E78.5', title: 'Hyperlipidaemia, unspecified' },
        ],
      },
      {
        recordId: 'R-087',
        similarity: 0.88,
        scaledSimilarity: 0.31,
        weight: 0.29,
        headline: 'Essential hypertension with type 2 diabetes',
        codes: [
          { code: 'I10', title: 'Essential (primary) hypertension' },
          { code: 'E11.9', title: 'Type 2 diabetes mellitus without complications' },
          { code: 'E78.5', title: 'Hyperlipidaemia, unspecified' },
        ],
      },
    ],
    // E78.5 (record support 0.41) and R51 (0.3, under the threshold) have no diagnosis
    // name; "Angina" maps to I20.9, which the text gives 0.01.
    flags: [
      { kind: 'missing', code: 'E78.5', title: 'Hyperlipidaemia, unspecified', support: 0.41 },
      { kind: 'missing', code: 'R51', title: 'Headache', support: 0.3 },
      {
        kind: 'wrong',
        name: 'Angina',
        code: 'I20.9',
        title: 'Angina pectoris, unspecified',
        support: 0.01,
        alternative: null,
      },
    ],
    elapsedMs: 84,
    ...overrides,
  }
}

/** A session as the engine sends it at sign-in; the permissions are the role's, as engine/auth/roles.ts grants them. */
export function sessionInfo(role: SessionInfo['user']['role'] = 'coder', overrides: Partial<SessionInfo> = {}): SessionInfo {
  const permissions: Record<SessionInfo['user']['role'], SessionInfo['permissions']> = {
    coder: ['read-records', 'code'],
    supervisor: ['read-records', 'review', 'assign', 'set-study', 'switch-model', 'plan-annotation', 'reports', 'read-audit', 'view-users'],
    admin: ['manage-users', 'view-users', 'manage-code-sets', 'import-records', 'train-models', 'plan-annotation', 'switch-model', 'read-audit', 'administer'],
    auditor: ['read-audit', 'view-users'],
  }
  return {
    user: { id: role, displayName: `Test ${role}`, role, mode: 'assisted' },
    permissions: permissions[role],
    idleLockMinutes: 15,
    locked: false,
    mustChangePassword: false,
    ...overrides,
  }
}
