import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { encodeText } from '../../io/decode-text.js'
import { parseCodeCsv, readCodeCsv } from './read-code-csv.js'

const OPTIONS = { name: 'local', version: '1', language: 'en', label: 'Local codes' }

function source(file: string, text: string) {
  return { file, bytes: encodeText(text, 'utf-8') }
}

describe('parseCodeCsv', () => {
  it('reads code, title and parent in any column order, ignores extra columns and infers levels', () => {
    const text = [
      'Title,Code,Note,Parent',
      'Circulatory system,IX,chapter,',
      'Hypertensive diseases,I10-I15,block,IX',
      '"Essential (primary) hypertension",I10,,I10-I15',
      '"Hypertensive heart disease, with heart failure",I11.0,"note, quoted",I11',
      'Hypertensive heart disease,I11,,I10-I15',
      'Stand-alone code,X99.9,,',
    ].join('\r\n')
    const { codeSet, rejects } = parseCodeCsv(source('codes.csv', text), OPTIONS)
    expect(rejects).toEqual([])
    expect(codeSet).toMatchObject({ name: 'local', version: '1', language: 'en', label: 'Local codes', terms: [] })
    expect(codeSet.codes).toEqual([
      { code: 'IX', title: 'Circulatory system', parent: null, level: 'chapter', assignable: false },
      { code: 'I10-I15', title: 'Hypertensive diseases', parent: 'IX', level: 'block', assignable: false },
      { code: 'I10', title: 'Essential (primary) hypertension', parent: 'I10-I15', level: 'category', assignable: true },
      { code: 'I11.0', title: 'Hypertensive heart disease, with heart failure', parent: 'I11', level: 'code', assignable: true },
      { code: 'I11', title: 'Hypertensive heart disease', parent: 'I10-I15', level: 'category', assignable: false },
      { code: 'X99.9', title: 'Stand-alone code', parent: null, level: 'code', assignable: true },
    ])
  })

  it('rejects duplicate codes, empty titles, unknown parents and cycles by line, and what hangs below them', () => {
    const text = [
      'code;title;parent',
      'A;Chapter A;',
      'A1;Good child;A',
      'A1;Duplicate child;A',
      'A2;;A',
      'B1;Orphan;NOPE',
      'B2;Child of orphan;B1',
      'C1;Loop one;C2',
      'C2;Loop two;C1',
      'C3;Below the loop;C1',
      'D1;Own parent;D1',
      'A3;Kept after all that;A',
    ].join('\n')
    const { codeSet, rejects } = parseCodeCsv(source('bad.csv', text), OPTIONS)
    expect(rejects).toEqual([
      { file: 'bad.csv', line: 4, reason: 'A1: duplicate code, first given on line 3' },
      { file: 'bad.csv', line: 5, reason: 'A2: empty title' },
      { file: 'bad.csv', line: 6, reason: 'B1: parent NOPE is not in the code set' },
      { file: 'bad.csv', line: 7, reason: 'B2: parent B1 was rejected (bad.csv line 6)' },
      { file: 'bad.csv', line: 8, reason: 'C1: parent chain forms a cycle: C1 → C2 → C1' },
      { file: 'bad.csv', line: 9, reason: 'C2: parent chain forms a cycle: C1 → C2 → C1' },
      { file: 'bad.csv', line: 10, reason: 'C3: parent C1 was rejected (bad.csv line 8)' },
      { file: 'bad.csv', line: 11, reason: 'D1: is its own parent' },
    ])
    expect(codeSet.codes.map((entry) => entry.code)).toEqual(['A', 'A1', 'A3'])
  })

  it('reports a malformed CSV row with its line while the other rows import', () => {
    const text = 'code,title\nK35,"Acute appendicitis\nK36,Other appendicitis\nK37,"Unspecified appendicitis"\n'
    const { codeSet, rejects } = parseCodeCsv(source('quotes.csv', text), OPTIONS)
    expect(rejects).toHaveLength(1)
    expect(rejects[0]).toMatchObject({ file: 'quotes.csv', line: 2 })
    expect(codeSet.codes.map((entry) => entry.code)).toEqual(['K36', 'K37'])
  })

  it('throws naming the missing column', () => {
    expect(() => parseCodeCsv(source('x.csv', 'code,name\nA,B\n'), OPTIONS)).toThrow(
      'x.csv: missing column "title" in the header (found: code, name).',
    )
  })
})

describe('readCodeCsv', () => {
  const directory = mkdtempSync(join(tmpdir(), 'clinicoco-code-csv-'))
  afterAll(() => rmSync(directory, { recursive: true, force: true }))

  it('reads a GB18030 tab-separated file and a UTF-16 file with Chinese titles', () => {
    const text = 'code\ttitle\tparent\nI10\t特发性（原发性）高血压\t\nI10.x00x002\t高血压病\tI10\n'
    const gbPath = join(directory, 'gb.tsv')
    const utf16Path = join(directory, 'utf16.csv')
    writeFileSync(gbPath, iconv.encode(text, 'gb18030'))
    writeFileSync(utf16Path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
    for (const path of [gbPath, utf16Path]) {
      const { codeSet, rejects } = readCodeCsv(path, { ...OPTIONS, language: 'zh' })
      expect(rejects).toEqual([])
      expect(codeSet.codes.map((entry) => [entry.code, entry.title, entry.parent])).toEqual([
        ['I10', '特发性（原发性）高血压', null],
        ['I10.x00x002', '高血压病', 'I10'],
      ])
    }
  })

  it('throws naming a file it cannot read', () => {
    expect(() => readCodeCsv(join(directory, 'absent.csv'), OPTIONS)).toThrow(/Cannot read .*absent.csv/)
  })
})
