/**
 * The model desk: the annotation plan, training jobs with their progress and
 * evaluation report, and the model registry. One state class over the typed
 * app client; components render it and forward clicks. Problems are values
 * (`AppError`), shown where they happened. The actions a role lacks are not
 * offered (`may`); the engine refuses them anyway.
 */
import type { AnnotationStatus, PatchSummary } from '../../../contract/annotation.js'
import type { Permission } from '../../../contract/auth.js'
import type { AppClient } from '../../../contract/client.js'
import type { ModelReport } from '../../../contract/model-report.js'
import type { ModelSwitchView, RegisteredModelView } from '../../../contract/model-registry.js'
import type { AppError } from '../../../contract/result.js'
import type { TrainingJobView } from '../../../contract/training-job.js'

export type DeskTab = 'plan' | 'training' | 'models'

/** How often a running job is looked at: its progress file changes every two seconds at most. */
export const JOB_POLL_MS = 2_000
const ACTIVE: ReadonlySet<TrainingJobView['status']> = new Set(['queued', 'running', 'cancel-requested'])

export interface PlanForm {
  target: number
  /** Null: the labels the normaliser accepted. */
  trustThreshold: number | null
  maxRecords: number | null
}

export interface TrainingForm {
  budgetMinutes: number
  /** Network epochs of step 3; 0 fits the regression alone (minutes instead of a quarter hour). */
  cleanEpochs: number | null
  seed: number
}

export class ModelDesk {
  tab = $state<DeskTab>('plan')
  status = $state.raw<AnnotationStatus | null>(null)
  lastPatch = $state.raw<PatchSummary | null>(null)
  planForm = $state<PlanForm>({ target: 5, trustThreshold: null, maxRecords: null })
  jobs = $state.raw<TrainingJobView[]>([])
  /** The job shown in the training tab: the newest, or one the admin picked. */
  jobId = $state<number | null>(null)
  trainingForm = $state<TrainingForm>({ budgetMinutes: 15, cleanEpochs: null, seed: 13 })
  report = $state.raw<ModelReport | null>(null)
  models = $state.raw<RegisteredModelView[]>([])
  /** Every switch of the model in use, oldest first. */
  history = $state.raw<ModelSwitchView[]>([])
  busy = $state(false)
  error = $state.raw<AppError | null>(null)

  readonly #client: AppClient
  /** The signed-in session's permissions; null: not known (a test of the desk alone), every action offered. */
  readonly #permissions: readonly Permission[] | null
  #poll: ReturnType<typeof setTimeout> | null = null
  #formLoaded = false

  constructor(client: AppClient, permissions: readonly Permission[] | null = null) {
    this.#client = client
    this.#permissions = permissions
  }

  /** Whether the signed-in role may do this: train (train-models), plan a patch (plan-annotation), promote or roll back (switch-model). */
  may(permission: Permission): boolean {
    return this.#permissions === null || this.#permissions.includes(permission)
  }

  get job(): TrainingJobView | null {
    return this.jobs.find((job) => job.id === this.jobId) ?? null
  }

  get jobActive(): boolean {
    return this.job !== null && ACTIVE.has(this.job.status)
  }

  /** Codes short of s first (fewest clean examples first), then the rest: what the chart and the table show. */
  get codesByNeed(): AnnotationStatus['codes'] {
    if (!this.status) return []
    return [...this.status.codes].sort((a, b) => a.clean - b.clean || (a.code < b.code ? -1 : 1))
  }

  async start(): Promise<void> {
    await Promise.all([this.loadStatus(), this.loadJobs(), this.loadModels()])
  }

  async loadStatus(): Promise<void> {
    const result = await this.#client.getAnnotationStatus({})
    if (!result.ok) return this.#fail(result.error)
    this.status = result.value
    if (!this.#formLoaded) {
      this.planForm = { ...this.planForm, target: result.value.settings.target, trustThreshold: result.value.settings.trustThreshold }
      this.#formLoaded = true
    }
  }

  async planPatch(): Promise<void> {
    await this.#run(async () => {
      const form = this.planForm
      const result = await this.#client.planAnnotationPatch({
        method: 'adaptive',
        target: form.target,
        trustThreshold: form.trustThreshold,
        ...(form.maxRecords ? { maxRecords: form.maxRecords } : {}),
      })
      if (!result.ok) return this.#fail(result.error)
      this.lastPatch = result.value
      await this.loadStatus()
    })
  }

  async loadJobs(): Promise<void> {
    const result = await this.#client.listTrainingJobs({})
    if (!result.ok) return this.#fail(result.error)
    this.jobs = result.value.jobs
    this.jobId ??= this.jobs[0]?.id ?? null
    this.#schedulePoll()
    if (this.job?.hasReport && this.report?.modelVersion !== this.job.modelVersion) await this.loadReport()
  }

  async startTraining(): Promise<void> {
    await this.#run(async () => {
      const form = this.trainingForm
      const result = await this.#client.startTraining({
        budgetMinutes: form.budgetMinutes,
        seed: form.seed,
        epochs: form.cleanEpochs === null ? {} : { clean: form.cleanEpochs },
      })
      if (!result.ok) return this.#fail(result.error)
      this.#replaceJob(result.value)
      this.jobId = result.value.id
      this.report = null
      this.#schedulePoll()
    })
  }

  async cancel(): Promise<void> {
    const job = this.job
    if (!job) return
    await this.#run(async () => {
      const result = await this.#client.cancelTraining({ jobId: job.id })
      if (!result.ok) return this.#fail(result.error)
      this.#replaceJob(result.value)
      this.#schedulePoll()
    })
  }

  async resume(): Promise<void> {
    const job = this.job
    if (!job) return
    await this.#run(async () => {
      const result = await this.#client.resumeTraining({ jobId: job.id })
      if (!result.ok) return this.#fail(result.error)
      this.#replaceJob(result.value)
      this.#schedulePoll()
    })
  }

  /** One look at the shown job; a finished one brings its report and the registry up to date. */
  async refreshJob(): Promise<void> {
    const job = this.job
    if (!job) return
    const result = await this.#client.getTrainingJob({ jobId: job.id })
    if (!result.ok) return this.#fail(result.error)
    this.#replaceJob(result.value)
    if (!ACTIVE.has(result.value.status)) {
      if (result.value.hasReport) await this.loadReport()
      await this.loadModels()
    }
  }

  async selectJob(jobId: number): Promise<void> {
    this.jobId = jobId
    this.report = null
    await this.refreshJob()
  }

  async loadReport(): Promise<void> {
    const job = this.job
    if (!job?.hasReport) return
    const result = await this.#client.getTrainingReport({ jobId: job.id })
    if (!result.ok) return this.#fail(result.error)
    this.report = result.value
  }

  async loadModels(): Promise<void> {
    const [models, history] = await Promise.all([this.#client.listModels({}), this.#client.getModelHistory({})])
    if (!models.ok) return this.#fail(models.error)
    if (!history.ok) return this.#fail(history.error)
    this.models = models.value.models
    this.history = history.value.switches
  }

  /** The model in use, from the registry's list. */
  get modelInUse(): RegisteredModelView | null {
    return this.models.find((model) => model.inUse) ?? null
  }

  /** Older than the model in use: going back to it is a rollback, with a reason (model trust refuses it otherwise). */
  isOlderThanInUse(model: RegisteredModelView): boolean {
    const inUse = this.modelInUse
    return inUse !== null && Date.parse(model.provenance.createdAt) < Date.parse(inUse.provenance.createdAt)
  }

  async promote(modelVersion: string): Promise<void> {
    await this.#run(async () => {
      const result = await this.#client.promoteModel({ modelVersion })
      if (!result.ok) return this.#fail(result.error)
      await this.loadModels()
    })
  }

  async rollback(modelVersion: string, reason: string): Promise<void> {
    await this.#run(async () => {
      const result = await this.#client.rollbackModel({ modelVersion, reason })
      if (!result.ok) return this.#fail(result.error)
      await this.loadModels()
    })
  }

  dismissError(): void {
    this.error = null
  }

  dispose(): void {
    if (this.#poll !== null) clearTimeout(this.#poll)
    this.#poll = null
  }

  #schedulePoll(): void {
    if (this.#poll !== null || !this.jobActive) return
    this.#poll = setTimeout(() => {
      this.#poll = null
      void this.refreshJob().then(() => this.#schedulePoll())
    }, JOB_POLL_MS)
  }

  #replaceJob(job: TrainingJobView): void {
    this.jobs = this.jobs.some((entry) => entry.id === job.id) ? this.jobs.map((entry) => (entry.id === job.id ? job : entry)) : [job, ...this.jobs]
  }

  async #run(work: () => Promise<void>): Promise<void> {
    if (this.busy) return
    this.busy = true
    this.error = null
    try {
      await work()
    } finally {
      this.busy = false
    }
  }

  #fail(error: AppError): void {
    this.error = error
  }
}
