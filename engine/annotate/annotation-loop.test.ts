import { afterEach, describe, expect, it } from 'vitest'
import { verifyAudit } from '../audit/verify-audit.js'
import { labelRecords } from '../normalize/auto-label.js'
import type { RecordInput } from '../records/record-input.js'
import { simulateAnnotation, SIMULATED_COMMENT } from './simulated-annotator.js'
import { createTempWorkspace, sampleRecord, type TempWorkspace } from '../testing/temp-workspace.js'
import { CLEAN_SHARE_SETTING } from '../records/training-records.js'
import { ensureUser, setSetting } from '../workspace/workspace.js'
import { annotationQueue } from './annotation-queue.js'
import { annotationStatus } from './annotation-status.js'
import { planAnnotationPatch } from './plan-annotation-patch.js'

let temp: TempWorkspace | null = null
afterEach(() => {
  temp?.cleanup()
  temp = null
})

function record(id: string, name: string | null, code: string, extraNames: string[] = []): RecordInput {
  return sampleRecord(id, {
    diagnosisNames: name === null ? [] : [{ text: name, isPrimary: true }, ...extraNames.map((text) => ({ text, isPrimary: false }))],
    goldCodes: [{ code, isPrimary: true }],
  })
}

/**
 * 12 hypertension, 10 pneumonia, 4 heart-failure records with names; 4 without names; reference codes are the answer key only.
 * The heart-failure records also carry a wrong name ("without heart failure", I11.9): a noisy label the coders will not confirm.
 */
function hospital(): TempWorkspace {
  const records: RecordInput[] = []
  for (let index = 0; index < 12; index += 1) records.push(record(`HTN${index}`, 'HTN', 'I10'))
  for (let index = 0; index < 10; index += 1) records.push(record(`PNA${index}`, '肺炎', 'J18.9'))
  for (let index = 0; index < 4; index += 1) {
    records.push(record(`HHF${index}`, 'Hypertensive heart disease with heart failure', 'I11.0', ['Hypertensive heart disease without heart failure']))
  }
  for (let index = 0; index < 4; index += 1) records.push(record(`RAW${index}`, null, 'I10'))
  records.push(record('DEV1', 'HTN', 'I10'))
  records[records.length - 1]!.split = 'dev'
  const created = createTempWorkspace(records)
  const { database } = created.workspace
  ensureUser(database, { id: 'ann1', displayName: 'Annotator 1', role: 'coder' })
  // The test workspace's second coder has left: a disabled account is dealt no annotation work.
  database.prepare("UPDATE users SET disabled_at = '2026-12-01T00:00:00.000Z' WHERE id = 'coder2'").run()
  setSetting(database, CLEAN_SHARE_SETTING, '0')
  labelRecords(database, { codeSetId: created.codeSetId })
  return created
}

describe('the adaptive annotation loop', () => {
  it('plans a first patch holding every code in two records, dealt evenly to the coders', () => {
    temp = hospital()
    const { database } = temp.workspace
    const before = annotationStatus(database, temp.codeSetId)
    expect(before.classes).toMatchObject({ clean: 0, noisy: 26, raw: 4, dev: 1 })
    expect(before.codes.map((code) => [code.code, code.clean, code.candidates])).toEqual([
      ['I10', 0, 12],
      ['I11.0', 0, 4],
      // The wrong "without heart failure" name labels I11.9: a noisy label the coders will not confirm.
      ['I11.9', 0, 4],
      ['J18.9', 0, 10],
    ])
    const patch = planAnnotationPatch(database, { codeSetId: temp.codeSetId, actor: 'coder', method: 'adaptive', target: 3, trustThreshold: null, seed: 1 })
    // Two heart-failure records cover I11.0 and I11.9 at once.
    expect(patch).toMatchObject({ number: 1, records: 6, codesShort: 4, codesUnmet: [], perCoder: { ann1: 3, coder: 3 } })
    expect(patch.settings.aim).toBe(2)
    const queued = [...annotationQueue(database, 'coder'), ...annotationQueue(database, 'ann1')].map((task) => task.recordId.replace(/\d+$/, ''))
    expect(queued.sort()).toEqual(['HHF', 'HHF', 'HTN', 'HTN', 'PNA', 'PNA'])
    expect(verifyAudit(database)).toMatchObject({ intact: true, firstBrokenId: null })
  })

  it('refuses the next plan while the patch is open, then aims the short codes at s from the recount', () => {
    temp = hospital()
    const { database } = temp.workspace
    const request = { codeSetId: temp.codeSetId, actor: 'coder', method: 'adaptive' as const, target: 3, trustThreshold: null, seed: 1 }
    planAnnotationPatch(database, request)
    expect(() => planAnnotationPatch(database, request)).toThrow(/still to annotate/)
    const during = annotationStatus(database, temp.codeSetId)
    expect(during.recordsLeft).toBe(6)
    expect(during.codes.find((code) => code.code === 'I10')?.pending).toBe(2)

    const first = simulateAnnotation(database, { coder: 'coder', codeSetId: temp.codeSetId, activeMs: 90_000 })
    const second = simulateAnnotation(database, { coder: 'ann1', codeSetId: temp.codeSetId, activeMs: 150_000 })
    expect(first.submitted + second.submitted).toBe(6)
    const comments = database.prepare<{ comment: string }>('SELECT DISTINCT comment FROM decisions').all()
    expect(comments).toEqual([{ comment: SIMULATED_COMMENT }])

    const after = annotationStatus(database, temp.codeSetId)
    // The recount: the coders gave I11.0, never I11.9.
    expect(after.codes.map((code) => [code.code, code.clean])).toEqual([['I10', 2], ['I11.0', 2], ['I11.9', 0], ['J18.9', 2]])
    expect(after.classes.clean).toBe(6)
    // Next: the two heart-failure records left (for I11.0 and I11.9), one hypertension, one pneumonia.
    expect(after.effort).toMatchObject({ source: 'annotation', timedDecisions: 6, medianActiveMs: 120_000, nextPatchRecords: 4 })
    expect(after.effort.estimatedHoursLeft).toBeCloseTo((4 * 120_000) / 3_600_000, 2)

    const next = planAnnotationPatch(database, request)
    expect(next).toMatchObject({ number: 2, records: 4, codesShort: 4, codesUnmet: [{ code: 'I11.9', missing: 1 }] })
    expect(next.settings.aim).toBe(3)
    simulateAnnotation(database, { coder: 'coder', codeSetId: temp.codeSetId })
    simulateAnnotation(database, { coder: 'ann1', codeSetId: temp.codeSetId })
    const done = annotationStatus(database, temp.codeSetId)
    expect(done.summary).toEqual({ codes: 4, atTarget: 3, short: 1, withoutCandidates: 1 })
    expect(done.complete).toBe(true)
    expect(() => planAnnotationPatch(database, request)).toThrow(/no unplanned record carries/)
  })

  it('reports a code that runs out of candidates as unmet, and the loop as complete once none is left', () => {
    temp = hospital()
    const { database } = temp.workspace
    const request = { codeSetId: temp.codeSetId, actor: 'coder', method: 'adaptive' as const, target: 6, trustThreshold: null, seed: 2 }
    planAnnotationPatch(database, request)
    simulateAnnotation(database, { coder: 'coder', codeSetId: temp.codeSetId })
    simulateAnnotation(database, { coder: 'ann1', codeSetId: temp.codeSetId })
    const second = planAnnotationPatch(database, request)
    // 4 heart-failure records: 2 annotated, 2 left; I11.0 needs 4 more, I11.9 (never confirmed) 6.
    expect(second.codesUnmet).toEqual([{ code: 'I11.9', missing: 4 }, { code: 'I11.0', missing: 2 }])
    simulateAnnotation(database, { coder: 'coder', codeSetId: temp.codeSetId })
    simulateAnnotation(database, { coder: 'ann1', codeSetId: temp.codeSetId })
    const status = annotationStatus(database, temp.codeSetId)
    expect(status.summary).toMatchObject({ short: 2, withoutCandidates: 2 })
    expect(status.complete).toBe(true)
  })

  it('keeps only the labels at or above an explicit trust threshold', () => {
    temp = hospital()
    const { database } = temp.workspace
    const best = database
      .prepare<{ code: string; confidence: number }>('SELECT code, max(confidence) AS confidence FROM name_labels WHERE accepted = 1 GROUP BY code ORDER BY confidence')
      .all()
    expect(best.length).toBe(4)
    // Just above the least trusted code's best label: that code drops out of the plan.
    const threshold = (best[0] as { confidence: number }).confidence + 1e-6
    const strict = planAnnotationPatch(database, { codeSetId: temp.codeSetId, actor: 'coder', method: 'adaptive', target: 2, trustThreshold: threshold, seed: 1, dryRun: true })
    expect(strict.codesShort).toBe(best.filter((row) => row.confidence >= threshold).length)
    expect(strict.records).toBe(2 * strict.codesShort)
  })

  it('draws a random patch of the asked size from every unlabelled training record', () => {
    temp = hospital()
    const { database } = temp.workspace
    const patch = planAnnotationPatch(database, { codeSetId: temp.codeSetId, actor: 'coder', method: 'random', target: 3, trustThreshold: null, maxRecords: 7, seed: 4 })
    expect(patch).toMatchObject({ method: 'random', records: 7 })
    const planned = database.prepare<{ split: string }>('SELECT r.split FROM annotation_tasks t JOIN records r ON r.id = t.record_id').all()
    expect(planned.every((row) => row.split === 'train')).toBe(true)
    expect(() => planAnnotationPatch(database, { codeSetId: temp!.codeSetId, actor: 'coder', method: 'random', target: 3, trustThreshold: null, seed: 4, dryRun: true })).toThrow(/size/)
  })
})
