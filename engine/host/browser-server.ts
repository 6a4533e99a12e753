/**
 * Browser mode: where the Electron binary is absent, the same renderer is
 * served on 127.0.0.1 and talks to the same engine process over loopback HTTP.
 * Every API call needs the per-run access token (from the URL fragment, so it
 * never reaches logs or referrers); the Host header must be loopback (no DNS
 * rebinding), and POST bodies must be JSON (a cross-site form cannot send one).
 *
 * Bad requests get a status and a Result body, never a dropped connection or a
 * stack trace: a body over the limit is read to its end and answered 413, a
 * path with broken %-encoding 400.
 * The access token only reaches the sign-in screen: who the user is, and what
 * they may do, the engine decides from the session token each call carries.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { ACCESS_TOKEN_HEADER, CONTENT_SECURITY_POLICY, SESSION_HEADER } from '../../contract/security.js'
import { err } from '../../contract/result.js'
import { DEFAULT_LIMITS } from '../limits/limits.js'
import type { EngineClient } from './engine-client.js'

export interface BrowserHostOptions {
  engine: EngineClient
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string
  port?: number
  token?: string
  /** Largest API request body (the `requestBodyBytes` limit); default `DEFAULT_LIMITS.requestBodyBytes`. */
  maxBodyBytes?: number
}

export interface BrowserHost {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

/**
 * An oversized body is read to its end and dropped, so the client hears 413
 * instead of a reset connection mid-upload; past this much, the connection is
 * cut after all (only an authenticated local client gets this far).
 */
const DRAIN_LIMIT_BYTES = 256 * 1024 * 1024
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_LIMITS.requestBodyBytes
  const rendererDir = resolve(options.rendererDir)
  const eventStreams = new Set<ServerResponse>()
  options.engine.onEvent((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const stream of eventStreams) stream.write(frame)
  })

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      console.error('[browser-host]', error)
      if (!response.headersSent) sendJson(response, 500, err('internal', 'The request failed.'))
      else response.end()
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const port = (server.address() as AddressInfo).port
    if (!isLoopbackHost(request.headers.host, port)) {
      sendJson(response, 421, err('forbidden', 'Browser mode answers only on 127.0.0.1.'))
      return
    }
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`)
    let pathname: string
    try {
      pathname = decodeURIComponent(url.pathname)
    } catch {
      sendJson(response, 400, err('invalid-input', 'The path has broken %-encoding.'))
      return
    }
    if (url.pathname === '/api/events') {
      if (!tokenMatches(url.searchParams.get('token'), token)) {
        sendJson(response, 401, err('forbidden', 'Missing or wrong access token.'))
        return
      }
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      response.write(': connected\n\n')
      eventStreams.add(response)
      request.on('close', () => eventStreams.delete(response))
      return
    }
    if (url.pathname.startsWith('/api/')) {
      await handleApi(request, response, url.pathname.slice('/api/'.length))
      return
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(response, 405, err('invalid-input', 'Only GET serves files.'))
      return
    }
    await serveFile(response, pathname)
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, method: string): Promise<void> {
    if (request.method !== 'POST') {
      sendJson(response, 405, err('invalid-input', 'API calls are POST requests.'))
      return
    }
    if (!tokenMatches(headerValue(request.headers[ACCESS_TOKEN_HEADER]), token)) {
      sendJson(response, 401, err('forbidden', 'Missing or wrong access token.'))
      return
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(response, 415, err('invalid-input', 'API calls send JSON.'))
      return
    }
    const body = await readBody(request, maxBodyBytes)
    if (body === null) {
      sendJson(response, 413, err('too-large', `The request body is over ${maxBodyBytes.toLocaleString('en-US')} bytes (limit requestBodyBytes).`))
      return
    }
    let input: unknown
    try {
      input = body.length === 0 ? {} : JSON.parse(body)
    } catch {
      sendJson(response, 400, err('invalid-input', 'The request body is not valid JSON.'))
      return
    }
    const result = await options.engine.invoke(method as never, input, headerValue(request.headers[SESSION_HEADER]))
    sendJson(response, 200, result)
  }

  async function serveFile(response: ServerResponse, pathname: string): Promise<void> {
    const relative = normalize(pathname).replace(/^([/\\])+/, '')
    let file = join(rendererDir, relative)
    if (!file.startsWith(rendererDir + sep) && file !== rendererDir) {
      sendJson(response, 404, err('not-found', 'No such file.'))
      return
    }
    const info = await stat(file).catch(() => null)
    if (!info?.isFile()) file = join(rendererDir, 'index.html')
    const content = await readFile(file).catch(() => null)
    if (content === null) {
      sendJson(response, 404, err('not-found', 'The renderer is not built: run `npm run build`.'))
      return
    }
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=31536000, immutable',
    })
    response.end(content)
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const stream of eventStreams) stream.end()
        server.close(() => resolveClose())
        server.closeAllConnections()
      }),
  }
}

function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`
}

function headerValue(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null)
}

function tokenMatches(given: string | null, token: string): boolean {
  if (given === null) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The body as text, or null when it is over `maxBytes` (then read to its end and dropped, so the 413 arrives). */
function readBody(request: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0)
    if (declared > DRAIN_LIMIT_BYTES) {
      request.destroy()
      reject(new Error(`A request declared ${declared} bytes.`))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > DRAIN_LIMIT_BYTES) request.destroy()
      else if (size <= maxBytes) chunks.push(chunk)
      else chunks.length = 0
    })
    request.on('end', () => resolveBody(size > maxBytes ? null : Buffer.concat(chunks).toString('utf8')))
    request.on('close', () => {
      if (!request.complete) reject(new Error('The client closed the connection before its request body ended.'))
    })
    request.on('error', reject)
  })
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  response.end(JSON.stringify(body))
}
