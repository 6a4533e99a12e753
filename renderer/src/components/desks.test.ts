import { render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { Output } from '../../../contract/api.js'
import type { ReportFile } from '../../../contract/supervision.js'
import { AuthGate } from '../lib/auth-gate.svelte.js'
import { I18n } from '../lib/i18n/i18n.svelte.js'
import { tabSessionTokens } from '../lib/session-token.js'
import { testIds } from '../lib/test-ids.js'
import { createFakeClient } from '../lib/testing/fake-client.js'
import type { FakeHandlers } from '../lib/testing/fake-client.js'
import { failure, ok, recordView } from '../lib/testing/fixtures.js'
import AuditDesk from './AuditDesk.svelte'
import ReviewDesk from './ReviewDesk.svelte'
import SupervisorDesk from './SupervisorDesk.svelte'

function environment(handlers: FakeHandlers, locale: 'en' | 'zh-CN' = 'en', saved: ReportFile[] = []) {
  const fake = createFakeClient(handlers)
  const gate = new AuthGate(fake.client, tabSessionTokens(null))
  return { fake, environment: { client: fake.client, i18n: new I18n(locale), gate, memory: null, preferences: null, activity: null, save: (file: ReportFile) => void saved.push(file) } }
}

const CASE: Output<'getReviewCase'> = {
  record: recordView({ id: 'R-7' }),
  version: 2,
  coder: 'coder',
  coderName: 'Li Na',
  mode: 'assisted',
  comment: '',
  reasons: [{ kind: 'rejected-confident', code: 'J18.9', probability: 0.93 }],
  rows: [
    { code: 'I10', title: 'Essential (primary) hypertension', coder: { primary: true }, model: { probability: 0.8, outcome: 'accepted' }, second: null, gold: { primary: true }, differs: false },
    { code: 'J18.9', title: 'Pneumonia, unspecified', coder: null, model: { probability: 0.93, outcome: 'rejected' }, second: null, gold: { primary: false }, differs: true },
  ],
  model: { version: 'demo-1', threshold: 0.4 },
  second: null,
  hasGold: true,
  review: null,
}

describe('the review desk', () => {
  it('opens a queued version side by side, refuses a return without a comment, and returns it with one', async () => {
    const user = userEvent.setup()
    const { fake, environment: env } = environment({
      listReviewQueue: () => ok({ total: 1, items: [{ recordId: 'R-7', version: 2, coder: 'coder', coderName: 'Li Na', mode: 'assisted', submittedAt: '2026-03-01T08:00:00Z', headline: 'pneumonia', reasons: CASE.reasons }] }),
      getReviewCase: () => ok(CASE),
      reviewDecision: ({ comment }) =>
        comment ? ok({ version: 2, reviewer: 'supervisor', reviewerName: 'Wang', verdict: 'returned', comment, reviewedAt: '2026-03-01T09:00:00Z' }) : failure('invalid-input', 'Say what to change: a returned coding needs a comment for the coder.'),
    })
    render(ReviewDesk, { environment: env })
    const item = await screen.findByTestId(testIds.reviewItem)
    expect(item).toHaveTextContent('Rejected a confident suggestion: rejected J18.9 (93%)')
    await user.click(item)
    const rows = await screen.findAllByTestId(testIds.reviewRow)
    expect(rows.map((row) => [row.dataset.code, row.dataset.differs])).toEqual([['I10', 'false'], ['J18.9', 'true']])
    expect(within(rows[1] as HTMLElement).getByText('93% · rejected')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Return to coder' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('needs a comment')
    await user.type(screen.getByLabelText('Comment for the coder'), 'Add J18.9: the X-ray shows it.')
    await user.click(screen.getByRole('button', { name: 'Return to coder' }))
    expect(await screen.findByText('Saved: Returned.')).toBeInTheDocument()
    expect(fake.callsTo('reviewDecision').at(-1)).toEqual({ recordId: 'R-7', version: 2, verdict: 'returned', comment: 'Add J18.9: the X-ray shows it.' })
  })
})

const FIGURES: Output<'getCoderFigures'>['items'] = [
  {
    coder: 'coder',
    coderName: 'Li Na',
    studyGroup: 'pilot A',
    mode: 'assisted',
    records: 12,
    medianActiveMs: 95_000,
    totalActiveMs: 1_200_000,
    suggestions: { shown: 40, accepted: 30, rejected: 6, ignored: 4 },
    addedBeyondSuggestions: 5,
    flagsActedOn: null,
    gold: { records: 12, microF1: 0.875, precision: 0.9, recall: 0.85, primaryAgreement: 0.75 },
    missingCaught: { records: 3, recall: 0.5 },
    second: null,
    reviews: { approved: 2, returned: 1 },
  },
]

describe('the supervisor desk', () => {
  it('shows each coder’s figures by mode, exports them, and sets a coder’s mode', async () => {
    const user = userEvent.setup()
    const saved: ReportFile[] = []
    const { fake, environment: env } = environment(
      {
        getCoderFigures: () => ok({ items: FIGURES }),
        listWorkBatches: () => ok({ items: [] }),
        getAgreement: () => ok({ records: 0, microF1: null, primaryAgreement: null, meanKappa: null, codes: [] }),
        listUsers: () => ok({ items: [{ id: 'coder', displayName: 'Li Na', role: 'coder', mode: 'assisted', studyGroup: null, disabled: false, lockedUntil: null, hasPassword: true, mustChangePassword: false, createdAt: 'x' }] }),
        listRecords: () => ok({ total: 0, items: [], facets: { departments: ['Cardiology'], languages: ['en'], mainLanguage: 'en', coders: [] } }),
        exportReport: ({ format }) => ok({ fileName: `coders.${format}`, mimeType: 'text/csv', base64: 'YQ==', rows: 1 }),
        setCoderSettings: ({ userId, mode }) => ok({ id: userId, displayName: 'Li Na', role: 'coder', mode: mode ?? 'assisted', studyGroup: null, disabled: false, lockedUntil: null, hasPassword: true, mustChangePassword: false, createdAt: 'x' }),
      },
      'en',
      saved,
    )
    render(SupervisorDesk, { environment: env })
    const row = await screen.findByTestId(testIds.figuresRow)
    expect(row).toHaveAttribute('data-records', '12')
    expect(within(row).getAllByRole('cell').map((cell) => cell.textContent?.trim())).toEqual(['pilot A', 'Assisted', '12', '1.6 min', '75%', '15%', '10%', '5', '—', '88%', '75%', '50%', '—', '1'])
    await user.click(screen.getAllByTestId(testIds.exportButton).find((button) => button.dataset.format === 'xlsx') as HTMLElement)
    expect(saved.map((file) => file.fileName)).toEqual(['coders.xlsx'])
    await user.click(screen.getByRole('tab', { name: 'Modes and study' }))
    await user.selectOptions(await screen.findByTestId(testIds.studyMode), 'manual')
    expect(fake.callsTo('setCoderSettings')).toEqual([{ userId: 'coder', mode: 'manual' }])
  })

  it('speaks Chinese', async () => {
    const { environment: env } = environment({ getCoderFigures: () => ok({ items: FIGURES }) }, 'zh-CN')
    render(SupervisorDesk, { environment: env })
    expect(await screen.findByRole('heading', { name: '质控' })).toBeInTheDocument()
    expect(await screen.findByRole('columnheader', { name: '对标准 F1' })).toBeInTheDocument()
  })
})

describe('the audit desk', () => {
  it('filters the trail and verifies it', async () => {
    const user = userEvent.setup()
    const { fake, environment: env } = environment({
      listAudit: ({ actor }) =>
        ok({ total: 1, items: [{ id: 9, at: '2026-03-01T08:00:00Z', actor: actor ?? 'coder', action: 'record.open', entity: 'record', entityId: 'R-1', detail: {} }] }),
      verifyAudit: () => ok({ intact: false, rows: 9, keyedRows: 9, decisionsChecked: 1, checkpointsChecked: 2, firstBrokenId: 4, problems: [{ kind: 'chain', rowId: 4, message: 'row 4 was changed' }] }),
    })
    render(AuditDesk, { environment: env })
    await screen.findByTestId(testIds.auditRow)
    await user.type(screen.getByLabelText('User'), 'supervisor')
    await user.type(screen.getByLabelText('Action'), 'review.')
    await user.click(screen.getByRole('button', { name: 'Filter' }))
    expect(fake.callsTo('listAudit').at(-1)).toEqual({ actor: 'supervisor', action: 'review.', offset: 0, limit: 100 })
    await user.click(screen.getByRole('button', { name: 'Verify the trail' }))
    expect(await screen.findByTestId(testIds.auditVerdict)).toHaveTextContent('NOT intact: row 4 was changed')
  })
})
