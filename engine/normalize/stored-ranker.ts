/**
 * A ranker fitted on a workspace's confirmed pairs (`clinicoco label --fit`)
 * is kept in the workspace, so the coding view's name suggestions use the same
 * calibrated ranker and threshold as the noisy labels, not the hand-set default.
 */
import type { SqliteDatabase } from '../store/database.js'
import { getSetting, setSetting } from '../workspace/workspace.js'
import type { BoostedTrees } from './boosted-trees.js'
import type { Ranker } from './ranker.js'

export interface StoredRanker {
  ranker: Ranker
  threshold: number
  /** Confirmed names it was fitted on. */
  names: number
}

interface TreeJson {
  feature: number[]
  threshold: number[]
  left: number[]
  right: number[]
  value: number[]
}

interface RankerJson {
  candidate: number[] | { base: number; trees: TreeJson[] }
  set: number[] | null
  threshold: number
  names: number
}

function settingKey(codeSetId: number): string {
  return `normaliser_ranker:${codeSetId}`
}

export function saveFittedRanker(database: SqliteDatabase, codeSetId: number, stored: StoredRanker): void {
  const { candidate, set } = stored.ranker
  const json: RankerJson = {
    candidate:
      candidate instanceof Float64Array
        ? [...candidate]
        : {
            base: candidate.base,
            trees: candidate.trees.map((tree) => ({
              feature: [...tree.feature],
              threshold: [...tree.threshold],
              left: [...tree.left],
              right: [...tree.right],
              value: [...tree.value],
            })),
          },
    set: set ? [...set] : null,
    threshold: stored.threshold,
    names: stored.names,
  }
  setSetting(database, settingKey(codeSetId), JSON.stringify(json))
}

/** The stored ranker and its text (a cache key: it changes whenever a new one is saved), or null. */
export function loadFittedRanker(database: SqliteDatabase, codeSetId: number): (StoredRanker & { text: string }) | null {
  const text = getSetting(database, settingKey(codeSetId))
  if (text === null) return null
  const json = JSON.parse(text) as RankerJson
  const candidate: Float64Array | BoostedTrees = Array.isArray(json.candidate)
    ? Float64Array.from(json.candidate)
    : {
        base: json.candidate.base,
        trees: json.candidate.trees.map((tree) => ({
          feature: Int16Array.from(tree.feature),
          threshold: Float64Array.from(tree.threshold),
          left: Int32Array.from(tree.left),
          right: Int32Array.from(tree.right),
          value: Float64Array.from(tree.value),
        })),
      }
  return { ranker: { candidate, set: json.set ? Float64Array.from(json.set) : null }, threshold: json.threshold, names: json.names, text }
}
