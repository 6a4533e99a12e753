import { describe, expect, it, vi } from 'vitest'
import { createFakeClient } from './testing/fake-client.js'
import { ok, recordView, workspaceInfo } from './testing/fixtures.js'
import { Workstation } from './workstation.svelte.js'

describe('Workstation', () => {
  it('opens records in the mode the supervisor set, also the one remembered from before a reload, without suggestions in manual mode', async () => {
    const info = workspaceInfo()
    const fake = createFakeClient({
      getWorkspace: () => ok({ ...info, user: { ...info.user, mode: 'manual' } }),
      listRecords: () => ok({ total: 0, items: [] }),
      openRecord: ({ recordId }) => ok(recordView({ id: recordId })),
    })
    const memory = new Map([['clinicoco.openRecord', 'R-7']])
    const workstation = new Workstation(fake.client, {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => memory.set(key, value),
    })
    const stop = workstation.start()
    await vi.waitFor(() => expect(workstation.workbench.session?.record.id).toBe('R-7'))
    expect(workstation.workbench.mode).toBe('manual')
    expect(workstation.workbench.session?.mode).toBe('manual')
    // Manual mode shows no AI, so the model is never even asked.
    expect(fake.callsTo('suggest')).toEqual([])
    stop()
  })
})
