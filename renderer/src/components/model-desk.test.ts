import { render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { AnnotationStatus } from '../../../contract/annotation.js'
import type { Permission } from '../../../contract/auth.js'
import type { ModelReport, SplitMetrics } from '../../../contract/model-report.js'
import type { ModelSwitchView, RegisteredModelView } from '../../../contract/model-registry.js'
import type { TrainingJobView } from '../../../contract/training-job.js'
import { I18n } from '../lib/i18n/i18n.svelte.js'
import { ModelDesk } from '../lib/model-desk.svelte.js'
import { testIds } from '../lib/test-ids.js'
import { createFakeClient, type FakeHandlers } from '../lib/testing/fake-client.js'
import { failure, ok, sessionInfo } from '../lib/testing/fixtures.js'
import ModelDeskView from './ModelDesk.svelte'

function status(overrides: Partial<AnnotationStatus> = {}): AnnotationStatus {
  return {
    settings: { target: 5, trustThreshold: null },
    classes: { raw: 89, noisy: 1911, clean: 90, dev: 446, test: 464 },
    codes: [
      { code: 'I10', title: 'Essential hypertension', clean: 7, pending: 0, candidates: 400 },
      { code: 'J18.9', title: 'Pneumonia', clean: 2, pending: 0, candidates: 30 },
      { code: 'Q21.1', title: 'Atrial septal defect', clean: 0, pending: 0, candidates: 0 },
    ],
    summary: { codes: 3, atTarget: 1, short: 2, withoutCandidates: 1 },
    patches: [{ number: 1, method: 'adaptive', createdAt: '2026-12-05T08:38:00.000Z', actor: 'admin', records: 90, done: 90, open: 0 }],
    coders: [{ coder: 'coder', open: 0, done: 90 }],
    recordsLeft: 0,
    effort: { medianActiveMs: 200_000, timedDecisions: 90, source: 'annotation', nextPatchRecords: 174, estimatedHoursLeft: 9.67 },
    complete: false,
    ...overrides,
  }
}

function metrics(microF1: number): SplitMetrics {
  return {
    records: 446,
    codes: 97,
    threshold: 0.69,
    microF1,
    macroF1: 0.8,
    precision: 0.8,
    recall: 0.9,
    microAuc: 0.99,
    macroAuc: 0.98,
    recallAt: { 5: 0.97, 9: 0.99, 15: 1 },
    map: 0.9,
    chapters: [{ chapter: 'IX', range: 'I00–I99', title: { en: 'Diseases of the circulatory system', zh: '循环系统疾病' }, codes: 22, gold: 410, precision: 0.85, recall: 0.93, f1: 0.889 }],
  }
}

function report(): ModelReport {
  return {
    format: 'clinicoco-model-report',
    formatVersion: 1,
    createdAt: '2026-12-05T09:11:00.000Z',
    modelVersion: 'demo-icd10-2026-12-05-cbcdabbe',
    codeSet: { name: 'demo-icd10', version: '2026.1' },
    codes: 97,
    trainer: { threshold: 0.256, knn: { k: 3, lambda: 0.05, tau: 0.1 }, seconds: 300, stoppedByBudget: true, epochs: {} },
    trainingRecords: { raw: 89, noisy: 1911, clean: 90, dev: 446, test: 464 },
    candidate: { modelVersion: 'demo-icd10-2026-12-05-cbcdabbe', dev: metrics(0.856), test: metrics(0.863) },
    inUse: { modelVersion: 'demo-icd10-2026-11-27-old', dev: metrics(0.801), test: metrics(0.797) },
    curves: {
      split: 'test',
      precisionRecall: [{ threshold: 0.9, precision: 1, recall: 0.2 }, { threshold: 0.1, precision: 0.5, recall: 0.95 }],
      calibration: { bins: [{ from: 0, to: 0.1, cells: 100, meanPredicted: 0.01, observed: 0.005 }], expectedCalibrationError: 0.013 },
    },
    elapsedMs: 66_000,
  }
}

function job(overrides: Partial<TrainingJobView> = {}): TrainingJobView {
  return {
    id: 3,
    createdAt: '2026-12-05T09:01:00.000Z',
    actor: 'admin',
    status: 'running',
    settings: { budgetMinutes: 15, seed: 13, epochs: {}, withoutRawStep: false, withoutNoisyStep: false, tiny: false },
    modelDir: '/ws/models/trained-3',
    modelVersion: null,
    error: null,
    progress: {
      phase: 'training',
      step: 'clean',
      steps: ['noisy', 'clean'],
      epoch: 4,
      epochs: 15,
      batch: 12,
      batches: 31,
      elapsedSeconds: 300,
      budgetSeconds: 900,
      secondsLeft: 600,
      fraction: 1 / 3,
      devMicroF1: 0.79,
      bestDevMicroF1: 0.801,
      evaluated: null,
      updatedAt: '2026-12-05T09:06:00.000Z',
    },
    canResume: false,
    canCancel: true,
    hasReport: false,
    events: [{ at: '2026-12-05T09:01:00.000Z', status: 'running' }],
    ...overrides,
  }
}

async function setup(handlers: FakeHandlers = {}, permissions: Permission[] | null = null) {
  const fake = createFakeClient({
    getAnnotationStatus: () => ok(status()),
    listTrainingJobs: () => ok({ jobs: [] }),
    listModels: () => ok({ models: [] }),
    getModelHistory: () => ok({ switches: [] }),
    ...handlers,
  })
  const desk = new ModelDesk(fake.client, permissions)
  render(ModelDeskView, { desk, i18n: new I18n('en') })
  await desk.start()
  return { fake, desk, user: userEvent.setup() }
}

describe('the model desk', () => {
  it('shows where the annotation stands: classes, codes at s, records and coder hours left', async () => {
    await setup()
    const summary = await screen.findByTestId(testIds.planSummary)
    expect(summary).toHaveAttribute('data-short', '2')
    expect(summary).toHaveTextContent('1 of 3 codes have at least 5 clean examples')
    expect(summary).toHaveTextContent('1 short codes have no candidate record left')
    expect(summary).toHaveTextContent('the next patch would hold 174')
    expect(summary).toHaveTextContent('9.67 h')
    expect(summary).toHaveTextContent('median 3.3 min per record over 90 decisions')
    expect(screen.getByTestId(testIds.cleanExamplesChart)).toHaveAttribute('data-points', '3')
    // Fewest clean examples first.
    const rows = within(screen.getByRole('table', { name: 'Codes by clean examples, fewest first' })).getAllByRole('row').slice(1)
    expect(rows.map((row) => (row as HTMLTableRowElement).cells[0]?.textContent)).toEqual(['Q21.1', 'J18.9', 'I10'])
  })

  it('plans the next patch with the form’s s, trust threshold and patch size, then shows the recount', async () => {
    let planned = false
    const { fake, user } = await setup({
      getAnnotationStatus: () => ok(planned ? status({ recordsLeft: 40 }) : status()),
      planAnnotationPatch: () => {
        planned = true
        return ok({ number: 2, method: 'adaptive', settings: { target: 8, trustThreshold: 0.7, maxRecords: 40, seed: 13, aim: 8 }, records: 40, perCoder: { coder: 40 }, codesShort: 2, codesUnmet: [{ code: 'Q21.1', missing: 8 }], expectedExamples: 30, dryRun: false })
      },
    })
    await user.clear(screen.getByLabelText('Clean examples per code (s)'))
    await user.type(screen.getByLabelText('Clean examples per code (s)'), '8')
    await user.type(screen.getByLabelText('Trust noisy labels from confidence'), '0.7')
    await user.type(screen.getByLabelText('At most records per patch'), '40')
    await user.click(screen.getByTestId(testIds.planButton))
    expect(fake.callsTo('planAnnotationPatch')).toEqual([{ method: 'adaptive', target: 8, trustThreshold: 0.7, maxRecords: 40 }])
    expect(await screen.findByTestId(testIds.planResult)).toHaveTextContent('Patch 2: 40 records dealt to the coders for 2 short codes. 1 codes cannot reach s')
    // Records are open now: the next plan waits for them.
    expect(screen.getByTestId(testIds.planButton)).toBeDisabled()
  })

  it('shows a running job’s step, epoch, batch, time against the budget and dev F1, and cancels it', async () => {
    const { fake, user, desk } = await setup({
      listTrainingJobs: () => ok({ jobs: [job()] }),
      cancelTraining: ({ jobId }) => ok(job({ id: jobId, status: 'cancel-requested', canCancel: false })),
    })
    await user.click(screen.getByRole('button', { name: 'Training' }))
    const progress = screen.getByTestId(testIds.trainingProgress)
    expect(progress).toHaveAttribute('data-status', 'running')
    expect(progress).toHaveTextContent('step 2 of 2 (clean)')
    expect(progress).toHaveTextContent('epoch 4 of 15')
    expect(progress).toHaveTextContent('batch 12 of 31')
    expect(progress).toHaveTextContent('5 min 0 s elapsed')
    expect(progress).toHaveTextContent('10 min 0 s of the budget left')
    expect(progress).toHaveTextContent('best dev micro-F1 so far: 0.801')
    expect(within(progress).getByRole('progressbar')).toHaveAttribute('aria-valuetext', '33%')
    expect(screen.getByTestId(testIds.trainingStart)).toBeDisabled()
    await user.click(screen.getByTestId(testIds.trainingCancel))
    expect(fake.callsTo('cancelTraining')).toEqual([{ jobId: 3 }])
    expect(screen.getByTestId(testIds.trainingProgress)).toHaveAttribute('data-status', 'cancel-requested')
    desk.dispose()
  })

  it('starts a training with the budget and network epochs asked', async () => {
    const { fake, user } = await setup({ startTraining: () => ok(job({ id: 4, status: 'queued', progress: null })) })
    await user.click(screen.getByRole('button', { name: 'Training' }))
    await user.clear(screen.getByLabelText('Time budget (minutes)'))
    await user.type(screen.getByLabelText('Time budget (minutes)'), '5')
    await user.type(screen.getByLabelText('Network epochs (step 3)'), '0')
    await user.click(screen.getByTestId(testIds.trainingStart))
    expect(fake.callsTo('startTraining')).toEqual([{ budgetMinutes: 5, seed: 13, epochs: { clean: 0 } }])
    expect(screen.getByTestId(testIds.trainingProgress)).toHaveAttribute('data-job-id', '4')
  })

  it('shows a finished job’s report beside the model in use, per ICD chapter in Chinese too', async () => {
    const finished = job({ status: 'succeeded', canCancel: false, hasReport: true, modelVersion: 'demo-icd10-2026-12-05-cbcdabbe' })
    const fake = createFakeClient({
      getAnnotationStatus: () => ok(status()),
      listTrainingJobs: () => ok({ jobs: [finished] }),
      getTrainingReport: () => ok(report()),
      listModels: () => ok({ models: [] }),
      getModelHistory: () => ok({ switches: [] }),
    })
    const desk = new ModelDesk(fake.client)
    const i18n = new I18n('zh-CN')
    render(ModelDeskView, { desk, i18n })
    await desk.start()
    desk.tab = 'training'
    const shown = await screen.findByTestId(testIds.modelReport)
    expect(shown).toHaveAttribute('data-model-version', 'demo-icd10-2026-12-05-cbcdabbe')
    expect(shown).toHaveTextContent('训练程序在验证集上选定：阈值 0.256，kNN 权重 λ 0.05')
    const headline = within(shown).getAllByRole('table')[0] as HTMLTableElement
    const micro = within(headline).getByRole('row', { name: /micro-F1/ })
    expect(micro).toHaveTextContent('0.856')
    expect(micro).toHaveTextContent('0.863')
    expect(micro).toHaveTextContent('0.797')
    expect(within(shown).getByText('循环系统疾病')).toBeInTheDocument()
    expect(within(headline).getByRole('row', { name: /Recall@9/ })).toHaveTextContent('0.990')
  })

  it('offers only what the signed-in role may do: a supervisor plans and switches models but does not train', async () => {
    const older = job({ status: 'interrupted', canCancel: false, canResume: true })
    const { desk } = await setup({ listTrainingJobs: () => ok({ jobs: [older] }) }, sessionInfo('supervisor').permissions)
    expect(screen.getByTestId(testIds.planButton)).toBeInTheDocument()
    desk.tab = 'training'
    expect(await screen.findByTestId(testIds.trainingProgress)).toBeInTheDocument()
    expect(screen.queryByTestId(testIds.trainingStart)).not.toBeInTheDocument()
    expect(screen.queryByTestId(testIds.trainingResume)).not.toBeInTheDocument()
    expect(desk.may('switch-model')).toBe(true)
    expect(desk.may('train-models')).toBe(false)
  })

  it('offers an auditor reading only: no plan, no training, no promote', async () => {
    const model: RegisteredModelView = {
      modelVersion: 'trained-9',
      dir: '/ws/models/trained-9',
      manifestSha256: 'b'.repeat(64),
      signerKeyId: null,
      source: 'trained',
      registeredAt: '2026-12-05T11:00:00.000Z',
      registeredBy: 'admin',
      trainingJobId: 9,
      inUse: false,
      provenance: { codeSet: { name: 'demo-icd10', version: '2026.1' }, codes: 97, createdAt: '2026-12-05T11:00:00.000Z', trainingRecords: { clean: 90 }, trainer: {}, report: null, manifestMetrics: {} },
    }
    const { desk } = await setup({ listModels: () => ok({ models: [model] }) }, sessionInfo('auditor').permissions)
    expect(screen.queryByTestId(testIds.planButton)).not.toBeInTheDocument()
    desk.tab = 'models'
    expect(await screen.findByTestId(testIds.registryRow)).toHaveAttribute('data-model-version', 'trained-9')
    expect(screen.queryByTestId(testIds.registryPromote)).not.toBeInTheDocument()
    desk.tab = 'training'
    await screen.findByRole('heading', { level: 2 })
    expect(screen.queryByTestId(testIds.trainingStart)).not.toBeInTheDocument()
  })

  it('shows a refused change as the engine put it', async () => {
    const { user } = await setup({ planAnnotationPatch: () => failure('forbidden', 'Planning annotation needs the supervisor or admin role; coder is a coder.') })
    await user.click(screen.getByTestId(testIds.planButton))
    const alert = await screen.findByTestId(testIds.deskError)
    expect(alert).toHaveAttribute('data-problem', 'forbidden')
    expect(alert).toHaveTextContent('needs the supervisor or admin role')
  })

  it('promotes a newer model and rolls back to an older one only with a reason, then shows the switch history', async () => {
    const model = (modelVersion: string, createdAt: string, inUse: boolean): RegisteredModelView => ({
      modelVersion,
      dir: `/ws/models/${modelVersion}`,
      manifestSha256: 'a'.repeat(64),
      signerKeyId: 'c0ffee0123456789',
      source: 'trained',
      registeredAt: createdAt,
      registeredBy: 'admin',
      trainingJobId: 1,
      inUse,
      provenance: { codeSet: { name: 'demo-icd10', version: '2026.1' }, codes: 97, createdAt, trainingRecords: { clean: 90 }, trainer: {}, report: null, manifestMetrics: {} },
    })
    const models = [model('trained-3', '2026-12-05T10:00:00.000Z', false), model('trained-2', '2026-12-05T09:00:00.000Z', true), model('trained-1', '2026-12-05T08:00:00.000Z', false)]
    const switchTo = (modelVersion: string, kind: ModelSwitchView['kind'], reason: string | null): ModelSwitchView => ({
      modelVersion,
      bundleDir: `/ws/models/${modelVersion}`,
      manifestSha256: 'a'.repeat(64),
      signature: 'trusted',
      signer: { keyId: 'c0ffee0123456789', name: 'training jobs of this workspace' },
      kind,
      reason,
      actor: 'admin',
      at: '2026-12-05T11:00:00.000Z',
    })
    const { fake, desk, user } = await setup({
      listModels: () => ok({ models }),
      getModelHistory: () => ok({ switches: [switchTo('trained-2', 'use', null)] }),
      promoteModel: ({ modelVersion }) => ok({ changed: true, switch: switchTo(modelVersion, 'use', null), knnSize: 90 }),
      rollbackModel: ({ modelVersion, reason }) => ok({ changed: true, switch: switchTo(modelVersion, 'rollback', reason), knnSize: 90 }),
    })
    desk.tab = 'models'
    const rows = await screen.findAllByTestId(testIds.registryRow)
    const [newer, inUse, older] = rows as [HTMLElement, HTMLElement, HTMLElement]
    const loadsBefore = fake.callsTo('getModelHistory').length
    expect(inUse).toHaveAttribute('data-in-use', 'true')
    expect(within(inUse).queryByRole('button')).toBeNull()
    expect(within(newer).queryByTestId(testIds.registryRollback)).toBeNull()
    await user.click(within(newer).getByTestId(testIds.registryPromote))
    expect(fake.callsTo('promoteModel')).toEqual([{ modelVersion: 'trained-3' }])

    expect(within(older).queryByTestId(testIds.registryPromote)).toBeNull()
    const rollback = within(older).getByTestId(testIds.registryRollback)
    expect(rollback).toBeDisabled()
    await user.type(within(older).getByTestId(testIds.registryRollbackReason), 'trained-2 misses pneumonia codes')
    await user.click(rollback)
    expect(fake.callsTo('rollbackModel')).toEqual([{ modelVersion: 'trained-1', reason: 'trained-2 misses pneumonia codes' }])
    // Each change reloads the registry and its history.
    expect(fake.callsTo('getModelHistory')).toHaveLength(loadsBefore + 2)
    expect(screen.getAllByTestId(testIds.modelHistoryRow).map((row) => row.getAttribute('data-kind'))).toEqual(['use'])
    expect(screen.getByTestId(testIds.modelHistoryRow)).toHaveTextContent('trained-2')
  })
})
