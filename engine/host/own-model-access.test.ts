import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listAudit } from '../audit/audit-log.js'
import { testEngine } from '../testing/signed-in.js'
import { createTempWorkspace } from '../testing/temp-workspace.js'
import type { TempWorkspace } from '../testing/temp-workspace.js'

describe("issue 18's methods behind the engine's door", () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace()
  })
  afterEach(() => temp.cleanup())

  it('lets a coder read the plan, jobs and registry and their own queue, and refuses them every change', async () => {
    const coder = await testEngine(temp.workspace).signIn('coder')
    for (const [method, input] of [
      ['getAnnotationStatus', {}],
      ['listTrainingJobs', {}],
      ['listModels', {}],
      ['getModelHistory', {}],
    ] as const) {
      expect((await coder.call(method, input)).ok, method).toBe(true)
    }
    expect(await coder.call('listAnnotationQueue', {})).toEqual({ ok: true, value: { coder: 'coder', tasks: [] } })
    for (const [method, input] of [
      ['assignSplits', { dev: 0.15, test: 0.15, seed: 13, redo: false }],
      ['planAnnotationPatch', { method: 'adaptive', target: 2, trustThreshold: null, seed: 13, dryRun: true }],
      ['startTraining', { budgetMinutes: 1, seed: 13, epochs: {}, withoutRawStep: false, withoutNoisyStep: false, tiny: true }],
      ['cancelTraining', { jobId: 1 }],
      ['resumeTraining', { jobId: 1 }],
      ['promoteModel', { modelVersion: 'm1' }],
      ['rollbackModel', { modelVersion: 'm1', reason: 'worse on cardiology' }],
    ] as const) {
      expect(await coder.call(method, input as never), method).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
  })

  it("refuses a coder another coder's queue, keeping the attempt in the trail; a supervisor may read it", async () => {
    const engine = testEngine(temp.workspace)
    const coder = await engine.signIn('coder')
    expect(await coder.call('listAnnotationQueue', { coder: 'coder2' })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('another coder\'s annotation queue needs the "plan-annotation" permission, which a coder does not have (supervisor, admin do)') },
    })
    expect(listAudit(temp.workspace.database, { action: 'access.denied' }).map((row) => [row.actor, row.entityId])).toEqual([['coder', 'listAnnotationQueue']])
    const supervisor = await engine.signIn('supervisor')
    expect(await supervisor.call('listAnnotationQueue', { coder: 'coder2' })).toEqual({ ok: true, value: { coder: 'coder2', tasks: [] } })
  })

  it('gives a supervisor the annotation plan and model switches, not splits or training; an auditor only reads', async () => {
    const engine = testEngine(temp.workspace)
    const supervisor = await engine.signIn('supervisor')
    expect(await supervisor.call('assignSplits', { dev: 0.15, test: 0.15, seed: 13, redo: false })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await supervisor.call('startTraining', { budgetMinutes: 1, seed: 13, epochs: {}, withoutRawStep: false, withoutNoisyStep: false, tiny: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    // Past the door: the registry answers that there is no such model, not that a supervisor may not switch.
    expect(await supervisor.call('promoteModel', { modelVersion: 'no-such-model' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    const planned = await supervisor.call('planAnnotationPatch', { method: 'adaptive', target: 2, trustThreshold: null, seed: 13, dryRun: true })
    expect(planned.ok || planned.error.code !== 'forbidden').toBe(true)
    const auditor = await engine.signIn('auditor')
    expect((await auditor.call('listModels', {})).ok).toBe(true)
    expect(await auditor.call('promoteModel', { modelVersion: 'no-such-model' })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('acts as the signed-in administrator: the split run is audited under their name', async () => {
    // The test records came with a split from their import: as if imported without one.
    temp.workspace.database.exec("UPDATE records SET split = 'none'")
    const admin = await testEngine(temp.workspace).signIn('admin')
    const result = await admin.call('assignSplits', { dev: 0.2, test: 0.2, seed: 5, redo: false })
    expect(result).toMatchObject({ ok: true, value: { seed: 5 } })
    expect(listAudit(temp.workspace.database, { action: 'splits.assign' }).map((row) => row.actor)).toEqual(['admin'])
  })
})
