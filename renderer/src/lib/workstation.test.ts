import { describe, expect, it, vi } from 'vitest'
import { createFakeClient } from './testing/fake-client.js'
import { ok, recordPage, recordView, workspaceInfo } from './testing/fixtures.js'
import { createMemoryApp } from './testing/memory-app.js'
import { Workstation } from './workstation.svelte.js'

describe('Workstation', () => {
  it('opens records in the mode the supervisor set, also the one remembered from before a reload, without suggestions in manual mode', async () => {
    const info = workspaceInfo()
    const fake = createFakeClient({
      getWorkspace: () => ok({ ...info, user: { ...info.user, mode: 'manual' } }),
      listRecords: () => ok(recordPage()),
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

  it('remembers the threshold each coder chose across sessions, and forgets it when they hand it back to the model', async () => {
    const stored = new Map<string, string>()
    const preferences = {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => void stored.set(key, value),
      removeItem: (key: string) => void stored.delete(key),
    }
    const app = createMemoryApp([recordView({ id: 'R-1' })])
    const first = new Workstation(app.client, null, null, preferences)
    const stopFirst = first.start()
    await first.openRecord('R-1')
    await vi.waitFor(() => expect(first.workbench.suggestions.status.kind).toBe('ready'))
    first.workbench.suggestions.threshold = 0.2
    stopFirst()
    const userId = workspaceInfo().user.id
    expect(stored.get(`clinicoco.threshold.${userId}`)).toBe('0.2')

    const next = new Workstation(app.client, null, null, preferences)
    const stopNext = next.start()
    await vi.waitFor(() => expect(next.workspace.info).not.toBeNull())
    await next.openRecord('R-1')
    await vi.waitFor(() => expect(next.workbench.suggestions.status.kind).toBe('ready'))
    expect(next.workbench.suggestions.threshold).toBe(0.2)
    next.workbench.suggestions.resetThreshold()
    expect(stored.has(`clinicoco.threshold.${userId}`)).toBe(false)
    stopNext()
  })

  it('remembers the queue filters and order for the tab, and a reload lists the queue as the coder left it', async () => {
    const app = createMemoryApp([
      recordView({ id: 'R-1', department: 'Cardiology', dischargedAt: '2024-03-01' }),
      recordView({ id: 'R-2', department: 'Cardiology', dischargedAt: '2024-03-09' }),
      recordView({ id: 'R-3', department: 'Neurology', dischargedAt: '2024-03-05' }),
    ])
    const memory = new Map<string, string>()
    const tab = { getItem: (key: string) => memory.get(key) ?? null, setItem: (key: string, value: string) => void memory.set(key, value) }
    const before = new Workstation(app.client, tab)
    const stopBefore = before.start()
    await before.narrowQueue({ department: 'Cardiology' })
    await before.sortQueue('discharged-desc')
    before.typeQueueQuery('R-')
    stopBefore()

    const after = new Workstation(app.client, tab)
    const stopAfter = after.start()
    await vi.waitFor(() => expect(after.queue.items.map((item) => item.id)).toEqual(['R-2', 'R-1']))
    expect(after.queue.narrowing).toMatchObject({ department: 'Cardiology', query: 'R-' })
    expect(app.callsTo('listRecords').at(-1)).toEqual({ status: 'todo', department: 'Cardiology', query: 'R-', sort: 'discharged-desc', offset: 0, limit: 50 })
    stopAfter()
  })
})
