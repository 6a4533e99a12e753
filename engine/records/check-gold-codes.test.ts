import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createTempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'
import { parseMapping } from './importers/read-mapped-records.js'
import { importRecordFile } from './import-records.js'

describe('gold codes checked against the code set at import', () => {
  let temp: TempWorkspace | undefined
  let directory = ''
  afterEach(() => {
    temp?.cleanup()
    if (directory) rmSync(directory, { recursive: true, force: true })
  })

  it('stores known codes in the code set spelling, rejects an unknown one with its line, and imports the record without it', () => {
    temp = createTempWorkspace([])
    directory = mkdtempSync(join(tmpdir(), 'clinicoco-gold-'))
    const path = join(directory, 'records.json')
    writeFileSync(
      path,
      `[\n{"id": "A", "text": "咳嗽", "names": "1.肺炎 2.高血压", "main": "j189", "other": "I10;XYZ.999"},\n{"id": "B", "text": "头痛", "names": "高血压", "main": "I10", "other": ""}\n]\n`,
    )
    const mapping = parseMapping(
      JSON.stringify({
        id: 'id',
        language: 'zh',
        sections: [{ field: 'text', kind: 'chief_complaint' }],
        diagnosisNames: { field: 'names', split: 'diagnosis-list' },
        goldCodes: { field: 'other', separator: ';' },
        primaryCode: 'main',
      }),
      'm.json',
    )
    const summary = importRecordFile(temp.workspace.database, { path, format: 'json', mapping, actor: 'coder', goldCodeSetId: temp.codeSetId })
    expect(summary.inserted).toBe(2)
    // The record is imported, so it is not a rejected row; the unknown code is listed with the rejects.
    expect(summary.rejected).toBe(0)
    expect(summary.goldCodes).toEqual({ codeSet: { id: temp.codeSetId, name: 'tiny', version: '1' }, total: 4, inCodeSet: 3, respelled: 1, notInCodeSet: 1, coverage: 0.75 })
    expect(summary.rejects).toEqual([
      { file: path, line: 2, reason: 'record A: gold code XYZ.999 is not in code set tiny 1; the record was imported without it', rowKept: true },
    ])
    const stored = temp.workspace.database
      .prepare<{ external_id: string; code: string; is_primary: number }>('SELECT r.external_id, g.code, g.is_primary FROM gold_codes g JOIN records r ON r.id = g.record_id ORDER BY r.external_id, g.code')
      .all()
    expect(stored).toEqual([
      { external_id: 'A', code: 'I10', is_primary: 0 },
      { external_id: 'A', code: 'J18.9', is_primary: 1 },
      { external_id: 'B', code: 'I10', is_primary: 1 },
    ])
    const names = temp.workspace.database.prepare<{ text: string }>("SELECT n.text FROM diagnosis_names n JOIN records r ON r.id = n.record_id WHERE r.external_id = 'A' ORDER BY position").all()
    expect(names.map((name) => name.text)).toEqual(['肺炎', '高血压'])
  })
})
