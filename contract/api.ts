/**
 * The one IPC contract. The preload builds `window.app` from these keys, the
 * engine host registers one handler per key, and the browser transport posts to
 * `/api/<key>`: nobody types a channel string twice.
 */
import { z } from 'zod'
import { RuleCheck, RuleOverride } from './coding-rules.js'
import {
  CodeHit,
  CodingDraft,
  CodingMode,
  Decision,
  DecisionCode,
  FlagDismissal,
  PrimaryConfirmation,
  RecordFacets,
  RecordFilter,
  RecordSort,
  RecordSummary,
  RecordView,
  SuggestionFeedback,
  Suggestions,
  WorkspaceInfo,
} from './domain.js'
import { PolicyView } from './policy.js'
import { Account, Password, Role, SessionInfo, SignInState, SignedIn, UserId } from './auth.js'
import {
  Agreement,
  AuditCheck,
  AuditEntry,
  AuditQuery,
  CoderFigures,
  DateRange,
  NewWorkBatch,
  ReportFile,
  ReviewCase,
  ReviewInfo,
  ReviewQueueItem,
  ReviewReasonKind,
  ReviewVerdict,
  WorkBatch,
} from './supervision.js'
import { AnnotationStatus, AnnotationTask, PatchRequest, PatchSummary, SplitAssignmentRequest, SplitAssignmentSummary } from './annotation.js'
import { ModelReport } from './model-report.js'
import { ModelPromotion, ModelSwitchView, RegisteredModelView } from './model-registry.js'
import { TrainingJobSettings, TrainingJobView } from './training-job.js'

/** Longer ids are refused at import, so every stored record can be opened. */
export const RECORD_ID_MAX_CHARS = 200
const RecordId = z.string().min(1).max(RECORD_ID_MAX_CHARS)
/** UI language (BCP 47, e.g. `zh-CN`): code titles come in it where the code set has them. */
const TitleLanguage = z.string().min(2).max(35).optional()

export const api = {
  getWorkspace: { input: z.object({}), output: WorkspaceInfo },
  listRecords: {
    input: RecordFilter.extend({
      sort: RecordSort.default('id'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    /** `total` counts every record the filters match; `facets` come along so the queue needs one call. */
    output: z.object({ total: z.number().int(), items: z.array(RecordSummary), facets: RecordFacets }),
  },
  openRecord: { input: z.object({ recordId: RecordId, language: TitleLanguage }), output: RecordView },
  searchCodes: {
    input: z.object({
      query: z.string().max(200),
      codeSetId: z.number().int().optional(),
      limit: z.number().int().min(1).max(100).default(20),
      assignableOnly: z.boolean().default(false),
      language: TitleLanguage,
    }),
    output: z.object({ items: z.array(CodeHit), elapsedMs: z.number() }),
  },
  suggest: { input: z.object({ recordId: RecordId, language: TitleLanguage }), output: Suggestions },
  submitDecision: {
    input: z.object({
      recordId: RecordId,
      codes: z.array(DecisionCode).max(200),
      comment: z.string().max(4000).default(''),
      /** The version the coder started from (0 for a first coding): a stale edit is refused, not merged. */
      baseVersion: z.number().int().min(0),
      /** Active time on this record since it was opened; a day at most. */
      activeMs: z.number().int().min(0).max(86_400_000).default(0),
      /** The mode the coder worked in, as the UI showed it; must match the one set for the coder. */
      mode: CodingMode.optional(),
      /** The suggestions the coder saw and what became of them; absent in manual mode or without a model. */
      suggestions: SuggestionFeedback.optional(),
      /** The record content version the coder read (`RecordView.sourceVersion`): text replaced since is refused. */
      sourceVersion: z.number().int().positive().optional(),
      /** Rule warnings the coder keeps the codes against, each with a reason; every overridable warning needs one. */
      ruleOverrides: z.array(RuleOverride).max(50).optional(),
      /** The suggested primary the coder saw; a different primary must be confirmed. */
      primary: PrimaryConfirmation.optional(),
      /** Name-quality flags the coder dismissed, with reasons. */
      flagDismissals: z.array(FlagDismissal).max(50).optional(),
    }),
    output: Decision,
  },

  // Machine policy (issue 16b): IT's policy file as this machine applies it, shown read-only.
  getMachinePolicy: { input: z.object({}), output: PolicyView },
  // Coding rules and drafts (issue 14): live rule warnings while coding; the
  // coder's unsubmitted work kept by the engine per user and record.
  checkCoding: {
    input: z.object({ recordId: RecordId, codes: z.array(DecisionCode).max(200), language: TitleLanguage }),
    output: RuleCheck,
  },
  saveDraft: {
    input: z.object({ recordId: RecordId, draft: CodingDraft }),
    output: z.object({ savedAt: z.string() }),
  },
  discardDraft: {
    input: z.object({ recordId: RecordId }),
    output: z.object({ discarded: z.boolean() }),
  },

  // ── Accounts, sessions and roles (issue 15). Every method here and above is
  // authorised in the engine by engine/auth/method-access.ts: a method without
  // an entry there is a type error.
  /** Public: which screen to show (sign in, or create the first administrator), and the session the call carries, if still valid. */
  getSignInState: { input: z.object({}), output: SignInState },
  /** Public, and only while no account can sign in: the first run creates the administrator. */
  createFirstAdmin: {
    input: z.object({ userId: UserId, displayName: z.string().trim().min(1).max(200), password: Password }),
    output: SignedIn,
  },
  signIn: { input: z.object({ userId: z.string().min(1).max(64), password: Password }), output: SignedIn },
  signOut: { input: z.object({}), output: z.object({}) },
  /** The UI's idle timer locks the session; the engine also locks it on its own after the idle minutes. */
  lockSession: { input: z.object({}), output: SessionInfo },
  unlockSession: { input: z.object({ password: Password }), output: SessionInfo },
  changePassword: { input: z.object({ current: Password, next: Password }), output: SessionInfo },
  listUsers: { input: z.object({}), output: z.object({ items: z.array(Account) }) },
  /** An administrator creates an account; its first password must be changed at the first sign-in. */
  createUser: {
    input: z.object({ userId: UserId, displayName: z.string().trim().min(1).max(200), role: Role, password: Password }),
    output: Account,
  },
  setUserRole: { input: z.object({ userId: z.string().min(1).max(64), role: Role }), output: Account },
  setUserDisabled: { input: z.object({ userId: z.string().min(1).max(64), disabled: z.boolean() }), output: Account },
  resetPassword: { input: z.object({ userId: z.string().min(1).max(64), password: Password }), output: Account },
  unlockUser: { input: z.object({ userId: z.string().min(1).max(64) }), output: Account },
  /** A supervisor sets a coder's mode and study group (audited); absent fields stay as they are. */
  setCoderSettings: {
    input: z.object({
      userId: z.string().min(1).max(64),
      mode: CodingMode.optional(),
      studyGroup: z.string().trim().max(100).nullable().optional(),
    }),
    output: Account,
  },

  // ── Supervision (issue 15): work assignment, double coding, the review desk,
  // per-coder figures, the audit trail browser, reports.
  createWorkBatch: { input: NewWorkBatch, output: WorkBatch },
  listWorkBatches: { input: z.object({}), output: z.object({ items: z.array(WorkBatch) }) },
  /** Withdraws a batch's open assignments (a new row; the assignments stay in history). */
  closeWorkBatch: { input: z.object({ batchId: z.number().int(), reason: z.string().trim().min(1).max(500) }), output: WorkBatch },
  getCoderFigures: { input: DateRange, output: z.object({ items: z.array(CoderFigures) }) },
  getAgreement: { input: z.object({}), output: Agreement },
  listReviewQueue: {
    input: z.object({
      coder: z.string().min(1).max(64).optional(),
      reason: ReviewReasonKind.optional(),
      /** A rejected suggestion at or above this probability queues the version (default 0.8). */
      highConfidence: z.number().min(0).max(1).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    output: z.object({ total: z.number().int(), items: z.array(ReviewQueueItem) }),
  },
  /** The record's current version side by side with the model, the second coder and gold; opening it is audited. */
  getReviewCase: { input: z.object({ recordId: RecordId, language: TitleLanguage }), output: ReviewCase },
  /** Approve the current version, or return it with a comment: a new row and status, never an edit of the coding. */
  reviewDecision: {
    input: z.object({ recordId: RecordId, version: z.number().int().positive(), verdict: ReviewVerdict, comment: z.string().max(4000).default('') }),
    output: ReviewInfo,
  },
  listAudit: {
    input: AuditQuery.extend({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ total: z.number().int(), items: z.array(AuditEntry) }),
  },
  verifyAudit: { input: z.object({}), output: AuditCheck },
  exportReport: {
    input: DateRange.extend({
      report: z.enum(['coders', 'agreement', 'reviews']),
      format: z.enum(['csv', 'xlsx']),
      encoding: z.enum(['utf-8', 'gb18030']).default('utf-8'),
    }),
    output: ReportFile,
  },
  exportAudit: {
    input: AuditQuery.extend({ format: z.enum(['csv', 'xlsx']), encoding: z.enum(['utf-8', 'gb18030']).default('utf-8') }),
    output: ReportFile,
  },
  // --- A hospital grows its own model (issue 18): splits, the annotation plan and queues,
  // --- training jobs and their reports, the model registry with promote and roll back (through
  // --- model trust: a promotion is a model switch, as `models use`). Changes need the admin role
  // --- (the annotation plan: supervisor or admin); reads are open to every role.
  assignSplits: { input: SplitAssignmentRequest, output: SplitAssignmentSummary },
  getAnnotationStatus: { input: z.object({}), output: AnnotationStatus },
  planAnnotationPatch: { input: PatchRequest, output: PatchSummary },
  /** The signed-in coder's open annotation tasks (a supervisor or admin may name another coder). */
  listAnnotationQueue: { input: z.object({ coder: z.string().min(1).max(200).optional() }), output: z.object({ coder: z.string(), tasks: z.array(AnnotationTask) }) },
  startTraining: { input: TrainingJobSettings, output: TrainingJobView },
  listTrainingJobs: { input: z.object({}), output: z.object({ jobs: z.array(TrainingJobView) }) },
  getTrainingJob: { input: z.object({ jobId: z.number().int().min(1) }), output: TrainingJobView },
  cancelTraining: { input: z.object({ jobId: z.number().int().min(1) }), output: TrainingJobView },
  resumeTraining: { input: z.object({ jobId: z.number().int().min(1) }), output: TrainingJobView },
  getTrainingReport: { input: z.object({ jobId: z.number().int().min(1) }), output: ModelReport },
  listModels: { input: z.object({}), output: z.object({ models: z.array(RegisteredModelView) }) },
  /** Every model switch, oldest first (`clinicoco models history`). */
  getModelHistory: { input: z.object({}), output: z.object({ switches: z.array(ModelSwitchView) }) },
  /** Make a registered model the one in use, through model trust's checks (not an older one: that is a rollback). */
  promoteModel: { input: z.object({ modelVersion: z.string().min(1).max(200) }), output: ModelPromotion },
  /** Go back to an older registered model, on purpose: the reason is audited. */
  rollbackModel: { input: z.object({ modelVersion: z.string().min(1).max(200), reason: z.string().trim().min(1).max(2000) }), output: ModelPromotion },
} as const

export type Api = typeof api
export type Method = keyof Api
export type Input<M extends Method> = z.input<Api[M]['input']>
export type ParsedInput<M extends Method> = z.output<Api[M]['input']>
export type Output<M extends Method> = z.output<Api[M]['output']>


// Safety (issue 16): the host restarted a crashed engine process; windows show a notice.
export const EngineRestartNotice = z.object({
  /** The crashed process's exit code (null when a signal ended it). */
  exitCode: z.number().int().nullable(),
  /** Restarts since the app started. */
  restarts: z.number().int().min(1),
  at: z.string(),
})
export type EngineRestartNotice = z.infer<typeof EngineRestartNotice>

/** Events the engine pushes to every window. */
export const events = {
  decisionSubmitted: Decision,
  engineRestarted: EngineRestartNotice,
  /** A supervisor's verdict on a version: the coder's queue shows it returned (or approved) at once. */
  reviewRecorded: z.object({ recordId: z.string(), review: ReviewInfo }),
} as const

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.output<Events[E]>
