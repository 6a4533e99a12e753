import { describe, expect, it } from 'vitest'
import { arrayElementLines, findJsonSyntaxError, parseJsonText } from './json-text.js'

describe('parseJsonText', () => {
  it('names line and column of a truncated document', () => {
    expect(() => parseJsonText('[\n  {"id": "1"},\n  {"id": ', 'r.json')).toThrow(
      'r.json: invalid JSON at line 3, column 10: unexpected end of input, expected a value',
    )
  })

  it('names the place of a trailing comma, which V8 reports without a position', () => {
    expect(() => parseJsonText('[1,\n2,\n]', 'r.json')).toThrow('r.json: invalid JSON at line 3, column 1: unexpected "]", expected a value')
  })

  it('returns the value of valid JSON', () => {
    expect(parseJsonText('{"a": [1, "x"]}', 'ok.json')).toEqual({ a: [1, 'x'] })
  })
})

describe('findJsonSyntaxError', () => {
  it('agrees with JSON.parse on what is valid', () => {
    const valid = ['0', '-1.5e+3', '"a\\u00e9\\n"', '{"a":{"b":[true,false,null]}}', ' [ ] ']
    const invalid = ['01', '{"a":1,}', "{'a':1}", '"tab\tinside"', '[1 2]', 'nul', '{"a" 1}', '"\\x"', '1 2']
    for (const text of valid) expect(findJsonSyntaxError(text)).toBeNull()
    for (const text of invalid) {
      expect(() => JSON.parse(text)).toThrow()
      expect(findJsonSyntaxError(text)).not.toBeNull()
    }
  })

  it('points at the missing comma between two objects', () => {
    expect(findJsonSyntaxError('[{"a":1}\n{"b":2}]')).toEqual({ line: 2, column: 1, reason: `unexpected "{", expected ',' or ']' after the array element` })
  })
})

describe('arrayElementLines', () => {
  it('gives the line each top-level element starts on, ignoring brackets inside strings', () => {
    const text = '[\n  {"t": "a ] , [ b"},\n\n  {"t": [1,\n 2]},   3,\n  "x"\n]'
    expect(arrayElementLines(text)).toEqual([2, 4, 5, 6])
  })
})
