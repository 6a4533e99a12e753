/**
 * Which records train the model, and with which labels (paper: data
 * preprocessing). Each record lands in exactly one training split:
 *
 * - `dev` / `test`: the record's import split says so; labels are its latest
 *   coder decision, else its reference (gold) codes. Unlabelled ones are left out.
 * - `clean`: a coder submitted it, or it carries reference codes and was drawn
 *   into the clean share (simulated annotation: `cleanShare` of the labelled
 *   records, drawn by a seeded hash of the record id so reruns agree).
 * - `noisy`: not clean, but its diagnosis names were normalised to codes
 *   (accepted `name_labels` of the code set).
 * - `raw`: text only (background documents, records without usable labels).
 */
import { createHash } from 'node:crypto'
import { AppFailure } from '../../contract/result.js'
import type { SqliteDatabase } from '../store/database.js'
import { getSetting } from '../workspace/workspace.js'

export type TrainingSplit = 'raw' | 'noisy' | 'clean' | 'dev' | 'test'
export const TRAINING_SPLITS: readonly TrainingSplit[] = ['raw', 'noisy', 'clean', 'dev', 'test']

export interface TrainingRecord {
  rowId: number
  externalId: string
  split: TrainingSplit
  sections: string[]
  names: string[]
  labels: string[]
}

export interface TrainingSelection {
  codeSetId: number
  /** Share (0–1) of reference-labelled train records whose labels count as clean; default: the workspace's `clean_share` setting, else 1. */
  cleanShare?: number | undefined
  seed?: number | undefined
}

/** Workspace settings that fix the simulated annotation, so export, kNN datastore and evaluation agree on what is clean. */
export const CLEAN_SHARE_SETTING = 'clean_share'
export const CLEAN_SEED_SETTING = 'clean_seed'

interface RecordRow {
  id: number
  external_id: string
  split: string
}

export function selectTrainingRecords(database: SqliteDatabase, selection: TrainingSelection): TrainingRecord[] {
  const cleanShare = selection.cleanShare ?? Number(getSetting(database, CLEAN_SHARE_SETTING) ?? 1)
  if (!(cleanShare >= 0 && cleanShare <= 1)) throw new AppFailure('invalid-input', `The clean share must be within 0–1, got ${cleanShare}.`)
  const seed = selection.seed ?? Number(getSetting(database, CLEAN_SEED_SETTING) ?? 13)
  const sections = groupRows(database.prepare<{ record_id: number; text: string }>('SELECT record_id, text FROM record_sections ORDER BY record_id, position').all())
  const names = groupRows(
    database
      .prepare<{ record_id: number; text: string }>(
        "SELECT record_id, text FROM diagnosis_names WHERE injected_error IS NOT 'missing' ORDER BY record_id, position",
      )
      .all(),
  )
  const gold = groupRows(database.prepare<{ record_id: number; text: string }>('SELECT record_id, code AS text FROM gold_codes ORDER BY record_id, code').all())
  const decided = groupRows(
    database
      .prepare<{ record_id: number; text: string }>(
        `SELECT d.record_id, dc.code AS text FROM decisions d JOIN decision_codes dc ON dc.decision_id = d.id
         WHERE d.version = (SELECT max(version) FROM decisions WHERE record_id = d.record_id) ORDER BY d.record_id, dc.code`,
      )
      .all(),
  )
  const noisy = groupRows(
    database
      .prepare<{ record_id: number; text: string }>(
        // A name normalised to a category (E11) is a vague name, not a label: coders assign assignable codes only.
        `SELECT DISTINCT l.record_id, l.code AS text FROM name_labels l
         JOIN codes c ON c.code_set_id = l.code_set_id AND c.code = l.code AND c.assignable = 1
         WHERE l.code_set_id = ? AND l.accepted = 1 ORDER BY l.record_id, l.code`,
      )
      .all(selection.codeSetId),
  )
  const records = database.prepare<RecordRow>('SELECT id, external_id, split FROM records ORDER BY id').all()
  return records.flatMap((record): TrainingRecord[] => {
    const base = { rowId: record.id, externalId: record.external_id, sections: sections.get(record.id) ?? [], names: names.get(record.id) ?? [] }
    const decision = decided.get(record.id)
    const reference = decision ?? gold.get(record.id)
    if (record.split === 'dev' || record.split === 'test') return reference ? [{ ...base, split: record.split, labels: reference }] : []
    if (record.split === 'background') return [{ ...base, split: 'raw', labels: [] }]
    if (decision) return [{ ...base, split: 'clean', labels: decision }]
    if (reference && drawnClean(record.external_id, seed, cleanShare)) return [{ ...base, split: 'clean', labels: reference }]
    const nameCodes = noisy.get(record.id)
    if (nameCodes) return [{ ...base, split: 'noisy', labels: nameCodes }]
    return [{ ...base, split: 'raw', labels: [] }]
  })
}

/** A stable draw in [0, 1) per record id and seed: the same records are clean on every export. */
export function drawnClean(externalId: string, seed: number, share: number): boolean {
  if (share >= 1) return true
  const digest = createHash('sha256').update(`${seed}:${externalId}`).digest()
  return digest.readUInt32BE(0) / 2 ** 32 < share
}

function groupRows(rows: Array<{ record_id: number; text: string }>): Map<number, string[]> {
  const grouped = new Map<number, string[]>()
  for (const row of rows) {
    const list = grouped.get(row.record_id)
    if (list) list.push(row.text)
    else grouped.set(row.record_id, [row.text])
  }
  return grouped
}
