import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../contract/result.js'
import { columnIndexes, detectDelimiter, parseDelimited } from './delimited.js'

describe('parseDelimited with RFC 4180 quoting', () => {
  it('reads quoted delimiters, doubled quotes and line breaks, and gives each row its starting line', () => {
    const text = 'id,text,note\r\n1,"chest pain, 3 days","he said ""ouch"""\r\n2,"line one\r\nline two\nline three",x\r\n3,plain,\r\n'
    const table = parseDelimited(text, { file: 'r.csv' })
    expect(table.delimiter).toBe(',')
    expect(table.header).toEqual(['id', 'text', 'note'])
    expect(table.rejects).toEqual([])
    expect(table.rows).toEqual([
      { line: 2, fields: ['1', 'chest pain, 3 days', 'he said "ouch"'] },
      { line: 3, fields: ['2', 'line one\r\nline two\nline three', 'x'] },
      { line: 6, fields: ['3', 'plain', ''] },
    ])
  })

  it('rejects a row with an unclosed quote and still parses the rows after it', () => {
    const text = 'id,text\n1,ok\n2,"never closed\n3,fine\n4,"also fine"\n'
    const table = parseDelimited(text, { file: 'r.csv' })
    expect(table.rejects).toEqual([
      { file: 'r.csv', line: 3, reason: 'unexpected text after the closing quote of field 2 on line 5 (the quote opened on line 3)' },
    ])
    expect(table.rows.map((row) => row.fields[0])).toEqual(['1', '3', '4'])
    expect(table.rows.map((row) => row.line)).toEqual([2, 4, 5])
  })

  it('rejects a quote that is never closed before the end of the file', () => {
    const table = parseDelimited('id,text\n1,ok\n2,"open to the end\n', { file: 'r.csv' })
    expect(table.rejects).toEqual([{ file: 'r.csv', line: 3, reason: 'the quote opened in field 2 on line 3 is never closed' }])
    expect(table.rows).toEqual([{ line: 2, fields: ['1', 'ok'] }])
  })

  it('rejects a stray quote inside an unquoted field', () => {
    const table = parseDelimited('id,size\n1,5" tall\n2,6 ft\n', { file: 'r.csv' })
    expect(table.rejects).toHaveLength(1)
    expect(table.rejects[0]).toMatchObject({ line: 2, reason: expect.stringContaining('stray quote in unquoted field 2 on line 2') })
    expect(table.rows).toEqual([{ line: 3, fields: ['2', '6 ft'] }])
  })

  it('rejects text after a closing quote', () => {
    const table = parseDelimited('a,b\n"x"y,1\n2,3\n', { file: 'r.csv' })
    expect(table.rejects[0]).toMatchObject({ line: 2, reason: 'unexpected text after the closing quote of field 1 on line 2' })
    expect(table.rows).toEqual([{ line: 3, fields: ['2', '3'] }])
  })

  it('rejects a row whose field count differs from the header, with both counts', () => {
    const table = parseDelimited('a,b,c\n1,2,3\n1,2\n1,2,3,4\n7,8,9', { file: 'r.csv' })
    expect(table.rejects).toEqual([
      { file: 'r.csv', line: 3, reason: 'the header has 3 fields, this row has 2' },
      { file: 'r.csv', line: 4, reason: 'the header has 3 fields, this row has 4' },
    ])
    expect(table.rows.map((row) => row.line)).toEqual([2, 5])
  })

  it('skips blank lines without shifting line numbers', () => {
    const table = parseDelimited('a;b\n\n1;2\n\r\n3;4\n', { file: 'r.csv' })
    expect(table.delimiter).toBe(';')
    expect(table.rows).toEqual([
      { line: 3, fields: ['1', '2'] },
      { line: 5, fields: ['3', '4'] },
    ])
  })

  it('throws for a malformed header line, since no row can be read without it', () => {
    expect(() => parseDelimited('"id,text\n1,2\n', { file: 'h.csv' })).toThrow(/h.csv: the header line is malformed/)
    expect(() => parseDelimited('', { file: 'e.csv' })).toThrow(/e.csv: the file is empty/)
  })
})

describe('parseDelimited in plain TSV mode', () => {
  it('treats quotes as ordinary characters', () => {
    const table = parseDelimited('code\tname\nX01\tscrew 5" long\nX02\t"quoted"\n', { file: 't.tsv', quoting: 'none' })
    expect(table.delimiter).toBe('\t')
    expect(table.rows).toEqual([
      { line: 2, fields: ['X01', 'screw 5" long'] },
      { line: 3, fields: ['X02', '"quoted"'] },
    ])
  })

  it('checks a fixed column count when there is no header', () => {
    const table = parseDelimited('d1\tn44.8\nd2\r\nd3\tr52\n', { file: 'D.tsv', delimiter: '\t', quoting: 'none', header: false, columns: 2 })
    expect(table.header).toEqual([])
    expect(table.rows).toEqual([
      { line: 1, fields: ['d1', 'n44.8'] },
      { line: 3, fields: ['d3', 'r52'] },
    ])
    expect(table.rejects).toEqual([{ file: 'D.tsv', line: 2, reason: 'expected 2 fields, this row has 1' }])
  })
})

describe('detectDelimiter', () => {
  it('picks the candidate seen most often outside quotes', () => {
    expect(detectDelimiter('id,name,text')).toBe(',')
    expect(detectDelimiter('id;name;"a,b,c,d"')).toBe(';')
    expect(detectDelimiter('id\tname\ttext')).toBe('\t')
    expect(detectDelimiter('id|name')).toBe('|')
    expect(detectDelimiter('single')).toBe(',')
  })
})

describe('columnIndexes', () => {
  it('names every missing and every repeated column', () => {
    expect(columnIndexes(['id', 'text'], ['text', 'id'], 'f.csv')).toEqual(new Map([['text', 1], ['id', 0]]))
    let failure: unknown
    try {
      columnIndexes(['id', 'text', 'id'], ['id', 'icd', 'dept'], 'f.csv')
    } catch (error) {
      failure = error
    }
    expect(failure).toBeInstanceOf(AppFailure)
    expect((failure as AppFailure).message).toBe(
      'f.csv: missing fields "icd", "dept"; field "id" appears more than once in the header (found: "id", "text", "id").',
    )
  })
})
