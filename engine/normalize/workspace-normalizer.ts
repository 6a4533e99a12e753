/**
 * The normaliser of a workspace's code set: the lexicon is cached per code
 * set (immutable once installed), the pair memory is rebuilt when the stored
 * confirmed pairs changed, so a pair confirmed now is used from the next call on.
 * A ranker fitted by `label --fit` and stored in the workspace replaces the default.
 */
import type { SqliteDatabase } from '../store/database.js'
import { loadLexicon } from './lexicon.js'
import { loadNamePairs, namePairsStamp } from './name-pairs.js'
import { createNormalizer, type Normalizer } from './normalizer.js'
import { loadFittedRanker } from './stored-ranker.js'
import { loadSynonymLexicon, synonymLexiconVersion, synonymPairs } from './synonym-lexicon.js'
import { chooseThreshold, fitNormalizerRanker, type AnswerOf } from './train-normalizer.js'

const normalizerCache = new Map<string, { stamp: string; normalizer: Normalizer }>()

export function workspaceNormalizer(database: SqliteDatabase, codeSetId: number, options: { threshold?: number } = {}): Normalizer {
  const lexicon = loadLexicon(database, codeSetId)
  const stored = loadFittedRanker(database, codeSetId)
  const stamp = `${namePairsStamp(database, codeSetId)}\u0000${synonymLexiconVersion(database)}\u0000${stored.status === 'none' ? '' : stored.text}`
  const key = `${database.path}\u0000${codeSetId}`
  const cached = normalizerCache.get(key)
  let normalizer = cached?.stamp === stamp && cached.normalizer.lexicon === lexicon ? cached.normalizer : undefined
  if (!normalizer) {
    const synonyms = loadSynonymLexicon(database)
    const shared = { synonyms: synonymPairs(synonyms), synonymVersion: synonyms.version }
    normalizer =
      stored.status === 'loaded'
        ? createNormalizer(lexicon, loadNamePairs(database, codeSetId), { ...shared, ranker: stored.ranker, threshold: stored.threshold, rankerOrigin: `fitted on ${stored.names} names` })
        : createNormalizer(lexicon, loadNamePairs(database, codeSetId), {
            ...shared,
            ...(stored.status === 'refused' ? { rankerOrigin: `default (stored ranker refused: ${stored.reason}; fit it again with \`clinicoco label --fit\`)` } : {}),
          })
    normalizerCache.set(key, { stamp, normalizer })
  }
  return options.threshold === undefined ? normalizer : { ...normalizer, threshold: options.threshold }
}

/** Fewer confirmed names than this, and the hand-set default ranker stays. */
export const MIN_NAMES_TO_FIT = 50

/**
 * A normaliser whose ranker and threshold are fitted on the workspace's own
 * confirmed pairs (each name scored with its record's pairs left out), or null
 * when there are too few confirmed names with a record to fit on.
 */
export function fittedWorkspaceNormalizer(database: SqliteDatabase, codeSetId: number): { normalizer: Normalizer; names: number } | null {
  const base = workspaceNormalizer(database, codeSetId)
  const byName = new Map<string, { name: string; gold: Set<string>; source: string }>()
  for (const pair of loadNamePairs(database, codeSetId)) {
    if (pair.source === null) continue
    const key = `${pair.source}\u0000${pair.name}`
    const entry = byName.get(key) ?? { name: pair.name, gold: new Set<string>(), source: pair.source }
    entry.gold.add(pair.code)
    byName.set(key, entry)
  }
  const names = [...byName.values()].map((entry) => ({ name: entry.name, gold: [...entry.gold], source: entry.source }))
  if (names.length < MIN_NAMES_TO_FIT) return null
  const answerOf: AnswerOf = (_normalizer, code) => code
  const ranker = fitNormalizerRanker(base, names, answerOf)
  const threshold = chooseThreshold({ ...base, ranker }, names, answerOf)
  return { normalizer: { ...base, ranker, threshold, rankerOrigin: `fitted on ${names.length} names` }, names: names.length }
}
