/**
 * Coding with the demo model's suggestions in a real browser: evidence painted
 * in the record, similar cases, the threshold slider (no refetch), accept, submit.
 *
 * It needs the trained demo bundle in models/demo/. Without it the test fails
 * rather than skips: a skipped test reads as green, and the suggestions are the
 * product's reason to exist, so a checkout that cannot show them is broken.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Suggestions } from '../../contract/domain.js'
import { ACCESS_TOKEN_HEADER, SESSION_HEADER } from '../../contract/security.js'
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
      await suggestions.nth(index).locator('.code-title').click()
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

    // `e` steps to the first highlighted passage and marks it (the legend counts them when there are several).
    await page.keyboard.press('e')
    await page.locator(`${byId(testIds.evidence)}.current[data-passage="0"]`).waitFor()
    if (painted > 1) expect(await page.locator(byId(testIds.evidencePosition)).innerText()).toMatch(/^1 of \d+$/)
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

  it('marks the suggested primary, accepts it into the coding as the primary, and submits it', async () => {
    const { page } = app
    // The record's reason for admission, marked in the suggestions, as a coder would start.
    const primaryRow = page.locator(`${byId(testIds.suggestions)} [data-keyscope] ${byId(testIds.suggestion)}:has(${byId(testIds.suggestedPrimary)})`)
    await primaryRow.first().waitFor()
    expect(await primaryRow.count()).toBe(1)
    const code = await primaryRow.getAttribute('data-code')
    if ((await primaryRow.getAttribute('data-assigned')) === 'no') await primaryRow.locator(byId(testIds.acceptSuggestion)).click()

    await page.locator(`${byId(testIds.suggestion)}[data-code="${code}"][data-assigned="accepted"]`).first().waitFor()
    await page.locator(`${byId(testIds.assignedCode)}[data-code="${code}"][data-primary="true"]`).waitFor()
    expect(await page.locator(`${byId(testIds.assignedCode)}[data-code="${code}"] ${byId(testIds.suggestedPrimary)}`).count()).toBe(1)
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
        async ([id, header, value, sessionHeader]) => {
          // As the signed-in coder: the session token this tab holds since the sign-in.
          const session = sessionStorage.getItem('clinicoco.session') ?? ''
          const response = await fetch('/api/suggest', {
            method: 'POST',
            headers: { 'content-type': 'application/json', [header as string]: value as string, [sessionHeader as string]: session },
            body: JSON.stringify({ recordId: id, language: 'en' }),
          })
          return (await response.json()) as { ok: boolean; value?: Suggestions }
        },
        [recordId, ACCESS_TOKEN_HEADER, token, SESSION_HEADER],
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

    // Back to the whole queue, with the focus out of the query box, for the tests that follow.
    await page.locator(byId(testIds.queueQuery)).fill('')
    await page.waitForFunction((selector) => document.querySelectorAll(selector).length > 1, byId(testIds.queueRow))
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  })

  it('codes the next record with the keyboard only: reject, accept, search and add, submit', async () => {
    const { page } = app
    const before = await page.locator(byId(testIds.record)).getAttribute('data-record-id')
    await page.keyboard.press('j')
    const record = page.locator(`${byId(testIds.record)}:not([data-record-id="${before}"])`)
    await record.waitFor()
    const recordId = await record.getAttribute('data-record-id')
    await page.locator(`${byId(testIds.suggestions)}[data-state="ready"]`).waitFor()
    const shown = page.locator(`${byId(testIds.suggestions)} [data-keyscope] ${byId(testIds.suggestion)}`)
    expect(await shown.count()).toBeGreaterThan(1)

    await page.keyboard.press('s')
    await page.keyboard.press('ArrowDown')
    const second = page.locator(`${byId(testIds.suggestion)}[data-selected="true"]`)
    const rejectedCode = await second.getAttribute('data-code')
    await page.keyboard.press('r')
    await page.locator(`${byId(testIds.suggestion)}[data-code="${rejectedCode}"][data-rejected="true"]`).first().waitFor()
    await page.keyboard.press('ArrowUp')
    const acceptedCode = await page.locator(`${byId(testIds.suggestion)}[data-selected="true"]`).getAttribute('data-code')
    await page.keyboard.press('a')
    await page.locator(`${byId(testIds.assignedCode)}[data-code="${acceptedCode}"][data-primary="true"]`).waitFor()

    await page.keyboard.press('/')
    await page.keyboard.type('pneumonia')
    const hits = page.locator(byId(testIds.searchOption))
    await hits.first().waitFor()
    // The first hit starts active; the arrow key moves to the second, which Enter adds.
    await page.keyboard.press('ArrowDown')
    const searchedCode = await hits.nth(1).getAttribute('data-code')
    await page.keyboard.press('Enter')
    await page.locator(`${byId(testIds.assignedCode)}[data-code="${searchedCode}"]`).waitFor()
    await app.screenshot('10-keyboard-coded')
    await page.keyboard.press('Control+Enter')
    await page.locator(`${byId(testIds.codingStatus)}[data-version="1"]`).waitFor()

    // What became of the suggestions is stored with the version.
    const database = openSqlite(join(app.workspaceDir, 'clinicoco.db'), { readonly: true, mustExist: true })
    const outcomes = database
      .prepare<{ code: string; outcome: string }>(
        `SELECT s.code, s.outcome FROM decision_suggestions s JOIN decisions d ON d.id = s.decision_id JOIN records r ON r.id = d.record_id
         WHERE r.external_id = ?`,
      )
      .all(recordId)
    database.close()
    expect(outcomes).toContainEqual({ code: acceptedCode, outcome: 'accepted' })
    expect(outcomes).toContainEqual({ code: rejectedCode, outcome: 'rejected' })
  })

  it('opens a similar case read-only beside the record', async () => {
    const { page } = app
    const firstCase = page.locator(byId(testIds.similarCase)).first()
    const caseId = await firstCase.getAttribute('data-record-id')
    const open = firstCase.locator(byId(testIds.similarCaseOpen))
    await open.click()
    const preview = page.locator(`${byId(testIds.similarCasePreview)}[data-state="ready"]`)
    await preview.waitFor()
    expect(await open.getAttribute('aria-expanded')).toBe('true')
    expect((await preview.innerText()).length).toBeGreaterThan(100)
    // The record being coded stays the one on screen.
    expect(await page.locator(byId(testIds.record)).getAttribute('data-record-id')).not.toBe(caseId)
    await preview.scrollIntoViewIfNeeded()
    await app.screenshot('11-similar-case-preview')
    await open.click()
    await preview.waitFor({ state: 'detached' })
  })

  it('switches the whole view to Chinese and back', async () => {
    const { page } = app
    const languages = page.locator(`${byId(testIds.languageSwitch)} button`)
    await languages.filter({ hasText: '简体中文' }).click()
    await page.getByRole('heading', { name: '编码建议' }).waitFor()
    await page.getByRole('slider', { name: '置信度阈值' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
    await app.screenshot('12-chinese')
    await languages.filter({ hasText: 'English' }).click()
    await page.getByRole('heading', { name: 'Suggestions' }).waitFor()
  })

  it('shows each mode exactly its features: black-box suggestions only, manual no AI at all', async () => {
    const { page } = app
    const setMode = (mode: string) => {
      const result = spawnSync('node', ['bin/clinicoco.js', 'users', 'mode', '--workspace', app.workspaceDir, '--coder', 'coder', '--mode', mode], {
        encoding: 'utf8',
        env: app.cliEnv('supervisor'),
      })
      expect(result.status, result.stderr).toBe(0)
    }
    const openFirst = async () => {
      await page.reload()
      const row = page.locator(byId(testIds.queueRow)).first()
      const id = await row.getAttribute('data-record-id')
      await row.click()
      await page.locator(`${byId(testIds.record)}[data-record-id="${id}"]`).waitFor()
    }

    setMode('black-box')
    await openFirst()
    await page.locator(`${byId(testIds.suggestions)}[data-state="ready"]`).waitFor()
    const rows = page.locator(byId(testIds.suggestion))
    expect(await rows.count()).toBeGreaterThan(0)
    await rows.first().locator('.code-title').click()
    for (const hidden of [testIds.thresholdSlider, testIds.suggestionGroup, testIds.similarCases, testIds.nameFlags, testIds.evidence, testIds.belowThreshold]) {
      expect(await page.locator(byId(hidden)).count(), hidden).toBe(0)
    }
    expect(await rows.first().getAttribute('data-source')).toBeNull()
    await app.screenshot('13-mode-black-box')

    setMode('manual')
    const requestsBefore = suggestRequests.length
    await openFirst()
    await page.locator(byId(testIds.codeSearch)).waitFor()
    expect(await page.locator(byId(testIds.suggestions)).count()).toBe(0)
    expect(suggestRequests.length).toBe(requestsBefore)
    await app.screenshot('14-mode-manual')

    setMode('assisted')
    await openFirst()
    await page.locator(`${byId(testIds.suggestions)}[data-state="ready"]`).waitFor()
    expect(await page.locator(byId(testIds.thresholdSlider)).count()).toBe(1)
    expect(await page.locator(byId(testIds.similarCases)).count()).toBe(1)
  })

  it('logs no console errors or CSP violations', () => {
    expect(app.consoleErrors).toEqual([])
  })
})
