import { request } from 'node:http'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_PASSWORD, createTempWorkspace } from '../testing/temp-workspace.js'
import type { TempWorkspace } from '../testing/temp-workspace.js'
import { startBrowserHost } from './browser-server.js'
import type { BrowserHost } from './browser-server.js'
import { startEngineProcess } from './engine-client.js'
import type { EngineClient } from './engine-client.js'

// These tests cross a real process boundary: the engine runs as the built
// dist/engine/host/engine-main.js in a Node child process, as in browser mode.
describe('engine process', () => {
  let temp: TempWorkspace
  let engine: EngineClient
  beforeAll(async () => {
    temp = createTempWorkspace()
    temp.workspace.close()
    engine = startEngineProcess({ workspaceDir: temp.dir })
    await engine.ready
    const signedIn = await engine.invoke('signIn', { userId: 'coder', password: TEST_PASSWORD })
    if (!signedIn.ok) throw new Error(signedIn.error.message)
    session = (signedIn.value as { token: string }).token
  })
  afterAll(async () => {
    await engine.stop()
    temp.cleanup()
  })
  let session = ''

  it('answers contract calls with values, as the signed-in user', async () => {
    const result = await engine.invoke('getWorkspace', {}, session)
    expect(result).toMatchObject({ ok: true, value: { recordCount: 2, submittedCount: 0, user: { id: 'coder' } } })
    const search = await engine.invoke('searchCodes', { query: '高血压' }, session)
    expect(search.ok && (search.value as { items: Array<{ code: string }> }).items.map((hit) => hit.code)).toContain('I10')
  })

  it('refuses every call but the sign-in screen\'s without a session, and a role\'s forbidden calls with one', async () => {
    expect(await engine.invoke('getWorkspace', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect(await engine.invoke('openRecord', { recordId: 'R1' }, 'forged-token')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect(await engine.invoke('getSignInState', {})).toMatchObject({ ok: true, value: { needsFirstAdmin: false, session: null } })
    expect(await engine.invoke('listUsers', {}, session)).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/view-users.*coder/) } })
  })

  it('turns bad input and engine failures into error values', async () => {
    expect(await engine.invoke('openRecord', { recordId: 42 }, session)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await engine.invoke('openRecord', { recordId: 'nope' }, session)).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await engine.invoke('dropTables' as never, {}, session)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('pushes an event to the host when a decision is submitted', async () => {
    const events: unknown[] = []
    const unsubscribe = engine.onEvent((name, payload) => events.push([name, payload]))
    const result = await engine.invoke('submitDecision', { recordId: 'R1', codes: [{ code: 'I10', isPrimary: true }], baseVersion: 0 }, session)
    unsubscribe()
    expect(result.ok).toBe(true)
    expect(events).toEqual([['decisionSubmitted', expect.objectContaining({ recordId: 'R1', version: 1 })]])
  })

  it('reports a workspace it cannot open instead of hanging', async () => {
    const blocked = join(temp.dir, 'not-a-folder')
    writeFileSync(blocked, 'a file where the workspace folder should be')
    const broken = startEngineProcess({ workspaceDir: blocked })
    await expect(broken.ready).rejects.toThrow(`No workspace database at ${join(blocked, 'clinicoco.db')}`)
    await broken.stop()
  })
})

describe('browser mode host', () => {
  let temp: TempWorkspace
  let engine: EngineClient
  let host: BrowserHost
  beforeAll(async () => {
    temp = createTempWorkspace()
    temp.workspace.close()
    const rendererDir = join(temp.dir, 'renderer')
    mkdirSync(rendererDir)
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>CliniCoCo</title>')
    engine = startEngineProcess({ workspaceDir: temp.dir })
    await engine.ready
    host = await startBrowserHost({ engine, rendererDir })
    const signedIn = JSON.parse((await api('signIn', { userId: 'coder', password: TEST_PASSWORD })).body) as { value: { token: string } }
    session = signedIn.value.token
  })
  let session = ''
  afterAll(async () => {
    await host.close()
    await engine.stop()
    temp.cleanup()
  })

  function call(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const outgoing = request(
        { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers },
        (response) => {
          let body = ''
          response.on('data', (chunk: Buffer) => (body += chunk.toString()))
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }))
        },
      )
      outgoing.on('error', reject)
      outgoing.end(options.body)
    })
  }
  const api = (method: string, body: unknown, token = host.token) =>
    call(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-clinicoco-token': token, 'x-clinicoco-session': session },
      body: JSON.stringify(body),
    })

  it('prints a loopback URL that carries the token in its fragment', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=${host.token}$`))
  })

  it('serves the renderer with a strict CSP', async () => {
    const page = await call('/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>CliniCoCo</title>')
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'")
    expect(String(page.headers['content-security-policy'])).not.toContain('unsafe')
  })

  it('answers API calls only with the right token', async () => {
    expect((await api('getWorkspace', {}, 'wrong')).status).toBe(401)
    const answered = await api('getWorkspace', {})
    expect(answered.status).toBe(200)
    expect(JSON.parse(answered.body)).toMatchObject({ ok: true, value: { recordCount: 2 } })
  })

  it('refuses a foreign Host header, a form post and a non-JSON body', async () => {
    const rebinding = await call('/api/getWorkspace', {
      method: 'POST',
      headers: { host: 'evil.example:80', 'content-type': 'application/json', 'x-clinicoco-token': host.token },
      body: '{}',
    })
    expect(rebinding.status).toBe(421)
    const form = await call('/api/getWorkspace', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-clinicoco-token': host.token },
      body: 'a=1',
    })
    expect(form.status).toBe(415)
    const garbage = await call('/api/getWorkspace', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-clinicoco-token': host.token },
      body: '{not json',
    })
    expect(garbage.status).toBe(400)
  })

  it('never serves files outside the renderer folder', async () => {
    const escaped = await call('/../clinicoco.db')
    expect(escaped.body).not.toContain('SQLite format')
    const encoded = await call('/%2e%2e/clinicoco.db')
    expect(encoded.body).not.toContain('SQLite format')
  })

  it('streams engine events to the browser', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const outgoing = request({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${host.token}` }, (response) => {
        let text = ''
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString()
          if (text.includes('event: decisionSubmitted')) {
            resolve(text)
            outgoing.destroy()
          }
        })
      })
      outgoing.on('error', reject)
      outgoing.end()
    })
    await new Promise((resolve) => setTimeout(resolve, 100))
    await api('submitDecision', { recordId: 'R2', codes: [{ code: 'J18.9', isPrimary: true }], baseVersion: 0 })
    expect(await received).toMatch(/event: decisionSubmitted\ndata: \{.*"recordId":"R2"/)
  })
})
