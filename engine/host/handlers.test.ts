import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listAudit } from '../audit/audit-log.js'
import { createTempWorkspace, sampleRecord } from '../testing/temp-workspace.js'
import type { TempWorkspace } from '../testing/temp-workspace.js'
import { setCodingMode } from '../workspace/coding-mode.js'
import { handlersAs } from '../testing/signed-in.js'
import { dispatch } from './dispatch.js'

describe('coding mode', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace()
  })
  afterEach(() => temp.cleanup())

  const handlers = () => handlersAs(temp.workspace, 'coder')
  const submission = { recordId: 'R1', codes: [{ code: 'I10', isPrimary: true }], comment: '', baseVersion: 0, activeMs: 61_000 }

  it('records the mode the supervisor set, and the active time', async () => {
    setCodingMode(temp.workspace.database, { userId: 'coder', mode: 'black-box', actor: 'supervisor' })
    expect((await handlers().getWorkspace({})).user.mode).toBe('black-box')
    const decision = await handlers().submitDecision({ ...submission, mode: 'black-box' })
    expect(decision).toMatchObject({ mode: 'black-box', activeMs: 61_000 })
    const change = listAudit(temp.workspace.database, { entity: 'user', entityId: 'coder' })
    expect(change.map((row) => [row.actor, row.detail])).toEqual([['supervisor', { from: 'assisted', to: 'black-box' }]])
  })

  it('refuses a submission made in a mode the coder no longer has', async () => {
    setCodingMode(temp.workspace.database, { userId: 'coder', mode: 'manual', actor: 'supervisor' })
    await expect(Promise.resolve().then(() => handlers().submitDecision({ ...submission, mode: 'assisted' }))).rejects.toThrow(
      /coding mode is now "manual"/,
    )
  })
})

describe('submitting teaches the normaliser and the model', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace([
      sampleRecord('R1', { diagnosisNames: [{ text: 'high blood pressure', isPrimary: true }, { text: 'feels tired', isPrimary: false }] }),
      sampleRecord('R2', { diagnosisNames: [{ text: 'high blood pressure', isPrimary: true }] }),
    ])
  })
  afterEach(() => temp.cleanup())

  const handlers = () => handlersAs(temp.workspace, 'coder')

  it('confirms the diagnosis names the normaliser links to a submitted code, and no others', async () => {
    await handlers().submitDecision({ recordId: 'R1', codes: [{ code: 'I10', isPrimary: true }], comment: '', baseVersion: 0, activeMs: 0 })
    const pairs = temp.workspace.database.prepare<{ name: string; code: string; confirmed_by: string }>('SELECT name, code, confirmed_by FROM name_code_pairs').all()
    expect(pairs).toEqual([{ name: 'high blood pressure', code: 'I10', confirmed_by: 'coder' }])
    // Submitting again (a new version) does not store the same pair twice.
    await handlers().submitDecision({ recordId: 'R1', codes: [{ code: 'I10', isPrimary: true }], comment: 'again', baseVersion: 1, activeMs: 0 })
    expect(temp.workspace.database.prepare('SELECT count(*) AS n FROM name_code_pairs').get()).toEqual({ n: 1 })
  })

  it('answers model-missing, not a crash, when the workspace has no coding model', async () => {
    await expect(Promise.resolve().then(() => handlers().suggest({ recordId: 'R1' }))).rejects.toMatchObject({ code: 'model-missing' })
    expect((await handlers().getWorkspace({})).model).toBeNull()
  })
})

describe('the record queue over the contract', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace([
      sampleRecord('R1', { department: 'Cardiology', dischargedAt: '2024-03-08' }),
      sampleRecord('R2', { language: 'zh', department: '呼吸内科', dischargedAt: '2024-03-09', diagnosisNames: [{ text: '社区获得性肺炎', isPrimary: true }] }),
      sampleRecord('R3', { language: 'zh', department: '呼吸内科', dischargedAt: '2024-03-10', diagnosisNames: [{ text: '肺炎', isPrimary: true }] }),
    ])
  })
  afterEach(() => temp.cleanup())

  const call = (input: unknown) =>
    dispatch(handlersAs(temp.workspace, 'coder'), 'listRecords', input)

  it('answers filtered, sorted pages with the total and the filter menus in one call', async () => {
    const result = await call({ language: 'zh', query: '肺炎', dischargedTo: '2024-03-10', sort: 'discharged-desc', limit: 1 })
    expect(result).toEqual({
      ok: true,
      value: {
        total: 2,
        items: [expect.objectContaining({ id: 'R3', headline: '肺炎' })],
        // Two of three records in Chinese is under the 80 % that makes a workspace's main language: the UI keeps its language.
        facets: { departments: ['Cardiology', '呼吸内科'], languages: ['en', 'zh'], coders: [], mainLanguage: null },
      },
    })
  })

  it('refuses an impossible date, a time where a date belongs and an unknown sort as invalid input', async () => {
    for (const input of [{ dischargedFrom: '2023-02-29' }, { dischargedTo: '2024-03-08T10:00' }, { sort: 'random' }, { department: '' }]) {
      expect(await call(input)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    }
  })
})
