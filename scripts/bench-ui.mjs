// `npm run bench`, second part: the coding view in browser mode, driven in
// Debian's Chromium, on generated demo hospitals. Figures are printed, never
// asserted (shared machines are noisy). Needs `npm run build` and chromium.
// - open a record → its suggestions on screen (target p50 ≤ 200 ms), 3,000
//   records with the demo model;
// - threshold slider moved → suggestion list re-rendered (target ≤ 16 ms);
// - a queue of 100,000 records (CLINICOCO_BENCH_QUEUE_RECORDS): first page,
//   next page, a department filter, a text query.
// Times are taken inside the page: from the user's action to the DOM showing
// the result, and to the next animation frame after it (when it is painted).
/* global document, window -- page.evaluate callbacks run in the browser */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const MODEL_DIR = resolve(process.env.CLINICOCO_BENCH_MODEL ?? 'models/demo')
const QUEUE_RECORDS = Number(process.env.CLINICOCO_BENCH_QUEUE_RECORDS ?? 100_000)
const OPENS = 30
const THRESHOLD_MOVES = 40

function percentile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]
}

function summary(values) {
  return `p50 ${percentile(values, 0.5).toFixed(1)} ms, p95 ${percentile(values, 0.95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms (n=${values.length})`
}

function cli(args) {
  const started = performance.now()
  const result = spawnSync('node', ['bin/clinicoco.js', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.status !== 0) throw new Error(`clinicoco ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`)
  return performance.now() - started
}

/** Signs in on the app's sign-in screen as the demo coder (its password is published for the demo only). */
async function signInAsDemoCoder(page) {
  await page.locator('[data-testid="sign-in-user"]').fill('coder')
  await page.locator('[data-testid="sign-in-password"]').fill('coding-desk-2026')
  await page.locator('[data-testid="sign-in-submit"]').click()
}

async function serve(workspaceDir) {
  const server = spawn('node', ['bin/clinicoco.js', 'serve', '--workspace', workspaceDir, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise((resolveUrl, reject) => {
    let output = ''
    server.stdout.on('data', (chunk) => {
      output += chunk.toString()
      const match = /"url":\s*"([^"]+)"/.exec(output)
      if (match) resolveUrl(match[1])
    })
    server.once('exit', (code) => reject(new Error(`clinicoco serve exited (${code}):\n${output}`)))
  })
  return {
    url,
    stop: async () => {
      server.kill('SIGTERM')
      await new Promise((resolveExit) => server.once('exit', resolveExit))
    },
  }
}

/** Runs in the page: resolves once `done()` holds after a DOM change (or at once), with the time to it and to the next frame. */
const PAGE_HELPERS = `
  window.__bench = {
    until(done, timeoutMs = 60000) {
      return new Promise((resolveWait, reject) => {
        const finish = () => {
          observer.disconnect(); clearTimeout(timer)
          const dom = performance.now()
          requestAnimationFrame(() => resolveWait({ dom, frame: performance.now() }))
        }
        const observer = new MutationObserver(() => { if (done()) finish() })
        const timer = setTimeout(() => { observer.disconnect(); reject(new Error('timed out')) }, timeoutMs)
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true })
        if (done()) finish()
      })
    },
  }
`

async function benchCodingView(browser) {
  if (!existsSync(join(MODEL_DIR, 'manifest.json'))) {
    console.log(`coding view: skipped, no model bundle in ${MODEL_DIR} (npm run models:demo)`)
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'clinicoco-bench-ui-'))
  try {
    const createMs = cli(['demo', '--workspace', dir, '--records', '3000', '--model', MODEL_DIR, '--json'])
    console.log(`coding view: demo hospital of 3,000 records with the demo model in ${(createMs / 1000).toFixed(1)} s`)
    const app = await serve(dir)
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    try {
      await page.addInitScript(PAGE_HELPERS)
      await page.goto(app.url)
      await signInAsDemoCoder(page)
      await page.locator('[data-testid="queue-row"]').first().waitFor()
      const opened = await page.evaluate(async (count) => {
        const ready = (id) => () =>
          document.querySelector(`[data-testid="record"][data-record-id="${id}"]`) !== null &&
          document.querySelector('[data-testid="suggestions"][data-state="ready"]') !== null
        const rows = [...document.querySelectorAll('[data-testid="queue-row"]')]
        const times = []
        // The first opening loads the model and fills the kNN datastore: timed apart.
        for (const [index, row] of rows.slice(0, count + 1).entries()) {
          const started = performance.now()
          row.click()
          const { dom, frame } = await window.__bench.until(ready(row.dataset.recordId))
          times.push({ first: index === 0, dom: dom - started, frame: frame - started })
        }
        return times
      }, OPENS)
      const [first, ...rest] = opened
      console.log(`open record → suggestions on screen: first ${first.frame.toFixed(0)} ms (model load + kNN fill); then ${summary(rest.map((time) => time.frame))}`)

      const moves = await page.evaluate(async (count) => {
        const slider = document.querySelector('[data-testid="threshold-slider"]')
        const shown = () => document.querySelectorAll('[data-testid="suggestions"] [data-keyscope] [data-testid="suggestion"]').length
        const times = []
        for (let move = 0; move < count; move++) {
          const before = shown()
          const started = performance.now()
          slider.value = move % 2 === 0 ? '0.02' : '0.9'
          slider.dispatchEvent(new Event('input', { bubbles: true }))
          const { dom, frame } = await window.__bench.until(() => shown() !== before, 5000).catch(() => ({ dom: NaN, frame: NaN }))
          times.push({ dom: dom - started, frame: frame - started, changed: shown() !== before })
        }
        return times
      }, THRESHOLD_MOVES)
      const changed = moves.filter((move) => move.changed)
      if (changed.length === 0) console.log('threshold → re-render: the list never changed (no suggestions between 0.02 and 0.9 on this record)')
      else
        console.log(
          `threshold moved → list re-rendered: DOM ${summary(changed.map((move) => move.dom))}; to the next frame ${summary(changed.map((move) => move.frame))}`,
        )
    } finally {
      await page.close()
      await app.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function benchLargeQueue(browser) {
  if (!(QUEUE_RECORDS > 0)) return
  const dir = mkdtempSync(join(tmpdir(), 'clinicoco-bench-queue-'))
  try {
    const createMs = cli(['demo', '--workspace', dir, '--records', String(QUEUE_RECORDS), '--no-model', '--json'])
    console.log(`queue: demo hospital of ${QUEUE_RECORDS.toLocaleString('en')} records generated and stored in ${(createMs / 1000).toFixed(1)} s`)
    const app = await serve(dir)
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    try {
      await page.addInitScript(PAGE_HELPERS)
      await page.goto(app.url)
      const started = performance.now()
      await signInAsDemoCoder(page)
      await page.locator('[data-testid="queue-row"]').first().waitFor()
      console.log(`queue of ${QUEUE_RECORDS.toLocaleString('en')}: sign-in → first rows ${(performance.now() - started).toFixed(0)} ms (scrypt check included)`)
      const timings = await page.evaluate(async () => {
        // What the coder sees change: the first row and the "1–50 of N" line.
        const shown = () =>
          `${document.querySelector('[data-testid="queue-row"]')?.dataset.recordId}|${document.querySelector('[data-testid="queue-range"]')?.textContent}`
        const changed = (before) => () => shown() !== before && document.querySelector('[data-testid="record-queue"] ul[aria-busy="true"]') === null
        const act = async (action) => {
          const before = shown()
          const started = performance.now()
          action()
          // An action whose result looks the same as before (an empty page again) is left out, not waited for.
          const timing = await window.__bench.until(changed(before), 10000).catch(() => null)
          return timing && { dom: timing.dom - started, frame: timing.frame - started }
        }
        const next = []
        for (let page = 0; page < 20; page++) next.push(await act(() => document.querySelector('[data-testid="queue-next"]').click()))
        const select = document.querySelector('[data-testid="queue-department"]')
        const departments = [...select.options].map((option) => option.value).filter(Boolean)
        const filter = []
        for (const department of departments.slice(0, 10)) {
          filter.push(
            await act(() => {
              select.value = department
              select.dispatchEvent(new Event('change', { bubbles: true }))
            }),
          )
        }
        select.value = ''
        select.dispatchEvent(new Event('change', { bubbles: true }))
        await window.__bench.until(() => document.querySelector('[data-testid="record-queue"] ul[aria-busy="true"]') === null)
        const input = document.querySelector('[data-testid="queue-query"]')
        const query = []
        for (const text of ['DEMO-0999', 'pneumonia', '肺炎', 'heart failure', 'DEMO-00001', '糖尿病']) {
          query.push(
            await act(() => {
              input.value = text
              input.dispatchEvent(new Event('input', { bubbles: true }))
            }),
          )
        }
        return { next, filter, query }
      })
      const frames = (list) => summary(list.filter(Boolean).map((entry) => entry.frame))
      console.log(`  next page → rows on screen: ${frames(timings.next)}`)
      console.log(`  department filter → rows on screen: ${frames(timings.filter)}`)
      console.log(`  text query → rows on screen (includes the 250 ms typing debounce): ${frames(timings.query)}`)
    } finally {
      await page.close()
      await app.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (!existsSync('dist/renderer/index.html')) throw new Error('The renderer is not built: run `npm run build`.')
if (!existsSync(CHROMIUM)) {
  console.log(`coding view and queue: skipped, Chromium is missing at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`)
} else {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] })
  try {
    await benchCodingView(browser)
    await benchLargeQueue(browser)
  } finally {
    await browser.close()
  }
}
