import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { encodeText } from '../../io/decode-text.js'
import { parseMapping, parseMappedRecords, readMappedRecords, readMapping, recordFormatOf } from './read-mapped-records.js'

const MAPPING = parseMapping(
  JSON.stringify({
    id: 'visit_no',
    language: 'zh',
    split: 'split',
    patientId: 'patient',
    department: 'dept',
    admittedAt: 'admitted',
    dischargedAt: 'discharged',
    sections: [
      { field: '主诉', kind: 'chief_complaint' },
      { field: '现病史', kind: 'present_illness', title: 'Present illness' },
    ],
    diagnosisNames: { field: '出院诊断', separator: ';' },
    goldCodes: { field: 'icd', separator: '|' },
    primaryCode: 'main_icd',
  }),
  'mapping.json',
)

const HEADER = 'visit_no,split,patient,dept,admitted,discharged,主诉,现病史,出院诊断,icd,main_icd'

function utf8(file: string, text: string) {
  return { file, bytes: encodeText(text, 'utf-8') }
}

describe('parseMappedRecords from CSV', () => {
  it('maps fields to sections, names, gold codes, ids, split and ISO dates', () => {
    const text = [
      HEADER,
      'V001,train,P9,心内科,2024/3/1,2024-03-09 10:30,胸痛3天,"患者3天前出现胸痛,伴气促。\n既往高血压。",冠心病; 高血压3级;;,I25.1|I10,I25.1',
      'V002,,P8,,,,,咳嗽,,j18.9|J18.9,J44.1',
    ].join('\n')
    const { records, rejects } = parseMappedRecords(utf8('visits.csv', text), MAPPING, 'csv')
    expect(rejects).toEqual([])
    expect(records).toEqual([
      {
        externalId: 'V001',
        language: 'zh',
        split: 'train',
        patientId: 'P9',
        department: '心内科',
        admittedAt: '2024-03-01',
        dischargedAt: '2024-03-09T10:30:00',
        sections: [
          { kind: 'chief_complaint', title: '主诉', text: '胸痛3天' },
          { kind: 'present_illness', title: 'Present illness', text: '患者3天前出现胸痛,伴气促。\n既往高血压。' },
        ],
        diagnosisNames: [
          { text: '冠心病', isPrimary: true },
          { text: '高血压3级', isPrimary: false },
        ],
        goldCodes: [
          { code: 'I25.1', isPrimary: true },
          { code: 'I10', isPrimary: false },
        ],
        mentions: [],
      },
      {
        externalId: 'V002',
        language: 'zh',
        split: 'none',
        patientId: 'P8',
        // The empty 主诉 section is skipped; the primary code is added in front.
        sections: [{ kind: 'present_illness', title: 'Present illness', text: '咳嗽' }],
        diagnosisNames: [],
        goldCodes: [
          { code: 'J44.1', isPrimary: true },
          { code: 'j18.9', isPrimary: false },
        ],
        mentions: [],
      },
    ])
  })

  it('rejects rows without an id, with a repeated id, a bad split or date, keeping the others', () => {
    const text = [
      HEADER,
      'V1,train,,,,,a,,,,',
      ',train,,,,,no id here,,,,',
      'V1,dev,,,,,repeat,,,,',
      'V2,holdout,,,,,bad split,,,,',
      'V3,,,,2024-02-30,,bad date,,,,',
      'V4,,,,2024-03-05,2024-03-01,backwards,,,,',
      'V5,"unclosed,,,,,x,,,,',
      'V6,test,,,20240301,2024年3月8日,ok,,,,',
    ].join('\n')
    const { records, rejects } = parseMappedRecords(utf8('bad.csv', text), MAPPING, 'csv')
    expect(records.map((record) => record.externalId)).toEqual(['V1', 'V6'])
    expect(records[1]).toMatchObject({ split: 'test', admittedAt: '2024-03-01', dischargedAt: '2024-03-08' })
    expect(rejects).toEqual([
      { file: 'bad.csv', line: 3, reason: 'no id in field "visit_no"' },
      { file: 'bad.csv', line: 4, reason: 'id V1 already used on line 2' },
      { file: 'bad.csv', line: 5, reason: 'split "holdout" must be one of train, dev, test, background, none' },
      { file: 'bad.csv', line: 6, reason: 'field "admitted": "2024-02-30" is not a date (YYYY-MM-DD, optionally with HH:MM[:SS])' },
      { file: 'bad.csv', line: 7, reason: 'discharged 2024-03-01 before admitted 2024-03-05' },
      { file: 'bad.csv', line: 8, reason: 'the quote opened in field 2 on line 8 is never closed' },
    ])
  })

  it('throws naming every mapped field the header lacks', () => {
    const text = 'visit_no,主诉\nV1,胸痛\n'
    expect(() => parseMappedRecords(utf8('short.csv', text), MAPPING, 'csv')).toThrow(
      /short.csv: missing fields "现病史", "split", "patient", "dept", "admitted", "discharged", "出院诊断", "icd", "main_icd" in the header/,
    )
  })

  it('reads a GB18030 semicolon file with a per-record language and a primary diagnosis field', () => {
    const mapping = parseMapping(
      JSON.stringify({
        id: 'id',
        language: { field: 'lang' },
        sections: [{ field: 'text', kind: 'clinical_text' }],
        diagnosisNames: { field: 'names', separator: '、' },
        primaryDiagnosisName: 'main',
        encoding: 'gb18030',
        delimiter: ';',
      }),
      'm.json',
    )
    const text = 'id;lang;text;names;main\n1;zh;发热;肺炎、发热;肺炎\n2;en;fever;fever;sepsis\n3;;x;;\n4;not a tag;x;;\n5;zh;x;a、b;\n'
    const { records, rejects } = parseMappedRecords({ file: 'gb.csv', bytes: new Uint8Array(iconv.encode(text, 'gb18030')) }, mapping, 'csv')
    expect(records.map((record) => [record.externalId, record.language, record.diagnosisNames])).toEqual([
      ['1', 'zh', [{ text: '肺炎', isPrimary: true }, { text: '发热', isPrimary: false }]],
      ['2', 'en', [{ text: 'sepsis', isPrimary: true }, { text: 'fever', isPrimary: false }]],
      // The primary field is empty: no name is promoted by guesswork.
      ['5', 'zh', [{ text: 'a', isPrimary: false }, { text: 'b', isPrimary: false }]],
    ])
    expect(rejects).toEqual([
      { file: 'gb.csv', line: 4, reason: 'no language in field "lang"' },
      { file: 'gb.csv', line: 5, reason: 'language "not a tag" is not a language tag such as zh or en' },
    ])
  })
})

describe('parseMappedRecords from JSON and JSONL', () => {
  const mapping = parseMapping(
    JSON.stringify({
      id: 'id',
      language: 'en',
      sections: [{ field: 'note', kind: 'clinical_text', title: 'Note' }],
      diagnosisNames: { field: 'diagnoses' },
      goldCodes: { field: 'codes' },
    }),
    'm.json',
  )

  it('reads a JSON array with list fields and rejects a record by the line it starts on', () => {
    const text = `[
  {"id": "a1", "note": "Chest pain.", "diagnoses": ["Angina", " ", "Angina"], "codes": ["I20.9"]},
  {"id": 42, "note": "Cough", "diagnoses": "Bronchitis", "codes": []},
  {"note": "no id"},
  "not an object",
  {"id": "a3", "note": {"nested": true}}
]`
    const { records, rejects } = parseMappedRecords(utf8('r.json', text), mapping, 'json')
    expect(records).toEqual([
      {
        externalId: 'a1',
        language: 'en',
        split: 'none',
        sections: [{ kind: 'clinical_text', title: 'Note', text: 'Chest pain.' }],
        diagnosisNames: [{ text: 'Angina', isPrimary: true }],
        goldCodes: [{ code: 'I20.9', isPrimary: false }],
        mentions: [],
      },
      {
        externalId: '42',
        language: 'en',
        split: 'none',
        sections: [{ kind: 'clinical_text', title: 'Note', text: 'Cough' }],
        diagnosisNames: [{ text: 'Bronchitis', isPrimary: true }],
        goldCodes: [],
        mentions: [],
      },
    ])
    expect(rejects).toEqual([
      { file: 'r.json', line: 4, reason: 'no id in field "id"' },
      { file: 'r.json', line: 5, reason: 'array element 4 is not an object' },
      { file: 'r.json', line: 6, reason: 'field "note" holds an object; expected text' },
    ])
  })

  it('throws naming line and column of truncated JSON', () => {
    const text = '[\n  {"id": "a1", "note": "x"},\n  {"id": "a2", "note": "cut off'
    expect(() => parseMappedRecords(utf8('cut.json', text), mapping, 'json')).toThrow(
      'cut.json: invalid JSON at line 3, column 32: unexpected end of input, expected the closing quote of the string opened at column 24',
    )
  })

  it('throws when a mapped field is in no record at all', () => {
    const text = '[{"id": "a1", "note": "x", "diagnoses": []}]'
    expect(() => parseMappedRecords(utf8('r.json', text), mapping, 'json')).toThrow('r.json: missing field "codes": no record has it.')
  })

  it('rejects a JSONL line that is not JSON and keeps the lines around it', () => {
    const text = '{"id":"j1","note":"one","diagnoses":[],"codes":["A00"]}\n{"id":"j2","note":\n\n{"id":"j3","note":"three","diagnoses":[],"codes":[]}\r\n[1]\n'
    const { records, rejects } = parseMappedRecords(utf8('r.jsonl', text), mapping, 'jsonl')
    expect(records.map((record) => record.externalId)).toEqual(['j1', 'j3'])
    expect(rejects).toEqual([
      { file: 'r.jsonl', line: 2, reason: 'invalid JSON at column 19: unexpected end of input, expected a value' },
      { file: 'r.jsonl', line: 5, reason: 'the line is JSON but not an object' },
    ])
  })
})

describe('parseMapping', () => {
  it('fills defaults for language, delimiter and encoding', () => {
    const mapping = parseMapping('{"id":"id","sections":[{"field":"text","kind":"other"}]}', 'm.json')
    expect(mapping).toMatchObject({ language: 'en', delimiter: 'auto', encoding: 'auto' })
  })

  it('names the path of each bad field', () => {
    const text = JSON.stringify({ id: '', sections: [{ field: 'a', kind: 'chief_complaint' }, { field: 'b', kind: 'diagnosis' }], encoding: 'latin1' })
    let message = ''
    try {
      parseMapping(text, 'bad-mapping.json')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/^bad-mapping.json: invalid import mapping: /)
    expect(message).toContain('id: ')
    expect(message).toContain('sections[1].kind: ')
    expect(message).toContain('encoding: ')
  })

  it('names the line of a JSON syntax error in the mapping', () => {
    expect(() => parseMapping('{\n  "id": "x",\n  "sections": [}\n', 'm.json')).toThrow(/^m.json: invalid JSON at line 3, column 16/)
  })
})

describe('readMappedRecords and readMapping', () => {
  const directory = mkdtempSync(join(tmpdir(), 'clinicoco-mapped-'))
  afterAll(() => rmSync(directory, { recursive: true, force: true }))

  it('picks the format from the extension and reads a UTF-8 BOM mapping and UTF-16 records', () => {
    const mappingPath = join(directory, 'mapping.json')
    writeFileSync(mappingPath, `\uFEFF${JSON.stringify({ id: 'id', sections: [{ field: 'text', kind: 'clinical_text' }] })}`)
    const recordsPath = join(directory, 'records.tsv')
    writeFileSync(recordsPath, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id\ttext\r\nR1\t腹痛\r\n', 'utf16le')]))
    const { records, rejects } = readMappedRecords(recordsPath, readMapping(mappingPath))
    expect(rejects).toEqual([])
    expect(records.map((record) => [record.externalId, record.sections[0]?.text])).toEqual([['R1', '腹痛']])
    expect([recordFormatOf('a.JSON'), recordFormatOf('a.ndjson'), recordFormatOf('a.jsonl'), recordFormatOf('a.txt')]).toEqual([
      'json',
      'jsonl',
      'jsonl',
      'csv',
    ])
  })
})

describe('the patient sex and age', () => {
  const mapping = (extra: Record<string, string>) =>
    parseMapping(JSON.stringify({ id: 'id', admittedAt: 'admitted', sections: [{ field: 'text', kind: 'clinical_text' }], ...extra }), 'mapping.json')

  it('imports sex and age where mapped, and leaves unknown values absent', () => {
    const text = ['id,admitted,text,性别,年龄', 'A,2024-01-02,x,男,74岁', 'B,2024-01-02,x,9,', 'C,2024-01-02,x,F,31'].join('\n')
    const { records, rejects } = parseMappedRecords(utf8('a.csv', text), mapping({ sex: '性别', age: '年龄' }), 'csv')
    expect(rejects).toEqual([])
    expect(records.map(({ externalId, sex, age }) => ({ externalId, sex, age }))).toEqual([
      { externalId: 'A', sex: 'male', age: 74 },
      { externalId: 'B', sex: undefined, age: undefined },
      { externalId: 'C', sex: 'female', age: 31 },
    ])
  })

  it('computes years and days from a birth date and the admission date', () => {
    const text = ['id,admitted,text,dob', 'N1,2024-03-11,x,2024-03-01'].join('\n')
    const { records } = parseMappedRecords(utf8('a.csv', text), mapping({ birthDate: 'dob' }), 'csv')
    expect(records[0]).toMatchObject({ age: 0, ageDays: 10 })
  })

  it('rejects a row whose sex or age cannot be read, with its line, and keeps the others', () => {
    const text = ['id,admitted,text,sex,age', 'A,2024-01-02,x,X7,40', 'B,2024-01-02,x,M,forty', 'C,2024-01-02,x,M,40'].join('\n')
    const { records, rejects } = parseMappedRecords(utf8('a.csv', text), mapping({ sex: 'sex', age: 'age' }), 'csv')
    expect(records.map((record) => record.externalId)).toEqual(['C'])
    expect(rejects).toEqual([
      { file: 'a.csv', line: 2, reason: expect.stringContaining('field "sex": "X7" is not a sex') },
      { file: 'a.csv', line: 3, reason: expect.stringContaining('field "age": "forty" is not an age') },
    ])
  })
})
