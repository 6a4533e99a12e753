import { describe, expect, it } from 'vitest'
import type { Suggestions } from '../../../contract/domain.js'
import type { Result } from '../../../contract/result.js'
import { CodingSession } from './coding-session.svelte.js'
import { SuggestionsState } from './suggestions-state.svelte.js'
import { createFakeClient } from './testing/fake-client.js'
import type { FakeHandlers } from './testing/fake-client.js'
import { decision, failure, ok, recordView, suggestions } from './testing/fixtures.js'

function setup(handlers: FakeHandlers = { suggest: ({ recordId }) => ok(suggestions({ recordId })) }, mode: 'assisted' | 'black-box' | 'manual' = 'assisted') {
  const fake = createFakeClient(handlers)
  return { fake, state: new SuggestionsState(fake.client, mode) }
}

const codesOf = (list: Array<{ code: string }>) => list.map((entry) => entry.code)

describe('SuggestionsState', () => {
  it('starts the threshold at the model’s and groups the codes above it by source: text, names, similar', async () => {
    const { state, fake } = setup()
    await state.load('R-001')

    expect(fake.callsTo('suggest')).toEqual([{ recordId: 'R-001', language: 'en' }])
    expect(state.threshold).toBe(0.35)
    expect(state.groups.map((group) => [group.source, codesOf(group.codes)])).toEqual([
      ['text', ['I10']],
      ['names', ['E11.9']],
      ['similar', ['E78.5']],
    ])
    expect(codesOf(state.belowThreshold)).toEqual(['R51', 'R42', 'I20.9'])
    expect(codesOf(state.justBelow)).toEqual(['R51'])
    expect(state.modelThreshold).toBe(0.35)
  })

  it('filters by the threshold on the client: moving it shows more or fewer codes and never asks the engine again', async () => {
    const { state, fake } = setup()
    await state.load('R-001')

    state.threshold = 0.2
    expect(codesOf(state.shown)).toEqual(['I10', 'R51', 'E11.9', 'E78.5'])
    state.nudgeThreshold(-1)
    expect(state.threshold).toBe(0.15)
    expect(codesOf(state.shown)).toContain('R42')
    state.threshold = 0.95
    expect(state.shown).toEqual([])
    expect(codesOf(state.belowThreshold)).toHaveLength(6)

    expect(fake.callsTo('suggest')).toHaveLength(1)
  })

  it('shows at most the k most probable codes above the threshold with a top k, and reports only those as ignored', async () => {
    const { state } = setup()
    await state.load('R-001')
    state.threshold = 0
    const all = codesOf(state.shown)
    expect(all.length).toBe(6)
    state.topK = 5
    const byProbability = [...state.all].sort((a, b) => b.probability - a.probability).map((code) => code.code)
    expect(codesOf(state.aboveThreshold).sort()).toEqual(byProbability.slice(0, 5).sort())
    expect(codesOf(state.beyondTopK)).toEqual(all.filter((code) => !byProbability.slice(0, 5).includes(code)))
    expect(state.justBelow).toEqual([])
    const feedback = state.feedbackFor('R-001', [])
    expect(feedback?.codes.map((entry) => entry.code).sort()).toEqual(byProbability.slice(0, 5).sort())
    // A threshold that lets fewer than k through is not widened by the top k.
    state.threshold = 0.5
    expect(state.shown.every((code) => code.probability >= 0.5)).toBe(true)
    state.topK = null
    expect(codesOf(state.shown)).toEqual(all.filter((code) => state.all.find((entry) => entry.code === code)!.probability >= 0.5))
  })

  it('moves the threshold in steps of 0.05 without float drift, and keeps it within 0–1', async () => {
    const { state } = setup()
    await state.load('R-001')
    for (let step = 0; step < 7; step++) state.nudgeThreshold(-1)
    expect(state.threshold).toBe(0)
    state.nudgeThreshold(-1)
    expect(state.threshold).toBe(0)
    state.threshold = 0.97
    state.nudgeThreshold(1)
    expect(state.threshold).toBe(1)
    state.threshold = Number.NaN
    expect(state.threshold).toBe(1)
  })

  it('keeps the coder’s threshold for the next record, and follows the model again after a reset', async () => {
    let modelThreshold = 0.35
    const { state } = setup({ suggest: ({ recordId }) => ok(suggestions({ recordId, threshold: modelThreshold })) })
    await state.load('R-001')
    state.threshold = 0.6
    modelThreshold = 0.4
    await state.load('R-002')
    expect(state.threshold).toBe(0.6)

    state.resetThreshold()
    expect(state.threshold).toBe(0.4)
    modelThreshold = 0.3
    await state.load('R-003')
    expect(state.threshold).toBe(0.3)
  })

  it('accepts a suggestion into the coding once, marks it accepted, and takes similar cases’ codes too', async () => {
    const { state, fake } = setup()
    const session = new CodingSession(fake.client, recordView())
    await state.load('R-001')

    expect(state.accept('I10', session)).toBe(true)
    expect(state.accept('I10', session)).toBe(false)
    expect(session.codes).toEqual([{ code: 'I10', title: 'Essential (primary) hypertension', isPrimary: true }])
    expect(state.isAccepted('I10')).toBe(true)

    // A code only a similar case has, with that case's title.
    const withOtherCase = suggestions()
    withOtherCase.similarCases[0]?.codes.push({ code: 'N18.3', title: 'Chronic kidney disease, stage 3' })
    const other = setup({ suggest: () => ok(withOtherCase) })
    const otherSession = new CodingSession(other.fake.client, recordView())
    await other.state.load('R-001')
    expect(other.state.accept('N18.3', otherSession)).toBe(true)
    expect(otherSession.codes[0]).toMatchObject({ code: 'N18.3', title: 'Chronic kidney disease, stage 3' })
    expect(other.state.accept('Z99.9', otherSession)).toBe(false)
  })

  it('rejects a suggestion and takes it back, never one in the coding, and reports every outcome with the submission', async () => {
    const { state, fake } = setup({
      suggest: ({ recordId }) => ok(suggestions({ recordId })),
      submitDecision: () => ok(decision({ version: 1 })),
    })
    const session = new CodingSession(fake.client, recordView(), { suggestionFeedback: (codes) => state.feedbackFor('R-001', codes) })
    await state.load('R-001')

    expect(state.toggleRejected('E78.5', session)).toBe(true)
    expect(state.isRejected('E78.5')).toBe(true)
    expect(state.toggleRejected('R42', session)).toBe(true) // below the threshold: reported because rejected
    expect(state.toggleRejected('R42', session)).toBe(true) // taken back
    expect(state.toggleRejected('R42', session)).toBe(true)
    expect(state.toggleRejected('Z99.9', session)).toBe(false) // not a suggestion
    state.accept('I10', session)
    expect(state.toggleRejected('I10', session)).toBe(false) // in the coding
    session.add({ code: 'R51', title: 'Headache' }) // suggested below the threshold, added by search

    await session.submit()
    expect(fake.callsTo('submitDecision')[0]?.suggestions).toEqual({
      modelVersion: 'demo-2026-11-27-3f2a9c1b',
      threshold: 0.35,
      codes: [
        { code: 'I10', probability: 0.91, outcome: 'accepted' },
        { code: 'E11.9', probability: 0.72, outcome: 'ignored' },
        { code: 'E78.5', probability: 0.41, outcome: 'rejected' },
        { code: 'R51', probability: 0.3, outcome: 'accepted' },
        { code: 'R42', probability: 0.18, outcome: 'rejected' },
      ],
    })
    // Another record's submission gets none of this record's outcomes.
    expect(state.feedbackFor('R-002', ['I10'])).toBeUndefined()
  })

  it('does not mark a code accepted that the coding already had', async () => {
    const { state, fake } = setup()
    const session = new CodingSession(fake.client, recordView({ status: 'submitted', decisions: [decision()] }))
    await state.load('R-001')
    expect(state.accept('I10', session)).toBe(false)
    expect(state.isAccepted('I10')).toBe(false)
    expect(session.codes).toHaveLength(1)
  })

  it('refuses to put one record’s suggestion into another record’s coding', async () => {
    const { state, fake } = setup()
    await state.load('R-002')
    const session = new CodingSession(fake.client, recordView({ id: 'R-001' }))
    expect(state.accept('I10', session)).toBe(false)
    expect(session.codes).toEqual([])
  })

  it('selects the best shown suggestion on arrival, accepts the selection, and moves in screen order', async () => {
    const { state, fake } = setup()
    const session = new CodingSession(fake.client, recordView())
    await state.load('R-001')
    expect(state.selectedCode).toBe('I10')

    state.moveSelection(1)
    expect(state.selectedCode).toBe('E11.9')
    expect(state.acceptSelected(session)).toBe(true)
    state.moveSelection(1)
    state.moveSelection(1)
    expect(state.selectedCode).toBe('E78.5')
    state.moveSelection(-1)
    expect(state.selectedCode).toBe('E11.9')
    expect(codesOf(session.codes)).toEqual(['E11.9'])
  })

  it('paints the evidence of the suggestion pointed at, else of the selected one', async () => {
    const { state } = setup()
    await state.load('R-001')
    expect(state.evidence).toHaveLength(4)
    state.previewCode = 'R51'
    expect(state.highlightedCode).toBe('R51')
    expect(state.evidence).toEqual([{ section: 0, start: 0, end: 8, weight: 1 }])
    state.previewCode = null
    expect(state.highlightedCode).toBe('I10')
  })

  it('treats a missing model as a calm state, not an error', async () => {
    const { state } = setup({ suggest: () => failure('model-missing', 'No coding model is installed.') })
    await state.load('R-001')
    expect(state.status).toEqual({ kind: 'no-model' })
    expect(state.all).toEqual([])
  })

  it('reports another failure and loads on retry', async () => {
    let answer: Result<Suggestions> = failure('internal', 'ONNX Runtime ran out of memory.')
    const { state, fake } = setup({ suggest: () => answer })
    await state.load('R-001')
    expect(state.status).toEqual({ kind: 'failed', error: { code: 'internal', message: 'ONNX Runtime ran out of memory.' } })

    answer = ok(suggestions())
    await state.retry()
    expect(state.status.kind).toBe('ready')
    expect(fake.callsTo('suggest')).toHaveLength(2)
  })

  it('keeps only the answer for the latest record when the coder moves on before it arrives', async () => {
    const answers = new Map<string, (result: Result<Suggestions>) => void>()
    const { state } = setup({ suggest: ({ recordId }) => new Promise((resolve) => answers.set(recordId, resolve)) })
    const first = state.load('R-001')
    const second = state.load('R-002')
    answers.get('R-002')?.(ok(suggestions({ recordId: 'R-002' })))
    answers.get('R-001')?.(ok(suggestions({ recordId: 'R-001', codes: [] })))
    await Promise.all([first, second])
    expect(state.recordId).toBe('R-002')
    expect(state.status.kind === 'ready' && state.status.suggestions.recordId).toBe('R-002')
  })

  it('never calls suggest in manual mode, nor before the mode is known, and fetches once an AI mode is set', async () => {
    const { state, fake } = setup(undefined, 'manual')
    await state.load('R-001')
    expect(state.status).toEqual({ kind: 'idle' })

    const waiting = setup()
    const unknown = new SuggestionsState(waiting.fake.client)
    await unknown.load('R-001')
    expect(unknown.status).toEqual({ kind: 'idle' })
    expect(waiting.fake.callsTo('suggest')).toEqual([])

    unknown.setMode('black-box')
    await expect.poll(() => unknown.status.kind).toBe('ready')
    expect(fake.callsTo('suggest')).toEqual([])
    expect(waiting.fake.callsTo('suggest')).toHaveLength(1)
  })

  it('in black-box mode gives the codes best first, but no evidence, sources or similar cases', async () => {
    const { state } = setup(undefined, 'black-box')
    await state.load('R-001')
    expect(state.showsReasons).toBe(false)
    expect(codesOf(state.shown)).toEqual(['I10', 'E11.9', 'E78.5'])
    expect(state.evidence).toEqual([])
    expect(state.similarCases).toEqual([])
    expect(state.flags).toEqual([])
    // No threshold to move: the model's applies, and the keys leave it alone.
    state.nudgeThreshold(-1)
    expect(state.threshold).toBe(0.35)
    expect(state.applied).toBe(0.35)
  })

  it('shows missing and vague flags whose support reaches the threshold, and every wrong flag', async () => {
    const { state, fake } = setup()
    await state.load('R-001')
    const flagsOf = () => state.flags.map((flag) => `${flag.kind} ${flag.code}`)

    expect(flagsOf()).toEqual(['missing E78.5', 'wrong I20.9'])
    state.threshold = 0.3
    expect(flagsOf()).toEqual(['missing E78.5', 'missing R51', 'wrong I20.9'])
    state.threshold = 0.9
    expect(flagsOf()).toEqual(['wrong I20.9'])
    expect(fake.callsTo('suggest')).toHaveLength(1)
  })
})
