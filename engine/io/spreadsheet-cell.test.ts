import { describe, expect, it } from 'vitest'
import { csvField, spreadsheetSafe } from './spreadsheet-cell.js'

describe('cells a spreadsheet will not run', () => {
  it('escapes text that starts like a formula, and leaves other text alone', () => {
    for (const dangerous of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(spreadsheetSafe(dangerous)).toBe(`'${dangerous}`)
    }
    for (const plain of ['I10', '复核：血压记录', 'a=b', '', 'E11.9 - type 2']) expect(spreadsheetSafe(plain)).toBe(plain)
  })

  it('quotes CSV fields after escaping them', () => {
    expect(csvField('=1,2')).toBe(`"'=1,2"`)
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('line\nbreak')).toBe('"line\nbreak"')
  })
})
