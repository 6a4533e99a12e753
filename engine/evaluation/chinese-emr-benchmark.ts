/**
 * The normaliser on Chinese inpatient records, end to end as a hospital runs
 * it: generated records (`clinicoco demo chinese-emr`, coded with the clinical
 * 2.0 table read at run time) imported with their mapping into a fresh
 * workspace with the 2.0 code set, then labelled from their admission lists
 * and scored against their gold codes.
 *
 * - List splitting: the stored diagnosis names of each record against the
 *   generator's items (exact list match), and the normaliser's own segments of
 *   the raw list against the same items.
 * - Labels vs gold on held-out records (a seeded `testShare`): precision,
 *   recall and F1 at the full code, 7 characters and category, primary-code
 *   recall, reliability curve — three ways: zero-shot (nothing learned), with
 *   (name, code) pairs learned from the other records' gold codes, and with the
 *   ranker fitted on those pairs as well. The held-out records' gold codes
 *   teach nothing; each record is labelled without its own pairs anyway.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readCodeTable } from '../demo/chinese-emr/code-table.js'
import { writeChineseEmrFiles } from '../demo/chinese-emr/emr-files.js'
import { generateChineseEmr, type ChineseEmrTruth } from '../demo/chinese-emr/generate-chinese-emr.js'
import { SeededRandom } from '../random/seeded-random.js'
import { labelRecords } from '../normalize/auto-label.js'
import { alignGoldPairs, type GoldAlignmentReport } from '../normalize/gold-pairs.js'
import { labelQuality, type LabelQuality } from '../normalize/label-quality.js'
import { splitDiagnosisName } from '../normalize/split-name.js'
import { normaliseText } from '../normalize/text-features.js'
import { importRecordFile } from '../records/import-records.js'
import { readMapping } from '../records/importers/read-mapped-records.js'
import type { GoldCodeCoverage } from '../records/check-gold-codes.js'
import type { SqliteDatabase } from '../store/database.js'
import { readChineseTable } from '../taxonomy/importers/read-chinese-table.js'
import { installCodeSet } from '../taxonomy/install-code-set.js'
import { createWorkspace, ensureUser } from '../workspace/workspace.js'

export interface ChineseEmrBenchmarkOptions {
  /** Folder with clinical-2.0.tsv, disease_catalog.csv and disease.csv. */
  codesDir: string
  records: number
  seed: number
  /** Share of records held out for scoring (default 0.3). */
  testShare?: number
  /** Fit the ranker on the learned pairs too (default true). */
  fit?: boolean
  /** Keep the workspace here (default: a temporary folder, removed). */
  workspaceDir?: string
}

export interface LabelRunScores {
  ranker: string
  quality: LabelQuality
  acceptedPerName: number
  perNameMs: number
}

export interface ChineseEmrBenchmarkReport {
  records: number
  seed: number
  codeSet: string
  import: { inserted: number; rejected: number; goldCodes: GoldCodeCoverage | null }
  listSplitting: { lists: number; importExact: number; normaliserSegmentsExact: number; items: number }
  split: { train: number; test: number }
  /** Share of the held-out records' gold codes some admission item stands for (the recall names alone could reach). */
  reachableRecall: number
  zeroShot: LabelRunScores
  learned: LabelRunScores & { goldPairs: GoldAlignmentReport }
  fitted: LabelRunScores | null
  elapsedSeconds: number
}

export function runChineseEmrBenchmark(options: ChineseEmrBenchmarkOptions): ChineseEmrBenchmarkReport {
  const started = performance.now()
  const temporary = options.workspaceDir === undefined
  const dir = options.workspaceDir ?? mkdtempSync(join(tmpdir(), 'clinicoco-chinese-emr-'))
  // A new workspace every run (a kept folder that already holds one is refused): records
  // imported again would come in as unchanged and the figures would be another benchmark's.
  const workspace = createWorkspace(dir)
  try {
    const { database } = workspace
    ensureUser(database, { id: 'benchmark', displayName: 'Benchmark', role: 'admin' })
    const table = readCodeTable(join(options.codesDir, 'clinical-2.0.tsv'))
    const { records, truth } = generateChineseEmr({ recordCount: options.records, seed: options.seed, codes: table })
    const files = writeChineseEmrFiles(join(dir, 'emr'), records, truth)
    const parsed = readChineseTable(table.path, {
      name: 'icd10-cn-clinical',
      version: '2.0',
      label: 'ICD-10 clinical edition 2.0',
      categoriesPath: join(options.codesDir, 'disease.csv'),
      catalogPath: join(options.codesDir, 'disease_catalog.csv'),
    })
    const { codeSetId } = installCodeSet(database, parsed.codeSet, { actor: 'benchmark', format: 'cn-table', source: table.path, rejects: parsed.rejects })
    const imported = importRecordFile(database, { path: files.json, format: 'json', mapping: readMapping(files.mapping), actor: 'benchmark', goldCodeSetId: codeSetId })

    const recordIds = new Map(database.prepare<{ id: number; external_id: string }>('SELECT id, external_id FROM records').all().map((row) => [row.external_id, row.id]))
    const listSplitting = scoreSplitting(database, truth, recordIds)
    const random = new SeededRandom(options.seed + 1)
    const shuffled = random.shuffle(truth.map((item) => item.id))
    const testCount = Math.max(1, Math.round(shuffled.length * (options.testShare ?? 0.3)))
    const testIds = new Set(shuffled.slice(0, testCount).map((id) => recordIds.get(id) ?? -1))
    const trainIds = new Set(shuffled.slice(testCount).map((id) => recordIds.get(id) ?? -1))
    const heldOut = truth.filter((item) => testIds.has(recordIds.get(item.id) ?? -1))
    const reachable = heldOut.reduce((sum, item) => sum + item.codes.filter((code) => item.items.some((listed) => listed.codes.includes(code))).length, 0)
    const goldTotal = heldOut.reduce((sum, item) => sum + item.codes.length, 0)

    const score = (run: ReturnType<typeof labelRecords>): LabelRunScores => ({
      ranker: run.ranker,
      quality: qualityOn(database, codeSetId, testIds),
      acceptedPerName: run.labels.acceptedPerName,
      perNameMs: run.perNameMs,
    })
    // Zero-shot: no pairs at all.
    alignGoldPairs(database, codeSetId, { recordIds: new Set(), actor: 'benchmark' })
    const zeroShot = score(labelRecords(database, { codeSetId, learnFromGold: false, actor: 'benchmark' }))
    const goldPairs = alignGoldPairs(database, codeSetId, { recordIds: trainIds, actor: 'benchmark' })
    const learned = { ...score(labelRecords(database, { codeSetId, learnFromGold: false, actor: 'benchmark' })), goldPairs }
    const fitted = options.fit === false ? null : score(labelRecords(database, { codeSetId, learnFromGold: false, fit: true, actor: 'benchmark' }))
    return {
      records: records.length,
      seed: options.seed,
      codeSet: `${parsed.codeSet.name} ${parsed.codeSet.version} (${table.path})`,
      import: { inserted: imported.inserted, rejected: imported.rejected, goldCodes: imported.goldCodes ?? null },
      listSplitting,
      split: { train: trainIds.size, test: testIds.size },
      reachableRecall: round(goldTotal > 0 ? reachable / goldTotal : 0),
      zeroShot,
      learned,
      fitted,
      elapsedSeconds: Math.round((performance.now() - started) / 1000),
    }
  } finally {
    workspace.close()
    if (temporary) rmSync(dir, { recursive: true, force: true })
  }
}

function scoreSplitting(database: SqliteDatabase, truth: readonly ChineseEmrTruth[], recordIds: Map<string, number>): ChineseEmrBenchmarkReport['listSplitting'] {
  const namesOf = database.prepare<{ text: string }>('SELECT text FROM diagnosis_names WHERE record_id = ? ORDER BY position')
  let importExact = 0
  let segmentsExact = 0
  let items = 0
  for (const item of truth) {
    const expected = item.items.map((listed) => listed.text)
    items += expected.length
    const stored = namesOf.all(recordIds.get(item.id) ?? -1).map((row) => row.text)
    if (same(stored, expected)) importExact += 1
    // The normaliser given the raw list as one name: its segments, grouped items taken whole.
    const parts = splitDiagnosisName(item.admissionList, null).parts
    const grouped = parts.filter((part) => part.kind === 'whole' && expected.some((text) => normaliseText(text) === part.text))
    const segments = parts.filter((part) => part.kind === 'segment' && !grouped.some((group) => part.start >= group.start && part.end <= group.end))
    const read = [...grouped, ...segments].sort((a, b) => a.start - b.start).map((part) => part.text)
    if (same(read, expected.map(normaliseText))) segmentsExact += 1
  }
  return { lists: truth.length, importExact: round(importExact / Math.max(1, truth.length)), normaliserSegmentsExact: round(segmentsExact / Math.max(1, truth.length)), items }
}

function qualityOn(database: SqliteDatabase, codeSetId: number, recordIds: ReadonlySet<number>): LabelQuality {
  const labels = database
    .prepare<{ record_id: number; code: string; confidence: number; accepted: number }>('SELECT record_id, code, confidence, accepted FROM name_labels WHERE code_set_id = ?')
    .all(codeSetId)
    .filter((row) => recordIds.has(row.record_id))
    .map((row) => ({ recordId: row.record_id, code: row.code, confidence: row.confidence, accepted: row.accepted === 1 }))
  const gold = new Map<number, { codes: Set<string>; primary: string | null }>()
  for (const row of database.prepare<{ record_id: number; code: string; is_primary: number }>('SELECT record_id, code, is_primary FROM gold_codes').all()) {
    if (!recordIds.has(row.record_id)) continue
    const record = gold.get(row.record_id) ?? { codes: new Set<string>(), primary: null }
    record.codes.add(row.code)
    if (row.is_primary === 1) record.primary = row.code
    gold.set(row.record_id, record)
  }
  return labelQuality(labels, gold)
}

function same(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((value, index) => value === right[index])
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000
}
