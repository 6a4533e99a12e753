import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CodeEntry } from '../code-set-data.js'
import { readIcd10cm } from './read-icd10cm.js'

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const SHARED_ICD10CM = resolve(REPO_ROOT, '../shared/data/icd10cm')
const HAS_SHARED_ICD10CM = existsSync(join(SHARED_ICD10CM, 'icd10cm2019.tsv'))

const TABLE_HEADER = 'code\tbillable\tshort_desc\tlong_desc\tthree_digit\tmajor\tsub_chapter\tchapter'
const DIABETES_BLOCK = 'Diabetes Mellitus'
const ENDOCRINE = 'Endocrine, nutritional and metabolic diseases'

function tableRow(code: string, billable: string, short: string, long: string, block = DIABETES_BLOCK, chapter = ENDOCRINE): string {
  return [code, billable, short, long, code.slice(0, 3), '', block, chapter].join('\t')
}

function byCode(codes: CodeEntry[]): Map<string, CodeEntry> {
  return new Map(codes.map((entry) => [entry.code, entry]))
}

describe('readIcd10cm on a generated directory', () => {
  let directory = ''
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'clinicoco-icd10cm-'))
    writeFileSync(
      join(directory, 'icd10_chapters.tsv'),
      ['name\tstart\tend', `${ENDOCRINE}\tE00\tE89`, 'Neoplasms\tC00\tD49', 'Broken chapter\tE9\tE99'].join('\n') + '\n',
    )
    writeFileSync(
      join(directory, 'icd10_sub_chapters.tsv'),
      [
        'name\tstart\tend',
        `${DIABETES_BLOCK}\tE08\tE13`,
        'Melanoma And Other Malignant Neoplasms Of Skin\tC43\tC44',
        'Malignant Neoplasms Of Mesothelial And Soft Tissue\tC45\tC49',
      ].join('\n') + '\n',
    )
    const skin = 'Melanoma And Other Malignant Neoplasms Of Skin'
    writeFileSync(
      join(directory, 'icd10cm2019.tsv'),
      [
        TABLE_HEADER,
        tableRow('E11', 'FALSE', 'Type 2 diabetes mellitus', 'Type 2 diabetes mellitus'),
        tableRow('E116', 'FALSE', 'Type 2 diabetes w oth complications', 'Type 2 diabetes mellitus with other specified complications'),
        tableRow('E1165', 'TRUE', 'Type 2 diabetes mellitus with hyperglycemia', 'Type 2 diabetes mellitus with hyperglycemia'),
        tableRow('E119', 'TRUE', 'Type 2 diabetes mellitus w/o complications', 'Type 2 diabetes mellitus without complications'),
        tableRow('E08', 'FALSE', 'Diabetes due to underlying condition', 'Diabetes mellitus due to underlying condition'),
        tableRow('E0837', 'FALSE', 'Diab due to undrl cond w diab mclr edema', 'Diabetes mellitus due to underlying condition with diabetic macular edema'),
        tableRow('E0837X1', 'TRUE', 'Diab mclr edema, resolved, right eye', 'Diabetic macular edema, resolved following treatment, right eye'),
        tableRow('E119', 'TRUE', 'duplicate', 'Duplicate of E11.9'),
        tableRow('E11.8', 'TRUE', 'dotted', 'A code written with a dot'),
        tableRow('E118', 'maybe', 'x', 'Unknown billable flag'),
        // The FY2019 file files C48 under the skin block; the range says C45-C49.
        tableRow('C48', 'FALSE', 'Malig neoplasm of retroperiton and peritoneum', 'Malignant neoplasm of retroperitoneum and peritoneum', skin, 'Neoplasms'),
        // No range covers C4A (letters sort after digits): the row's sub_chapter places it.
        tableRow('C4A', 'FALSE', 'Merkel cell carcinoma', 'Merkel cell carcinoma', skin, 'Neoplasms'),
        'E12\tTRUE\ttoo few fields',
      ].join('\n') + '\n',
    )
    writeFileSync(
      join(directory, 'index-2025-paths.tsv'),
      [
        'row_id\tlevel\tterm_path\tnonessential_modifiers\tcode\tsee\tsee_also',
        '1\t0\tDiabetes, diabetic\t(mellitus)\tE11.9\t\t',
        '2\t1\tDiabetes, diabetic | type 2 | with | hyperglycemia\t\tE11.65\t\t',
        '3\t1\tDiabetes, diabetic | type 2 | with | complication\t\tE11.6-\t\t',
        '4\t1\tDiabetes, diabetic | type 2 | with | foot ulcer\t\tE11.621\t\t',
        '5\t0\tDiabetic\t\t\tDiabetes\t',
        '6\t0\tType 2 diabetes mellitus\t\tE11\t\t',
        '7\t0\tDiabetes, diabetic\t\tE11.9\t\t',
      ].join('\n') + '\n',
    )
  })
  afterAll(() => rmSync(directory, { recursive: true, force: true }))

  it('builds chapter → block → category → subcodes with dotted codes', () => {
    const { codeSet } = readIcd10cm(directory)
    const codes = byCode(codeSet.codes)
    expect(codeSet).toMatchObject({ name: 'icd10cm', version: '2019', language: 'en', label: 'ICD-10-CM 2019 (CMS/NCHS)' })
    expect(codes.get('E00-E89')).toEqual({ code: 'E00-E89', title: ENDOCRINE, parent: null, level: 'chapter', assignable: false })
    expect(codes.get('E08-E13')).toEqual({ code: 'E08-E13', title: DIABETES_BLOCK, parent: 'E00-E89', level: 'block', assignable: false })
    expect(codes.get('E11')).toMatchObject({ parent: 'E08-E13', level: 'category', assignable: false })
    expect(codes.get('E11.9')).toEqual({
      code: 'E11.9',
      title: 'Type 2 diabetes mellitus without complications',
      parent: 'E11',
      level: 'code',
      assignable: true,
    })
    expect(codes.get('E11.65')?.parent).toBe('E11.6')
    expect(codes.get('E11.6')?.parent).toBe('E11')
  })

  it('puts a placeholder code under the longest code that exists', () => {
    const codes = byCode(readIcd10cm(directory).codeSet.codes)
    expect(codes.get('E08.37X1')?.parent).toBe('E08.37')
  })

  it('places categories by the narrowest range, falling back to the sub_chapter column', () => {
    const codes = byCode(readIcd10cm(directory).codeSet.codes)
    expect(codes.get('C48')?.parent).toBe('C45-C49')
    expect(codes.get('C4A')?.parent).toBe('C43-C44')
  })

  it('keeps a differing short description as a synonym and index paths as index terms', () => {
    const { codeSet, indexRowsOutsideTable } = readIcd10cm(directory)
    const termsOf = (code: string) => codeSet.terms.filter((term) => term.code === code).map((term) => [term.kind, term.term])
    expect(termsOf('E11.9')).toEqual([
      ['synonym', 'Type 2 diabetes mellitus w/o complications'],
      ['index', 'Diabetes, diabetic'],
    ])
    expect(termsOf('E11.65')).toEqual([['index', 'Diabetes, diabetic | type 2 | with | hyperglycemia']])
    // `E11.6-` (more characters needed) attaches to the stem E11.6.
    expect(termsOf('E11.6')).toContainEqual(['index', 'Diabetes, diabetic | type 2 | with | complication'])
    // A path equal to the title adds nothing; E11.621 is not in this table.
    expect(termsOf('E11')).toEqual([])
    expect(indexRowsOutsideTable).toBe(1)
    expect(codeSet.terms.every((term) => term.language === 'en')).toBe(true)
  })

  it('rejects bad rows with file, line and reason and keeps the rest', () => {
    const { codeSet, rejects } = readIcd10cm(directory)
    const table = join(directory, 'icd10cm2019.tsv')
    expect(rejects).toEqual(
      expect.arrayContaining([
        { file: join(directory, 'icd10_chapters.tsv'), line: 4, reason: 'range E9-E99 must run between three-character codes' },
        { file: table, line: 9, reason: 'code E119 already given on line 5' },
        { file: table, line: 10, reason: expect.stringContaining('"E11.8" is not an ICD-10-CM code') },
        { file: table, line: 11, reason: 'billable must be TRUE or FALSE, found "maybe"' },
        { file: table, line: 14, reason: 'the header has 8 fields, this row has 3' },
      ]),
    )
    expect(rejects).toHaveLength(5)
    expect(codeSet.codes).toHaveLength(2 + 3 + 9)
  })
})

const SHARED_TITLE = HAS_SHARED_ICD10CM
  ? 'readIcd10cm on the shared FY2019 files'
  : 'readIcd10cm on the shared FY2019 files — skipped: ../shared/data/icd10cm is absent'

describe.skipIf(!HAS_SHARED_ICD10CM)(SHARED_TITLE, () => {
  it('reads every code with its hierarchy and index terms within a few seconds', () => {
    const started = performance.now()
    const { codeSet, rejects, indexRowsOutsideTable } = readIcd10cm(SHARED_ICD10CM)
    const elapsedMs = performance.now() - started
    const codes = byCode(codeSet.codes)
    const count = (level: string) => codeSet.codes.filter((entry) => entry.level === level).length

    expect(rejects).toEqual([])
    expect(count('chapter')).toBe(21)
    expect(count('block')).toBe(283)
    expect(count('category')).toBe(1910)
    expect(count('code')).toBe(92_534)
    expect(codeSet.codes.filter((entry) => entry.assignable)).toHaveLength(71_932)
    expect(codes.size).toBe(codeSet.codes.length)
    const misplaced = codeSet.codes.filter((entry) =>
      entry.level === 'chapter' ? entry.parent !== null : !codes.has(entry.parent ?? ''),
    )
    expect(misplaced).toEqual([])
    expect(codes.get('E11.9')?.parent).toBe('E11')
    expect(codes.get('E11')?.parent).toBe('E08-E13')
    expect(codes.get('E08-E13')).toMatchObject({ level: 'block', parent: 'E00-E89' })
    expect(codes.get('C7A')?.parent).toBe('C7A-C7A')
    expect(codes.get('M15')?.parent).toBe('M15-M19')

    const index = codeSet.terms.filter((term) => term.kind === 'index')
    const synonyms = codeSet.terms.filter((term) => term.kind === 'synonym')
    expect(synonyms).toHaveLength(53_308)
    expect(index.length).toBeGreaterThan(55_000)
    expect(index.length).toBeLessThan(65_000)
    expect(indexRowsOutsideTable).toBeGreaterThan(2_000)
    expect(indexRowsOutsideTable).toBeLessThan(4_000)
    expect(index).toContainEqual({ code: 'E11.9', term: 'Diabetes, diabetic | type 2', language: 'en', kind: 'index' })
    // 1.6 s on the 2-core dev machine; the bound leaves room for a loaded CI runner.
    expect(elapsedMs).toBeLessThan(10_000)
  })
})
