/**
 * Browser e2e harness: a generated demo workspace, the real CLI's `serve`
 * (engine in its own process, browser-mode host) and Debian's Chromium driven
 * by playwright-core. Screenshots land in test-artifacts/e2e/.
 */
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { createDemoWorkspace } from '../../engine/demo/create-demo-workspace.js'

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
  /** Stops the engine and serves the same workspace again (a new port and token, as after a restart), and opens it. */
  restartServer(): Promise<string>
  stop(): Promise<void>
}

export interface AppOptions {
  records: number
  viewport?: { width: number; height: number }
  /** A model bundle folder to code with, installed through the CLI as IT would (`clinicoco models use`); none by default. */
  model?: string
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH.`)
  }
  if (!existsSync('dist/renderer/index.html')) throw new Error('The renderer is not built: run `npm run build`.')
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  const workspaceDir = mkdtempSync(join(tmpdir(), 'clinicoco-e2e-'))
  createDemoWorkspace(workspaceDir, { seed: 7, recordCount: options.records, noiseRatio: 0.2, chineseShare: 0.5 })
  if (options.model) useModel(workspaceDir, options.model)
  const serve = () => spawn('node', ['bin/clinicoco.js', 'serve', '--workspace', workspaceDir, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
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
  return {
    url,
    workspaceDir,
    browser,
    page,
    consoleErrors,
    screenshot: async (name) => {
      await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`) })
    },
    restartServer: async () => {
      await stopServer()
      server = serve()
      const next = await readServeUrl(server)
      await page.goto(next)
      return next
    },
    stop: async () => {
      await browser.close()
      await stopServer()
      rmSync(workspaceDir, { recursive: true, force: true })
    },
  }
}

function useModel(workspaceDir: string, bundleDir: string): void {
  const result = spawnSync('node', ['bin/clinicoco.js', 'models', 'use', bundleDir, '--workspace', workspaceDir, '--json'], {
    encoding: 'utf8',
    timeout: 240_000,
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
