import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../contract/security.js'

type Handler = (request: { url: string; method: string }) => Promise<Response>

const fake = vi.hoisted(() => ({
  privileged: [] as unknown[],
  handlers: new Map<string, Handler>(),
}))

vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => fake.privileged.push(...schemes),
    handle: (scheme: string, handler: Handler) => fake.handlers.set(scheme, handler),
  },
}))

const { APP_ENTRY_URL, isAppUrl, registerAppScheme, rendererResponse, resolveRendererPath, serveRenderer } = await import(
  './app-protocol.js'
)

const rendererDir = mkdtempSync(join(tmpdir(), 'clinicoco-renderer-'))
mkdirSync(join(rendererDir, 'assets'))
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>CliniCoCo</title>')
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
writeFileSync(join(rendererDir, '..', 'secret.txt'), 'outside the renderer')

afterAll(() => {
  rmSync(rendererDir, { recursive: true, force: true })
  rmSync(join(rendererDir, '..', 'secret.txt'), { force: true })
})

function get(url: string): Promise<Response> {
  return rendererResponse(rendererDir, { url, method: 'GET' })
}

describe('the app scheme', () => {
  it('is registered as a standard secure scheme that neither bypasses the CSP nor allows cross-origin reads', () => {
    registerAppScheme()
    expect(fake.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ])
  })

  it('serves the renderer folder with the CSP header', async () => {
    serveRenderer(rendererDir)
    const response = await fake.handlers.get('app')?.({ url: APP_ENTRY_URL, method: 'GET' })
    expect(response?.status).toBe(200)
    expect(response?.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response?.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await response?.text()).toContain('<title>CliniCoCo</title>')
  })

  it('serves assets with their content type and nosniff', async () => {
    const response = await get('app://clinicoco/assets/app.js')
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toBe('console.log(1)')
  })

  it('answers a client-side route with index.html but a missing asset with 404', async () => {
    expect(await (await get('app://clinicoco/records/42')).text()).toContain('CliniCoCo')
    const missing = await get('app://clinicoco/assets/missing.js')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
  })

  it('serves GET only', async () => {
    expect((await rendererResponse(rendererDir, { url: APP_ENTRY_URL, method: 'POST' })).status).toBe(405)
  })

  it.each([
    'app://clinicoco/../secret.txt',
    'app://clinicoco/%2e%2e/secret.txt',
    'app://clinicoco/..%2fsecret.txt',
    'app://clinicoco/assets/..%2f..%2fsecret.txt',
    'app://clinicoco/..%5csecret.txt',
    'app://clinicoco/index.html%00.js',
    'app://clinicoco/%E0%A4%A',
    'app://other-host/index.html',
    'file:///etc/passwd',
  ])('never serves a file outside the renderer folder: %s', async (url) => {
    expect(await (await get(url)).text()).not.toContain('outside the renderer')
    const resolved = resolveRendererPath(rendererDir, url)
    expect(resolved === null || resolved.startsWith(rendererDir)).toBe(true)
  })
})

describe('isAppUrl', () => {
  it('accepts only the app origin', () => {
    expect(isAppUrl('app://clinicoco/index.html')).toBe(true)
    expect(isAppUrl('app://clinicoco/')).toBe(true)
    expect(isAppUrl('app://clinicoco.evil/index.html')).toBe(false)
    expect(isAppUrl('app://evil/index.html')).toBe(false)
    expect(isAppUrl('https://clinicoco/index.html')).toBe(false)
    expect(isAppUrl('file:///index.html')).toBe(false)
    expect(isAppUrl('not a url')).toBe(false)
  })
})
