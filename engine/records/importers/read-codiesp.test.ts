import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RecordInput } from '../record-input.js'
import { readCodiEsp } from './read-codiesp.js'

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const SHARED_CODIESP = resolve(REPO_ROOT, '../shared/data/codiesp')
const HAS_SHARED_CODIESP = existsSync(join(SHARED_CODIESP, 'train/trainD.tsv'))

const S1_ES = 'Varón de 37 años con dolor testicular derecho.\nSe realizó ecografía escrotal.'
const S1_EN = 'A 37-year-old man with right testicular pain.\nA scrotal ultrasound was performed.'

function span(text: string, words: string): [number, number] {
  const start = text.indexOf(words)
  return [start, start + words.length]
}

function writeDocument(directory: string, split: string, id: string, spanish: string, english: string): void {
  writeFileSync(join(directory, split, 'text_files', `${id}.txt`), spanish)
  writeFileSync(join(directory, split, 'text_files_en', `${id}.txt`), english)
}

function byId(records: RecordInput[]): Map<string, RecordInput> {
  return new Map(records.map((record) => [record.externalId, record]))
}

describe('readCodiEsp on a generated corpus', () => {
  let directory = ''
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'clinicoco-codiesp-'))
    for (const split of ['train', 'dev', 'background']) {
      mkdirSync(join(directory, split, 'text_files'), { recursive: true })
      mkdirSync(join(directory, split, 'text_files_en'), { recursive: true })
    }
    writeDocument(directory, 'train', 'S1', S1_ES, S1_EN)
    writeDocument(directory, 'train', 'S2', 'Mujer con fiebre.', 'Woman with fever.')
    writeDocument(directory, 'dev', 'D1', 'Niño con tos.', 'Boy with a cough.')
    writeDocument(directory, 'dev', 'S2', 'Repetido.', 'Repeated.')
    writeDocument(directory, 'background', 'B1', 'Texto sin códigos.', 'Text without codes.')
    const [painStart, painEnd] = span(S1_ES, 'dolor testicular derecho')
    const [ecoStart, ecoEnd] = span(S1_ES, 'ecografía escrotal')
    writeFileSync(join(directory, 'train', 'trainD.tsv'), 'S1\tn50.811\nS1\tr52\nS2\tr50.9\nS2\tr50.9\n')
    writeFileSync(join(directory, 'train', 'trainP.tsv'), 'S1\tbv40zzz\nS1\tbv40\n')
    writeFileSync(
      join(directory, 'train', 'trainX.tsv'),
      [
        `S1\tDIAGNOSTICO\tn50.811\tdolor testicular derecho\t${painStart} ${painEnd}`,
        // A discontinuous mention, with a zero-length piece as the corpus sometimes has.
        `S1\tDIAGNOSTICO\tr52\tVarón dolor\t0 5;${painStart} ${painStart};${painStart} ${painStart + 5}`,
        `S1\tPROCEDIMIENTO\tbv40zzz\tecografía escrotal\t${ecoStart} ${ecoEnd}`,
        'S1\tDIAGNOSTICO\tr52\tpast the end\t70 999',
        'S1\tHALLAZGO\tr52\tx\t0 5',
      ].join('\n') + '\n',
    )
    writeFileSync(join(directory, 'dev', 'devD.tsv'), 'D1\tr05\nD9\tr05\nD1\nD1\tnot a code\n')
  })
  afterAll(() => rmSync(directory, { recursive: true, force: true }))

  it('turns each Spanish document into a record with upper-cased gold codes and spanned mentions', () => {
    const { records } = readCodiEsp(directory, { language: 'es' })
    const s1 = byId(records).get('S1')
    expect(s1).toEqual({
      externalId: 'S1',
      language: 'es',
      split: 'train',
      sections: [{ kind: 'clinical_text', title: '', text: S1_ES }],
      diagnosisNames: [],
      goldCodes: [
        { code: 'N50.811', isPrimary: false },
        { code: 'R52', isPrimary: false },
      ],
      mentions: [
        { code: 'N50.811', kind: 'diagnosis', text: 'dolor testicular derecho', spans: [span(S1_ES, 'dolor testicular derecho')] },
        { code: 'R52', kind: 'diagnosis', text: 'Varón dolor', spans: [[0, 5], span(S1_ES, 'dolor')] },
        { code: 'BV40ZZZ', kind: 'procedure', text: 'ecografía escrotal', spans: [span(S1_ES, 'ecografía escrotal')] },
      ],
    })
    for (const mention of s1?.mentions ?? []) {
      expect(mention.spans.map(([start, end]) => S1_ES.slice(start, end)).join(' ')).toBe(mention.text)
    }
  })

  it('gives each record its split, one gold code per distinct D row, and none to background documents', () => {
    const records = byId(readCodiEsp(directory, { language: 'es' }).records)
    expect([...records.keys()]).toEqual(['S1', 'S2', 'D1', 'B1'])
    expect(records.get('S2')).toMatchObject({ split: 'train', goldCodes: [{ code: 'R50.9', isPrimary: false }] })
    expect(records.get('D1')).toMatchObject({ split: 'dev', goldCodes: [{ code: 'R05', isPrimary: false }] })
    expect(records.get('B1')).toMatchObject({ split: 'background', goldCodes: [], mentions: [] })
  })

  it('reads the English texts and keeps the Spanish-offset mentions', () => {
    const records = byId(readCodiEsp(directory, { language: 'en' }).records)
    expect(records.get('S1')?.language).toBe('en')
    expect(records.get('S1')?.sections[0]?.text).toBe(S1_EN)
    expect(records.get('S1')?.mentions).toHaveLength(3)
  })

  it('rejects malformed and dangling annotation rows with file and line, and a document repeated across splits', () => {
    const { rejects } = readCodiEsp(directory, { language: 'es' })
    const train = (name: string) => join(directory, 'train', name)
    const dev = join(directory, 'dev', 'devD.tsv')
    expect(rejects).toEqual([
      { file: train('trainX.tsv'), line: 4, reason: `offsets "70 999" run past the end of the text (${S1_ES.length} characters)` },
      { file: train('trainX.tsv'), line: 5, reason: 'label "HALLAZGO" must be DIAGNOSTICO or PROCEDIMIENTO' },
      { file: dev, line: 3, reason: 'expected 2 fields, this row has 1' },
      { file: dev, line: 2, reason: 'document "D9" has no text file' },
      { file: dev, line: 4, reason: '"not a code" is not an ICD-10-CM code' },
      { file: join(directory, 'dev'), line: 0, reason: 'document S2 is also in train' },
    ])
  })

  it('reads only the splits asked for', () => {
    const { records } = readCodiEsp(directory, { language: 'es', splits: ['background'] })
    expect(records.map((record) => record.externalId)).toEqual(['B1'])
  })

  it('throws for a directory without split folders', () => {
    expect(() => readCodiEsp(join(directory, 'train', 'text_files'), { language: 'es' })).toThrow(/no CodiEsp split folder/)
  })
})

const SHARED_TITLE = HAS_SHARED_CODIESP
  ? 'readCodiEsp on the shared CodiEsp v4 corpus'
  : 'readCodiEsp on the shared CodiEsp v4 corpus — skipped: ../shared/data/codiesp is absent'

describe.skipIf(!HAS_SHARED_CODIESP)(SHARED_TITLE, () => {
  it('reads 500 train and 250 dev documents with gold codes and 2,751 background documents without', () => {
    const { records, rejects } = readCodiEsp(SHARED_CODIESP, { language: 'es' })
    const inSplit = (split: string) => records.filter((record) => record.split === split)
    expect(rejects).toEqual([])
    expect(inSplit('train')).toHaveLength(500)
    expect(inSplit('dev')).toHaveLength(250)
    expect(inSplit('background')).toHaveLength(2751)
    expect([...inSplit('train'), ...inSplit('dev')].every((record) => record.goldCodes.length > 0)).toBe(true)
    expect(inSplit('background').every((record) => record.goldCodes.length === 0 && record.mentions.length === 0)).toBe(true)
    // 5,639 train + 2,677 dev D rows, no repeats.
    expect(records.reduce((sum, record) => sum + record.goldCodes.length, 0)).toBe(8316)
    const s1 = records.find((record) => record.externalId === 'S0004-06142005000700014-1')
    expect(s1?.goldCodes.slice(0, 3)).toEqual([
      { code: 'N44.8', isPrimary: false },
      { code: 'Z20.818', isPrimary: false },
      { code: 'R60.9', isPrimary: false },
    ])
    // Every mention's spans lie inside its Spanish text.
    const outOfRange = records.flatMap((record) =>
      record.mentions.filter((mention) => mention.spans.some(([, end]) => end > (record.sections[0]?.text.length ?? 0))),
    )
    expect(outOfRange).toEqual([])
  })

  it('reads the English translations of the same documents', () => {
    const { records, rejects } = readCodiEsp(SHARED_CODIESP, { language: 'en', splits: ['dev'] })
    expect(rejects).toEqual([])
    expect(records).toHaveLength(250)
    expect(records.every((record) => record.language === 'en' && record.goldCodes.length > 0)).toBe(true)
  })
})
