/**
 * `clinicoco bundle export`: the training bundle the Python trainer reads
 * (format in docs/model-bundles.md). The vocabulary is learned here, on the
 * workspace's own records and names (test records excluded: nothing about them
 * may shape the model), and every text is tokenized here, once.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppFailure } from '../../contract/result.js'
import { labelRecords } from '../normalize/auto-label.js'
import type { SqliteDatabase } from '../store/database.js'
import { icd10Chapter } from '../taxonomy/icd10-chapter.js'
import { createTokenizer, tokenizeRecord } from '../text/tokenizer.js'
import { learnVocabulary, vocabularyText, type Vocabulary, type VocabularyOptions } from '../text/vocabulary.js'
import { TRAINING_SPLITS, selectTrainingRecords, type TrainingRecord, type TrainingSplit } from '../records/training-records.js'

export const TRAINING_BUNDLE_FORMAT = 'clinicoco-training-bundle'
export const TRAINING_BUNDLE_VERSION = 1
/** Tokens the trainer reads per record: covers 90 % of CodiEsp cases whole (p90 834 tokens). */
export const DEFAULT_MAX_TOKENS = 1024

export interface TrainingBundleRequest {
  outDir: string
  codeSetId: number
  cleanShare?: number
  seed?: number
  /** A code needs this many clean or noisy labels to enter the label space. */
  minCodeCount?: number
  maxTokens?: number
  vocabulary?: VocabularyOptions
}

export interface TrainingBundleSummary {
  outDir: string
  codeSet: { name: string; version: string }
  records: Record<TrainingSplit, number>
  codes: number
  /** Dev/test labels outside the label space: the model cannot suggest them. */
  unseenEvaluationLabels: number
  /** Set when the export had to normalise the diagnosis names first (no noisy labels were stored yet). */
  nameLabelling: { names: number; labelled: number; ranker: string } | null
  vocabulary: { size: number; sha256: string }
  tokensPerRecord: { p50: number; p90: number; max: number }
  elapsedMs: number
}

interface BundleCode {
  code: string
  title: string
  titleTokens: number[]
  parent: number | null
  chapter: string | null
}

export function exportTrainingBundle(database: SqliteDatabase, request: TrainingBundleRequest): TrainingBundleSummary {
  const started = performance.now()
  const codeSet = database.prepare<{ name: string; version: string }>('SELECT name, version FROM code_sets WHERE id = ?').get(request.codeSetId)
  if (!codeSet) throw new AppFailure('not-found', `Code set ${request.codeSetId} is not installed.`)
  const nameLabelling = labelNamesIfNeeded(database, request.codeSetId)
  const records = selectTrainingRecords(database, { codeSetId: request.codeSetId, cleanShare: request.cleanShare, seed: request.seed })
  const vocabulary = learnVocabulary(
    records.filter((record) => record.split !== 'test').flatMap((record) => [...record.sections, ...record.names]),
    request.vocabulary,
  )
  const tokenizer = createTokenizer(vocabulary)
  const codes = labelSpace(database, request.codeSetId, records, request.minCodeCount ?? 1, (text) => tokenizer.tokenize(text).map((token) => token.id))
  const codeIndex = new Map(codes.map((code, index) => [code.code, index]))

  mkdirSync(request.outDir, { recursive: true })
  const counts = Object.fromEntries(TRAINING_SPLITS.map((split) => [split, 0])) as Record<TrainingSplit, number>
  const lengths: number[] = []
  let unseenEvaluationLabels = 0
  const lines = records.map((record) => {
    counts[record.split] += 1
    const tokens = tokenizeRecord(tokenizer, record.sections.map((text) => ({ text }))).map((token) => token.id)
    lengths.push(tokens.length)
    const labels = record.labels.flatMap((code) => {
      const index = codeIndex.get(code)
      if (index === undefined && (record.split === 'dev' || record.split === 'test')) unseenEvaluationLabels += 1
      return index === undefined ? [] : [index]
    })
    const names = record.names.map((name) => tokenizer.tokenize(name).map((token) => token.id))
    return JSON.stringify({ id: record.externalId, split: record.split, tokens, labels, names })
  })
  writeFileSync(join(request.outDir, 'vocab.txt'), vocabularyText(vocabulary.tokens))
  writeFileSync(join(request.outDir, 'records.jsonl'), lines.join('\n') + '\n')
  writeFileSync(
    join(request.outDir, 'bundle.json'),
    JSON.stringify(
      {
        format: TRAINING_BUNDLE_FORMAT,
        formatVersion: TRAINING_BUNDLE_VERSION,
        createdAt: new Date().toISOString(),
        codeSet,
        tokenizer: { vocabFile: 'vocab.txt', vocabSha256: vocabulary.sha256 },
        maxTokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
        codes,
        splits: counts,
      },
      null,
      1,
    ) + '\n',
  )
  lengths.sort((a, b) => a - b)
  const at = (share: number): number => lengths[Math.min(lengths.length - 1, Math.floor(lengths.length * share))] ?? 0
  return {
    outDir: request.outDir,
    codeSet,
    records: counts,
    codes: codes.length,
    unseenEvaluationLabels,
    nameLabelling,
    vocabulary: vocabularySummary(vocabulary),
    tokensPerRecord: { p50: at(0.5), p90: at(0.9), max: lengths.at(-1) ?? 0 },
    elapsedMs: Math.round(performance.now() - started),
  }
}

/**
 * The noisy set needs the names normalised to codes. A workspace where nobody
 * ran `clinicoco label` yet gets it done here, with the ranker fitted on its
 * confirmed pairs where there are enough.
 */
function labelNamesIfNeeded(database: SqliteDatabase, codeSetId: number): TrainingBundleSummary['nameLabelling'] {
  const labels = database.prepare<{ n: number }>('SELECT count(*) AS n FROM name_labels WHERE code_set_id = ?').get(codeSetId)?.n ?? 0
  const names = database.prepare<{ n: number }>("SELECT count(*) AS n FROM diagnosis_names WHERE injected_error IS NOT 'missing'").get()?.n ?? 0
  if (labels > 0 || names === 0) return null
  const report = labelRecords(database, { codeSetId, fit: 'where-enough' })
  return { names: report.names.total, labelled: report.names.labelled, ranker: report.ranker }
}

function vocabularySummary(vocabulary: Vocabulary): { size: number; sha256: string } {
  return { size: vocabulary.tokens.length, sha256: vocabulary.sha256 }
}

/**
 * Codes with at least `minCount` clean or noisy labels, most frequent first.
 * Titles come from the code set where it holds the code (a workspace may hold
 * labels from an older edition); the parent is the nearest ancestor in the space.
 */
function labelSpace(
  database: SqliteDatabase,
  codeSetId: number,
  records: TrainingRecord[],
  minCount: number,
  tokenIds: (text: string) => number[],
): BundleCode[] {
  const counts = new Map<string, number>()
  for (const record of records) {
    if (record.split !== 'clean' && record.split !== 'noisy') continue
    for (const code of record.labels) counts.set(code, (counts.get(code) ?? 0) + 1)
  }
  const ordered = [...counts]
    .filter(([, count]) => count >= minCount)
    .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : 1))
    .map(([code]) => code)
  const index = new Map(ordered.map((code, position) => [code, position]))
  const lookup = database.prepare<{ title: string; parent: string | null }>('SELECT title, parent FROM codes WHERE code_set_id = ? AND code = ?')
  return ordered.map((code) => {
    const row = lookup.get(codeSetId, code)
    let parent: number | null = null
    for (let ancestor = row?.parent ?? null, steps = 0; ancestor !== null && steps < 16; steps += 1) {
      const found = index.get(ancestor)
      if (found !== undefined) {
        parent = found
        break
      }
      ancestor = lookup.get(codeSetId, ancestor)?.parent ?? null
    }
    const title = row?.title ?? ''
    return { code, title, titleTokens: tokenIds(title), parent, chapter: icd10Chapter(code) }
  })
}

/** The summary of a training bundle already written (a resumed training reuses it), read from its bundle.json. */
export function readTrainingBundleSummary(dir: string): TrainingBundleSummary {
  const file = join(dir, 'bundle.json')
  if (!existsSync(file)) throw new AppFailure('not-found', `No training bundle in ${dir} to resume with.`)
  const bundle = JSON.parse(readFileSync(file, 'utf8')) as {
    codeSet: { name: string; version: string }
    codes: unknown[]
    splits: Record<TrainingSplit, number>
    tokenizer: { vocabSha256: string }
  }
  const vocabulary = readFileSync(join(dir, 'vocab.txt'), 'utf8').split('\n').filter((line) => line !== '').length
  return {
    outDir: dir,
    codeSet: bundle.codeSet,
    records: bundle.splits,
    codes: bundle.codes.length,
    unseenEvaluationLabels: 0,
    nameLabelling: null,
    vocabulary: { size: vocabulary, sha256: bundle.tokenizer.vocabSha256 },
    tokensPerRecord: { p50: 0, p90: 0, max: 0 },
    elapsedMs: 0,
  }
}
