import type { RecordStatus, RecordSummary, RecordView } from '../../contract/domain.js'
import { AppFailure } from '../../contract/result.js'
import { listDecisions } from '../decisions/decision-queries.js'
import type { SqliteDatabase } from '../store/database.js'

interface SummaryRow {
  id: string
  language: string
  department: string | null
  discharged_at: string | null
  latest_decision: number | null
  headline: string | null
}

const STATUS_FILTER: Record<RecordStatus | 'all', string> = {
  all: '1',
  todo: 'NOT EXISTS (SELECT 1 FROM decisions d WHERE d.record_id = r.id)',
  submitted: 'EXISTS (SELECT 1 FROM decisions d WHERE d.record_id = r.id)',
}

export function listRecords(
  database: SqliteDatabase,
  options: { status?: RecordStatus | undefined; offset: number; limit: number },
): { total: number; items: RecordSummary[] } {
  const where = STATUS_FILTER[options.status ?? 'all']
  const total = database.prepare<{ n: number }>(`SELECT count(*) AS n FROM records r WHERE ${where}`).get()?.n ?? 0
  const rows = database
    .prepare<SummaryRow>(
      `SELECT r.external_id AS id, r.language, r.department, r.discharged_at,
              (SELECT max(d.id) FROM decisions d WHERE d.record_id = r.id) AS latest_decision,
              (SELECT n.text FROM diagnosis_names n WHERE n.record_id = r.id AND n.injected_error IS NOT 'missing' ORDER BY n.position LIMIT 1) AS headline
       FROM records r WHERE ${where}
       ORDER BY r.id LIMIT ? OFFSET ?`,
    )
    .all(options.limit, options.offset)
  const countCodes = database.prepare<{ n: number }>('SELECT count(*) AS n FROM decision_codes WHERE decision_id = ?')
  return {
    total,
    items: rows.map((row) => ({
      id: row.id,
      language: row.language,
      department: row.department,
      dischargedAt: row.discharged_at,
      status: row.latest_decision === null ? 'todo' : 'submitted',
      headline: row.headline ?? '',
      codeCount: row.latest_decision === null ? 0 : (countCodes.get(row.latest_decision)?.n ?? 0),
    })),
  }
}

interface RecordRow {
  id: number
  external_id: string
  language: string
  patient_id: string | null
  encounter_id: string | null
  department: string | null
  admitted_at: string | null
  discharged_at: string | null
}

export function recordRowId(database: SqliteDatabase, externalId: string): number {
  const row = database.prepare<{ id: number }>('SELECT id FROM records WHERE external_id = ?').get(externalId)
  if (!row) throw new AppFailure('not-found', `No record "${externalId}" in this workspace.`)
  return row.id
}

export function openRecord(database: SqliteDatabase, externalId: string, language?: string): RecordView {
  const row = database.prepare<RecordRow>('SELECT * FROM records WHERE external_id = ?').get(externalId)
  if (!row) throw new AppFailure('not-found', `No record "${externalId}" in this workspace.`)
  const sections = database
    .prepare<{ kind: string; title: string; text: string }>(
      'SELECT kind, title, text FROM record_sections WHERE record_id = ? ORDER BY position',
    )
    .all(row.id)
  const names = database
    .prepare<{ position: number; text: string; is_primary: number }>(
      // Names the simulator deleted stay in the database as the answer key, never on screen.
      "SELECT position, text, is_primary FROM diagnosis_names WHERE record_id = ? AND injected_error IS NOT 'missing' ORDER BY position",
    )
    .all(row.id)
  const decisions = listDecisions(database, row.id, language)
  return {
    id: row.external_id,
    language: row.language,
    patientId: row.patient_id,
    encounterId: row.encounter_id,
    department: row.department,
    admittedAt: row.admitted_at,
    dischargedAt: row.discharged_at,
    status: decisions.length > 0 ? 'submitted' : 'todo',
    sections,
    diagnosisNames: names.map((name) => ({ position: name.position, text: name.text, isPrimary: name.is_primary === 1 })),
    decisions,
  }
}
