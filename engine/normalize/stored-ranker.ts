/**
 * A ranker fitted on a workspace's own pairs (`clinicoco label --fit`) is kept
 * in the workspace, so the coding view's name suggestions use the same
 * calibrated ranker and threshold as the noisy labels, not the hand-set default.
 *
 * It is stored with the names of the features it was fitted on and a format
 * version: weights and tree splits refer to features by name, never by
 * position. A stored ranker whose features are not exactly today's (an older
 * release added or renamed one) is refused with the reason, and the default
 * ranker is used until the ranker is fitted again — a weight read against the
 * wrong feature would silently mislabel every name.
 */
import type { SqliteDatabase } from '../store/database.js'
import { getSetting, setSetting } from '../workspace/workspace.js'
import type { BoostedTrees } from './boosted-trees.js'
import { FEATURE_NAMES } from './candidate-features.js'
import type { Ranker } from './ranker.js'
import { SET_FEATURE_NAMES } from './set-features.js'

export interface StoredRanker {
  ranker: Ranker
  threshold: number
  /** Names it was fitted on. */
  names: number
}

export type LoadedRanker =
  | { status: 'none' }
  | ({ status: 'loaded'; text: string } & StoredRanker)
  | { status: 'refused'; text: string; reason: string }

export const RANKER_FORMAT = 'clinicoco-normaliser-ranker'
export const RANKER_FORMAT_VERSION = 2

interface TreeJson {
  /** Feature name at each node, '' at a leaf. */
  feature: string[]
  threshold: number[]
  left: number[]
  right: number[]
  value: number[]
}

interface RankerJson {
  format: typeof RANKER_FORMAT
  version: number
  features: string[]
  setFeatures: string[]
  candidate: { logistic: Record<string, number> } | { trees: { base: number; trees: TreeJson[] } }
  set: Record<string, number> | null
  threshold: number
  names: number
}

function settingKey(codeSetId: number): string {
  return `normaliser_ranker:${codeSetId}`
}

export function saveFittedRanker(database: SqliteDatabase, codeSetId: number, stored: StoredRanker): void {
  setSetting(database, settingKey(codeSetId), serializeRanker(stored))
}

export function serializeRanker(stored: StoredRanker): string {
  const { candidate, set } = stored.ranker
  const named = (names: readonly string[], weights: Float64Array): Record<string, number> => Object.fromEntries(names.map((name, index) => [name, weights[index] ?? 0]))
  const json: RankerJson = {
    format: RANKER_FORMAT,
    version: RANKER_FORMAT_VERSION,
    features: [...FEATURE_NAMES],
    setFeatures: [...SET_FEATURE_NAMES],
    candidate:
      candidate instanceof Float64Array
        ? { logistic: named(FEATURE_NAMES, candidate) }
        : {
            trees: {
              base: candidate.base,
              trees: candidate.trees.map((tree) => ({
                feature: [...tree.feature].map((feature) => (feature < 0 ? '' : (FEATURE_NAMES[feature] ?? ''))),
                threshold: [...tree.threshold],
                left: [...tree.left],
                right: [...tree.right],
                value: [...tree.value],
              })),
            },
          },
    set: set ? named(SET_FEATURE_NAMES, set) : null,
    threshold: stored.threshold,
    names: stored.names,
  }
  return JSON.stringify(json)
}

/** The stored ranker (with its text: a cache key that changes whenever a new one is saved), a refusal with its reason, or none. */
export function loadFittedRanker(database: SqliteDatabase, codeSetId: number): LoadedRanker {
  const text = getSetting(database, settingKey(codeSetId))
  if (text === null || text === '') return { status: 'none' }
  const parsed = parseRanker(text)
  return 'reason' in parsed ? { status: 'refused', text, reason: parsed.reason } : { status: 'loaded', text, ...parsed }
}

export function parseRanker(text: string): StoredRanker | { reason: string } {
  let json: Partial<RankerJson>
  try {
    json = JSON.parse(text) as Partial<RankerJson>
  } catch {
    return { reason: 'the stored ranker is not valid JSON' }
  }
  if (json.format !== RANKER_FORMAT || json.version !== RANKER_FORMAT_VERSION) {
    return { reason: `the stored ranker has format ${String(json.format ?? 'unnamed')} version ${String(json.version ?? 'none')}; this release reads ${RANKER_FORMAT} version ${RANKER_FORMAT_VERSION}` }
  }
  const differs = (stored: unknown, current: readonly string[]): boolean => !Array.isArray(stored) || stored.length !== current.length || stored.some((name, index) => name !== current[index])
  if (differs(json.features, FEATURE_NAMES) || differs(json.setFeatures, SET_FEATURE_NAMES)) {
    const stored = new Set(json.features ?? [])
    const added = FEATURE_NAMES.filter((name) => !stored.has(name))
    const removed = (json.features ?? []).filter((name) => !(FEATURE_NAMES as readonly string[]).includes(name))
    return { reason: `the stored ranker was fitted on other features (new: ${added.join(', ') || 'none'}; gone: ${removed.join(', ') || 'none'})` }
  }
  const byName = (names: readonly string[], weights: Record<string, number>): Float64Array => Float64Array.from(names, (name) => weights[name] ?? 0)
  const featureIndex = new Map(FEATURE_NAMES.map((name, index) => [name as string, index]))
  const stored = json.candidate
  if (!stored || typeof json.threshold !== 'number') return { reason: 'the stored ranker lacks its weights or threshold' }
  const candidate: Float64Array | BoostedTrees =
    'logistic' in stored
      ? byName(FEATURE_NAMES, stored.logistic)
      : {
          base: stored.trees.base,
          trees: stored.trees.trees.map((tree) => ({
            feature: Int16Array.from(tree.feature, (name) => (name === '' ? -1 : (featureIndex.get(name) ?? -1))),
            threshold: Float64Array.from(tree.threshold),
            left: Int32Array.from(tree.left),
            right: Int32Array.from(tree.right),
            value: Float64Array.from(tree.value),
          })),
        }
  return { ranker: { candidate, set: json.set ? byName(SET_FEATURE_NAMES, json.set) : null }, threshold: json.threshold, names: json.names ?? 0 }
}
