import type { RecordView } from '../../contract/domain.js'
import { AppFailure } from '../../contract/result.js'
import { listDecisions } from './decision-queries.js'
import { loadDraft } from './drafts.js'
import type { SqliteDatabase } from '../store/database.js'

interface RecordRow {
  id: number
  external_id: string
  language: string
  patient_id: string | null
  encounter_id: string | null
  department: string | null
  admitted_at: string | null
  discharged_at: string | null
  sex: 'female' | 'male' | null
  age: number | null
  age_days: number | null
}

/** A record as the coder reads it; with `userId`, that user's unsubmitted draft of it too. */
export function openRecord(database: SqliteDatabase, externalId: string, language?: string, userId?: string): RecordView {
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
    sex: row.sex,
    age: row.age,
    ageDays: row.age_days,
    status: decisions.length > 0 ? 'submitted' : 'todo',
    sections,
    diagnosisNames: names.map((name) => ({ position: name.position, text: name.text, isPrimary: name.is_primary === 1 })),
    decisions,
    draft: userId === undefined ? null : loadDraft(database, userId, row.id),
  }
}
