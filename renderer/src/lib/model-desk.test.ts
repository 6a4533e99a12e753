import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TrainingJobView } from '../../../contract/training-job.js'
import { JOB_POLL_MS, ModelDesk } from './model-desk.svelte.js'
import { createFakeClient } from './testing/fake-client.js'
import { ok } from './testing/fixtures.js'

function job(status: TrainingJobView['status'], hasReport = false): TrainingJobView {
  return {
    id: 1,
    createdAt: '2026-12-05T09:01:00.000Z',
    actor: 'admin',
    status,
    settings: { budgetMinutes: 1, seed: 13, epochs: {}, withoutRawStep: false, withoutNoisyStep: false, tiny: true },
    modelDir: '/ws/models/trained-1',
    modelVersion: hasReport ? 'm-1' : null,
    error: null,
    progress: null,
    canResume: false,
    canCancel: status === 'running',
    hasReport,
    events: [],
  }
}

afterEach(() => vi.useRealTimers())

describe('ModelDesk', () => {
  it('looks at a running job every two seconds until it ends, then fetches its report and the registry', async () => {
    vi.useFakeTimers()
    const answers = [job('running'), job('running'), job('succeeded', true)]
    const fake = createFakeClient({
      listTrainingJobs: () => ok({ jobs: [job('running')] }),
      getTrainingJob: () => ok(answers.shift() ?? job('succeeded', true)),
      getTrainingReport: () => ok({ modelVersion: 'm-1' } as never),
      listModels: () => ok({ models: [] }),
      getModelHistory: () => ok({ switches: [] }),
    })
    const desk = new ModelDesk(fake.client)
    await desk.loadJobs()
    expect(fake.callsTo('getTrainingJob')).toHaveLength(0)
    for (let look = 1; look <= 3; look += 1) {
      await vi.advanceTimersByTimeAsync(JOB_POLL_MS)
      expect(fake.callsTo('getTrainingJob')).toHaveLength(look)
    }
    expect(desk.job?.status).toBe('succeeded')
    expect(desk.report?.modelVersion).toBe('m-1')
    expect(fake.callsTo('listModels')).toHaveLength(1)
    // Finished: no more looks.
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS * 5)
    expect(fake.callsTo('getTrainingJob')).toHaveLength(3)
  })

  it('stops looking once disposed', async () => {
    vi.useFakeTimers()
    const fake = createFakeClient({ listTrainingJobs: () => ok({ jobs: [job('running')] }), getTrainingJob: () => ok(job('running')) })
    const desk = new ModelDesk(fake.client)
    await desk.loadJobs()
    desk.dispose()
    await vi.advanceTimersByTimeAsync(JOB_POLL_MS * 3)
    expect(fake.callsTo('getTrainingJob')).toHaveLength(0)
  })
})
