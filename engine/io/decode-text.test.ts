import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../contract/result.js'
import { decodeText, encodeText } from './decode-text.js'

const CHINESE = '主诉：胸痛三天，伴气促。诊断：冠状动脉粥样硬化性心脏病'

function bytesOf(...parts: Array<number[] | Uint8Array | string>): Uint8Array {
  const chunks = parts.map((part) => (typeof part === 'string' ? new TextEncoder().encode(part) : Uint8Array.from(part)))
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0)
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}

function failureOf(action: () => unknown): AppFailure {
  try {
    action()
  } catch (error) {
    if (error instanceof AppFailure) return error
    throw error
  }
  throw new Error('expected an AppFailure')
}

describe('decodeText auto', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(bytesOf(CHINESE), 'auto', 'a.csv')).toEqual({ text: CHINESE, encoding: 'utf-8' })
  })

  it('strips a UTF-8 BOM', () => {
    const decoded = decodeText(bytesOf([0xef, 0xbb, 0xbf], 'code,title\n'), 'auto', 'a.csv')
    expect(decoded).toEqual({ text: 'code,title\n', encoding: 'utf-8' })
  })

  it('reads UTF-16LE and UTF-16BE Chinese text by their BOMs and strips the BOM', () => {
    const little = bytesOf([0xff, 0xfe], new Uint8Array(Buffer.from(CHINESE, 'utf16le')))
    const big = bytesOf([0xfe, 0xff], new Uint8Array(Buffer.from(CHINESE, 'utf16le').swap16()))
    expect(decodeText(little, 'auto', 'le.txt')).toEqual({ text: CHINESE, encoding: 'utf-16le' })
    expect(decodeText(big, 'auto', 'be.txt')).toEqual({ text: CHINESE, encoding: 'utf-16be' })
  })

  it('recognises BOM-less UTF-16LE from its NUL bytes', () => {
    const bytes = new Uint8Array(Buffer.from('code\ttitle\nA00\tCholera\n', 'utf16le'))
    expect(decodeText(bytes, 'auto', 'excel.txt')).toEqual({ text: 'code\ttitle\nA00\tCholera\n', encoding: 'utf-16le' })
  })

  it('falls back to GB18030 for Chinese text that is not UTF-8, four-byte sequences included', () => {
    const text = `${CHINESE}\n𠀀€`
    const bytes = new Uint8Array(iconv.encode(text, 'gb18030'))
    expect(decodeText(bytes, 'auto', 'his.csv')).toEqual({ text, encoding: 'gb18030' })
  })

  it('refuses bytes that are neither UTF-8 nor GB18030, naming byte and line for each', () => {
    const failure = failureOf(() => decodeText(bytesOf('a\nb\n', [0xff]), 'auto', 'broken.csv'))
    expect(failure.code).toBe('import-failed')
    expect(failure.message).toContain('broken.csv')
    expect(failure.message).toContain('neither UTF-8 (invalid bytes at byte 4 (line 3))')
    expect(failure.message).toContain('nor GB18030 (invalid bytes at byte 4 (line 3))')
  })

  it('never returns a replacement character for bad input', () => {
    expect(() => decodeText(bytesOf('ok\n', [0xc3, 0x28]), 'utf-8', 'x.csv')).toThrow(AppFailure)
  })
})

describe('decodeText with a declared encoding', () => {
  it('names the byte offset and line where GB18030 bytes break a declared UTF-8 file', () => {
    const bytes = new Uint8Array(iconv.encode('id,name\n1,ok\n2,胸痛\n', 'gb18030'))
    const failure = failureOf(() => decodeText(bytes, 'utf-8', 'records.csv'))
    expect(failure.message).toBe('records.csv: not valid utf-8: invalid bytes at byte 15 (line 3).')
  })

  it('names the start of a sequence cut off at the end of the file', () => {
    const failure = failureOf(() => decodeText(bytesOf('ab\n', [0xe4, 0xb8]), 'utf-8', 'cut.csv'))
    expect(failure.message).toContain('byte 3 (line 2)')
  })

  it('counts the BOM in the reported byte offset', () => {
    const failure = failureOf(() => decodeText(bytesOf([0xef, 0xbb, 0xbf], 'x\n', [0xff]), 'utf-8', 'bom.csv'))
    expect(failure.message).toContain('byte 5 (line 2)')
  })

  it('refuses UTF-8 text declared as GB18030 instead of producing mojibake', () => {
    const failure = failureOf(() => decodeText(bytesOf('id\n', CHINESE), 'gb18030', 'utf8.csv'))
    expect(failure.message).toContain('gb18030 was declared but the bytes are UTF-8')
    expect(failure.message).toContain('byte 3 (line 2)')
  })

  it('reads GBK bytes when gbk is declared', () => {
    const bytes = new Uint8Array(iconv.encode(CHINESE, 'gbk'))
    expect(decodeText(bytes, 'gbk', 'gbk.csv')).toEqual({ text: CHINESE, encoding: 'gbk' })
  })

  it('refuses a UTF-16BE BOM under a declared utf-16le', () => {
    const failure = failureOf(() => decodeText(bytesOf([0xfe, 0xff, 0x00, 0x41]), 'utf-16le', 'x.txt'))
    expect(failure.message).toContain('utf-16le was declared but the file starts with a UTF-16BE byte-order mark')
  })

  it('reports an odd trailing byte in UTF-16 with its offset', () => {
    const bytes = bytesOf([0xff, 0xfe], new Uint8Array(Buffer.from('ab\nc', 'utf16le')), [0x41])
    const failure = failureOf(() => decodeText(bytes, 'utf-16le', 'odd.txt'))
    expect(failure.message).toContain('byte 10 (line 2)')
  })
})

describe('encodeText', () => {
  it('round-trips all of Unicode through GB18030', () => {
    const text = `${CHINESE} 𠀀😀 é ß ¼ \u{10FFFD}`
    const bytes = encodeText(text, 'gb18030')
    expect(new TextDecoder('gb18030', { fatal: true }).decode(bytes)).toBe(text)
    expect(Array.from(encodeText('中', 'gb18030'))).toEqual([0xd6, 0xd0])
  })

  it('writes UTF-8 without a BOM', () => {
    expect(Array.from(encodeText('é', 'utf-8'))).toEqual([0xc3, 0xa9])
  })

  it('refuses a lone surrogate instead of writing a replacement character', () => {
    expect(() => encodeText('a\uD800b', 'utf-8')).toThrow(/lone surrogate at character 1/)
    expect(() => encodeText('a\uDC00', 'gb18030')).toThrow(/lone surrogate/)
  })
})
