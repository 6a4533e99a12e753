import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Decision, RecordView } from '../../../contract/domain.js'
import type { Result } from '../../../contract/result.js'
import { CodingSession } from './coding-session.svelte.js'
import { CodingTimer } from './coding-timer.svelte.js'
import { createFakeActivity } from './testing/fake-activity.js'
import { createFakeClient } from './testing/fake-client.js'
import type { FakeHandlers } from './testing/fake-client.js'
import { decision, failure, ok, recordView } from './testing/fixtures.js'

const hypertension = { code: 'I10', title: 'Essential (primary) hypertension' }
const diabetes = { code: 'E11.9', title: 'Type 2 diabetes mellitus without complications' }
const headache = { code: 'R51', title: 'Headache' }

function newSession(record = recordView(), handlers: FakeHandlers = {}) {
  const fake = createFakeClient(handlers)
  return { fake, session: new CodingSession(fake.client, record) }
}

describe('CodingSession', () => {
  it('starts empty, from version 0, on a record never coded', () => {
    const { session } = newSession()
    expect(session.codes).toEqual([])
    expect(session.baseVersion).toBe(0)
  })

  it('makes the first code the primary and adds later ones as secondary', () => {
    const { session } = newSession()
    session.add(hypertension)
    session.add(diabetes)
    expect(session.codes.map(({ code, isPrimary }) => [code, isPrimary])).toEqual([
      ['I10', true],
      ['E11.9', false],
    ])
  })

  it('refuses a code that is already in the coding', () => {
    const { session } = newSession()
    expect(session.add(hypertension)).toBe(true)
    expect(session.add(hypertension)).toBe(false)
    expect(session.codes).toHaveLength(1)
  })

  it('moves the primary mark to exactly one code', () => {
    const { session } = newSession()
    session.add(hypertension)
    session.add(diabetes)
    session.setPrimary('E11.9')
    expect(session.codes.filter((code) => code.isPrimary).map((code) => code.code)).toEqual(['E11.9'])
  })

  it('leaves no primary when the primary code is removed, and refuses to submit until one is marked', async () => {
    const { session, fake } = newSession()
    session.add(hypertension)
    session.add(diabetes)
    session.remove('I10')
    expect(session.codes).toEqual([{ ...diabetes, isPrimary: false }])

    expect(await session.submit()).toBeNull()
    expect(session.problem).toEqual({ kind: 'needs-one-primary', marked: 0 })
    expect(fake.calls).toEqual([])
  })

  it('refuses to submit an empty coding without calling the app', async () => {
    const { session, fake } = newSession()
    expect(await session.submit()).toBeNull()
    expect(session.problem).toEqual({ kind: 'needs-codes' })
    expect(fake.calls).toEqual([])
  })

  it('undoes adds, removals and primary changes one step at a time', () => {
    const { session } = newSession()
    session.add(hypertension)
    session.add(diabetes)
    session.setPrimary('E11.9')
    session.remove('I10')

    session.undo()
    expect(session.codes.map((code) => code.code)).toEqual(['I10', 'E11.9'])
    session.undo()
    expect(session.codes.find((code) => code.isPrimary)?.code).toBe('I10')
    session.undo()
    session.undo()
    expect(session.codes).toEqual([])
    expect(session.canUndo).toBe(false)
  })

  it('submits the codes, the trimmed comment and base version 0 for a first coding', async () => {
    const stored = decision({ version: 1 })
    const { session, fake } = newSession(recordView(), { submitDecision: () => ok(stored) })
    session.add(hypertension)
    session.add(diabetes)
    session.comment = '  BP confirmed on two readings  '

    expect(await session.submit()).toEqual(stored)
    expect(fake.callsTo('submitDecision')).toEqual([
      {
        recordId: 'R-001',
        codes: [
          { code: 'I10', isPrimary: true },
          { code: 'E11.9', isPrimary: false },
        ],
        comment: 'BP confirmed on two readings',
        baseVersion: 0,
        activeMs: 0,
        mode: 'assisted',
      },
    ])
  })

  it('shows the record as submitted with the new version on top of its history', async () => {
    const stored = decision({ version: 1 })
    const { session } = newSession(recordView(), { submitDecision: () => ok(stored) })
    session.add(hypertension)
    await session.submit()

    expect(session.record.status).toBe('submitted')
    expect(session.record.decisions.map((entry) => entry.version)).toEqual([1])
    expect(session.submittedVersion).toBe(1)
    expect(session.comment).toBe('')
  })

  it('reopens a submitted record from its latest codes and submits the next version on top of it', async () => {
    const latest = decision({
      version: 2,
      codes: [
        { code: 'I10', title: hypertension.title, isPrimary: true },
        { code: 'E11.9', title: diabetes.title, isPrimary: false },
      ],
    })
    const record = recordView({ status: 'submitted', decisions: [latest, decision({ version: 1 })] })
    let nextVersion = 3
    const { session, fake } = newSession(record, {
      submitDecision: (input) =>
        ok(decision({ version: nextVersion++, codes: input.codes.map((code) => ({ ...code, title: code.code })) })),
    })

    expect(session.baseVersion).toBe(2)
    expect(session.codes.map((code) => code.code)).toEqual(['I10', 'E11.9'])

    session.add(headache)
    await session.submit()
    session.remove('R51')
    await session.submit()

    expect(fake.callsTo('submitDecision').map((input) => input.baseVersion)).toEqual([2, 3])
    expect(session.record.decisions.map((entry) => entry.version)).toEqual([4, 3, 2, 1])
  })

  it('keeps the coder’s codes and reports the conflict when someone else submitted first', async () => {
    const { session } = newSession(recordView(), {
      submitDecision: () => failure('conflict', 'Record R-001 was coded again (version 1) after you opened version 0.'),
    })
    session.add(hypertension)

    expect(await session.submit()).toBeNull()
    expect(session.problem).toEqual({
      kind: 'app',
      error: { code: 'conflict', message: 'Record R-001 was coded again (version 1) after you opened version 0.' },
    })
    expect(session.codes.map((code) => code.code)).toEqual(['I10'])
    expect(session.record.status).toBe('todo')
    expect(session.submitting).toBe(false)
  })

  it('flags a newer version submitted elsewhere, but not its own submit arriving as an event first', async () => {
    let answer: (result: Result<Decision>) => void = () => {}
    const { session } = newSession(recordView(), {
      submitDecision: () => new Promise((resolve) => (answer = resolve)),
    })
    session.add(hypertension)
    const pending = session.submit()
    session.noteDecision(decision({ version: 1 }))
    answer(ok(decision({ version: 1 })))
    await pending
    expect(session.newerDecision).toBeNull()

    session.noteDecision(decision({ version: 2, coder: 'coder2' }))
    expect(session.newerDecision?.coder).toBe('coder2')
    session.noteDecision(decision({ recordId: 'R-999', version: 9 }))
    expect(session.newerDecision?.version).toBe(2)
  })

  describe('with a coding timer', () => {
    afterEach(() => {
      vi.useRealTimers()
    })

    it('sends the active time and the coding mode with the submission, then restarts the time for the next version', async () => {
      vi.useFakeTimers()
      const activity = createFakeActivity()
      const fake = createFakeClient({ submitDecision: () => ok(decision({ version: 1 })) })
      const session = new CodingSession(fake.client, recordView(), { timer: new CodingTimer(activity.source), mode: 'black-box' })
      session.add(hypertension)
      vi.advanceTimersByTime(42_000)
      activity.input()
      vi.advanceTimersByTime(1_500)
      await session.submit()

      expect(fake.callsTo('submitDecision')[0]).toMatchObject({ activeMs: 43_500, mode: 'black-box' })
      expect(session.timer?.activeMs()).toBe(0)
    })

    it('keeps counting after a refused submit: the coder is still on the same version', async () => {
      vi.useFakeTimers()
      const fake = createFakeClient({ submitDecision: () => failure('conflict', 'Coded again.') })
      const session = new CodingSession(fake.client, recordView(), { timer: new CodingTimer(createFakeActivity().source) })
      session.add(hypertension)
      vi.advanceTimersByTime(5_000)
      await session.submit()
      expect(session.timer?.activeMs()).toBe(5_000)
    })
  })

  it('moves a keyboard selection through the assigned codes, marks it primary and removes it', () => {
    const { session } = newSession()
    session.add(hypertension)
    session.add(diabetes)
    session.add(headache)

    session.moveSelection(1)
    expect(session.selectedCode).toBe('I10')
    session.moveSelection(1)
    session.markSelectedPrimary()
    expect(session.codes.find((code) => code.isPrimary)?.code).toBe('E11.9')

    session.removeSelected()
    expect(session.codes.map((code) => code.code)).toEqual(['I10', 'R51'])
    expect(session.selectedCode).toBe('R51')
    session.moveSelection(1)
    expect(session.selectedCode).toBe('R51')
    session.removeSelected()
    expect(session.selectedCode).toBe('I10')
    session.undo()
    expect(session.codes.map((code) => code.code)).toEqual(['I10', 'R51'])
  })
})

describe('CodingSession with the coding rules, the suggested primary and drafts', () => {
  const warning = {
    ruleId: 'unspecified-sibling',
    family: 'unspecified-sibling' as const,
    codes: ['E11.9', 'E11.2'],
    message: 'E11.9 is the unspecified code beside E11.2.',
    action: 'Remove E11.9.',
    overridable: true,
    choices: [],
  }
  const nephropathy = { code: 'E11.2', title: 'Type 2 diabetes mellitus with kidney complications' }

  function ruledSession(options: { primary?: string; draft?: RecordView['draft'] } = {}) {
    const fake = createFakeClient({
      checkCoding: ({ codes }) => {
        const present = codes.map((entry) => entry.code)
        return ok({ ruleSet: null, unchecked: [], titles: {}, warnings: present.includes('E11.9') && present.includes('E11.2') ? [warning] : [] })
      },
      saveDraft: () => ok({ savedAt: '2024-03-09T10:00:00.000Z' }),
      discardDraft: () => ok({ discarded: true }),
      submitDecision: (input) => ok(decision({ version: 1, codes: input.codes.map((code) => ({ ...code, title: '' })) })),
    })
    const primary = options.primary ? { primary: { code: options.primary, title: 'x', confidence: 0.8, reasons: ['first-name' as const] }, modelVersion: 'm1' } : null
    const session = new CodingSession(fake.client, recordView({ draft: options.draft ?? null }), { rules: true, draftDelayMs: 10_000, suggestedPrimary: () => primary })
    return { fake, session }
  }

  it('asks the rules after every change and refuses to submit while a warning is neither resolved nor kept with a reason', async () => {
    const { fake, session } = ruledSession()
    session.add(diabetes)
    session.add(nephropathy)
    await vi.waitFor(() => expect(session.unresolvedWarnings).toHaveLength(1))
    expect(await session.submit()).toBeNull()
    expect(session.problem).toEqual({ kind: 'rule-warnings', count: 1 })
    expect(session.overrideWarning(warning, 'no')).toBe(false)
    expect(session.overrideWarning(warning, 'Both documented by the endocrinologist')).toBe(true)
    expect(session.unresolvedWarnings).toEqual([])
    expect(await session.submit()).not.toBeNull()
    expect(fake.callsTo('submitDecision')[0]?.ruleOverrides).toEqual([{ ruleId: 'unspecified-sibling', codes: ['E11.9', 'E11.2'], reason: 'Both documented by the endocrinologist' }])
  })

  it('gives the suggested primary the mark when it is added, unless the coder chose a primary', () => {
    const { session } = ruledSession({ primary: 'E11.9' })
    session.add(hypertension)
    session.add(diabetes)
    expect(session.codes.find((code) => code.isPrimary)?.code).toBe('E11.9')
    const chosen = ruledSession({ primary: 'E11.9' }).session
    chosen.add(hypertension)
    chosen.add(headache)
    chosen.setPrimary('I10')
    chosen.add(diabetes)
    expect(chosen.codes.find((code) => code.isPrimary)?.code).toBe('I10')
  })

  it('requires a primary other than the suggested one to be confirmed, and reports both with the submission', async () => {
    const { fake, session } = ruledSession({ primary: 'E11.9' })
    session.add(hypertension)
    session.add(diabetes)
    session.setPrimary('I10')
    expect(await session.submit()).toBeNull()
    expect(session.problem).toEqual({ kind: 'confirm-primary', suggested: 'E11.9', marked: 'I10' })
    session.selectedCode = 'I10'
    session.markSelectedPrimary() // `p` on the primary itself confirms it
    expect(session.primaryConfirmed).toBe(true)
    expect(await session.submit()).not.toBeNull()
    expect(fake.callsTo('submitDecision')[0]?.primary).toEqual({ suggested: 'E11.9', probability: 0.8, modelVersion: 'm1', confirmed: true })
  })

  it('saves the work as a draft and restores it when the record is opened again', async () => {
    const { fake, session } = ruledSession()
    session.add(hypertension)
    session.comment = 'BP chart checked'
    await session.saveDraftNow()
    const saved = fake.callsTo('saveDraft')[0]?.draft
    expect(saved).toMatchObject({ baseVersion: 0, codes: [{ code: 'I10', isPrimary: true }], comment: 'BP chart checked' })
    expect(session.draftState).toEqual({ kind: 'saved', at: '2024-03-09T10:00:00.000Z' })

    const reopened = ruledSession({ draft: { ...saved!, savedAt: '2024-03-09T10:00:00.000Z' } }).session
    expect(reopened.codes.map((code) => code.code)).toEqual(['I10'])
    expect(reopened.comment).toBe('BP chart checked')
    expect(reopened.restoredDraft).toEqual({ savedAt: '2024-03-09T10:00:00.000Z', fromVersion: 0 })
    await reopened.discardDraft()
    expect(reopened.codes).toEqual([])
  })
})
