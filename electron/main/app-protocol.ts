/**
 * The renderer is served from a privileged custom scheme, `app://clinicoco/`,
 * not from `file://`: a standard secure scheme gives the page a real origin, so
 * the CSP's `'self'` means "the app's own files" and ES module scripts load.
 * Every response carries the Content Security Policy.
 */
import { readFile, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import { protocol } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../../contract/security.js'

export const APP_SCHEME = 'app'
export const APP_HOST = 'clinicoco'
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
}

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
} as const

/**
 * Must run before the app is ready (Electron reads privileges at startup).
 * No `corsEnabled` and no `bypassCSP`: other origins cannot read app files and
 * the CSP always applies.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ])
}

/** Serves `rendererDir` on the app scheme (call once the app is ready). */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request))
}

/** Whether a URL belongs to the app's own origin (`app://clinicoco`). */
export function isAppUrl(url: string): boolean {
  // URL.origin is "null" for non-special schemes in Node, so compare the parts.
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST
  } catch {
    return false
  }
}

/**
 * The file an app URL names inside `rendererDir`, or null when the URL is not
 * on the app origin or its path would leave the folder (`..`, encoded
 * separators, NUL bytes).
 */
export function resolveRendererPath(rendererDir: string, url: string): string | null {
  if (!isAppUrl(url)) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(url).pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0')) return null
  const root = resolve(rendererDir)
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`)
  return file.startsWith(root + sep) ? file : null
}

export async function rendererResponse(rendererDir: string, request: { url: string; method: string }): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plainResponse(405, 'Only GET serves files.')
  let file = resolveRendererPath(rendererDir, request.url)
  if (file === null) return plainResponse(404, 'Not found.')
  const info = await stat(file).catch(() => null)
  // The app is a single page: an extension-less path is a client-side route.
  if (!info?.isFile() && extname(file) === '') file = join(resolve(rendererDir), 'index.html')
  const content = await readFile(file).catch(() => null)
  if (content === null) return plainResponse(404, 'Not found. Is the renderer built (`npm run build`)?')
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(content), {
    status: 200,
    headers: {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      ...SECURITY_HEADERS,
    },
  })
}

function plainResponse(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS } })
}
