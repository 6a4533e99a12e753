import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { encodeText } from '../../io/decode-text.js'
import { DEFAULT_LIMITS } from '../../limits/limits.js'
import { parseMapping, parseMappedRecords, readMappedRecords } from './read-mapped-records.js'

const mapping = parseMapping(
  JSON.stringify({
    id: 'id',
    language: 'en',
    sections: [
      { field: 'note', kind: 'clinical_text' },
      { field: 'history', kind: 'past_history' },
    ],
    diagnosisNames: { field: 'diagnoses', separator: ';' },
  }),
  'm.json',
)

function jsonl(rows: Array<Record<string, unknown>>, file = 'r.jsonl') {
  return { file, bytes: encodeText(rows.map((row) => JSON.stringify(row)).join('\n') + '\n', 'utf-8') }
}

const small = { fieldChars: 1_000, recordChars: 1_500 }

describe('import size limits and NUL characters', () => {
  it('rejects a field over fieldChars with its line, and keeps the other records', () => {
    const source = jsonl([
      { id: 'ok1', note: 'x'.repeat(1_000), history: '', diagnoses: 'HTN' },
      { id: 'big', note: 'x'.repeat(1_001), history: '', diagnoses: 'HTN' },
      { id: 'ok2', note: 'short', history: 'short', diagnoses: 'HTN' },
    ])
    const { records, rejects } = parseMappedRecords(source, mapping, 'jsonl', small)
    expect(records.map((record) => record.externalId)).toEqual(['ok1', 'ok2'])
    expect(rejects).toEqual([
      { file: 'r.jsonl', line: 2, reason: 'field "note" has 1,001 characters, over the limit of 1,000 (limit fieldChars)' },
    ])
  })

  it('rejects a record whose fields fit but whose total is over recordChars', () => {
    const source = jsonl([{ id: 'sum', note: 'a'.repeat(900), history: 'b'.repeat(700), diagnoses: 'HTN' }])
    const { records, rejects } = parseMappedRecords(source, mapping, 'jsonl', small)
    expect(records).toEqual([])
    // 900 + 700 characters of text, the titles "note" and "history" (11) and the name "HTN" (3).
    expect(rejects[0]?.reason).toBe('record has 1,614 characters, over the limit of 1,500 (limit recordChars)')
  })

  it('never stores a NUL character: the record is rejected with the field and position', () => {
    const source = jsonl([
      { id: 'nul', note: 'Chest\u0000pain', history: '', diagnoses: 'HTN' },
      { id: 'nul-name', note: 'fine', history: '', diagnoses: 'HTN;Angi\u0000na' },
      { id: 'clean', note: 'Chest pain', history: '', diagnoses: 'HTN' },
    ])
    const { records, rejects } = parseMappedRecords(source, mapping, 'jsonl')
    expect(records.map((record) => record.externalId)).toEqual(['clean'])
    expect(rejects.map((reject) => [reject.line, reject.reason])).toEqual([
      [1, 'field "note" holds a NUL character (U+0000) at character 6: the file is binary or mis-encoded there'],
      [2, 'field "diagnoses" holds a NUL character (U+0000) at character 9: the file is binary or mis-encoded there'],
    ])
  })

  it('rejects a record id longer than the app can open', () => {
    const { rejects } = parseMappedRecords(jsonl([{ id: 'i'.repeat(201), note: 'x', history: '', diagnoses: '' }]), mapping, 'jsonl')
    expect(rejects[0]?.reason).toBe('record id has 201 characters; ids are at most 200')
  })

  it('says a JSONL file whose last line is cut short ends inside a record', () => {
    const text = '{"id":"a","note":"one","history":"","diagnoses":""}\n{"id":"b","note":"tw'
    const { records, rejects } = parseMappedRecords({ file: 'cut.jsonl', bytes: encodeText(text, 'utf-8') }, mapping, 'jsonl')
    expect(records.map((record) => record.externalId)).toEqual(['a'])
    expect(rejects).toHaveLength(1)
    expect(rejects[0]).toMatchObject({ file: 'cut.jsonl', line: 2 })
    expect(rejects[0]?.reason).toMatch(/^the file ends inside this record \(cut short\?\): invalid JSON at column 21: unexpected end of input/)
  })

  describe('files', () => {
    const folder = mkdtempSync(join(tmpdir(), 'clinicoco-limits-'))
    afterAll(() => rmSync(folder, { recursive: true, force: true }))

    it('refuses a file over fileBytes before reading it, naming the file and the limit', () => {
      const path = join(folder, 'big.jsonl')
      writeFileSync(path, `${JSON.stringify({ id: 'a', note: 'x'.repeat(5_000), history: '', diagnoses: '' })}\n`)
      expect(() => readMappedRecords(path, mapping, 'jsonl', { ...DEFAULT_LIMITS, fileBytes: 4_096 })).toThrow(
        `${path}: file has 5,049 bytes, over the limit of 4,096 (limit fileBytes); split the export or ask an admin to raise the limit.`,
      )
      expect(readMappedRecords(path, mapping, 'jsonl').records).toHaveLength(1)
    })
  })
})
