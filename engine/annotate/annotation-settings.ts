/**
 * The admin's annotation settings, kept in the workspace so the plan view, the
 * CLI and the next plan agree: s (clean examples wanted per code) and the trust
 * threshold for noisy labels (null: the labels the normaliser accepted).
 */
import { AppFailure } from '../../contract/result.js'
import type { SqliteDatabase } from '../store/database.js'
import { getSetting, setSetting } from '../workspace/workspace.js'

export interface AnnotationSettings {
  /** Clean examples wanted per code (the paper's s). */
  target: number
  trustThreshold: number | null
}

/** The paper starts every code at two clean examples: the first patch aims there, later ones at s. */
export const FIRST_PATCH_EXAMPLES = 2
export const DEFAULT_ANNOTATION_SETTINGS: AnnotationSettings = { target: 5, trustThreshold: null }
/** More examples than this per code is a training set, not an annotation plan. */
export const MAX_TARGET = 1_000

const TARGET_SETTING = 'annotation_target'
const TRUST_SETTING = 'annotation_trust_threshold'

export function readAnnotationSettings(database: SqliteDatabase): AnnotationSettings {
  const target = getSetting(database, TARGET_SETTING)
  const trust = getSetting(database, TRUST_SETTING)
  return {
    target: target === null ? DEFAULT_ANNOTATION_SETTINGS.target : Number(target),
    trustThreshold: trust === null || trust === '' ? DEFAULT_ANNOTATION_SETTINGS.trustThreshold : Number(trust),
  }
}

export function checkAnnotationSettings(settings: AnnotationSettings): AnnotationSettings {
  if (!Number.isInteger(settings.target) || settings.target < 1 || settings.target > MAX_TARGET) {
    throw new AppFailure('invalid-input', `The target s (clean examples per code) must be a whole number from 1 to ${MAX_TARGET}, got ${settings.target}.`)
  }
  if (settings.trustThreshold !== null && !(settings.trustThreshold >= 0 && settings.trustThreshold <= 1)) {
    throw new AppFailure('invalid-input', `The trust threshold must be a confidence from 0 to 1, got ${settings.trustThreshold}.`)
  }
  return settings
}

export function saveAnnotationSettings(database: SqliteDatabase, settings: AnnotationSettings): void {
  setSetting(database, TARGET_SETTING, String(settings.target))
  setSetting(database, TRUST_SETTING, settings.trustThreshold === null ? '' : String(settings.trustThreshold))
}

/**
 * What reference codes on training records are: `clean` (the hospital's own coding,
 * the trainer's clean set) or `answer-key` (kept for evaluation and simulated
 * annotators only; training records become clean only when a coder annotates them).
 * Stored as the trainer's clean share (1 or 0), so export, kNN and evaluation agree.
 */
export type ReferenceCodeRole = 'clean' | 'answer-key'
