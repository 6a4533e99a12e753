/**
 * Training jobs an admin starts from the app: what they ask for, and what the
 * app shows while the job runs in its own process (engine/jobs).
 */
import { z } from 'zod'

export const TrainingJobSettings = z.object({
  /** Training stops after this many minutes and keeps the best model so far; a resumed job continues the same budget. */
  budgetMinutes: z.number().min(0.1).max(10_000).default(15),
  seed: z.number().int().min(0).max(2 ** 31).default(13),
  /** Epochs per step; absent: the trainer's defaults. `clean: 0` fits the regression alone (fast). */
  epochs: z
    .object({
      raw: z.number().int().min(0).max(100).optional(),
      noisy: z.number().int().min(0).max(100).optional(),
      clean: z.number().int().min(0).max(500).optional(),
    })
    .default({}),
  withoutRawStep: z.boolean().default(false),
  withoutNoisyStep: z.boolean().default(false),
  /** A toy-sized network (tests, demonstrations on slow machines). */
  tiny: z.boolean().default(false),
})
export type TrainingJobSettings = z.infer<typeof TrainingJobSettings>

export const TrainingJobStatus = z.enum(['queued', 'running', 'cancel-requested', 'cancelled', 'interrupted', 'failed', 'succeeded'])
export type TrainingJobStatus = z.infer<typeof TrainingJobStatus>

/** exporting the training bundle → training (the trainer's steps) → fitting / selecting inside it → checking (golden) → evaluating (the report) → done. */
export const TrainingPhase = z.enum(['starting', 'exporting', 'training', 'fitting', 'selecting', 'checking', 'evaluating', 'done'])
export type TrainingPhase = z.infer<typeof TrainingPhase>

export const TrainingProgress = z.object({
  phase: TrainingPhase,
  step: z.string().nullable(),
  steps: z.array(z.string()),
  epoch: z.number().int().min(0),
  epochs: z.number().int().min(0),
  batch: z.number().int().min(0),
  batches: z.number().int().min(0),
  elapsedSeconds: z.number().min(0),
  budgetSeconds: z.number().nullable(),
  /** Seconds of the budget left; null without a budget. */
  secondsLeft: z.number().nullable(),
  /** 0–1: the share of the budget spent, else of the current step's epochs. */
  fraction: z.number().min(0).max(1),
  devMicroF1: z.number().nullable(),
  bestDevMicroF1: z.number().nullable(),
  /** Records scored for the report, while evaluating. */
  evaluated: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  updatedAt: z.string(),
})
export type TrainingProgress = z.infer<typeof TrainingProgress>

export const TrainingJobView = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  actor: z.string(),
  status: TrainingJobStatus,
  settings: TrainingJobSettings,
  modelDir: z.string(),
  modelVersion: z.string().nullable(),
  error: z.string().nullable(),
  progress: TrainingProgress.nullable(),
  /** A stopped job with a checkpoint continues where it stopped. */
  canResume: z.boolean(),
  canCancel: z.boolean(),
  hasReport: z.boolean(),
  events: z.array(z.object({ at: z.string(), status: TrainingJobStatus })),
})
export type TrainingJobView = z.infer<typeof TrainingJobView>
