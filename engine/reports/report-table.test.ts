import { inflateRawSync } from 'node:zlib'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { tableToCsv, tablesToXlsx } from './report-table.js'
import type { ReportTable } from './report-table.js'

const TABLE: ReportTable = {
  name: 'coders',
  columns: [
    { header: 'coder', kind: 'text' },
    { header: 'comment', kind: 'text' },
    { header: 'records', kind: 'number' },
    { header: 'micro_f1', kind: 'share' },
  ],
  rows: [
    ['wang', '=HYPERLINK("http://evil","click")', 12, 0.8125],
    ['李娜', '复核：血压, "主诉"', -3, null],
    ['@admin', '+1', 0, 1],
  ],
}

/** The files of an XLSX (a ZIP), found through its central directory: enough to look inside what we wrote. */
function unzip(bytes: Buffer): Map<string, string> {
  const files = new Map<string, string>()
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  const count = bytes.readUInt16LE(end + 10)
  let entry = bytes.readUInt32LE(end + 16)
  for (let index = 0; index < count; index += 1) {
    const method = bytes.readUInt16LE(entry + 10)
    const size = bytes.readUInt32LE(entry + 20)
    const nameLength = bytes.readUInt16LE(entry + 28)
    const extraLength = bytes.readUInt16LE(entry + 30)
    const commentLength = bytes.readUInt16LE(entry + 32)
    const local = bytes.readUInt32LE(entry + 42)
    const name = bytes.subarray(entry + 46, entry + 46 + nameLength).toString('utf8')
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28)
    const data = bytes.subarray(start, start + size)
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'))
    entry += 46 + nameLength + extraLength + commentLength
  }
  return files
}

describe('report tables', () => {
  it('write CSV in UTF-8 with a BOM, formula-like text escaped, numbers as numbers', () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(tableToCsv(TABLE, 'utf-8'))
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(text.slice(1).split('\r\n')).toEqual([
      'coder,comment,records,micro_f1',
      `wang,"'=HYPERLINK(""http://evil"",""click"")",12,0.8125`,
      '李娜,"复核：血压, ""主诉""",-3,',
      "'@admin,'+1,0,1",
      '',
    ])
  })

  it('write CSV in GB18030 that reads back with the Chinese intact', () => {
    const bytes = tableToCsv(TABLE, 'gb18030')
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow()
    expect(iconv.decode(Buffer.from(bytes), 'gb18030')).toContain('李娜,"复核：血压, ""主诉""",-3,')
  })

  it('write XLSX whose text cells are escaped too and whose numbers stay numbers', async () => {
    const bytes = await tablesToXlsx([TABLE, { ...TABLE, name: 'second sheet' }])
    expect(bytes.subarray(0, 2).toString()).toBe('PK')
    const files = unzip(bytes)
    const sheet = files.get('xl/worksheets/sheet1.xml') ?? ''
    const strings = files.get('xl/sharedStrings.xml') ?? sheet
    expect(strings).toMatch(/'=HYPERLINK\((&quot;|")http:\/\/evil/)
    // Written as text, never as a formula element.
    expect(sheet).not.toContain('<f>')
    expect(strings).toContain("'@admin")
    expect(strings).toContain('李娜')
    expect(sheet).toMatch(/<v>12<\/v>/)
    expect(sheet).toMatch(/<v>0.8125<\/v>/)
    expect(files.get('xl/workbook.xml')).toContain('second sheet')
  })
})
