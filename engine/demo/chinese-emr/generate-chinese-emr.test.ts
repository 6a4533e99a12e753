import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseDiagnosisList } from '../../text/diagnosis-list.js'
import { readMappedRecords, readMapping } from '../../records/importers/read-mapped-records.js'
import { readCodeTable } from './code-table.js'
import { CONDITIONS } from './conditions.js'
import { writeChineseEmrFiles } from './emr-files.js'
import { EMR_FIELDS, generateChineseEmr } from './generate-chinese-emr.js'

// A stand-in table holding the case mix's codes (titles made up here), so the generator is
// tested without the clinical 2.0 table; the CLI reads the real one at run time.
const directory = mkdtempSync(join(tmpdir(), 'clinicoco-chinese-emr-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))
const codes = [...new Set(CONDITIONS.flatMap((condition) => condition.forms.flatMap((form) => form.codes)))]
const tablePath = join(directory, 'table.tsv')
writeFileSync(tablePath, `code\tname\n${codes.map((code, index) => `${code === 'E11.201' ? 'E11.201†N08.3*' : code}\t诊断${index}`).join('\n')}\n`)
const table = readCodeTable(tablePath)

describe('generateChineseEmr', () => {
  const { records, truth } = generateChineseEmr({ recordCount: 300, seed: 5, codes: table })

  it('is reproducible from the seed, and record 17 does not depend on the count', () => {
    expect(generateChineseEmr({ recordCount: 300, seed: 5, codes: table }).records).toEqual(records)
    expect(generateChineseEmr({ recordCount: 20, seed: 5, codes: table }).records[17]).toEqual(records[17])
    expect(generateChineseEmr({ recordCount: 20, seed: 6, codes: table }).records[17]).not.toEqual(records[17])
  })

  it("writes every field of the hospital layout, sex and age, and codes as the table spells them", () => {
    const fields = ['主诉', '现病史', '既往史', '个人史', '婚姻史', '月经史', '家族史', '体格检查', '辅助检查', '入院情况', '入院诊断', '出院诊断', '出院医嘱', '主要诊断编码', '其他诊断编码', '性别', '年龄']
    for (const record of records) for (const field of fields) expect(Object.hasOwn(record, field)).toBe(true)
    const spelled = new Set([...table.byStem.values()].map((entry) => entry.code))
    for (const item of truth) for (const code of item.codes) expect(spelled.has(code)).toBe(true)
    expect(truth.some((item) => item.codes.includes('E11.201†N08.3*'))).toBe(true)
    expect(records.every((record) => (record['性别'] === '男' ? record['月经史'] === '' : true))).toBe(true)
    expect(records.filter((record) => String(record['其他诊断编码']).includes(';')).length).toBeGreaterThan(100)
  })

  it('writes admission lists in many styles, with qualifiers, abbreviations and pending symptoms', () => {
    const lists = truth.map((item) => item.admissionList)
    expect(new Set(truth.map((item) => item.style)).size).toBeGreaterThanOrEqual(8)
    expect(lists.some((list) => /\d[.、]2型糖尿病/.test(list))).toBe(true)
    expect(lists.some((list) => /高血压.*[（(].*危/.test(list))).toBe(true)
    expect(lists.some((list) => /慢阻肺|冠心病|房颤|脑梗/.test(list))).toBe(true)
    expect(truth.some((item) => item.items.some((listed) => listed.text.endsWith('待查') && listed.codes.length === 0))).toBe(true)
  })

  it('gives most records gold codes that no admission item names (found during the stay) only sometimes', () => {
    const unlisted = truth.filter((item) => item.codes.some((code) => !item.items.some((listed) => listed.codes.includes(code)))).length
    expect(unlisted / truth.length).toBeGreaterThan(0.15)
    expect(unlisted / truth.length).toBeLessThan(0.45)
  })

  it('writes lists that the diagnosis-list parser splits back into their items (≥ 0.95 exact)', () => {
    const exact = truth.filter((item) => JSON.stringify(parseDiagnosisList(item.admissionList).map((parsed) => parsed.text)) === JSON.stringify(item.items.map((listed) => listed.text))).length
    expect(exact / truth.length).toBeGreaterThanOrEqual(0.95)
  })

  it('writes JSON, CSV and a mapping that imports both with nothing rejected', () => {
    const files = writeChineseEmrFiles(join(directory, 'out'), records.slice(0, 40), truth.slice(0, 40), 'gb18030')
    const mapping = readMapping(files.mapping)
    expect(mapping.diagnosisNames).toEqual({ field: EMR_FIELDS.admissionDiagnoses, split: 'diagnosis-list' })
    for (const path of [files.json, files.csv]) {
      const { records: imported, rejects } = readMappedRecords(path, mapping)
      expect(rejects).toEqual([])
      expect(imported).toHaveLength(40)
      expect(imported[1]?.diagnosisNames.map((name) => name.text)).toEqual(truth[1]?.items.map((item) => item.text))
      expect(imported[1]?.goldCodes[0]).toEqual({ code: truth[1]?.primaryCode, isPrimary: true })
      expect(imported[1]?.sections.map((section) => section.kind)).toContain('marital_history')
    }
    expect(JSON.parse(readFileSync(files.mapping, 'utf8'))).toMatchObject({ sex: '性别', age: '年龄' })
  })

  it('refuses a table that lacks a code of the case mix, naming it', () => {
    const partial = join(directory, 'partial.tsv')
    writeFileSync(partial, 'code\tname\nA00.000\t霍乱\n')
    expect(() => generateChineseEmr({ recordCount: 1, seed: 1, codes: readCodeTable(partial) })).toThrow(/case mix codes I10\.x00x021, which this table does not have/)
  })
})
