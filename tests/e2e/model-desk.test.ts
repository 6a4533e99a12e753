/**
 * A hospital grows its own model in Chromium (issue 18), on the model desk of the
 * signed-in app: the supervisor plans an annotation patch (the plan view and its
 * chart); the coders' queues are annotated by the simulated annotator (the CLI, as
 * the walkthrough does); the administrator starts a training job with a small
 * budget, watches its progress, reads the evaluation report and promotes the
 * model, which the switch history then shows. Screenshots of the plan, the
 * training progress and the report go to test-artifacts/e2e/.
 *
 * The training is real (a detached trainer process, PyTorch, ONNX export, golden
 * check, report over dev and test): the budget is the smallest that still trains
 * every step on this small workspace, so the file takes a few minutes.
 */
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testIds } from '../../renderer/src/lib/test-ids.js'
import { startApp } from './app-harness.js'
import type { RunningApp } from './app-harness.js'

const byId = (id: string) => `[data-testid="${id}"]`
/** The whole job: export, trainer start-up, the budget, ONNX export and golden check, the report on dev and test. */
const TRAINING_TIMEOUT_MS = 480_000

describe('the model desk in the browser: plan, train, report, promote', () => {
  let app: RunningApp
  let patchRecords = 0
  let modelVersion = ''

  /** The real CLI as a demo user, its JSON answer. */
  const cli = <T>(userId: string, args: string[]): T => {
    const result = spawnSync('node', ['bin/clinicoco.js', ...args, '--workspace', app.workspaceDir, '--json'], { encoding: 'utf8', timeout: 240_000, env: app.cliEnv(userId) })
    if (result.status !== 0) throw new Error(`clinicoco ${args.join(' ')} exited ${result.status ?? result.signal}: ${result.stderr}`)
    return JSON.parse(result.stdout) as T
  }
  const openModelDesk = async () => {
    await app.page.locator(`${byId(testIds.deskTab)}[data-desk="models"]`).click()
    await app.page.locator(byId(testIds.modelDesk)).waitFor()
  }
  const openTab = async (tab: 'plan' | 'training' | 'models') => app.page.locator(`${byId(testIds.modelDeskTab)}[data-tab="${tab}"]`).click()

  beforeAll(async () => {
    app = await startApp({ records: 120, user: 'supervisor' })
    // The hospital's setting of the loop: reference codes are the answer key (a training record is clean once a
    // coder annotates it), s = 2; noisy labels from the diagnosis names.
    cli('admin', ['annotate', 'settings', '--reference-codes', 'answer-key', '--s', '2'])
    cli('admin', ['label'])
  })
  afterAll(async () => {
    await app?.stop()
  })

  it('shows the supervisor the plan: clean examples per code against s, and plans a patch dealt to the coders', async () => {
    const { page } = app
    await openModelDesk()
    const summary = page.locator(byId(testIds.planSummary))
    await summary.waitFor()
    const before = cli<{ summary: { codes: number; short: number }; recordsLeft: number }>('supervisor', ['annotate', 'status'])
    expect(before.summary.short).toBeGreaterThan(0)
    expect(await summary.getAttribute('data-codes')).toBe(String(before.summary.codes))
    expect(await summary.getAttribute('data-short')).toBe(String(before.summary.short))
    await page.locator(byId(testIds.planButton)).click()
    const result = page.locator(byId(testIds.planResult))
    await result.waitFor()
    patchRecords = Number(await result.getAttribute('data-records'))
    expect(patchRecords).toBeGreaterThan(0)
    // The view recounted: the patch's records are the records left to annotate, and the engine agrees.
    await page.locator(`${byId(testIds.planSummary)}[data-records-left="${patchRecords}"]`).waitFor()
    const after = cli<{ recordsLeft: number; patches: Array<{ records: number }>; coders: Array<{ coder: string; open: number }> }>('supervisor', ['annotate', 'status'])
    expect(after.recordsLeft).toBe(patchRecords)
    expect(after.patches).toHaveLength(1)
    expect(after.coders.reduce((sum, coder) => sum + coder.open, 0)).toBe(patchRecords)
    // The chart draws every code of the plan against s.
    expect(await page.locator(byId(testIds.cleanExamplesChart)).getAttribute('data-points')).toBe(String(before.summary.codes))
    await app.screenshot('model-desk-plan')
  })

  it('lets the administrator train from the app: the job runs in its own process, with progress against the budget', async () => {
    // The coders' patch, answered by the simulated annotator through each coder's queue.
    for (const coder of ['coder', 'coder2']) cli('admin', ['annotate', 'simulate', '--coder', coder])
    expect(cli<{ recordsLeft: number }>('admin', ['annotate', 'status']).recordsLeft).toBe(0)

    const { page } = app
    await app.signOut()
    await app.signIn('admin')
    await openModelDesk()
    await openTab('training')
    await page.locator(byId(testIds.trainingBudget)).fill('0.5')
    await page.locator(byId(testIds.trainingEpochs)).fill('2')
    await page.locator(byId(testIds.trainingStart)).click()
    const progress = page.locator(byId(testIds.trainingProgress))
    await progress.waitFor()
    // The bar moves while the trainer trains: the desk polls the job's progress file.
    await page.waitForFunction(
      (selector) => {
        const bar = document.querySelector(selector)
        return bar?.getAttribute('data-status') === 'running' && bar.getAttribute('data-phase') === 'training' && Number(bar.getAttribute('data-fraction')) > 0
      },
      byId(testIds.trainingProgress),
      { timeout: 180_000, polling: 500 },
    )
    await app.screenshot('model-desk-training')
    // The start button stays off while a job runs: one job per workspace.
    expect(await page.locator(byId(testIds.trainingStart)).isDisabled()).toBe(true)
    const running = cli<{ jobs: Array<{ id: number; status: string; actor: string; settings: { budgetMinutes: number } }> }>('admin', ['training', 'status'])
    expect(running.jobs[0]).toMatchObject({ actor: 'admin', settings: { budgetMinutes: 0.5 } })
  }, 240_000)

  it('shows the evaluation report when the job has finished, the same figures the engine reports', async () => {
    const { page } = app
    await page.locator(`${byId(testIds.trainingProgress)}[data-status="succeeded"]`).waitFor({ timeout: TRAINING_TIMEOUT_MS })
    const report = page.locator(byId(testIds.modelReport))
    await report.waitFor({ timeout: 60_000 })
    modelVersion = (await report.getAttribute('data-model-version')) ?? ''
    expect(modelVersion).not.toBe('')
    const engine = cli<{ modelVersion: string; candidate: { dev: { microF1: number; records: number }; test: { records: number } | null } }>('admin', ['training', 'report'])
    expect(engine.modelVersion).toBe(modelVersion)
    expect(engine.candidate.dev.records).toBeGreaterThan(0)
    // The headline table shows the engine's dev micro-F1 and record counts.
    const headline = await report.locator('table.headline').innerText()
    expect(headline).toContain(engine.candidate.dev.microF1.toFixed(3))
    expect(headline).toContain(String(engine.candidate.dev.records))
    expect(await report.locator('canvas').count()).toBeGreaterThanOrEqual(2)
    await report.scrollIntoViewIfNeeded()
    await app.screenshot('model-desk-report')
  }, TRAINING_TIMEOUT_MS + 60_000)

  it('promotes the trained model: it becomes the one in use, in the switch history and the engine', async () => {
    const { page } = app
    await openTab('models')
    const row = page.locator(`${byId(testIds.registryRow)}[data-model-version="${modelVersion}"]`)
    await row.waitFor()
    expect(await row.getAttribute('data-in-use')).toBe('false')
    await row.locator(byId(testIds.registryPromote)).click()
    await page.locator(`${byId(testIds.registryRow)}[data-model-version="${modelVersion}"][data-in-use="true"]`).waitFor({ timeout: 120_000 })
    await page.locator(`${byId(testIds.modelHistoryRow)}[data-kind="use"]`).last().waitFor()
    const history = cli<{ switches: Array<{ modelVersion: string; kind: string; actor: string; signature: string }> }>('admin', ['models', 'history'])
    expect(history.switches.at(-1)).toMatchObject({ modelVersion, kind: 'use', actor: 'admin', signature: 'trusted' })
    await app.screenshot('model-desk-registry')
    expect(app.consoleErrors).toEqual([])
  }, 180_000)
})
