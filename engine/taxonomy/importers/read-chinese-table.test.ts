import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import type { SourceFile } from '../../io/source-file.js'
import type { CodeEntry } from '../code-set-data.js'
import { parseChineseTable, readChineseTable } from './read-chinese-table.js'

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const SHARED_DATA = resolve(REPO_ROOT, '../shared/data')
const CLINICAL_2 = join(SHARED_DATA, 'icd10-cn/clinical-2.0.tsv')
const BEIJING_V601 = join(SHARED_DATA, 'chip-cdn/icd10_beijing_clinical_v601.tsv')
const CATEGORIES = join(SHARED_DATA, 'icd10-cn/disease.csv')
const CATALOGUE = join(SHARED_DATA, 'icd10-cn/disease_catalog.csv')
const HAS_SHARED_TABLES = [CLINICAL_2, BEIJING_V601, CATEGORIES, CATALOGUE].every((path) => existsSync(path))

const OPTIONS = { name: 'icd10-cn-clinical', version: '2.0', label: '国家临床版 2.0' }

function utf8(file: string, lines: string[]): SourceFile {
  return { file, bytes: new TextEncoder().encode(lines.join('\n') + '\n') }
}

function byCode(codes: CodeEntry[]): Map<string, CodeEntry> {
  return new Map(codes.map((entry) => [entry.code, entry]))
}

function ancestry(codes: Map<string, CodeEntry>, code: string): string[] {
  const chain: string[] = []
  for (let entry = codes.get(code); entry; entry = entry.parent === null ? undefined : codes.get(entry.parent)) chain.push(entry.code)
  return chain
}

const CLINICAL_LINES = [
  'code\tname',
  'A00.000\t霍乱，由于O1群霍乱弧菌，霍乱生物型所致',
  'A00.000x001\t古典生物型霍乱',
  'A00.900\t霍乱',
  'A01.001†K77.0*\t伤寒性肝炎',
  'A33.x00\t新生儿破伤风',
  'A33.x00x001\t新生儿破伤风轻型',
  'C22.101M81600/3\t胆管癌',
  'D63.0*\t肿瘤引起的贫血',
  'M80000/0\t良性肿瘤',
  'N\tN',
  'A00.900\t重复的霍乱',
  'A02.000\t',
  'V01.000\t行人在与脚踏车碰撞中的损伤',
]
const CATEGORY_LINES = ['code\tdisease', 'A00\t霍乱', 'A01\t伤寒和副伤寒', 'D63*\t分类于他处的慢性疾病引起的贫血', 'A0\t坏行']
const CATALOGUE_LINES = [
  'code_lower_bound\tcode_upper_bound\tlevel\tcatalog',
  'A00\tB99\t1\t某些传染病和寄生虫病',
  'A00\tA09\t2\t肠道传染病',
  'A30\tA49\t2\t其他细菌性疾病',
  'C00\tD48\t1\t肿瘤',
  'C15\tC26\t2\t消化器官恶性肿瘤',
  'D50\tD89\t1\t血液及造血器官疾病和涉及免疫机制的某些疾患',
  'D60\tD64\t2\t再生障碍性及其他贫血',
  'K00\tK14\t2\t口腔疾病',
  'E00\tE90\t3\t层级不对',
]

function clinicalSources(table: SourceFile = utf8('clinical.tsv', CLINICAL_LINES)) {
  return { table, categories: utf8('disease.csv', CATEGORY_LINES), catalog: utf8('catalog.csv', CATALOGUE_LINES) }
}

describe('parseChineseTable on a clinical-2.0 style table', () => {
  it('derives parents from code structure up to a synthesised category, block and chapter', () => {
    const { codeSet } = parseChineseTable(clinicalSources(), OPTIONS)
    const codes = byCode(codeSet.codes)
    expect(codeSet).toMatchObject({ name: 'icd10-cn-clinical', version: '2.0', language: 'zh', label: '国家临床版 2.0', terms: [] })
    expect(ancestry(codes, 'A00.000x001')).toEqual(['A00.000x001', 'A00.000', 'A00', 'A00-A09', 'A00-B99'])
    expect(codes.get('A00')).toEqual({ code: 'A00', title: '霍乱', parent: 'A00-A09', level: 'category', assignable: false })
    expect(codes.get('A00.000x001')).toMatchObject({ level: 'code', assignable: true })
  })

  it('places dagger/asterisk and morphology-suffixed codes by their first code', () => {
    const codes = byCode(parseChineseTable(clinicalSources(), OPTIONS).codeSet.codes)
    expect(codes.get('A01.001†K77.0*')?.parent).toBe('A01')
    expect(codes.get('A01')?.title).toBe('伤寒和副伤寒')
    expect(ancestry(codes, 'C22.101M81600/3')).toEqual(['C22.101M81600/3', 'C22', 'C15-C26', 'C00-D48'])
    // The categories file writes the asterisk category as `D63*`.
    expect(codes.get('D63')).toMatchObject({ title: '分类于他处的慢性疾病引起的贫血', parent: 'D60-D64' })
  })

  it('titles a category missing from both files after its first child', () => {
    const codes = byCode(parseChineseTable(clinicalSources(), OPTIONS).codeSet.codes)
    expect(ancestry(codes, 'A33.x00x001')).toEqual(['A33.x00x001', 'A33.x00', 'A33', 'A30-A49', 'A00-B99'])
    expect(codes.get('A33')?.title).toBe('新生儿破伤风')
    expect(codes.get('C22')?.title).toBe('胆管癌')
  })

  it('gives morphology codes and chapters beyond the catalogue a chapter of their own', () => {
    const codes = byCode(parseChineseTable(clinicalSources(), OPTIONS).codeSet.codes)
    expect(codes.get('M80000/0')?.parent).toBe('M8-M9')
    expect(codes.get('M8-M9')).toMatchObject({ level: 'chapter', parent: null })
    expect(ancestry(codes, 'V01.000')).toEqual(['V01.000', 'V01', 'V01-Y98'])
    expect(codes.get('V01-Y98')?.title).toBe('疾病和死亡的外因')
  })

  it('rejects bad rows in every file with line and reason and keeps the rest', () => {
    const { codeSet, rejects } = parseChineseTable(clinicalSources(), OPTIONS)
    expect(rejects).toEqual(
      expect.arrayContaining([
        { file: 'clinical.tsv', line: 11, reason: expect.stringContaining('"N" is neither an ICD-10 code') },
        { file: 'clinical.tsv', line: 12, reason: 'A00.900: already given on line 4' },
        { file: 'clinical.tsv', line: 13, reason: 'A02.000: empty name' },
        { file: 'disease.csv', line: 5, reason: '"A0" is not a 3-character category' },
        { file: 'catalog.csv', line: 9, reason: 'no chapter range covers block K00-K14' },
        { file: 'catalog.csv', line: 10, reason: 'level must be 1 (chapter) or 2 (block), found "3"' },
      ]),
    )
    expect(rejects).toHaveLength(6)
    const codes = byCode(codeSet.codes)
    const orphans = codeSet.codes.filter((entry) => entry.level !== 'chapter' && !codes.has(entry.parent ?? ''))
    expect(orphans).toEqual([])
    // 10 table rows, 6 synthesised categories, 3 + 4 catalogue entries, 2 extra chapters.
    expect(codeSet.codes).toHaveLength(10 + 6 + 7 + 2)
  })

  it('reads the same table saved as GB18030', () => {
    const gb: SourceFile = { file: 'clinical-gb.tsv', bytes: new Uint8Array(iconv.encode(CLINICAL_LINES.join('\n') + '\n', 'gb18030')) }
    const fromGb = parseChineseTable(clinicalSources(gb), OPTIONS).codeSet
    expect(fromGb.codes).toEqual(parseChineseTable(clinicalSources(), OPTIONS).codeSet.codes)
    expect(byCode(fromGb.codes).get('A00.000x001')?.title).toBe('古典生物型霍乱')
  })

  it('refuses a table without a header line instead of dropping its first code', () => {
    expect(() => parseChineseTable({ table: utf8('bare.tsv', CLINICAL_LINES.slice(1)) }, OPTIONS)).toThrow(
      /bare.tsv: the first line holds a code; expected a header line/,
    )
  })
})

describe('parseChineseTable on a Beijing v601 style table without catalogue', () => {
  const lines = [
    'code\tname',
    'A00\t霍乱',
    'A00.0\t霍乱,由于01群霍乱弧菌,霍乱生物型所致',
    'A00.001\t古典生物型霍乱',
    'A17+\t神经系统的结核',
    'A17.0+\t结核性脑膜炎',
    'A17.001+G01*\t结核性脑脊髓膜炎',
    'A33.x\t新生儿破伤风',
    'A33xx01\t新生儿破伤风',
    'A38.X\t猩红热',
    'A38xx02+I41.0*\t猩红热并发急性心肌炎',
    'L57.402B\t面部皮肤松弛',
  ]

  it('walks 4-character, xx-placeholder and letter-suffixed codes to their parents', () => {
    const { codeSet, rejects } = parseChineseTable({ table: utf8('v601.tsv', lines) }, { ...OPTIONS, version: 'v601' })
    const codes = byCode(codeSet.codes)
    expect(rejects).toEqual([])
    expect(ancestry(codes, 'A00.001')).toEqual(['A00.001', 'A00.0', 'A00'])
    expect(ancestry(codes, 'A17.001+G01*')).toEqual(['A17.001+G01*', 'A17.0+', 'A17+'])
    expect(ancestry(codes, 'A33xx01')).toEqual(['A33xx01', 'A33.x', 'A33'])
    expect(ancestry(codes, 'A38xx02+I41.0*')).toEqual(['A38xx02+I41.0*', 'A38.X', 'A38'])
    expect(ancestry(codes, 'L57.402B')).toEqual(['L57.402B', 'L57'])
  })

  it('leaves categories at the top without a catalogue and makes only leaf categories assignable', () => {
    const codes = byCode(parseChineseTable({ table: utf8('v601.tsv', lines) }, OPTIONS).codeSet.codes)
    expect(codes.get('A00')).toEqual({ code: 'A00', title: '霍乱', parent: null, level: 'category', assignable: false })
    expect(codes.get('A17+')).toMatchObject({ parent: null, level: 'category', assignable: false })
    expect(codes.get('A00.0')).toMatchObject({ level: 'code', assignable: true })
    expect(codes.get('L57')).toMatchObject({ title: '面部皮肤松弛', assignable: false })
  })
})

const SHARED_TITLE = HAS_SHARED_TABLES
  ? 'readChineseTable on the shared clinical 2.0 and Beijing v601 tables'
  : 'readChineseTable on the shared tables — skipped: ../shared/data/icd10-cn or chip-cdn is absent'

describe.skipIf(!HAS_SHARED_TABLES)(SHARED_TITLE, () => {
  const options = { categoriesPath: CATEGORIES, catalogPath: CATALOGUE }

  it('places every clinical 2.0 code under an existing parent', () => {
    const { codeSet, rejects } = readChineseTable(CLINICAL_2, { ...OPTIONS, ...options })
    const codes = byCode(codeSet.codes)
    expect(rejects).toEqual([])
    expect(codes.size).toBe(codeSet.codes.length)
    expect(codeSet.codes.filter((entry) => entry.level !== 'chapter' && !codes.has(entry.parent ?? ''))).toEqual([])
    // Every row is assignable: its only 3-character rows are 11 asterisk
    // categories (`G01*`) with no finer codes under them.
    expect(codeSet.codes.filter((entry) => entry.assignable)).toHaveLength(37_294)
    expect(codeSet.codes.filter((entry) => entry.level === 'chapter')).toHaveLength(19 + 3 + 1)
    expect(ancestry(codes, 'I10.x00x002').slice(1)).toEqual(['I10.x00', 'I10', 'I10-I15', 'I00-I99'])
  })

  it('places every Beijing v601 code under an existing parent and rejects the stray "N" row', () => {
    const { codeSet, rejects } = readChineseTable(BEIJING_V601, { ...OPTIONS, version: 'v601', ...options })
    const codes = byCode(codeSet.codes)
    expect(rejects).toEqual([{ file: BEIJING_V601, line: 19_744, reason: expect.stringContaining('"N" is neither') }])
    expect(codeSet.codes.filter((entry) => entry.level !== 'chapter' && !codes.has(entry.parent ?? ''))).toEqual([])
    expect(ancestry(codes, 'A00.001')).toEqual(['A00.001', 'A00.0', 'A00', 'A00-A09', 'A00-B99'])
    expect(codes.size).toBeGreaterThan(40_473)
  })
})
