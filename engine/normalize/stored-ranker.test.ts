import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'
import { fitBoostedTrees } from './boosted-trees.js'
import { DEFAULT_RANKER, candidateProbability } from './ranker.js'
import { loadFittedRanker, saveFittedRanker } from './stored-ranker.js'
import { workspaceNormalizer } from './workspace-normalizer.js'

describe('stored fitted ranker', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace()
  })
  afterEach(() => temp.cleanup())

  it('round-trips boosted trees exactly: the same probabilities after loading', () => {
    const rows = Array.from({ length: 200 }, (_, index) => Float64Array.from({ length: 21 }, (_, feature) => ((index * 7 + feature * 13) % 17) / 17))
    const labels = rows.map((row) => (row[0] as number) + (row[3] as number) > 1)
    const trees = fitBoostedTrees(rows, labels, { trees: 5, depth: 3 })
    const ranker = { candidate: trees, set: Float64Array.from([0.5, -1]) }
    saveFittedRanker(temp.workspace.database, temp.codeSetId, { ranker, threshold: 0.42, names: 77 })
    const loaded = loadFittedRanker(temp.workspace.database, temp.codeSetId)
    expect(loaded).toMatchObject({ threshold: 0.42, names: 77 })
    for (const row of rows.slice(0, 20)) expect(candidateProbability(loaded!.ranker, row)).toBe(candidateProbability(ranker, row))
    expect([...(loaded!.ranker.set ?? [])]).toEqual([0.5, -1])
  })

  it('is what the workspace normaliser uses from then on, instead of the hand-set default', () => {
    expect(workspaceNormalizer(temp.workspace.database, temp.codeSetId).ranker).toBe(DEFAULT_RANKER)
    const weights = Float64Array.from(DEFAULT_RANKER.candidate as Float64Array, (weight) => weight * 2)
    saveFittedRanker(temp.workspace.database, temp.codeSetId, { ranker: { candidate: weights, set: null }, threshold: 0.6, names: 60 })
    const normalizer = workspaceNormalizer(temp.workspace.database, temp.codeSetId)
    expect([...(normalizer.ranker.candidate as Float64Array)]).toEqual([...weights])
    expect(normalizer.threshold).toBe(0.6)
  })
})
