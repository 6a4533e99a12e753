import { describe, expect, it } from 'vitest'
import { SeededRandom } from '../random/seeded-random.js'
import { injectHierarchyNoise, type CodeHierarchy } from './hierarchy-noise.js'

const PARENT: Record<string, string> = { 'E11.9': 'E11', 'E11.6': 'E11', 'E11.2': 'E11', E11: 'E08-E13', I10: 'I10-I16' }
const NAMES: Record<string, string[]> = { E11: ['diabetes tipo 2'], 'E11.6': ['DM2 con complicación'], 'E11.2': ['nefropatía diabética'] }
const hierarchy: CodeHierarchy = {
  parentOf: (code) => PARENT[code] ?? null,
  childrenOf: (code) => Object.keys(PARENT).filter((child) => PARENT[child] === code),
  namesOf: (code) => NAMES[code] ?? [],
}

describe('injectHierarchyNoise', () => {
  it('leaves every name alone at ratio 0 and changes every one at ratio 1', () => {
    const names = [{ text: 'DM2 sin complicaciones', code: 'E11.9' }]
    const clean = injectHierarchyNoise(names, new Set(['E11.9']), hierarchy, { ratio: 0 }, new SeededRandom(1))
    expect(clean).toEqual([{ ...names[0], injectedError: null, originalText: null }])
    const noisy = injectHierarchyNoise(Array(50).fill(names[0]), new Set(['E11.9']), hierarchy, { ratio: 1 }, new SeededRandom(1))
    expect(noisy.every((name) => name.injectedError !== null && name.originalText === 'DM2 sin complicaciones')).toBe(true)
    expect(new Set(noisy.map((name) => name.injectedError))).toEqual(new Set(['vague', 'wrong', 'missing']))
  })

  it('makes a vague name from the nearest named ancestor and a wrong one from an uncoded sibling', () => {
    const names = [{ text: 'DM2 sin complicaciones', code: 'E11.9' }]
    const vague = injectHierarchyNoise(names, new Set(['E11.9']), hierarchy, { ratio: 1, errorShares: { vague: 1, wrong: 0, missing: 0 } }, new SeededRandom(2))
    expect(vague[0]).toMatchObject({ text: 'diabetes tipo 2', injectedError: 'vague' })
    // E11.6 is coded on the record, so the only sibling a wrong name may come from is E11.2.
    const wrong = injectHierarchyNoise(names, new Set(['E11.9', 'E11.6']), hierarchy, { ratio: 1, errorShares: { vague: 0, wrong: 1, missing: 0 } }, new SeededRandom(3))
    expect(wrong[0]).toMatchObject({ text: 'nefropatía diabética', injectedError: 'wrong' })
  })

  it('falls back to missing when the code has no named parent and no sibling', () => {
    const names = [{ text: 'HTA', code: 'I10' }]
    const result = injectHierarchyNoise(names, new Set(['I10']), hierarchy, { ratio: 1, errorShares: { vague: 1, wrong: 0, missing: 0 } }, new SeededRandom(4))
    expect(result[0]).toMatchObject({ text: 'HTA', injectedError: 'missing', originalText: 'HTA' })
  })

  it('is reproducible under a seed', () => {
    const names = Array.from({ length: 30 }, (_, index) => ({ text: `n${index}`, code: index % 2 ? 'E11.9' : 'E11.6' }))
    const run = (seed: number) => injectHierarchyNoise(names, new Set(), hierarchy, { ratio: 0.5 }, new SeededRandom(seed))
    expect(run(7)).toEqual(run(7))
    expect(run(7)).not.toEqual(run(8))
  })
})
