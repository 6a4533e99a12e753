import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listAudit } from '../audit/audit-log.js'
import { createTempWorkspace, sampleRecord } from '../testing/temp-workspace.js'
import type { TempWorkspace } from '../testing/temp-workspace.js'
import { setCodingMode } from '../workspace/coding-mode.js'
import { createHandlers } from './handlers.js'
import type { ModelHolder } from '../coding/workspace-model.js'

/** A workspace without a coding model: the app codes without suggestions. */
const NO_MODEL: ModelHolder = { get: async () => null, current: () => null, close: async () => undefined }

describe('coding mode', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace()
  })
  afterEach(() => temp.cleanup())

  const handlers = () => createHandlers({ workspace: temp.workspace, userId: 'coder', emit: () => undefined, model: NO_MODEL })
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

  const handlers = () => createHandlers({ workspace: temp.workspace, userId: 'coder', emit: () => undefined, model: NO_MODEL })

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
