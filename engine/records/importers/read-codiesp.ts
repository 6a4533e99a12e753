/**
 * The CodiEsp corpus layout (CLEF eHealth 2020): split folders `train/`,
 * `dev/`, `test/` and `background/`, each with `text_files/` (Spanish) and
 * `text_files_en/` (machine translation), and for the coded splits
 * `<split>D.tsv` (doc id, diagnosis code such as `n44.8`), `<split>P.tsv`
 * (procedures) and `<split>X.tsv` (doc id, DIAGNOSTICO|PROCEDIMIENTO, code,
 * mention, offsets `start end[;start end…]`). The TSVs have no header and no
 * quoting.
 *
 * One record per document; its id is the document id, which is unique across
 * splits in the released corpus (checked: a repeat is rejected). Gold codes are
 * the D codes upper-cased (`N44.8`), none primary: CodiEsp does not mark one.
 * Procedure codes are not gold codes (the workstation codes diagnoses); they
 * appear as `procedure` mentions from the X file, which covers every P code.
 * Diagnosis names are left empty: benchmarks build them from the mentions.
 *
 * Mention offsets refer to the Spanish text. They are kept for `en` too, so a
 * benchmark can still use the mention words, but the spans do not point into
 * the English section text.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { AppFailure } from '../../../contract/result.js'
import { parseDelimited } from '../../io/delimited.js'
import { decodeText } from '../../io/decode-text.js'
import { readSourceFile } from '../../io/source-file.js'
import type { EvidenceMentionInput, RecordInput, RecordSplit } from '../record-input.js'
import type { ImportReject } from '../../io/import-reject.js'
import type { RecordImport } from './record-import.js'

export type CodiEspSplit = 'train' | 'dev' | 'test' | 'background'

export interface CodiEspOptions {
  language: 'es' | 'en'
  /** Which split folders to read; default every one present. */
  splits?: CodiEspSplit[]
}

const ALL_SPLITS: CodiEspSplit[] = ['train', 'dev', 'test', 'background']
const DIAGNOSIS_CODE_PATTERN = /^[A-Za-z][0-9][0-9A-Za-z](?:\.[0-9A-Za-z]{1,4})?$/
// Full ICD-10-PCS codes have 7 characters; the corpus also writes 4-character
// stems (1,249 of 2,367 train+dev P rows) where the annotators stopped there.
const PROCEDURE_CODE_PATTERN = /^[0-9A-Za-z]{4}(?:[0-9A-Za-z]{3})?$/
const OFFSETS_PATTERN = /^\d+ \d+(?:;\d+ \d+)*$/
const MENTION_KINDS: Record<string, EvidenceMentionInput['kind']> = { DIAGNOSTICO: 'diagnosis', PROCEDIMIENTO: 'procedure' }

export function readCodiEsp(directory: string, options: CodiEspOptions): RecordImport {
  if (!existsSync(directory)) throw new AppFailure('import-failed', `${directory}: no such directory.`)
  const splits = (options.splits ?? ALL_SPLITS).filter((split) => existsSync(join(directory, split)))
  if (splits.length === 0) {
    throw new AppFailure('import-failed', `${directory}: no CodiEsp split folder (${ALL_SPLITS.join(', ')}) found.`)
  }
  const records: RecordInput[] = []
  const rejects: ImportReject[] = []
  const splitOfId = new Map<string, RecordSplit>()
  for (const split of splits) {
    const splitRecords = readSplit(directory, split, options.language, rejects)
    for (const record of splitRecords) {
      const earlier = splitOfId.get(record.externalId)
      if (earlier !== undefined) {
        rejects.push({ file: join(directory, split), line: 0, reason: `document ${record.externalId} is also in ${earlier}` })
        continue
      }
      splitOfId.set(record.externalId, split)
      records.push(record)
    }
  }
  return { records, rejects }
}

function readSplit(directory: string, split: CodiEspSplit, language: 'es' | 'en', rejects: ImportReject[]): RecordInput[] {
  const textDirectory = join(directory, split, language === 'es' ? 'text_files' : 'text_files_en')
  if (!existsSync(textDirectory)) {
    throw new AppFailure('import-failed', `${textDirectory}: missing; every CodiEsp split folder holds its texts there.`)
  }
  const byId = new Map<string, RecordInput>()
  for (const name of readdirSync(textDirectory).filter((entry) => entry.endsWith('.txt')).sort()) {
    const file = join(textDirectory, name)
    let text: string
    try {
      text = decodeText(readSourceFile(file).bytes, 'utf-8', file).text
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error
      rejects.push({ file, line: 0, reason: error.message })
      continue
    }
    const id = name.slice(0, -'.txt'.length)
    byId.set(id, {
      externalId: id,
      language,
      split,
      sections: [{ kind: 'clinical_text', title: '', text }],
      diagnosisNames: [],
      goldCodes: [],
      mentions: [],
    })
  }
  readDiagnoses(join(directory, split, `${split}D.tsv`), byId, rejects)
  readProcedures(join(directory, split, `${split}P.tsv`), byId, rejects)
  const spanishLengths = language === 'es' ? textLengths(byId) : readSpanishLengths(join(directory, split, 'text_files'))
  readMentions(join(directory, split, `${split}X.tsv`), byId, spanishLengths, rejects)
  return [...byId.values()]
}

function textLengths(byId: Map<string, RecordInput>): Map<string, number> {
  return new Map([...byId].map(([id, record]) => [id, record.sections[0]?.text.length ?? 0]))
}

/**
 * Offsets are checked against the Spanish text in both languages, so that an
 * English import keeps exactly the mentions a Spanish one keeps. Unreadable
 * Spanish files are skipped here; the Spanish import reports them.
 */
function readSpanishLengths(textDirectory: string): Map<string, number> {
  const lengths = new Map<string, number>()
  if (!existsSync(textDirectory)) return lengths
  for (const name of readdirSync(textDirectory).filter((entry) => entry.endsWith('.txt'))) {
    const file = join(textDirectory, name)
    try {
      lengths.set(name.slice(0, -'.txt'.length), decodeText(readSourceFile(file).bytes, 'utf-8', file).text.length)
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error
    }
  }
  return lengths
}

function readAnnotationRows(path: string, columns: number, rejects: ImportReject[]): Array<{ line: number; fields: string[] }> {
  if (!existsSync(path)) return []
  const { text } = decodeText(readSourceFile(path).bytes, 'auto', path)
  const table = parseDelimited(text, { file: path, delimiter: '\t', quoting: 'none', header: false, columns })
  rejects.push(...table.rejects)
  return table.rows
}

function readDiagnoses(path: string, byId: Map<string, RecordInput>, rejects: ImportReject[]): void {
  for (const { line, fields } of readAnnotationRows(path, 2, rejects)) {
    const [documentId = '', rawCode = ''] = fields.map((field) => field.trim())
    const record = byId.get(documentId)
    let problem: string | null = null
    if (!record) problem = `document ${JSON.stringify(documentId)} has no text file`
    else if (!DIAGNOSIS_CODE_PATTERN.test(rawCode)) problem = `${JSON.stringify(rawCode)} is not an ICD-10-CM code`
    if (problem || !record) {
      rejects.push({ file: path, line, reason: problem ?? 'unknown document' })
      continue
    }
    const code = rawCode.toUpperCase()
    if (!record.goldCodes.some((gold) => gold.code === code)) record.goldCodes.push({ code, isPrimary: false })
  }
}

/** Procedure rows are only checked: their codes reach the record as X-file mentions. */
function readProcedures(path: string, byId: Map<string, RecordInput>, rejects: ImportReject[]): void {
  for (const { line, fields } of readAnnotationRows(path, 2, rejects)) {
    const [documentId = '', rawCode = ''] = fields.map((field) => field.trim())
    if (!byId.has(documentId)) rejects.push({ file: path, line, reason: `document ${JSON.stringify(documentId)} has no text file` })
    else if (!PROCEDURE_CODE_PATTERN.test(rawCode)) {
      rejects.push({ file: path, line, reason: `${JSON.stringify(rawCode)} is not an ICD-10-PCS code or 4-character stem` })
    }
  }
}

function readMentions(
  path: string,
  byId: Map<string, RecordInput>,
  spanishLengths: Map<string, number>,
  rejects: ImportReject[],
): void {
  for (const { line, fields } of readAnnotationRows(path, 5, rejects)) {
    const [documentId = '', label = '', rawCode = '', text = '', offsets = ''] = fields
    const record = byId.get(documentId.trim())
    const kind = MENTION_KINDS[label.trim()]
    const spans = OFFSETS_PATTERN.test(offsets.trim()) ? parseSpans(offsets.trim()) : null
    const textLength = spanishLengths.get(documentId.trim())
    let problem: string | null = null
    if (!record) problem = `document ${JSON.stringify(documentId)} has no text file`
    else if (!kind) problem = `label ${JSON.stringify(label)} must be DIAGNOSTICO or PROCEDIMIENTO`
    else if (rawCode.trim() === '') problem = 'empty code'
    else if (!spans) problem = `offsets ${JSON.stringify(offsets)} must be "start end" pairs separated by ";"`
    else if (spans.some(([start, end]) => start > end)) problem = `offsets ${JSON.stringify(offsets)} include a reversed span`
    else if (spans.every(([start, end]) => start === end)) problem = `offsets ${JSON.stringify(offsets)} cover no text`
    else if (textLength !== undefined && spans.some(([, end]) => end > textLength)) {
      problem = `offsets ${JSON.stringify(offsets)} run past the end of the text (${textLength} characters)`
    }
    if (problem || !record || !kind || !spans) {
      rejects.push({ file: path, line, reason: problem ?? 'unreadable row' })
      continue
    }
    // A few rows hold a zero-length piece (`752 767;1320 1320;1320 1335`); it
    // covers no text, so it is dropped and the mention kept.
    const textSpans = spans.filter(([start, end]) => start < end)
    record.mentions.push({ code: rawCode.trim().toUpperCase(), kind, text, spans: textSpans })
  }
}

function parseSpans(offsets: string): Array<[number, number]> {
  return offsets.split(';').map((pair) => {
    const [start = '0', end = '0'] = pair.split(' ')
    return [Number(start), Number(end)]
  })
}
