/**
 * Suggestions a senior coder can trust, in a real browser at 1366×768 with the
 * demo model: clean evidence on a diabetes record, the suggested primary, a
 * coding-rule warning kept with a reason (and stored), the status bar with an
 * error, and a draft that survives a reload and a restarted engine.
 * Screenshots land in test-artifacts/e2e/ (docs/images takes its copies from there).
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSqlite } from '../../native/sqlite.js'
import { testIds } from '../../renderer/src/lib/test-ids.js'
import { startApp } from './app-harness.js'
import type { RunningApp } from './app-harness.js'

const DEMO_MODEL_DIR = resolve('models/demo')
const FIRST_SUGGESTIONS_TIMEOUT_MS = 90_000
const VIEWPORT = { width: 1366, height: 768 }
const byId = (id: string) => `[data-testid="${id}"]`

describe('trustworthy suggestions in the browser', () => {
  let app: RunningApp

  beforeAll(async () => {
    if (!existsSync(join(DEMO_MODEL_DIR, 'manifest.json'))) throw new Error(`No demo model in ${DEMO_MODEL_DIR}: train or restore it (npm run models:demo).`)
    app = await startApp({ records: 120, model: DEMO_MODEL_DIR, viewport: VIEWPORT })
  })
  afterAll(async () => {
    await app?.stop()
  })

  /** English records coded with E11.9, from the answer key the coder never sees. */
  function diabetesRecords(): string[] {
    const database = openSqlite(join(app.workspaceDir, 'clinicoco.db'), { readonly: true, mustExist: true })
    const rows = database
      .prepare<{ external_id: string }>(
        "SELECT r.external_id FROM records r JOIN gold_codes g ON g.record_id = r.id WHERE g.code = 'E11.9' AND r.language = 'en' ORDER BY r.id",
      )
      .all()
    database.close()
    return rows.map((row) => row.external_id)
  }

  async function open(recordId: string) {
    const { page } = app
    await page.locator(byId(testIds.queueQuery)).fill(recordId)
    await page.locator(`${byId(testIds.queueRow)}[data-record-id="${recordId}"]`).click()
    await page.locator(`${byId(testIds.record)}[data-record-id="${recordId}"]`).waitFor()
    await page.locator(`${byId(testIds.suggestions)}[data-state="ready"]`).waitFor({ timeout: FIRST_SUGGESTIONS_TIMEOUT_MS })
  }

  it('paints clean evidence for diabetes: whole words and terms, never a number or one character alone, weak codes weak', async () => {
    const { page } = app
    const candidates = diabetesRecords()
    expect(candidates.length).toBeGreaterThan(0)
    let painted: string[] = []
    for (const recordId of candidates.slice(0, 6)) {
      await open(recordId)
      const row = page.locator(`${byId(testIds.suggestion)}[data-code="E11.9"]`).first()
      if ((await row.count()) === 0) continue
      await row.locator('.code-title').click()
      const marks = page.locator(`${byId(testIds.clinicalText)} ${byId(testIds.evidence)}`)
      painted = await marks.allInnerTexts()
      if (painted.length > 0) break
    }
    expect(painted.length).toBeGreaterThan(0)
    for (const text of painted) {
      expect(text.trim(), `"${text}" is only digits or punctuation`).not.toMatch(/^[\p{Nd}\p{P}\p{S}\s]*$/u)
      expect([...text.trim()].length === 1 && /\p{Script=Han}/u.test(text), `"${text}" is one Chinese character`).toBe(false)
    }
    await page.locator(`${byId(testIds.clinicalText)} ${byId(testIds.evidence)}`).first().scrollIntoViewIfNeeded()
    await app.screenshot('20-clean-evidence-diabetes')
  })

  it('marks the suggested primary among the suggestions', async () => {
    const { page } = app
    const badge = page.locator(`${byId(testIds.suggestions)} ${byId(testIds.suggestedPrimary)}`)
    await badge.first().waitFor()
    expect(await badge.count()).toBe(1)
    await badge.first().scrollIntoViewIfNeeded()
    await app.screenshot('21-suggested-primary')
  })

  it('warns about E11.2 with E11.9, keeps them only with a reason, and stores the override with the decision', async () => {
    const { page } = app
    const recordId = await page.locator(byId(testIds.record)).getAttribute('data-record-id')
    for (const code of ['E11.9', 'E11.2']) {
      await page.locator(byId(testIds.codeSearch)).fill(code)
      await page.locator(`${byId(testIds.searchOption)}[data-code="${code}"]`).waitFor()
      await page.locator(byId(testIds.codeSearch)).press('Enter')
      await page.locator(`${byId(testIds.assignedCode)}[data-code="${code}"]`).waitFor()
    }
    const warning = page.locator(`${byId(testIds.ruleWarning)}[data-rule="unspecified-sibling"]`)
    await warning.waitFor()
    expect(await warning.innerText()).toContain('is the unspecified code of its category')

    // Submitting now is refused, in plain words, in the status bar.
    await page.locator(byId(testIds.submit)).click()
    const bar = page.locator(byId(testIds.statusBar))
    await page.locator(`${byId(testIds.statusBar)}[data-level="error"]`).waitFor()
    expect(await bar.innerText()).toContain('A coding rule objects to these codes')

    await warning.locator(byId(testIds.ruleOverride)).click()
    await warning.locator(byId(testIds.ruleReason)).fill('Nephropathy and the uncomplicated entry both documented')
    await warning.locator(byId(testIds.ruleKeep)).click()
    await page.locator(`${byId(testIds.ruleWarning)}[data-rule="unspecified-sibling"][data-overridden="true"]`).waitFor()
    await warning.scrollIntoViewIfNeeded()
    await app.screenshot('22-rule-warning-override')

    const mismatch = page.locator(byId(testIds.primaryMismatch))
    if ((await mismatch.count()) > 0) await mismatch.locator(byId(testIds.primaryConfirm)).check()
    await page.locator(byId(testIds.submit)).click()
    await page.locator(`${byId(testIds.codingStatus)}[data-version="1"]`).waitFor()
    const database = openSqlite(join(app.workspaceDir, 'clinicoco.db'), { readonly: true, mustExist: true })
    const stored = database
      .prepare<{ rule_id: string; codes: string; reason: string }>(
        `SELECT o.rule_id, o.codes, o.reason FROM decision_rule_overrides o JOIN decisions d ON d.id = o.decision_id
         JOIN records r ON r.id = d.record_id WHERE r.external_id = ?`,
      )
      .all(recordId)
    database.close()
    expect(stored).toEqual([{ rule_id: 'unspecified-sibling', codes: 'E11.9,E11.2', reason: 'Nephropathy and the uncomplicated entry both documented' }])
  })

  it('shows a refused submit in the status bar, in plain words, on screen at 1366×768', async () => {
    const { page } = app
    const recordId = diabetesRecords().at(-1) ?? 'DEMO-000001'
    await open(recordId)
    await page.locator(byId(testIds.submit)).click()
    const bar = page.locator(`${byId(testIds.statusBar)}[data-level="error"]`)
    await bar.waitFor()
    expect(await bar.innerText()).toContain('Add at least one code before submitting.')
    const box = await bar.boundingBox()
    expect(box).not.toBeNull()
    expect((box?.y ?? VIEWPORT.height) + (box?.height ?? 0)).toBeLessThanOrEqual(VIEWPORT.height)
    expect(box?.y ?? -1).toBeGreaterThan(VIEWPORT.height / 2)
    await app.screenshot('23-status-bar-error')
  })

  it('opens the next record at its top, the coding pane too', async () => {
    const { page } = app
    await page.locator(byId(testIds.queueQuery)).fill('')
    await page.waitForFunction((selector) => document.querySelectorAll(selector).length > 1, byId(testIds.queueRow))
    const first = await page.locator(byId(testIds.queueRow)).first().getAttribute('data-record-id')
    await page.locator(byId(testIds.queueRow)).first().click()
    await page.locator(`${byId(testIds.record)}[data-record-id="${first}"]`).waitFor()
    await page.evaluate(() => {
      for (const pane of [document.querySelector('#record-main'), document.querySelector('[data-scroll-pane="coding"]')]) pane?.scrollTo({ top: 5000 })
    })
    expect(await page.evaluate(() => document.querySelector('#record-main')?.scrollTop ?? 0)).toBeGreaterThan(0)
    await page.locator('#record-main').focus()
    await page.keyboard.press('j')
    await page.waitForFunction((id) => document.querySelector('[data-testid="record"]')?.getAttribute('data-record-id') !== id, first)
    await page.waitForFunction(() => (document.querySelector('#record-main')?.scrollTop ?? 1) === 0 && (document.querySelector('[data-scroll-pane="coding"]')?.scrollTop ?? 1) === 0)
  })

  it('restores the unsubmitted coding after a reload and after the engine restarts', async () => {
    const { page } = app
    const recordId = await page.locator(byId(testIds.record)).getAttribute('data-record-id')
    await page.locator(byId(testIds.codeSearch)).fill('I10')
    await page.locator(`${byId(testIds.searchOption)}[data-code="I10"]`).waitFor()
    await page.locator(byId(testIds.codeSearch)).press('Enter')
    await page.locator(byId(testIds.comment)).fill('BP chart checked; awaiting the echo report')
    await page.locator(`${byId(testIds.draftStatus)}[data-state="saved"]`).waitFor()

    await page.reload()
    await page.locator(`${byId(testIds.record)}[data-record-id="${recordId}"]`).waitFor()
    await page.locator(byId(testIds.draftRestored)).waitFor()
    await page.locator(`${byId(testIds.assignedCode)}[data-code="I10"]`).waitFor()
    expect(await page.locator(byId(testIds.comment)).inputValue()).toBe('BP chart checked; awaiting the echo report')
    await app.screenshot('24-draft-restored')

    // Browser mode serves on a new port with a new token after a restart: the draft lives in the engine, not the page.
    await app.restartServer()
    await open(recordId ?? '')
    await page.locator(byId(testIds.draftRestored)).waitFor()
    await page.locator(`${byId(testIds.assignedCode)}[data-code="I10"]`).waitFor()
    expect(await page.locator(byId(testIds.comment)).inputValue()).toBe('BP chart checked; awaiting the echo report')
  })
})
