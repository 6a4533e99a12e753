import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CodingMode } from '../../contract/domain.js'
import { submitDecision } from '../decisions/submit-decision.js'
import { ensureUser } from '../workspace/workspace.js'
import { createTempWorkspace, sampleRecord } from '../testing/temp-workspace.js'
import type { TempWorkspace } from '../testing/temp-workspace.js'
import { dayAfter, escapeLike, listRecords } from './list-records.js'
import type { ListRecordsOptions } from './list-records.js'
import type { RecordInput } from './record-input.js'

const names = (...texts: string[]): RecordInput['diagnosisNames'] => texts.map((text, index) => ({ text, isPrimary: index === 0 }))

/** Imported in this order, so sorting by record id lists them so. */
const RECORDS: RecordInput[] = [
  sampleRecord('CARD-001', { department: 'Cardiology', dischargedAt: '2024-03-08', diagnosisNames: names('Essential hypertension', 'Type 2 diabetes') }),
  sampleRecord('XN-002', { language: 'zh', department: '心血管内科', dischargedAt: '2024-03-10T22:10:00', diagnosisNames: names('高血压病3级', '2型糖尿病') }),
  sampleRecord('RESP-003', { department: 'Respiratory Medicine', dischargedAt: '2024-02-29', diagnosisNames: names('Community-acquired PNEUMONIA') }),
  sampleRecord('HX-004', { language: 'zh', department: '呼吸内科', diagnosisNames: names('社区获得性肺炎') }),
  sampleRecord('CARD-005', { department: 'Cardiology', dischargedAt: '2024-03-31', diagnosisNames: names('Burns of 10% of body surface', 'code_blue event') }),
  sampleRecord('HX-006', {
    language: 'zh',
    department: '呼吸内科',
    dischargedAt: '2024-03-10',
    // The simulator deleted this name: it is the answer key, not something the coder sees or finds.
    diagnosisNames: [
      { text: '慢性阻塞性肺疾病', isPrimary: true },
      { text: '肺炎', isPrimary: false, injectedError: 'missing', originalText: '肺炎' },
    ],
  }),
  sampleRecord('OB-007', { department: 'Obstetrics', dischargedAt: '2024-03-10', diagnosisNames: names("O'Brien syndrome") }),
]

describe('listing the record queue', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace(RECORDS)
  })
  afterEach(() => temp.cleanup())

  const list = (options: Partial<ListRecordsOptions> = {}) => listRecords(temp.workspace.database, { offset: 0, limit: 50, ...options })
  const ids = (options: Partial<ListRecordsOptions> = {}) => list(options).items.map((item) => item.id)
  const submit = (recordId: string) =>
    submitDecision(temp.workspace.database, {
      recordId,
      codes: [{ code: 'I10', isPrimary: true }],
      comment: '',
      baseVersion: 0,
      coder: 'coder',
      codeSetId: temp.codeSetId,
      activeMs: 0,
      mode: 'assisted',
    })

  it('lists every record in import order without filters, with the departments and languages present as menu values', () => {
    const page = list()
    expect(page.items.map((item) => item.id)).toEqual(['CARD-001', 'XN-002', 'RESP-003', 'HX-004', 'CARD-005', 'HX-006', 'OB-007'])
    expect(page.total).toBe(7)
    expect(page.facets).toEqual({
      departments: ['Cardiology', 'Obstetrics', 'Respiratory Medicine', '呼吸内科', '心血管内科'],
      languages: ['en', 'zh'],
      // 4 of the 7 records are in English: no language is the workspace's (80 % needed).
      mainLanguage: null,
      coders: [],
    })
    expect(page.items[5]).toMatchObject({ id: 'HX-006', headline: '慢性阻塞性肺疾病', language: 'zh', department: '呼吸内科', dischargedAt: '2024-03-10' })
  })

  it('narrows by department and by language, and keeps offering every department while narrowed', () => {
    expect(ids({ department: 'Cardiology' })).toEqual(['CARD-001', 'CARD-005'])
    expect(ids({ department: '呼吸内科' })).toEqual(['HX-004', 'HX-006'])
    expect(ids({ language: 'zh' })).toEqual(['XN-002', 'HX-004', 'HX-006'])
    expect(ids({ department: 'Cardiology', language: 'zh' })).toEqual([])
    expect(list({ department: 'Cardiology' }).facets.departments).toHaveLength(5)
  })

  it('matches the query against the record id and the diagnosis names, ignoring case', () => {
    expect(ids({ query: 'card-00' })).toEqual(['CARD-001', 'CARD-005'])
    // Any name matches, not only the first one the queue shows as the headline.
    expect(ids({ query: 'TYPE 2' })).toEqual(['CARD-001'])
    expect(ids({ query: 'pneumonia' })).toEqual(['RESP-003'])
    expect(ids({ query: '  hypertension  ' })).toEqual(['CARD-001'])
    expect(ids({ query: '   ' })).toHaveLength(7)
  })

  it('finds Chinese diagnosis names by any part of them, but never by a name the simulator deleted', () => {
    expect(ids({ query: '肺炎' })).toEqual(['HX-004'])
    expect(ids({ query: '糖尿病' })).toEqual(['XN-002'])
    expect(ids({ query: '高血压病3' })).toEqual(['XN-002'])
  })

  it('treats SQL and LIKE syntax in the query as plain text', () => {
    expect(ids({ query: "' OR 1=1 --" })).toEqual([])
    expect(ids({ query: "'; DROP TABLE records; --" })).toEqual([])
    expect(ids({ query: "o'brien" })).toEqual(['OB-007'])
    expect(ids({ query: '10%' })).toEqual(['CARD-005'])
    expect(ids({ query: '%' })).toEqual(['CARD-005'])
    expect(ids({ query: '_' })).toEqual(['CARD-005'])
    expect(ids({ query: '\\' })).toEqual([])
    expect(ids({ department: "Cardiology' OR '1'='1" })).toEqual([])
    expect(list().total).toBe(7)
  })

  it('keeps discharges within the date range, both ends and the whole last day included, and no undated record', () => {
    expect(ids({ dischargedFrom: '2024-03-08', dischargedTo: '2024-03-10' })).toEqual(['CARD-001', 'XN-002', 'HX-006', 'OB-007'])
    expect(ids({ dischargedFrom: '2024-03-11' })).toEqual(['CARD-005'])
    expect(ids({ dischargedTo: '2024-02-29' })).toEqual(['RESP-003'])
    expect(ids({ dischargedFrom: '2024-03-31', dischargedTo: '2024-03-01' })).toEqual([])
  })

  it('sorts by newest discharge first, undated records last and ties in a fixed order', () => {
    expect(ids({ sort: 'discharged-desc' })).toEqual(['CARD-005', 'XN-002', 'OB-007', 'HX-006', 'CARD-001', 'RESP-003', 'HX-004'])
    expect(ids({ sort: 'id', language: 'zh' })).toEqual(['XN-002', 'HX-004', 'HX-006'])
  })

  it('narrows by status together with the other filters', () => {
    submit('CARD-001')
    submit('HX-006')
    expect(ids({ status: 'submitted' })).toEqual(['CARD-001', 'HX-006'])
    expect(ids({ status: 'todo', department: 'Cardiology' })).toEqual(['CARD-005'])
    expect(list({ status: 'submitted', language: 'zh' }).items).toMatchObject([{ id: 'HX-006', status: 'submitted', codeCount: 1 }])
  })

  it('narrows by code (the code or one under it), by who coded and in which mode — always the current version', () => {
    const database = temp.workspace.database
    ensureUser(database, { id: 'senior', displayName: 'Senior Coder', role: 'coder' })
    const code = (recordId: string, codes: string[], options: { coder?: string; mode?: CodingMode; baseVersion?: number } = {}) =>
      submitDecision(database, {
        recordId,
        codes: codes.map((entry, index) => ({ code: entry, isPrimary: index === 0 })),
        comment: '',
        baseVersion: options.baseVersion ?? 0,
        coder: options.coder ?? 'coder',
        codeSetId: temp.codeSetId,
        activeMs: 0,
        mode: options.mode ?? 'assisted',
      })
    code('CARD-001', ['I10', 'I11.9'])
    code('XN-002', ['I11.0'], { coder: 'senior', mode: 'black-box' })
    code('RESP-003', ['J18.9'], { mode: 'manual' })
    code('RESP-003', ['I10'], { coder: 'senior', mode: 'black-box', baseVersion: 1 }) // recoded: only this version counts

    expect(ids({ code: 'I10' })).toEqual(['CARD-001', 'RESP-003'])
    expect(ids({ code: 'i11' })).toEqual(['CARD-001', 'XN-002'])
    expect(ids({ code: 'I11.0' })).toEqual(['XN-002'])
    expect(ids({ code: 'I1' })).toEqual([]) // a prefix of a code is not a code above it
    expect(ids({ code: 'J18.9' })).toEqual([])
    expect(ids({ code: '%' })).toEqual([])
    expect(ids({ coder: 'senior' })).toEqual(['XN-002', 'RESP-003'])
    expect(ids({ mode: 'manual' })).toEqual([])
    expect(ids({ mode: 'black-box', code: 'I10' })).toEqual(['RESP-003'])
    expect(list().facets.coders).toEqual([
      { id: 'senior', displayName: 'Senior Coder' },
      { id: 'coder', displayName: 'Test Coder' },
    ])
  })

  it('pages through a combination of filters with the same total on every page, each match once', () => {
    submit('CARD-005')
    const filters: Partial<ListRecordsOptions> = { status: 'todo', dischargedFrom: '2024-03-01', query: '-00', sort: 'discharged-desc' }
    const pages = [0, 1, 2, 3, 4].map((offset) => list({ ...filters, offset, limit: 1 }))
    expect(pages.map((page) => page.total)).toEqual([4, 4, 4, 4, 4])
    expect(pages.flatMap((page) => page.items.map((item) => item.id))).toEqual(['XN-002', 'OB-007', 'HX-006', 'CARD-001'])
    expect(pages[4]?.items).toEqual([])
  })

  it('reads the filter menus and the filtered and sorted pages through the indexes, not a scan of every record', () => {
    const plan = (sql: string, ...params: Array<string | number>) =>
      temp.workspace.database
        .prepare<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params)
        .map((row) => row.detail)
        .join('\n')
    expect(plan("SELECT min(department) FROM records WHERE department > ''")).toMatch(/COVERING INDEX records_by_department/)
    expect(plan("SELECT min(language) FROM records WHERE language > ''")).toMatch(/COVERING INDEX records_by_language/)
    expect(plan('SELECT count(*) FROM records r WHERE r.department = ?', 'Cardiology')).toMatch(/records_by_department \(department=\?\)/)
    expect(plan('SELECT r.id FROM records r ORDER BY r.discharged_at DESC, r.id DESC LIMIT 50')).toMatch(/INDEX records_by_discharge/)
    expect(plan('SELECT count(*) FROM records r WHERE r.discharged_at >= ? AND r.discharged_at < ?', '2024-03-01', '2024-04-01')).toMatch(
      /records_by_discharge \(discharged_at>\? AND discharged_at<\?\)/,
    )
  })
})

describe('query helpers', () => {
  it('escapes the LIKE wildcards and the escape character itself', () => {
    expect(escapeLike('10%_a\\b')).toBe('10\\%\\_a\\\\b')
    expect(escapeLike('高血压')).toBe('高血压')
  })

  it('finds the next calendar day across month, leap-day and year ends', () => {
    expect(dayAfter('2024-02-28')).toBe('2024-02-29')
    expect(dayAfter('2024-02-29')).toBe('2024-03-01')
    expect(dayAfter('2023-02-28')).toBe('2023-03-01')
    expect(dayAfter('2024-12-31')).toBe('2025-01-01')
  })
})
