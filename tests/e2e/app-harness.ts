/**
 * Browser e2e harness: a generated demo workspace with its demo accounts, the
 * real CLI's `serve` (engine in its own process, browser-mode host) and Debian's
 * Chromium driven by playwright-core, signed in on the real sign-in screen.
 * Screenshots land in test-artifacts/e2e/.
 */
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { issueCliToken } from '../../engine/auth/cli-tokens.js'
import { createDemoWorkspace } from '../../engine/demo/create-demo-workspace.js'
import { DEMO_ACCOUNTS, ensureDemoAccounts } from '../../engine/demo/demo-accounts.js'
import { openWorkspace } from '../../engine/workspace/workspace.js'
import { testIds } from '../../renderer/src/lib/test-ids.js'

export const ARTIFACTS_DIR = resolve('test-artifacts/e2e')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export interface RunningApp {
  url: string
  workspaceDir: string
  browser: Browser
  page: Page
  /** Messages the page logged as errors, CSP violations included. */
  consoleErrors: string[]
  screenshot(name: string): Promise<void>
  /** Signs in on the page's sign-in screen with the demo account's published password (or the one given), and waits for the desks. */
  signIn(userId: string, password?: string): Promise<void>
  signOut(): Promise<void>
  /** Environment for running the real CLI as a demo user (an admin-issued CLI token). */
  cliEnv(userId: string): NodeJS.ProcessEnv
  /** Stops the engine and serves the same workspace again (a new port and token, as after a restart), opens it and signs the same user in again. */
  restartServer(): Promise<string>
  stop(): Promise<void>
}

export interface AppOptions {
  records: number
  viewport?: { width: number; height: number }
  /** A model bundle folder to code with, installed through the CLI as IT would (`clinicoco models use`); none by default. */
  model?: string
  /** Who signs in once the page is open (default the demo coder); null stays on the sign-in screen. */
  user?: string | null
  /** `clinicoco serve --idle-lock-minutes` (default the engine's). */
  idleLockMinutes?: number
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH.`)
  }
  if (!existsSync('dist/renderer/index.html')) throw new Error('The renderer is not built: run `npm run build`.')
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  const workspaceDir = mkdtempSync(join(tmpdir(), 'clinicoco-e2e-'))
  createDemoWorkspace(workspaceDir, { seed: 7, recordCount: options.records, noiseRatio: 0.2, chineseShare: 0.5 })
  const workspace = openWorkspace(workspaceDir)
  const tokens = new Map<string, string>()
  try {
    await ensureDemoAccounts(workspace.database)
    for (const account of DEMO_ACCOUNTS) tokens.set(account.id, issueCliToken(workspace.database, { userId: account.id, days: 1, label: 'e2e' }, 'admin').token)
  } finally {
    workspace.close()
  }
  const cliEnv = (userId: string) => ({ ...process.env, CLINICOCO_TOKEN: tokens.get(userId) ?? '' })
  if (options.model) useModel(workspaceDir, options.model, cliEnv('admin'))
  const idle = options.idleLockMinutes === undefined ? [] : ['--idle-lock-minutes', String(options.idleLockMinutes)]
  const serve = () => spawn('node', ['bin/clinicoco.js', 'serve', '--workspace', workspaceDir, '--json', ...idle], { stdio: ['ignore', 'pipe', 'inherit'] })
  let server = serve()
  const url = await readServeUrl(server)
  const stopServer = async () => {
    const exited = new Promise((resolveExit) => server.once('exit', resolveExit))
    server.kill('SIGTERM')
    await exited
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  })
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1366, height: 768 } })
  const consoleErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => consoleErrors.push(error.message))
  await page.goto(url)
  // Who is signed in, so a restarted engine (sessions live in its memory) can be signed in to again.
  let signedIn: { userId: string; password: string } | null = null
  const signIn = async (userId: string, password?: string) => {
    const secret = password ?? DEMO_ACCOUNTS.find((account) => account.id === userId)?.password ?? ''
    signedIn = { userId, password: secret }
    await page.locator(`[data-testid="${testIds.signInUser}"]`).fill(userId)
    await page.locator(`[data-testid="${testIds.signInPassword}"]`).fill(secret)
    await page.locator(`[data-testid="${testIds.signInSubmit}"]`).click()
    await page.locator(`[data-testid="${testIds.sessionUser}"][data-user-id="${userId}"]`).waitFor()
  }
  const user = options.user === undefined ? 'coder' : options.user
  if (user !== null) await signIn(user)
  return {
    url,
    workspaceDir,
    browser,
    page,
    consoleErrors,
    screenshot: async (name) => {
      await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`) })
    },
    signIn,
    signOut: async () => {
      signedIn = null
      await page.locator(`[data-testid="${testIds.signOut}"]`).click()
      await page.locator(`[data-testid="${testIds.signIn}"]`).waitFor()
    },
    cliEnv,
    restartServer: async () => {
      await stopServer()
      server = serve()
      const next = await readServeUrl(server)
      await page.goto(next)
      // Sessions do not outlive the engine: the user signs in again, as after a real restart.
      if (signedIn) await signIn(signedIn.userId, signedIn.password)
      return next
    },
    stop: async () => {
      await browser.close()
      await stopServer()
      rmSync(workspaceDir, { recursive: true, force: true })
    },
  }
}

function useModel(workspaceDir: string, bundleDir: string, env: NodeJS.ProcessEnv): void {
  const result = spawnSync('node', ['bin/clinicoco.js', 'models', 'use', bundleDir, '--workspace', workspaceDir, '--json'], {
    encoding: 'utf8',
    timeout: 240_000,
    env,
  })
  if (result.status !== 0) {
    throw new Error(`clinicoco models use ${bundleDir} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`)
  }
}

function readServeUrl(server: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`clinicoco serve printed no URL within 30 s:\n${output}`)), 30_000)
    server.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /"url":\s*"([^"]+)"/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolveUrl(match[1])
      }
    })
    server.once('exit', (code) => reject(new Error(`clinicoco serve exited (${code}):\n${output}`)))
  })
}
