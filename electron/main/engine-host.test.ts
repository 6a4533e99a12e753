import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ENGINE_MAIN } from '../../engine/host/engine-client.js'

class FakeUtilityProcess extends EventEmitter {
  readonly posted: unknown[] = []
  killed = false
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: unknown,
  ) {
    super()
  }
  postMessage(message: unknown): void {
    this.posted.push(message)
    // The fake engine answers every request and obeys shutdown, like engine-main does.
    const request = message as { type: string; id?: number }
    if (request.type === 'request') this.emit('message', { type: 'response', id: request.id, result: { ok: true, value: 'pong' } })
    if (request.type === 'shutdown') this.emit('exit', 0)
  }
  kill(): boolean {
    this.killed = true
    return true
  }
}

const fake = vi.hoisted(() => ({ children: [] as unknown[] }))

vi.mock('electron', () => ({
  utilityProcess: {
    fork: (modulePath: string, args: string[], options: unknown) => {
      const child = new FakeUtilityProcess(modulePath, args, options)
      fake.children.push(child)
      return child
    },
  },
}))

const { forkEngine } = await import('./engine-host.js')

function lastChild(): FakeUtilityProcess {
  const child = fake.children.at(-1)
  if (!(child instanceof FakeUtilityProcess)) throw new Error('no engine was forked')
  return child
}

beforeEach(() => {
  fake.children.length = 0
})

describe('forkEngine', () => {
  it('forks the built engine entry with its options as argv[2] JSON', () => {
    forkEngine({ workspaceDir: '/srv/ws' }, vi.fn())
    expect(lastChild().modulePath).toBe(ENGINE_MAIN)
    expect(lastChild().args).toEqual([JSON.stringify({ workspaceDir: '/srv/ws' })])
  })

  it('speaks the host protocol over the utility process messages', async () => {
    const engine = forkEngine({ workspaceDir: '/srv/ws' }, vi.fn())
    lastChild().emit('message', { type: 'ready' })
    await engine.ready
    expect(await engine.invoke('getWorkspace', {}, 'session-1')).toEqual({ ok: true, value: 'pong' })
    expect(lastChild().posted).toEqual([{ type: 'request', id: 1, method: 'getWorkspace', input: {}, session: 'session-1' }])
  })

  it('forwards engine events', () => {
    const engine = forkEngine({ workspaceDir: '/srv/ws' }, vi.fn())
    const listener = vi.fn()
    engine.onEvent(listener)
    lastChild().emit('message', { type: 'event', event: 'decisionSubmitted', payload: { recordId: 'r1' } })
    expect(listener).toHaveBeenCalledWith('decisionSubmitted', { recordId: 'r1' })
  })

  it('reports an exit nobody asked for', async () => {
    const onUnexpectedExit = vi.fn()
    const engine = forkEngine({ workspaceDir: '/srv/ws' }, onUnexpectedExit)
    lastChild().emit('message', { type: 'ready' })
    lastChild().emit('exit', 134)
    expect(onUnexpectedExit).toHaveBeenCalledWith(134)
    expect(await engine.invoke('getWorkspace', {})).toMatchObject({ ok: false, error: { code: 'internal' } })
  })

  it('does not report the exit that stop() asked for', async () => {
    const onUnexpectedExit = vi.fn()
    const engine = forkEngine({ workspaceDir: '/srv/ws' }, onUnexpectedExit)
    lastChild().emit('message', { type: 'ready' })
    await engine.stop()
    expect(lastChild().posted).toEqual([{ type: 'shutdown' }])
    expect(onUnexpectedExit).not.toHaveBeenCalled()
  })
})
