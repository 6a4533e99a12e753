import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listAudit } from '../audit/audit-log.js'
import { createTempWorkspace } from '../testing/temp-workspace.js'
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
