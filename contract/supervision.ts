/**
 * The supervisor's shapes: work batches and assignments, double coding and
 * agreement, the review queue and its side-by-side case, the per-coder figures,
 * the audit trail browser and exported reports.
 */
import { z } from 'zod'
import { CodingMode, IsoDate, RecordView, ReviewInfo, WorkPurpose } from './domain.js'

export { RecordAssignment, ReviewInfo, ReviewVerdict, WorkPurpose } from './domain.js'

export const WorkSelection = z.object({
  department: z.string().min(1).max(200).optional(),
  language: z.string().min(1).max(35).optional(),
  /** The model's best probability for the record (its confidence), inclusive band 0–1. */
  confidenceMin: z.number().min(0).max(1).optional(),
  confidenceMax: z.number().min(0).max(1).optional(),
  /** Only records nobody has coded yet (for coding); double coding draws from coded ones when false. */
  uncodedOnly: z.boolean().default(false),
  /** Only records already coded (double coding of finished work). */
  codedOnly: z.boolean().default(false),
  /** How many records to draw at random (seeded) from those that match. */
  sample: z.number().int().min(1).max(5_000),
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
})
export type WorkSelection = z.infer<typeof WorkSelection>

export const NewWorkBatch = WorkSelection.extend({
  purpose: WorkPurpose,
  label: z.string().trim().min(1).max(200),
  /** Records are dealt to these in turn; a double-coding record never goes to the coder who coded it. */
  assignees: z.array(z.string().min(1).max(64)).min(1).max(100),
})
export type NewWorkBatch = z.infer<typeof NewWorkBatch>

export const WorkBatch = z.object({
  id: z.number().int(),
  purpose: WorkPurpose,
  label: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  criteria: z.record(z.string(), z.unknown()),
  closed: z.object({ by: z.string(), at: z.string(), reason: z.string() }).nullable(),
  records: z.number().int(),
  assignees: z.array(z.object({ userId: z.string(), displayName: z.string(), assigned: z.number().int(), done: z.number().int() })),
})
export type WorkBatch = z.infer<typeof WorkBatch>

/** Why a version is in the review queue. */
export const ReviewReason = z.discriminatedUnion('kind', [
  /** The coder rejected a suggestion the model was confident of. */
  z.object({ kind: z.literal('rejected-confident'), code: z.string(), probability: z.number() }),
  /** The coder's primary is not the one the app suggested. */
  z.object({ kind: z.literal('changed-primary'), suggested: z.string(), chosen: z.string() }),
  /** The coder overrode a coding rule's warning: the rule, the codes it named (space-separated) and the coder's reason. */
  z.object({ kind: z.literal('overrode-rule'), rule: z.string(), code: z.string(), reason: z.string() }),
  /** A second coder, coding blind, chose other codes. */
  z.object({ kind: z.literal('disagrees-second'), secondCoder: z.string(), onlyFirst: z.array(z.string()), onlySecond: z.array(z.string()) }),
  /** A new version answering a return. */
  z.object({ kind: z.literal('resubmitted'), returnedVersion: z.number().int() }),
])
export type ReviewReason = z.infer<typeof ReviewReason>
export const ReviewReasonKind = z.enum(['rejected-confident', 'changed-primary', 'overrode-rule', 'disagrees-second', 'resubmitted'])
export type ReviewReasonKind = z.infer<typeof ReviewReasonKind>

export const ReviewQueueItem = z.object({
  recordId: z.string(),
  version: z.number().int(),
  coder: z.string(),
  coderName: z.string(),
  mode: CodingMode,
  submittedAt: z.string(),
  headline: z.string(),
  reasons: z.array(ReviewReason),
})
export type ReviewQueueItem = z.infer<typeof ReviewQueueItem>

const Mark = z.object({ primary: z.boolean() }).nullable()

/** One code in the side-by-side: who has it (null: not), the model's probability and what the coder did with it. */
export const ReviewRow = z.object({
  code: z.string(),
  title: z.string(),
  coder: Mark,
  model: z.object({ probability: z.number(), outcome: z.enum(['accepted', 'rejected', 'ignored']) }).nullable(),
  second: Mark,
  gold: Mark,
  /** The columns present disagree on this code (coder vs second coder vs gold, and the model above its threshold). */
  differs: z.boolean(),
})
export type ReviewRow = z.infer<typeof ReviewRow>

export const ReviewCase = z.object({
  record: RecordView,
  version: z.number().int(),
  coder: z.string(),
  coderName: z.string(),
  mode: CodingMode,
  comment: z.string(),
  reasons: z.array(ReviewReason),
  rows: z.array(ReviewRow),
  model: z.object({ version: z.string(), threshold: z.number() }).nullable(),
  second: z.object({ coder: z.string(), coderName: z.string(), version: z.number().int() }).nullable(),
  hasGold: z.boolean(),
  /** This version's verdict, if it has one. */
  review: ReviewInfo.nullable(),
})
export type ReviewCase = z.infer<typeof ReviewCase>

export const DateRange = z.object({ from: IsoDate.optional(), to: IsoDate.optional() })

const Share = z.number().min(0).max(1)

/** One coder in one mode over the range: the paper's pilot-table measures, from stored outcomes. */
export const CoderFigures = z.object({
  coder: z.string(),
  coderName: z.string(),
  studyGroup: z.string().nullable(),
  mode: CodingMode,
  records: z.number().int(),
  medianActiveMs: z.number().nullable(),
  totalActiveMs: z.number(),
  /** Suggestions shown above the threshold and what became of them; all zero in manual mode. */
  suggestions: z.object({ shown: z.number().int(), accepted: z.number().int(), rejected: z.number().int(), ignored: z.number().int() }),
  /** Codes in the coding that no suggestion offered; null in manual mode (no suggestions to go beyond). */
  addedBeyondSuggestions: z.number().int().nullable(),
  /** Name-quality flags the coder acted on; null until flag outcomes are stored with decisions. */
  flagsActedOn: z.number().int().nullable(),
  gold: z.object({ records: z.number().int(), microF1: Share, precision: Share, recall: Share, primaryAgreement: Share }).nullable(),
  /** Records whose structured names lost a diagnosis (the demo's injected "missing"): the share of their gold codes coded. */
  missingCaught: z.object({ records: z.number().int(), recall: Share }).nullable(),
  second: z.object({ records: z.number().int(), microF1: Share, primaryAgreement: Share }).nullable(),
  reviews: z.object({ approved: z.number().int(), returned: z.number().int() }),
})
export type CoderFigures = z.infer<typeof CoderFigures>

export const CodeAgreement = z.object({
  code: z.string(),
  title: z.string(),
  both: z.number().int(),
  firstOnly: z.number().int(),
  secondOnly: z.number().int(),
  neither: z.number().int(),
  /** Cohen's kappa over the double-coded records; null where it is undefined (both coders never or always chose it). */
  kappa: z.number().nullable(),
})
export type CodeAgreement = z.infer<typeof CodeAgreement>

export const Agreement = z.object({
  records: z.number().int(),
  microF1: Share.nullable(),
  primaryAgreement: Share.nullable(),
  /** Mean of the per-code kappas that are defined. */
  meanKappa: z.number().nullable(),
  codes: z.array(CodeAgreement),
})
export type Agreement = z.infer<typeof Agreement>

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  detail: z.record(z.string(), z.unknown()),
})
export type AuditEntry = z.infer<typeof AuditEntry>

export const AuditQuery = z.object({
  actor: z.string().min(1).max(64).optional(),
  /** A record id (entity 'record'), or any entity id. */
  entityId: z.string().min(1).max(200).optional(),
  entity: z.string().min(1).max(40).optional(),
  /** An action, or a family with a trailing dot (`review.`). */
  action: z.string().min(1).max(80).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
})
export type AuditQuery = z.infer<typeof AuditQuery>

export const AuditCheck = z.object({
  intact: z.boolean(),
  rows: z.number().int(),
  keyedRows: z.number().int(),
  decisionsChecked: z.number().int(),
  checkpointsChecked: z.number().int(),
  firstBrokenId: z.number().int().nullable(),
  problems: z.array(z.object({ kind: z.string(), rowId: z.number().int().nullable(), message: z.string() })),
})
export type AuditCheck = z.infer<typeof AuditCheck>

export const ReportKind = z.enum(['coders', 'agreement', 'reviews', 'audit'])
export type ReportKind = z.infer<typeof ReportKind>

export const ReportFile = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  /** The file's bytes, base64: the UI hands them to the browser's download. */
  base64: z.string(),
  rows: z.number().int(),
})
export type ReportFile = z.infer<typeof ReportFile>
