/**
 * Figures of the experiments, drawn with Chart.js — the project's one chart
 * library, the same the app's views use — in headless Chromium (Debian's
 * `chromium`, driven by playwright-core), saved as PNG. Offline: Chart.js is
 * loaded from node_modules, nothing is fetched. Where Chromium or
 * playwright-core is missing the figures are skipped with the reason, and the
 * tables (CSV, Markdown, JSON) are still written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type * as PlaywrightCore from 'playwright-core'

type Playwright = typeof PlaywrightCore

export const CHROMIUM = process.env.CLINICOCO_CHROMIUM ?? '/usr/bin/chromium'

export interface ChartFigure {
  file: string
  width: number
  height: number
  /** A Chart.js configuration (type, data, options), JSON only: no functions cross into the page. */
  config: Record<string, unknown>
}

/**
 * Runs in the page (plain JavaScript: the engine is compiled without DOM types). A
 * white background plugin, no animation, a fixed size at twice the pixel density.
 */
const DRAW_IN_PAGE = `window.drawChart = ({ config, width, height }) => {
  document.body.innerHTML = ''
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  canvas.style.width = width + 'px'
  canvas.style.height = height + 'px'
  document.body.appendChild(canvas)
  const background = {
    id: 'background',
    beforeDraw(chart) {
      chart.ctx.save()
      chart.ctx.fillStyle = '#ffffff'
      chart.ctx.fillRect(0, 0, chart.width, chart.height)
      chart.ctx.restore()
    },
  }
  const chart = new window.Chart(canvas, { ...config, plugins: [background], options: { ...(config.options || {}), animation: false, responsive: false, devicePixelRatio: 2 } })
  const url = canvas.toDataURL('image/png')
  chart.destroy()
  return url
}`

export async function renderCharts(figures: readonly ChartFigure[]): Promise<{ written: string[]; skipped: string | null }> {
  if (figures.length === 0) return { written: [], skipped: null }
  if (!existsSync(CHROMIUM)) return { written: [], skipped: `no Chromium at ${CHROMIUM} (Debian: apt-get install chromium; or set CLINICOCO_CHROMIUM)` }
  const require = createRequire(import.meta.url)
  let chartSource: string
  let playwright: Playwright
  try {
    // The package's exports do not name its UMD build: it lies beside the CommonJS entry (dist/).
    chartSource = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.js'), 'utf8')
    playwright = await import('playwright-core')
  } catch (error) {
    return { written: [], skipped: `chart.js or playwright-core is not installed (${(error as Error).message})` }
  }
  const browser = await playwright.chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  const written: string[] = []
  try {
    const page = await browser.newPage({ deviceScaleFactor: 2 })
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body style="margin:0;background:#fff"></body></html>')
    await page.addScriptTag({ content: chartSource })
    await page.addScriptTag({ content: DRAW_IN_PAGE })
    for (const figure of figures) {
      const dataUrl = (await page.evaluate(`window.drawChart(${JSON.stringify({ config: figure.config, width: figure.width, height: figure.height })})`)) as string
      writeFileSync(figure.file, Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'))
      written.push(figure.file)
    }
  } finally {
    await browser.close()
  }
  return { written, skipped: null }
}
