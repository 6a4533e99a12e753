import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testIds } from '../../renderer/src/lib/test-ids.js'
import { startApp } from './app-harness.js'
import type { RunningApp } from './app-harness.js'

const byId = (id: string) => `[data-testid="${id}"]`

describe('coding a record in the browser', () => {
  let app: RunningApp
  beforeAll(async () => {
    app = await startApp({ records: 120 })
  })
  afterAll(async () => {
    await app?.stop()
  })

  it('shows the demo hospital queue', async () => {
    const { page } = app
    await page.locator(byId(testIds.queueRow)).first().waitFor()
    expect(await page.locator(byId(testIds.queueRow)).count()).toBeGreaterThan(10)
    expect(await page.locator(byId(testIds.progress)).getAttribute('data-total')).toBe('120')
    expect(page.url()).not.toContain('token=')
    await app.screenshot('01-queue')
  })

  it('opens a record with its diagnosis names and free-text sections', async () => {
    const { page } = app
    const row = page.locator(byId(testIds.queueRow)).first()
    const recordId = await row.getAttribute('data-record-id')
    await row.click()
    await page.locator(`${byId(testIds.record)}[data-record-id="${recordId}"]`).waitFor()
    expect(await page.locator(byId(testIds.diagnosisName)).count()).toBeGreaterThan(0)
    expect(await page.locator(byId(testIds.textSection)).count()).toBeGreaterThanOrEqual(5)
    // No model is installed here: the pane says so calmly (or, if a model was configured, shows suggestions) — never an error.
    await page.locator(`${byId(testIds.suggestions)}[data-state="no-model"], ${byId(testIds.suggestions)}[data-state="ready"]`).waitFor()
    await app.screenshot('02-record')
  })

  it('finds codes in English, by code and in Chinese', async () => {
    const { page } = app
    const search = page.locator(byId(testIds.codeSearch))
    for (const query of ['hypertension', 'I10', '高血压']) {
      await search.fill(query)
      await page.locator(`${byId(testIds.searchOption)}[data-code="I10"]`).waitFor()
    }
    await app.screenshot('03-search-chinese')
  })

  it('adds codes, marks the primary, submits, and keeps it after a reload', async () => {
    const { page } = app
    const recordId = await page.locator(byId(testIds.record)).getAttribute('data-record-id')
    const search = page.locator(byId(testIds.codeSearch))
    await search.fill('高血压')
    await page.locator(`${byId(testIds.searchOption)}[data-code="I10"]`).waitFor()
    await page.locator(`${byId(testIds.searchOption)}[data-code="I10"]`).click()
    await search.fill('pneumonia')
    const pneumonia = page.locator(byId(testIds.searchOption)).first()
    await pneumonia.waitFor()
    const secondCode = await pneumonia.getAttribute('data-code')
    await pneumonia.click()
    await page.locator(`${byId(testIds.assignedCode)}[data-code="I10"] ${byId(testIds.primaryRadio)}`).check()
    expect(await page.locator(byId(testIds.assignedCode)).count()).toBe(2)
    await app.screenshot('04-coded')
    await page.locator(byId(testIds.submit)).click()
    await page.locator(`${byId(testIds.codingStatus)}[data-version="1"]`).waitFor()

    await page.reload()
    await page.locator(`${byId(testIds.record)}[data-record-id="${recordId}"][data-status="submitted"]`).waitFor()
    await page.locator(`${byId(testIds.historyEntry)}[data-version="1"]`).waitFor()
    const history = await page.locator(byId(testIds.history)).innerText()
    expect(history).toContain('I10')
    expect(history).toContain(secondCode ?? '?')
    await app.screenshot('05-submitted-after-reload')
  })

  it('logs no console errors or CSP violations', () => {
    expect(app.consoleErrors).toEqual([])
  })
})
