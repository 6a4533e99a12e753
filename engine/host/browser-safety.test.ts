import { request } from 'node:http'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SESSION_HEADER } from '../../contract/security.js'
import { TEST_PASSWORD, createTempWorkspace } from '../testing/temp-workspace.js'
import type { TempWorkspace } from '../testing/temp-workspace.js'
import { startBrowserHost } from './browser-server.js'
import type { BrowserHost } from './browser-server.js'
import { startEngineProcess } from './engine-client.js'
import type { EngineClient, EngineProcessClient } from './engine-client.js'
import { superviseEngine } from './engine-supervisor.js'

// Browser mode as a hostile or unlucky client meets it: a real engine process behind a real server.
describe('browser mode under bad requests and a crashing engine', () => {
  let temp: TempWorkspace
  let engine: EngineClient
  let host: BrowserHost
  const processes: EngineProcessClient[] = []
  const notices: unknown[] = []
  beforeAll(async () => {
    temp = createTempWorkspace()
    temp.workspace.close()
    const rendererDir = join(temp.dir, 'renderer')
    mkdirSync(rendererDir)
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>CliniCoCo</title>')
    engine = superviseEngine(
      () => {
        const started = startEngineProcess({ workspaceDir: temp.dir })
        processes.push(started)
        return started
      },
      { onRestart: (notice) => notices.push(notice) },
    )
    await engine.ready
    host = await startBrowserHost({ engine, rendererDir, maxBodyBytes: 100_000 })
  })
  afterAll(async () => {
    await host.close()
    await engine.stop()
    temp.cleanup()
  })

  function call(path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = request({ host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers }, (response) => {
        let body = ''
        response.on('data', (chunk: Buffer) => (body += chunk.toString()))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
      })
      outgoing.on('error', reject)
      outgoing.end(options.body)
    })
  }
  const api = (method: string, body: string | Buffer, session?: string) =>
    call(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-clinicoco-token': host.token, ...(session ? { [SESSION_HEADER]: session } : {}) },
      body,
    })
  async function signIn(): Promise<string> {
    const answer = JSON.parse((await api('signIn', JSON.stringify({ userId: 'coder', password: TEST_PASSWORD }))).body) as { ok: boolean; value?: { token: string } }
    if (!answer.ok || !answer.value) throw new Error('the test coder could not sign in')
    return answer.value.token
  }

  it('answers a path with broken %-encoding 400, without a stack trace', async () => {
    const answer = await call('/%E0%A4%A')
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.body)).toEqual({ ok: false, error: { code: 'invalid-input', message: 'The path has broken %-encoding.' } })
    expect(answer.body).not.toMatch(/at .*\.js:\d+/)
  })

  it('answers a body over the limit 413 instead of resetting the connection, and keeps serving', async () => {
    const twoMegabytes = Buffer.alloc(2 * 1024 * 1024, 0x20)
    const refused = await api('getWorkspace', twoMegabytes)
    expect(refused.status).toBe(413)
    expect(JSON.parse(refused.body)).toEqual({
      ok: false,
      error: { code: 'too-large', message: 'The request body is over 100,000 bytes (limit requestBodyBytes).' },
    })
    const justUnder = await api('getWorkspace', `{}${' '.repeat(99_000)}`)
    expect(justUnder.status).toBe(200)
  })

  it('restarts an engine killed mid-session, tells the windows, and answers the next call once the user signs in again', async () => {
    const session = await signIn()
    expect(JSON.parse((await api('getWorkspace', '{}', session)).body)).toMatchObject({ ok: true, value: { recordCount: 2 } })
    const events: Array<[string, unknown]> = []
    const unsubscribe = engine.onEvent((event, payload) => events.push([event, payload]))
    const first = processes.at(-1)
    const exited = new Promise<void>((resolve) => first?.onExit(() => resolve()))
    process.kill(first?.pid as number, 'SIGKILL')
    await exited
    // Sessions live in the engine's memory: the new engine knows none, so the old token is refused as
    // unauthenticated (the window shows its sign-in screen), never served as somebody.
    const stale = await api('getWorkspace', '{}', session)
    expect(stale.status).toBe(200)
    expect(JSON.parse(stale.body)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    const answer = await api('getWorkspace', '{}', await signIn())
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, value: { recordCount: 2 } })
    expect(processes).toHaveLength(2)
    await expect.poll(() => events.map(([event]) => event)).toContain('engineRestarted')
    expect(events.find(([event]) => event === 'engineRestarted')?.[1]).toMatchObject({ exitCode: null, restarts: 1 })
    expect(notices).toHaveLength(1)
    unsubscribe()
  })
})
