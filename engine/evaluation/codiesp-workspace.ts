/**
 * Builds a workspace for the CodiEsp benchmark under the paper's protocol
 * (issue 3): ICD-10-CM installed, the corpus imported (Spanish originals); for
 * the *free-text* setting the training records' evidence mentions kept as their
 * diagnosis names (training data only); for the *clinicoco* setting structured
 * diagnosis names simulated from the
 * evidence mentions (`*X.tsv`) with hierarchy noise (vague/wrong/missing), a
 * share of training records drawn as clean, their (mention, code) pairs
 * confirmed as a coder would, and every other record's names normalised into
 * noisy labels.
 */
import { join } from 'node:path'
import { SeededRandom } from '../random/seeded-random.js'
import { labelRecords, type LabelReport } from '../normalize/auto-label.js'
import { confirmNamePairs } from '../normalize/name-pairs.js'
import { importRecordFile } from '../records/import-records.js'
import { createNameNoise, hierarchyFromParents, injectHierarchyNoise } from '../simulate/hierarchy-noise.js'
import type { SqliteDatabase } from '../store/database.js'
import { readIcd10cm } from '../taxonomy/importers/read-icd10cm.js'
import { installCodeSet } from '../taxonomy/install-code-set.js'
import { ensureUser, setSetting } from '../workspace/workspace.js'
import { CLEAN_SEED_SETTING, CLEAN_SHARE_SETTING, drawnClean } from '../records/training-records.js'

export type CodiEspSetting = 'free-text' | 'clinicoco'

export interface CodiEspWorkspaceRequest {
  dataDir: string
  codesDir: string
  setting: CodiEspSetting
  /** Share of names given an error (paper: 30 %). */
  noiseRatio?: number
  /** Share of training records with clean labels (paper: 25 %); the free-text setting uses all. */
  cleanShare?: number
  seed?: number
}

export interface CodiEspWorkspaceSummary {
  codeSetId: number
  records: number
  rejects: number
  names?: { total: number; vague: number; wrong: number; missing: number }
  confirmedPairs?: number
  labelling?: Pick<LabelReport, 'ranker' | 'threshold' | 'againstGold' | 'names'>
  cleanShare: number
}

export const CODIESP_ACTOR = 'benchmark'
export const CODIESP_DEFAULTS = { noiseRatio: 0.3, cleanShare: 0.25, seed: 13 }

export function prepareCodiEspWorkspace(database: SqliteDatabase, request: CodiEspWorkspaceRequest): CodiEspWorkspaceSummary {
  ensureUser(database, { id: CODIESP_ACTOR, displayName: 'Benchmark', role: 'supervisor' })
  setSetting(database, 'default_user', CODIESP_ACTOR)
  const icd = readIcd10cm(request.codesDir)
  const installed = installCodeSet(database, icd.codeSet, { actor: CODIESP_ACTOR, format: 'icd10cm', source: request.codesDir, rejects: icd.rejects })
  setSetting(database, 'active_code_set', String(installed.codeSetId))
  const imported = importRecordFile(database, { path: request.dataDir, format: 'codiesp', language: 'es', actor: CODIESP_ACTOR })
  const seed = request.seed ?? CODIESP_DEFAULTS.seed
  const summary: CodiEspWorkspaceSummary = {
    codeSetId: installed.codeSetId,
    records: imported.inserted + imported.updated + imported.unchanged,
    rejects: imported.rejected,
    cleanShare: request.setting === 'free-text' ? 1 : (request.cleanShare ?? CODIESP_DEFAULTS.cleanShare),
  }
  setSetting(database, CLEAN_SHARE_SETTING, String(summary.cleanShare))
  setSetting(database, CLEAN_SEED_SETTING, String(seed))
  if (request.setting === 'free-text') {
    summary.names = { total: attachTrainingMentions(database), vague: 0, wrong: 0, missing: 0 }
    return summary
  }

  const names = simulateDiagnosisNames(database, installed.codeSetId, request.noiseRatio ?? CODIESP_DEFAULTS.noiseRatio, seed)
  summary.names = names
  summary.confirmedPairs = confirmCleanPairs(database, installed.codeSetId, summary.cleanShare, seed)
  const labelled = labelRecords(database, { codeSetId: installed.codeSetId, fit: true })
  summary.labelling = { ranker: labelled.ranker, threshold: labelled.threshold, againstGold: labelled.againstGold, names: labelled.names }
  return summary
}

interface MentionRow {
  record_id: number
  external_id: string
  split: string
  code: string
  text: string
}

function diagnosisMentions(database: SqliteDatabase): MentionRow[] {
  return database
    .prepare<MentionRow>(
      `SELECT m.record_id, r.external_id, r.split, m.code, m.text FROM evidence_mentions m JOIN records r ON r.id = m.record_id
       WHERE m.kind = 'diagnosis' AND r.split IN ('train', 'dev', 'test') ORDER BY m.record_id, m.rowid`,
    )
    .all()
}

/**
 * Free-text setting: each training record keeps its diagnosis mentions as names, as a
 * hospital's coded records keep the diagnoses their clinicians wrote, and the trainer
 * learns from them (names documents, models/README.md). Dev and test records get none: the
 * model codes them from their free text alone.
 */
function attachTrainingMentions(database: SqliteDatabase): number {
  const insert = database.prepare('INSERT INTO diagnosis_names (record_id, position, text, is_primary) VALUES (?, ?, ?, 0)')
  let total = 0
  database.transaction(() => {
    database.prepare('DELETE FROM diagnosis_names').run()
    for (const [recordId, rows] of mentionsByRecord(diagnosisMentions(database).filter((mention) => mention.split === 'train'))) {
      const names = distinctMentions(rows)
      names.forEach((name, position) => insert.run(recordId, position, name.text))
      total += names.length
    }
  })
  return total
}

/**
 * Every coded record gets its diagnosis mentions as structured names (one per
 * distinct mention and code), then hierarchy noise. A vague or wrong name is a
 * Spanish train mention of the parent or sibling code where the corpus has one,
 * else that code's ICD-10-CM title.
 */
function simulateDiagnosisNames(database: SqliteDatabase, codeSetId: number, ratio: number, seed: number): NonNullable<CodiEspWorkspaceSummary['names']> {
  const mentions = diagnosisMentions(database)
  const spanish = new Map<string, string[]>()
  for (const mention of mentions) {
    if (mention.split !== 'train') continue
    const list = spanish.get(mention.code) ?? []
    if (!list.includes(mention.text)) list.push(mention.text)
    spanish.set(mention.code, list)
  }
  const codes = database.prepare<{ code: string; title: string; parent: string | null }>('SELECT code, title, parent FROM codes WHERE code_set_id = ?').all(codeSetId)
  const titles = new Map(codes.map((row) => [row.code, row.title]))
  const hierarchy = hierarchyFromParents(
    new Map(codes.map((row) => [row.code, row.parent])),
    (code) => spanish.get(code) ?? (titles.has(code) ? [titles.get(code) as string] : []),
  )
  const noise = createNameNoise(hierarchy, { ratio }, new SeededRandom(seed))
  const counts = { total: 0, vague: 0, wrong: 0, missing: 0 }
  const insert = database.prepare(
    'INSERT INTO diagnosis_names (record_id, position, text, is_primary, injected_error, original_text) VALUES (?, ?, ?, 0, ?, ?)',
  )
  database.transaction(() => {
    database.prepare('DELETE FROM diagnosis_names').run()
    for (const [recordId, rows] of mentionsByRecord(mentions)) {
      const noisy = injectHierarchyNoise(distinctMentions(rows), new Set(rows.map((row) => row.code)), noise)
      noisy.forEach((name, position) => {
        insert.run(recordId, position, name.text, name.injectedError, name.originalText)
        counts.total += 1
        if (name.injectedError) counts[name.injectedError] += 1
      })
    }
  })
  return counts
}

function mentionsByRecord(mentions: readonly MentionRow[]): Map<number, MentionRow[]> {
  const byRecord = new Map<number, MentionRow[]>()
  for (const mention of mentions) byRecord.set(mention.record_id, [...(byRecord.get(mention.record_id) ?? []), mention])
  return byRecord
}

/** One per distinct (mention, code): a record that repeats a diagnosis has it once among its names. */
function distinctMentions(rows: readonly MentionRow[]): MentionRow[] {
  const seen = new Set<string>()
  return rows.filter((row) => !seen.has(`${row.text}\u0000${row.code}`) && seen.add(`${row.text}\u0000${row.code}`))
}

/** Clean records' mentions are what a coder confirms while coding them: (mention, gold code) pairs for the normaliser. */
function confirmCleanPairs(database: SqliteDatabase, codeSetId: number, cleanShare: number, seed: number): number {
  const known = new Set(database.prepare<{ code: string }>('SELECT code FROM codes WHERE code_set_id = ?').all(codeSetId).map((row) => row.code))
  const byRecord = new Map<number, Array<{ name: string; code: string }>>()
  for (const mention of diagnosisMentions(database)) {
    if (mention.split !== 'train' || !drawnClean(mention.external_id, seed, cleanShare) || !known.has(mention.code)) continue
    byRecord.set(mention.record_id, [...(byRecord.get(mention.record_id) ?? []), { name: mention.text, code: mention.code }])
  }
  let confirmed = 0
  for (const [recordId, pairs] of byRecord) confirmed += confirmNamePairs(database, { codeSetId, actor: CODIESP_ACTOR, recordId, pairs })
  return confirmed
}

export function defaultCodesDir(dataDir: string): string {
  return join(dataDir, '..', 'icd10cm')
}
