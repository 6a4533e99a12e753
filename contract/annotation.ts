/**
 * The own-data workflow across the IPC boundary: split assignment, the
 * adaptive annotation plan and its queues (engine/splits, engine/annotate).
 */
import { z } from 'zod'

const Count = z.number().int().min(0)

export const SplitAssignmentRequest = z.object({
  dev: z.number().min(0).max(0.9).default(0.15),
  test: z.number().min(0).max(0.9).default(0.15),
  seed: z.number().int().min(0).max(2 ** 31).default(13),
  redo: z.boolean().default(false),
})

export const SplitAssignmentSummary = z.object({
  assignmentId: z.number().int(),
  seed: z.number().int(),
  shares: z.object({ dev: z.number(), test: z.number() }),
  assigned: z.object({ train: Count, dev: Count, test: Count }),
  stratifiedBy: z.object({ reference: Count, decision: Count, noisy: Count, none: Count }),
  codes: z.object({ total: Count, inDev: Count, inTest: Count }),
  recordsBySplit: z.record(z.string(), Count),
})
export type SplitAssignmentSummary = z.infer<typeof SplitAssignmentSummary>

export const AnnotationSettings = z.object({
  target: z.number().int().min(1).max(1_000),
  trustThreshold: z.number().min(0).max(1).nullable(),
})

export const TrainingClasses = z.object({ raw: Count, noisy: Count, clean: Count, dev: Count, test: Count })

export const AnnotationStatus = z.object({
  settings: AnnotationSettings,
  classes: TrainingClasses,
  codes: z.array(z.object({ code: z.string(), title: z.string(), clean: Count, pending: Count, candidates: Count })),
  summary: z.object({ codes: Count, atTarget: Count, short: Count, withoutCandidates: Count }),
  patches: z.array(z.object({ number: z.number().int(), method: z.string(), createdAt: z.string(), actor: z.string(), records: Count, done: Count, open: Count })),
  coders: z.array(z.object({ coder: z.string(), open: Count, done: Count })),
  recordsLeft: Count,
  effort: z.object({
    medianActiveMs: z.number().nullable(),
    timedDecisions: Count,
    source: z.enum(['annotation', 'all-decisions', 'none']),
    nextPatchRecords: Count.nullable(),
    estimatedHoursLeft: z.number().nullable(),
  }),
  complete: z.boolean(),
})
export type AnnotationStatus = z.infer<typeof AnnotationStatus>

export const PatchRequest = z.object({
  method: z.enum(['adaptive', 'random']).default('adaptive'),
  target: z.number().int().min(1).max(1_000),
  trustThreshold: z.number().min(0).max(1).nullable(),
  maxRecords: z.number().int().min(1).max(1_000_000).optional(),
  coders: z.array(z.string().min(1).max(200)).max(500).optional(),
  seed: z.number().int().min(0).max(2 ** 31).default(13),
  dryRun: z.boolean().default(false),
})

export const PatchSummary = z.object({
  number: z.number().int().nullable(),
  method: z.enum(['adaptive', 'random']),
  settings: AnnotationSettings.extend({ maxRecords: z.number().int().nullable(), seed: z.number().int(), aim: z.number().int() }),
  records: Count,
  perCoder: z.record(z.string(), Count),
  codesShort: Count,
  codesUnmet: z.array(z.object({ code: z.string(), missing: Count })),
  expectedExamples: z.number(),
  dryRun: z.boolean(),
})
export type PatchSummary = z.infer<typeof PatchSummary>

export const AnnotationTask = z.object({ recordId: z.string(), patch: z.number().int(), position: z.number().int(), assignedAt: z.string() })
export type AnnotationTask = z.infer<typeof AnnotationTask>
