import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setSetting } from '../workspace/workspace.js'
import { createTempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'
import { fitBoostedTrees } from './boosted-trees.js'
import { FEATURE_COUNT, FEATURE_NAMES } from './candidate-features.js'
import { DEFAULT_RANKER, candidateProbability } from './ranker.js'
import { SET_FEATURE_NAMES } from './set-features.js'
import { loadFittedRanker, saveFittedRanker, serializeRanker } from './stored-ranker.js'
import { workspaceNormalizer } from './workspace-normalizer.js'

describe('stored fitted ranker', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace()
  })
  afterEach(() => temp.cleanup())

  it('round-trips boosted trees exactly: the same probabilities after loading', () => {
    const rows = Array.from({ length: 200 }, (_, index) => Float64Array.from({ length: FEATURE_COUNT }, (_, feature) => ((index * 7 + feature * 13) % 17) / 17))
    const labels = rows.map((row) => (row[0] as number) + (row[3] as number) > 1)
    const trees = fitBoostedTrees(rows, labels, { trees: 5, depth: 3 })
    const set = Float64Array.from(SET_FEATURE_NAMES, (_, index) => index / 10 - 0.3)
    const ranker = { candidate: trees, set }
    saveFittedRanker(temp.workspace.database, temp.codeSetId, { ranker, threshold: 0.42, names: 77 })
    const loaded = loadFittedRanker(temp.workspace.database, temp.codeSetId)
    if (loaded.status !== 'loaded') throw new Error(`expected a loaded ranker, got ${loaded.status}`)
    expect(loaded).toMatchObject({ threshold: 0.42, names: 77 })
    for (const row of rows.slice(0, 20)) expect(candidateProbability(loaded.ranker, row)).toBe(candidateProbability(ranker, row))
    expect([...(loaded.ranker.set ?? [])]).toEqual([...set])
  })

  it('stores weights and tree splits by feature name, with the feature list and a version', () => {
    const weights = Float64Array.from(FEATURE_NAMES, (_, index) => index)
    const json = JSON.parse(serializeRanker({ ranker: { candidate: weights, set: null }, threshold: 0.5, names: 60 }))
    expect(json).toMatchObject({ format: 'clinicoco-normaliser-ranker', version: 2, features: [...FEATURE_NAMES] })
    expect(json.candidate.logistic.negation_conflict).toBe(FEATURE_NAMES.indexOf('negation_conflict'))
  })

  it('refuses a ranker stored by position (the old format) and uses the default, saying why', () => {
    setSetting(temp.workspace.database, `normaliser_ranker:${temp.codeSetId}`, JSON.stringify({ candidate: [1, 2, 3], set: null, threshold: 0.3, names: 80 }))
    const loaded = loadFittedRanker(temp.workspace.database, temp.codeSetId)
    expect(loaded).toMatchObject({ status: 'refused' })
    expect(loaded.status === 'refused' && loaded.reason).toMatch(/format unnamed version none/)
    const normalizer = workspaceNormalizer(temp.workspace.database, temp.codeSetId)
    expect(normalizer.ranker).toBe(DEFAULT_RANKER)
    expect(normalizer.rankerOrigin).toMatch(/^default \(stored ranker refused: /)
  })

  it('refuses a ranker fitted on other features, naming the new and the gone ones', () => {
    const json = JSON.parse(serializeRanker({ ranker: { candidate: Float64Array.from(FEATURE_NAMES, () => 1), set: null }, threshold: 0.5, names: 60 }))
    json.features = json.features.map((name: string) => (name === 'negation_conflict' ? 'opposite_words' : name))
    setSetting(temp.workspace.database, `normaliser_ranker:${temp.codeSetId}`, JSON.stringify(json))
    const loaded = loadFittedRanker(temp.workspace.database, temp.codeSetId)
    expect(loaded.status === 'refused' && loaded.reason).toBe('the stored ranker was fitted on other features (new: negation_conflict; gone: opposite_words)')
  })

  it('is what the workspace normaliser uses from then on, instead of the hand-set default', () => {
    expect(workspaceNormalizer(temp.workspace.database, temp.codeSetId).ranker).toBe(DEFAULT_RANKER)
    const weights = Float64Array.from(DEFAULT_RANKER.candidate as Float64Array, (weight) => weight * 2)
    saveFittedRanker(temp.workspace.database, temp.codeSetId, { ranker: { candidate: weights, set: null }, threshold: 0.6, names: 60 })
    const normalizer = workspaceNormalizer(temp.workspace.database, temp.codeSetId)
    expect([...(normalizer.ranker.candidate as Float64Array)]).toEqual([...weights])
    expect(normalizer.threshold).toBe(0.6)
    expect(normalizer.rankerOrigin).toBe('fitted on 60 names')
  })
})
