/**
 * Coding with the demo model's suggestions in a real browser: evidence painted
 * in the record, similar cases, the threshold slider (no refetch), accept, submit.
 *
 * It needs the trained demo bundle in models/demo/. Without it the test fails
 * rather than skips: a skipped test reads as green, and the suggestions are the
 * product's reason to exist, so a checkout that cannot show them is broken.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Suggestions } from '../../contract/domain.js'
import { ACCESS_TOKEN_HEADER } from '../../contract/security.js'
import { openSqlite } from '../../native/sqlite.js'
import { testIds } from '../../renderer/src/lib/test-ids.js'
import { startApp } from './app-harness.js'
import type { RunningApp } from './app-harness.js'

const DEMO_MODEL_DIR = resolve('models/demo')
const DEMO_MODEL_MANIFEST = join(DEMO_MODEL_DIR, 'manifest.json')
/** The first suggestion loads the model and fills its kNN datastore: seconds, not milliseconds. */
const FIRST_SUGGESTIONS_TIMEOUT_MS = 90_000

const byId = (id: string) => `[data-testid="${id}"]`

describe('coding with AI suggestions in the browser', () => {
  let app: RunningApp
  const suggestRequests: string[] = []

  beforeAll(async () => {
    if (!existsSync(DEMO_MODEL_MANIFEST)) {
      throw new Error(
        `No demo model: ${DEMO_MODEL_MANIFEST} does not exist. This test codes with the trained demo bundle ` +
          '(models/demo/, a model bundle folder with manifest.json, see docs/model-bundles.md); train or restore it, then rerun.',
      )
    }
    app = await startApp({ records: 120, model: DEMO_MODEL_DIR })
    app.page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/api/suggest')) suggestRequests.push(request.url())
    })
  })
  afterAll(async () => {
    await app?.stop()
  })

  it('opens a record and shows suggestions with evidence in the text and similar cases', async () => {
    const { page } = app
    const row = page.locator(byId(testIds.queueRow)).first()
    const recordId = await row.getAttribute('data-record-id')
    await row.click()
    await page.locator(`${byId(testIds.record)}[data-record-id="${recordId}"]`).waitFor()
    await page.locator(`${byId(testIds.suggestions)}[data-state="ready"]`).waitFor({ timeout: FIRST_SUGGESTIONS_TIMEOUT_MS })

    const suggestions = page.locator(byId(testIds.suggestion))
    expect(await suggestions.count()).toBeGreaterThan(0)
    expect(await page.locator(byId(testIds.similarCase)).count()).toBeGreaterThan(0)
    const firstCase = page.locator(byId(testIds.similarCase)).first()
    expect(await firstCase.getAttribute('data-record-id')).toBeTruthy()
    expect(await firstCase.locator(byId(testIds.similarCaseCode)).count()).toBeGreaterThan(0)

    // Select the first suggestion the model attended to in the text; its evidence is painted in the record.
    const marks = page.locator(`${byId(testIds.clinicalText)} ${byId(testIds.evidence)}`)
    let painted = 0
    for (let index = 0; index < (await suggestions.count()) && painted === 0; index++) {
      await suggestions.nth(index).locator('.title').click()
      painted = await marks.count()
    }
    expect(painted).toBeGreaterThan(0)
    const code = await page.locator(`${byId(testIds.suggestion)}[data-selected="true"]`).getAttribute('data-code')
    expect(await page.locator(byId(testIds.evidenceLegend)).getAttribute('data-code')).toBe(code)
    const weights = await marks.evaluateAll((elements) => elements.map((element) => Number((element as HTMLElement).dataset.weight)))
    expect(Math.max(...weights)).toBeLessThanOrEqual(1)
    expect(Math.min(...weights)).toBeGreaterThan(0)
    // The heat is painted (CSSOM custom property, allowed by the CSP): a visible background.
    const background = await marks.first().evaluate((element) => getComputedStyle(element).backgroundColor)
    expect(background).not.toBe('rgba(0, 0, 0, 0)')

    await marks.nth(weights.indexOf(Math.max(...weights))).scrollIntoViewIfNeeded()
    await app.screenshot('06-suggestions-heatmap')
    await firstCase.scrollIntoViewIfNeeded()
    await app.screenshot('07-similar-cases')
  })

  it('filters with the threshold slider in the browser, without asking the model again', async () => {
    const { page } = app
    const slider = page.locator(byId(testIds.thresholdSlider))
    const modelThreshold = Number(await slider.inputValue())
    const shown = page.locator(`${byId(testIds.suggestions)} [data-keyscope] ${byId(testIds.suggestion)}`)
    const before = await shown.count()
    const requestsBefore = suggestRequests.length

    await slider.fill('0.02')
    await page.waitForFunction(
      ([selector, count]) => document.querySelectorAll(selector as string).length >= (count as number),
      [`[data-testid="${testIds.suggestions}"] [data-keyscope] [data-testid="${testIds.suggestion}"]`, before],
    )
    expect(await shown.count()).toBeGreaterThanOrEqual(before)
    await slider.fill('1')
    expect(await shown.count()).toBeLessThanOrEqual(before)
    expect(suggestRequests.length).toBe(requestsBefore)

    await slider.fill(String(modelThreshold))
    expect(await shown.count()).toBe(before)
  })

  it('accepts a suggestion into the coding and submits it', async () => {
    const { page } = app
    // The most probable suggestion not yet assigned, as a coder would start.
    const open = page.locator(`${byId(testIds.suggestions)} [data-keyscope] ${byId(testIds.suggestion)}[data-assigned="no"]`)
    const probabilities = await open.evaluateAll((rows) => rows.map((row) => Number((row as HTMLElement).dataset.probability)))
    expect(probabilities.length).toBeGreaterThan(0)
    const row = open.nth(probabilities.indexOf(Math.max(...probabilities)))
    const code = await row.getAttribute('data-code')
    await row.locator(byId(testIds.acceptSuggestion)).click()

    await page.locator(`${byId(testIds.suggestion)}[data-code="${code}"][data-assigned="accepted"]`).first().waitFor()
    await page.locator(`${byId(testIds.assignedCode)}[data-code="${code}"][data-primary="true"]`).waitFor()
    await app.screenshot('08-suggestion-accepted')

    await page.locator(byId(testIds.submit)).click()
    await page.locator(`${byId(testIds.codingStatus)}[data-version="1"]`).waitFor()
    expect(await page.locator(byId(testIds.history)).innerText()).toContain(code ?? '?')
  })

  it('flags a diagnosis the record supports but its names lost (an injected missing error), and adds it in one click', async () => {
    const { page } = app
    // Records that lost a diagnosis name to the simulator, with their gold codes: the answer key the coder never sees.
    const database = openSqlite(join(app.workspaceDir, 'clinicoco.db'), { readonly: true, mustExist: true })
    const lostNames = database
      .prepare<{ external_id: string; gold: string }>(
        `SELECT r.external_id, (SELECT group_concat(g.code) FROM gold_codes g WHERE g.record_id = r.id) AS gold FROM records r
         WHERE EXISTS (SELECT 1 FROM diagnosis_names n WHERE n.record_id = r.id AND n.injected_error = 'missing') ORDER BY r.id`,
      )
      .all()
    database.close()
    expect(lostNames.length).toBeGreaterThan(0)

    // Ask the engine as the page does, and take the first record where a missing flag names one of its gold codes.
    const token = new URLSearchParams(new URL(app.url).hash.slice(1)).get('token') ?? ''
    let found: { recordId: string; code: string } | null = null
    for (const { external_id: recordId, gold } of lostNames) {
      const answer = await page.evaluate(
        async ([id, header, value]) => {
          const response = await fetch('/api/suggest', {
            method: 'POST',
            headers: { 'content-type': 'application/json', [header as string]: value as string },
            body: JSON.stringify({ recordId: id, language: 'en' }),
          })
          return (await response.json()) as { ok: boolean; value?: Suggestions }
        },
        [recordId, ACCESS_TOKEN_HEADER, token],
      )
      const suggestions = answer.value
      const flag = suggestions?.flags.find((entry) => entry.kind === 'missing' && entry.support >= suggestions.threshold && gold.split(',').includes(entry.code))
      if (flag) {
        found = { recordId, code: flag.code }
        break
      }
    }
    expect(found, `no record among ${lostNames.length} with a lost name got a right missing flag`).not.toBeNull()
    const { recordId, code } = found!

    await page.locator(byId(testIds.queueQuery)).fill(recordId)
    await page.locator(`${byId(testIds.queueRow)}[data-record-id="${recordId}"]`).click()
    await page.locator(`${byId(testIds.record)}[data-record-id="${recordId}"]`).waitFor()
    const flag = page.locator(`${byId(testIds.nameFlag)}[data-kind="missing"][data-code="${code}"]`)
    await flag.waitFor()
    expect(await flag.innerText()).toContain('Possibly missing')
    await flag.scrollIntoViewIfNeeded()
    await app.screenshot('09-missing-diagnosis-flag')

    await flag.locator(byId(testIds.nameFlagAdd)).click()
    await page.locator(`${byId(testIds.assignedCode)}[data-code="${code}"]`).waitFor()
    expect(await flag.locator(byId(testIds.nameFlagAdd)).isDisabled()).toBe(true)
  })

  it('logs no console errors or CSP violations', () => {
    expect(app.consoleErrors).toEqual([])
  })
})
