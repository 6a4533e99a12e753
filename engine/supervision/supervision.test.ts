import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listAudit } from '../audit/audit-log.js'
import { verifyAudit } from '../audit/verify-audit.js'
import { submitDecision } from '../decisions/submit-decision.js'
import { findRuleSet, importRuleSet, parseRuleSetFile } from '../rules/rule-sets.js'
import { testEngine } from '../testing/signed-in.js'
import type { SignedInClient } from '../testing/signed-in.js'
import { createTempWorkspace, sampleRecord } from '../testing/temp-workspace.js'
import type { TempWorkspace } from '../testing/temp-workspace.js'

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

describe('the supervisor desk over the engine', () => {
  let temp: TempWorkspace
  let supervisor: SignedInClient
  let coder: SignedInClient
  let coder2: SignedInClient
  beforeEach(async () => {
    temp = createTempWorkspace([
      sampleRecord('R1', { department: 'Cardiology' }),
      sampleRecord('R2', { department: 'Cardiology', goldCodes: [{ code: 'I11.0', isPrimary: true }, { code: 'J18.9', isPrimary: false }] }),
      sampleRecord('R3', { department: 'Respiratory', language: 'zh' }),
      sampleRecord('R4', { department: 'Respiratory' }),
    ])
    const engine = testEngine(temp.workspace)
    supervisor = await engine.signIn('supervisor')
    coder = await engine.signIn('coder')
    coder2 = await engine.signIn('coder2')
  })
  afterEach(() => temp.cleanup())

  const code = (client: SignedInClient, recordId: string, codes: Array<{ code: string; isPrimary: boolean }>, baseVersion = 0, extra: Record<string, unknown> = {}) =>
    client.call('submitDecision', { recordId, codes, baseVersion, activeMs: 40_000, ...extra })

  it('deals a batch by department, seeded, to coders, and each coder’s queue shows theirs', async () => {
    const batch = unwrap(await supervisor.call('createWorkBatch', { purpose: 'coding', label: 'Cardiology week 1', assignees: ['coder', 'coder2'], department: 'Cardiology', sample: 10, seed: 7 }))
    expect(batch).toMatchObject({ purpose: 'coding', records: 2, criteria: { department: 'Cardiology', seed: 7, matched: 2 } })
    expect(batch.assignees.map((entry) => [entry.userId, entry.assigned, entry.done])).toEqual([['coder', 1, 0], ['coder2', 1, 0]])
    const mine = unwrap(await coder.call('listRecords', { assigned: 'me' }))
    expect(mine.items).toHaveLength(1)
    expect(mine.items[0]?.assignment).toMatchObject({ purpose: 'coding', label: 'Cardiology week 1', done: false })
    expect(unwrap(await coder.call('listRecords', {})).total).toBe(4)
    const recordId = mine.items[0]?.id ?? ''
    unwrap(await code(coder, recordId, [{ code: 'I10', isPrimary: true }]))
    expect(unwrap(await coder.call('listRecords', { assigned: 'me' })).items[0]?.assignment?.done).toBe(true)
    expect(unwrap(await supervisor.call('listWorkBatches', {})).items[0]?.assignees.find((entry) => entry.userId === 'coder')?.done).toBe(1)
    // The same seed over the same records deals the same way (after closing, so the records are free again).
    unwrap(await supervisor.call('closeWorkBatch', { batchId: batch.id, reason: 'redo' }))
    expect(unwrap(await coder.call('listRecords', { assigned: 'me' })).total).toBe(0)
    const again = unwrap(await supervisor.call('createWorkBatch', { purpose: 'coding', label: 'again', assignees: ['coder', 'coder2'], department: 'Cardiology', sample: 10, seed: 7 }))
    expect(again.assignees.map((entry) => entry.assigned)).toEqual([1, 1])
    expect(listAudit(temp.workspace.database, { action: 'work.' }).map((row) => row.action)).toEqual(['work.batch-create', 'work.batch-close', 'work.batch-create'])
  })

  it('refuses to deal work to a supervisor, or by model confidence without a model', async () => {
    expect(await supervisor.call('createWorkBatch', { purpose: 'coding', label: 'x', assignees: ['supervisor'], sample: 1 })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/work goes to coders/) } })
    expect(await supervisor.call('createWorkBatch', { purpose: 'coding', label: 'x', assignees: ['coder'], sample: 1, confidenceMax: 0.5 })).toMatchObject({ ok: false, error: { code: 'model-missing' } })
  })

  it('double codes blind: the second coder sees only their own coding, and agreement comes out as kappa and micro-F1', async () => {
    unwrap(await code(coder, 'R1', [{ code: 'I10', isPrimary: true }]))
    unwrap(await code(coder, 'R2', [{ code: 'I11.0', isPrimary: true }, { code: 'J18.9', isPrimary: false }]))
    const batch = unwrap(await supervisor.call('createWorkBatch', { purpose: 'double-coding', label: 'QA sample', assignees: ['coder', 'coder2'], codedOnly: true, sample: 2, seed: 1 }))
    // The first coder is never dealt a record they coded themselves.
    expect(batch.assignees.map((entry) => [entry.userId, entry.assigned])).toEqual([['coder2', 2]])
    const queue = unwrap(await coder2.call('listRecords', { assigned: 'me', status: 'todo' }))
    expect(queue.items.map((item) => [item.id, item.status, item.codeCount])).toEqual([['R1', 'todo', 0], ['R2', 'todo', 0]])
    const blind = unwrap(await coder2.call('openRecord', { recordId: 'R2' }))
    expect(blind).toMatchObject({ blind: true, status: 'todo', decisions: [] })
    unwrap(await code(coder2, 'R1', [{ code: 'I10', isPrimary: true }]))
    const second = unwrap(await code(coder2, 'R2', [{ code: 'I11.9', isPrimary: true }, { code: 'J18.9', isPrimary: false }]))
    expect(second).toMatchObject({ recordId: 'R2', version: 1, coder: 'coder2' })
    // The record's own coding is untouched: still the first coder's version 1.
    const first = unwrap(await supervisor.call('openRecord', { recordId: 'R2' }))
    expect(first.decisions.map((decision) => [decision.version, decision.coder])).toEqual([[1, 'coder']])
    const agreement = unwrap(await supervisor.call('getAgreement', {}))
    // R1: {I10} vs {I10}; R2: {I11.0, J18.9} vs {I11.9, J18.9}: 3 of 4 + 3 codes shared… F1 = 2·2/(3+3) = 2/3.
    expect(agreement.records).toBe(2)
    expect(agreement.microF1).toBeCloseTo(2 / 3, 10)
    expect(agreement.primaryAgreement).toBe(0.5)
    expect(agreement.codes.find((entry) => entry.code === 'J18.9')).toMatchObject({ both: 1, firstOnly: 0, secondOnly: 0, neither: 1, kappa: 1 })
    expect(agreement.codes.find((entry) => entry.code === 'I11.0')).toMatchObject({ both: 0, firstOnly: 1, secondOnly: 0, neither: 1, kappa: 0 })
    const queueForReview = unwrap(await supervisor.call('listReviewQueue', { reason: 'disagrees-second' }))
    expect(queueForReview.items.map((item) => [item.recordId, item.reasons])).toEqual([
      ['R2', [{ kind: 'disagrees-second', secondCoder: 'coder2', onlyFirst: ['I11.0'], onlySecond: ['I11.9'] }]],
    ])
    expect(verifyAudit(temp.workspace.database)).toMatchObject({ intact: true })
  })

  it('queues a confident rejection, shows the case side by side, and a return comes back to the coder as a new status', async () => {
    unwrap(
      await code(coder, 'R2', [{ code: 'I11.0', isPrimary: true }], 0, {
        suggestions: { modelVersion: 'm1', threshold: 0.4, codes: [{ code: 'J18.9', probability: 0.93, outcome: 'rejected' }, { code: 'I11.0', probability: 0.7, outcome: 'accepted' }, { code: 'I10', probability: 0.45, outcome: 'ignored' }] },
      }),
    )
    unwrap(await code(coder, 'R1', [{ code: 'I10', isPrimary: true }], 0, { suggestions: { modelVersion: 'm1', threshold: 0.4, codes: [{ code: 'I10', probability: 0.9, outcome: 'accepted' }] } }))
    const queue = unwrap(await supervisor.call('listReviewQueue', {}))
    expect(queue.items.map((item) => [item.recordId, item.reasons])).toEqual([['R2', [{ kind: 'rejected-confident', code: 'J18.9', probability: 0.93 }]]])
    const reviewCase = unwrap(await supervisor.call('getReviewCase', { recordId: 'R2' }))
    expect(reviewCase).toMatchObject({ version: 1, coder: 'coder', hasGold: true, second: null, model: { version: 'm1', threshold: 0.4 } })
    const row = (codeId: string) => reviewCase.rows.find((entry) => entry.code === codeId)
    expect(row('I11.0')).toMatchObject({ coder: { primary: true }, gold: { primary: true }, model: { probability: 0.7, outcome: 'accepted' }, differs: false })
    expect(row('J18.9')).toMatchObject({ coder: null, gold: { primary: false }, model: { outcome: 'rejected' }, differs: true })
    expect(row('I10')).toMatchObject({ coder: null, gold: null, model: { outcome: 'ignored' }, differs: true })
    expect(listAudit(temp.workspace.database, { action: 'record.open', entityId: 'R2' }).map((entry) => [entry.actor, entry.detail])).toEqual([['supervisor', { purpose: 'review' }]])

    expect(await supervisor.call('reviewDecision', { recordId: 'R2', version: 1, verdict: 'returned', comment: '' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/needs a comment/) } })
    const returned = unwrap(await supervisor.call('reviewDecision', { recordId: 'R2', version: 1, verdict: 'returned', comment: 'Pneumonia is documented: add J18.9.' }))
    expect(returned).toMatchObject({ version: 1, verdict: 'returned', reviewer: 'supervisor' })
    expect(await supervisor.call('reviewDecision', { recordId: 'R2', version: 1, verdict: 'approved' })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    // The coder sees it returned, with the comment; the coding itself is unchanged.
    const returnedQueue = unwrap(await coder.call('listRecords', { review: 'returned' }))
    expect(returnedQueue.items.map((item) => [item.id, item.review])).toEqual([['R2', 'returned']])
    const view = unwrap(await coder.call('openRecord', { recordId: 'R2' }))
    expect(view.reviews?.[0]).toMatchObject({ version: 1, verdict: 'returned', comment: 'Pneumonia is documented: add J18.9.' })
    expect(view.decisions[0]?.codes.map((entry) => entry.code)).toEqual(['I11.0'])
    // The answer is a new version, which comes back to the queue as a resubmission.
    unwrap(await code(coder, 'R2', [{ code: 'I11.0', isPrimary: true }, { code: 'J18.9', isPrimary: false }], 1))
    expect(unwrap(await supervisor.call('listReviewQueue', {})).items.map((item) => [item.recordId, item.version, item.reasons.map((reason) => reason.kind)])).toEqual([['R2', 2, ['resubmitted']]])
    unwrap(await supervisor.call('reviewDecision', { recordId: 'R2', version: 2, verdict: 'approved' }))
    expect(unwrap(await supervisor.call('listReviewQueue', {})).total).toBe(0)
    expect(verifyAudit(temp.workspace.database)).toMatchObject({ intact: true })
    expect(listAudit(temp.workspace.database, { action: 'review.' }).map((entry) => [entry.action, entry.detail.version])).toEqual([['review.return', 1], ['review.approve', 2]])
  })

  it("queues an overridden rule with the coder's reason and a changed primary, from what the submission stored (issue 14)", async () => {
    const database = temp.workspace.database
    // A local rule for the test code set: I10 and J18 not together.
    const rules = parseRuleSetFile(
      { ...findRuleSet(database, 'icd10-who').rules, appliesTo: ['tiny'], exclusive: [{ id: 'no-pneumonia-with-htn', codes: ['I10'], with: ['J18'], why: { en: 'a test rule.' }, action: { en: 'Remove one.' } }] },
      'local.json',
    )
    importRuleSet(database, rules, 'admin')
    unwrap(
      await code(coder, 'R1', [{ code: 'I10', isPrimary: true }, { code: 'J18.9', isPrimary: false }], 0, {
        ruleOverrides: [{ ruleId: 'no-pneumonia-with-htn', codes: ['J18.9', 'I10'], reason: 'both documented by the ward' }],
        primary: { suggested: 'J18.9', probability: 0.7, modelVersion: 'm1', confirmed: true },
      }),
    )
    const queue = unwrap(await supervisor.call('listReviewQueue', {}))
    expect(queue.items.map((item) => [item.recordId, item.reasons])).toEqual([
      [
        'R1',
        [
          { kind: 'changed-primary', suggested: 'J18.9', chosen: 'I10' },
          { kind: 'overrode-rule', rule: 'no-pneumonia-with-htn', code: expect.stringMatching(/^(I10 J18\.9|J18\.9 I10)$/), reason: 'both documented by the ward' },
        ],
      ],
    ])
    expect(unwrap(await supervisor.call('listReviewQueue', { reason: 'overrode-rule' })).total).toBe(1)
    expect(verifyAudit(database)).toMatchObject({ intact: true })
  })

  it('gives per-coder figures by mode against gold, with the suggestion outcomes', async () => {
    const database = temp.workspace.database
    database.prepare("UPDATE users SET coding_mode = 'manual' WHERE id = 'coder2'").run()
    unwrap(await code(coder, 'R1', [{ code: 'I10', isPrimary: true }], 0, { activeMs: 30_000, suggestions: { modelVersion: 'm', threshold: 0.5, codes: [{ code: 'I10', probability: 0.8, outcome: 'accepted' }, { code: 'J18.9', probability: 0.6, outcome: 'rejected' }] } }))
    unwrap(await code(coder, 'R2', [{ code: 'I11.0', isPrimary: true }, { code: 'I10', isPrimary: false }], 0, { activeMs: 90_000, suggestions: { modelVersion: 'm', threshold: 0.5, codes: [{ code: 'I11.0', probability: 0.7, outcome: 'accepted' }] } }))
    unwrap(await code(coder2, 'R3', [{ code: 'J18.9', isPrimary: true }], 0, { activeMs: 120_000 }))
    const figures = unwrap(await supervisor.call('getCoderFigures', {})).items
    const assisted = figures.find((row) => row.coder === 'coder')
    // Gold: R1 {I10}, R2 {I11.0, J18.9}; coded: {I10}, {I11.0, I10} → TP 2, coded 3, gold 3: P = R = F1 = 2/3; primaries 2/2.
    expect(assisted).toMatchObject({ mode: 'assisted', records: 2, medianActiveMs: 60_000, suggestions: { shown: 3, accepted: 2, rejected: 1, ignored: 0 }, addedBeyondSuggestions: 1 })
    expect(assisted?.gold?.microF1).toBeCloseTo(2 / 3, 10)
    expect(assisted?.gold?.primaryAgreement).toBe(1)
    const manual = figures.find((row) => row.coder === 'coder2')
    expect(manual).toMatchObject({ mode: 'manual', records: 1, medianActiveMs: 120_000, addedBeyondSuggestions: null, gold: { microF1: 0, primaryAgreement: 0 } })
    expect(unwrap(await supervisor.call('getCoderFigures', { from: '2000-01-01', to: '2000-12-31' })).items).toEqual([])
    // The submissions the helper made directly in the database count the same way.
    submitDecision(database, { recordId: 'R4', codes: [{ code: 'I10', isPrimary: true }], comment: '', baseVersion: 0, coder: 'coder', codeSetId: temp.codeSetId, activeMs: 10_000, mode: 'assisted' })
    expect(unwrap(await supervisor.call('getCoderFigures', {})).items.find((row) => row.coder === 'coder')?.records).toBe(3)
  })
})
