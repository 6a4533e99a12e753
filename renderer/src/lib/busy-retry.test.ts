import { describe, expect, it } from 'vitest'
import type { Method } from '../../../contract/api.js'
import { err, ok } from '../../../contract/result.js'
import type { Result } from '../../../contract/result.js'
import { retryWhileBusy } from './busy-retry.js'

function scripted(answers: Array<Result<unknown>>) {
  const calls: Array<[Method, unknown]> = []
  const invoke = async (method: Method, input: unknown) => {
    calls.push([method, input])
    return answers.shift() ?? ok('late')
  }
  return { invoke, calls }
}

describe('retrying a busy workspace', () => {
  const busy = err('busy', '/ws/clinicoco.db is busy: another process is writing to it (an import?).')

  it('tries a busy call again after waiting, and answers with the success', async () => {
    const waits: number[] = []
    const { invoke, calls } = scripted([busy, busy, ok({ version: 1 })])
    const retried = retryWhileBusy(invoke, { delaysMs: [10, 20, 40], sleep: async (ms) => void waits.push(ms) })
    expect(await retried('submitDecision', { recordId: 'R1' })).toEqual(ok({ version: 1 }))
    expect(calls).toEqual([
      ['submitDecision', { recordId: 'R1' }],
      ['submitDecision', { recordId: 'R1' }],
      ['submitDecision', { recordId: 'R1' }],
    ])
    expect(waits).toEqual([10, 20])
  })

  it('gives the coder the busy error once the retries are spent', async () => {
    const { invoke, calls } = scripted([busy, busy, busy, busy])
    const retried = retryWhileBusy(invoke, { delaysMs: [1, 1, 1], sleep: async () => undefined })
    expect(await retried('submitDecision', {})).toEqual(busy)
    expect(calls).toHaveLength(4)
  })

  it('never repeats a call that failed for another reason', async () => {
    const conflict = err('conflict', 'Record R1 was coded again (version 2) after you opened version 1.')
    const { invoke, calls } = scripted([conflict])
    const retried = retryWhileBusy(invoke, { delaysMs: [1, 1], sleep: async () => undefined })
    expect(await retried('submitDecision', {})).toEqual(conflict)
    expect(calls).toHaveLength(1)
  })
})
