/**
 * The supervisor's day in Chromium, as issue 15 shows it: a coder codes; a
 * supervisor sees that coder's figures, deals a double-coding batch; the second
 * coder codes blind; the supervisor reviews the disagreement side by side and
 * returns it; the coder sees it returned. A coder reaches neither the
 * supervisor's nor the administrator's functions, in the UI or the API. Then
 * lockout after failed sign-ins, and the idle lock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCESS_TOKEN_HEADER, SESSION_HEADER } from '../../contract/security.js'
import { testIds } from '../../renderer/src/lib/test-ids.js'
import { startApp } from './app-harness.js'
import type { RunningApp } from './app-harness.js'

const byId = (id: string) => `[data-testid="${id}"]`

describe('supervising coders in the browser', () => {
  let app: RunningApp
  let recordId = ''
  beforeAll(async () => {
    app = await startApp({ records: 40, user: 'coder' })
  })
  afterAll(async () => {
    await app?.stop()
  })

  const desks = async () => app.page.locator(`${byId(testIds.deskNav)} ${byId(testIds.deskTab)}`).evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute('data-desk')))
  const openDesk = async (desk: string) => {
    await app.page.locator(`${byId(testIds.deskTab)}[data-desk="${desk}"]`).click()
    await app.page.locator(`${byId(testIds.desk)}[data-desk="${desk}"]`).waitFor()
  }
  const switchUser = async (userId: string) => {
    await app.signOut()
    await app.signIn(userId)
  }

  it('lets a coder code a record, on the only desk a coder has', async () => {
    const { page } = app
    expect(await desks()).toEqual(['coding'])
    const row = page.locator(byId(testIds.queueRow)).first()
    recordId = (await row.getAttribute('data-record-id')) ?? ''
    await row.click()
    await page.locator(`${byId(testIds.record)}[data-record-id="${recordId}"]`).waitFor()
    await page.locator(byId(testIds.codeSearch)).fill('高血压')
    await page.locator(`${byId(testIds.searchOption)}[data-code="I10"]`).click()
    await page.locator(byId(testIds.submit)).click()
    await page.locator(`${byId(testIds.codingStatus)}[data-version="1"]`).waitFor()
  })

  it("refuses the coder the supervisor's and the administrator's calls at the engine, whatever the page does", async () => {
    const token = new URLSearchParams(new URL(app.url).hash.slice(1)).get('token') ?? ''
    const answers = await app.page.evaluate(
      async ([header, value, sessionHeader]) => {
        const session = sessionStorage.getItem('clinicoco.session') ?? ''
        const call = async (method: string, body: unknown) => {
          const response = await fetch(`/api/${method}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [header as string]: value as string, [sessionHeader as string]: session },
            body: JSON.stringify(body),
          })
          return (await response.json()) as { ok: boolean; error?: { code: string; message: string } }
        }
        return {
          reviewQueue: await call('listReviewQueue', {}),
          createUser: await call('createUser', { userId: 'mallory', displayName: 'M', role: 'admin', password: 'mallory-password' }),
          setMode: await call('setCoderSettings', { userId: 'coder', mode: 'manual' }),
          audit: await call('listAudit', {}),
          // Issue 18: the training data's splits, training and model switches are not a coder's.
          splits: await call('assignSplits', {}),
          training: await call('startTraining', {}),
          promote: await call('promoteModel', { modelVersion: 'any' }),
          plan: await call('planAnnotationPatch', { target: 2, trustThreshold: null }),
        }
      },
      [ACCESS_TOKEN_HEADER, token, SESSION_HEADER],
    )
    for (const answer of Object.values(answers)) expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/^Not allowed/) } })
  })

  it("shows the supervisor that coder's figures, and deals a double-coding batch", async () => {
    const { page } = app
    await switchUser('supervisor')
    expect(await desks()).toEqual(['review', 'supervisor', 'audit', 'models'])
    await openDesk('supervisor')
    const row = page.locator(`${byId(testIds.figuresRow)}[data-coder="coder"][data-mode="assisted"]`)
    await row.waitFor()
    expect(await row.getAttribute('data-records')).toBe('1')
    await page.locator(byId(testIds.figuresChart)).waitFor()
    await app.screenshot('20-supervisor-figures')

    await page.getByRole('tab', { name: 'Assign work' }).click()
    const form = page.locator(byId(testIds.batchForm))
    await form.getByLabel('For').selectOption('double-coding')
    await form.getByLabel('Batch name').fill('QA double coding')
    await form.getByLabel('Second Coder 第二编码员').check()
    await form.getByLabel('Only records already coded').check()
    await form.getByLabel('How many records').fill('1')
    await form.getByRole('button', { name: 'Assign' }).click()
    await page.locator(`${byId(testIds.batchRow)}[data-purpose="double-coding"]`).waitFor()
    await app.screenshot('21-supervisor-assign')
  })

  it('lets the second coder code it blind, from the assignment in their queue', async () => {
    const { page } = app
    await switchUser('coder2')
    await page.locator(`${byId(testIds.queueFilter)} [data-filter="mine"]`).check()
    const assigned = page.locator(`${byId(testIds.queueRow)}[data-record-id="${recordId}"][data-assignment="double-coding"]`)
    await assigned.waitFor()
    expect(await assigned.getAttribute('data-status')).toBe('todo')
    await assigned.click()
    await page.locator(`${byId(testIds.record)}[data-record-id="${recordId}"]`).waitFor()
    await page.locator(byId(testIds.blindNotice)).waitFor()
    expect(await page.locator(byId(testIds.historyEntry)).count()).toBe(0)
    await page.locator(byId(testIds.codeSearch)).fill('pneumonia')
    await page.locator(byId(testIds.searchOption)).first().click()
    await page.locator(byId(testIds.submit)).click()
    await page.locator(`${byId(testIds.codingStatus)}[data-version="1"]`).waitFor()
  })

  it('puts the disagreement in the review queue, side by side, and the supervisor returns it', async () => {
    const { page } = app
    await switchUser('supervisor')
    await openDesk('review')
    const item = page.locator(`${byId(testIds.reviewItem)}[data-record-id="${recordId}"]`)
    await item.waitFor()
    expect(await item.getAttribute('data-reasons')).toContain('disagrees-second')
    await item.click()
    const reviewCase = page.locator(`${byId(testIds.reviewCase)}[data-record-id="${recordId}"]`)
    await reviewCase.waitFor()
    expect(await page.locator(`${byId(testIds.reviewRow)}[data-code="I10"]`).getAttribute('data-differs')).toBe('true')
    expect(await page.locator(`${byId(testIds.reviewRow)}[data-differs="true"]`).count()).toBeGreaterThanOrEqual(2)
    await page.locator(byId(testIds.reviewComment)).fill('The second coder found pneumonia: check the chest X-ray and add it if documented.')
    await app.screenshot('22-review-side-by-side')
    await page.locator(byId(testIds.reviewReturn)).click()
    await page.getByRole('status').filter({ hasText: 'Saved: Returned.' }).waitFor()
    expect(await page.locator(`${byId(testIds.reviewItem)}[data-record-id="${recordId}"]`).count()).toBe(0)
  })

  it('proves the audit trail from the audit desk', async () => {
    const { page } = app
    await openDesk('audit')
    await page.locator(`${byId(testIds.auditRow)}[data-action="review.return"]`).waitFor()
    await page.getByRole('button', { name: 'Verify the trail' }).click()
    await page.locator(`${byId(testIds.auditVerdict)}[data-intact="true"]`).waitFor()
    await app.screenshot('23-audit-trail')
  })

  it('shows the coder the record returned, with the comment', async () => {
    const { page } = app
    await switchUser('coder')
    await page.locator(`${byId(testIds.queueFilter)} [data-filter="returned"]`).check()
    const row = page.locator(`${byId(testIds.queueRow)}[data-record-id="${recordId}"][data-review="returned"]`)
    await row.waitFor()
    await row.click()
    const notice = page.locator(`${byId(testIds.reviewNotice)}[data-verdict="returned"]`)
    await notice.waitFor()
    expect(await notice.innerText()).toContain('check the chest X-ray')
    await app.screenshot('24-coder-sees-return')
  })

  it('gives the supervisor the annotation plan on the model desk but not training, and the administrator training too', async () => {
    const { page } = app
    const trainingTab = () => page.locator(byId(testIds.modelDesk)).getByRole('button', { name: 'Training', exact: true })
    await switchUser('supervisor')
    await openDesk('models')
    await page.locator(byId(testIds.planSummary)).waitFor()
    expect(await page.locator(byId(testIds.planButton)).count()).toBe(1)
    await trainingTab().click()
    await page.getByRole('heading', { level: 2, name: 'Train a model' }).waitFor()
    expect(await page.locator(byId(testIds.trainingStart)).count()).toBe(0)
    await switchUser('admin')
    expect(await desks()).toEqual(['audit', 'admin', 'models'])
    await openDesk('models')
    await trainingTab().click()
    await page.locator(byId(testIds.trainingStart)).waitFor()
  })

  it('logs no console errors or CSP violations', () => {
    expect(app.consoleErrors).toEqual([])
  })
})

describe('sign-in protection in the browser', () => {
  let app: RunningApp
  beforeAll(async () => {
    // Three idle seconds lock a session here, so the test need not wait fifteen minutes.
    app = await startApp({ records: 10, user: null, idleLockMinutes: 0.05 })
  })
  afterAll(async () => {
    await app?.stop()
  })

  it('locks an account after five wrong passwords, and then refuses even the right one', async () => {
    const { page } = app
    const problem = page.locator(byId(testIds.signInProblem))
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await page.locator(byId(testIds.signInUser)).fill('coder2')
      await page.locator(byId(testIds.signInPassword)).fill(`wrong-${attempt}`)
      // One attempt at a time: each answer arrives before the next password is typed.
      await Promise.all([page.waitForResponse((response) => response.url().endsWith('/api/signIn')), page.locator(byId(testIds.signInSubmit)).click()])
      await page.locator(`${byId(testIds.signInProblem)}:has-text("${attempt < 5 ? 'Wrong user name or password.' : 'locked for 15 minutes'}")`).waitFor()
    }
    await page.locator(byId(testIds.signInUser)).fill('coder2')
    await page.locator(byId(testIds.signInPassword)).fill('coding-desk-2027')
    await Promise.all([page.waitForResponse((response) => response.url().endsWith('/api/signIn')), page.locator(byId(testIds.signInSubmit)).click()])
    await page.locator(`${byId(testIds.signInProblem)}:has-text("locked until")`).waitFor()
    expect(await problem.innerText()).toMatch(/an administrator can unlock it/)
    await app.screenshot('25-lockout')
  })

  it('locks an idle session, keeps the desk beneath, and unlocks it with the password', async () => {
    const { page } = app
    await app.signIn('coder')
    const row = page.locator(byId(testIds.queueRow)).first()
    const recordId = await row.getAttribute('data-record-id')
    await row.click()
    await page.locator(`${byId(testIds.record)}[data-record-id="${recordId}"]`).waitFor()
    await page.locator(byId(testIds.lockScreen)).waitFor({ timeout: 15_000 })
    await app.screenshot('26-idle-lock')
    // Nothing of the record shows through while locked, and the engine refuses work too.
    expect(await page.locator(byId(testIds.lockScreen)).evaluate((element) => getComputedStyle(element).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)')
    await page.locator(byId(testIds.unlockPassword)).fill('coding-desk-2026')
    await page.locator(byId(testIds.unlockSubmit)).click()
    await page.locator(byId(testIds.lockScreen)).waitFor({ state: 'detached' })
    await page.locator(`${byId(testIds.record)}[data-record-id="${recordId}"]`).waitFor()
  })

  it('logs no console errors or CSP violations', () => {
    expect(app.consoleErrors).toEqual([])
  })
})
