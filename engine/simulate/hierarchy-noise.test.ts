import { describe, expect, it } from 'vitest'
import { SeededRandom } from '../random/seeded-random.js'
import { createNameNoise, hierarchyFromParents, injectHierarchyNoise, type NoiseOptions } from './hierarchy-noise.js'

const PARENT = new Map<string, string | null>([
  ['E11.9', 'E11'],
  ['E11.6', 'E11'],
  ['E11.2', 'E11'],
  ['E11', 'E08-E13'],
  ['E08-E13', null],
  ['I10', 'I10-I16'],
  ['I10-I16', null],
])
const NAMES: Record<string, string[]> = { E11: ['diabetes tipo 2'], 'E11.6': ['DM2 con complicación'], 'E11.2': ['nefropatía diabética'] }
const hierarchy = hierarchyFromParents(PARENT, (code) => NAMES[code] ?? [])

function inject(names: Array<{ text: string; code: string }>, recordCodes: string[], options: NoiseOptions, seed: number) {
  return injectHierarchyNoise(names, new Set(recordCodes), createNameNoise(hierarchy, options, new SeededRandom(seed)))
}

const ONLY_VAGUE = { vague: 1, wrong: 0, missing: 0 }
const ONLY_WRONG = { vague: 0, wrong: 1, missing: 0 }

describe('the quality-control simulator on a code hierarchy', () => {
  it('leaves every name alone at ratio 0 and changes every one at ratio 1', () => {
    const names = [{ text: 'DM2 sin complicaciones', code: 'E11.9' }]
    expect(inject(names, ['E11.9'], { ratio: 0 }, 1)).toEqual([{ ...names[0], injectedError: null, originalText: null }])
    const noisy = inject(Array(50).fill(names[0]), ['E11.9'], { ratio: 1 }, 1)
    expect(noisy.every((name) => name.injectedError !== null && name.originalText === 'DM2 sin complicaciones')).toBe(true)
    expect(new Set(noisy.map((name) => name.injectedError))).toEqual(new Set(['vague', 'wrong', 'missing']))
  })

  it('makes a vague name from the nearest named ancestor and a wrong one from an uncoded sibling', () => {
    const names = [{ text: 'DM2 sin complicaciones', code: 'E11.9' }]
    expect(inject(names, ['E11.9'], { ratio: 1, errorShares: ONLY_VAGUE }, 2)[0]).toMatchObject({ text: 'diabetes tipo 2', injectedError: 'vague' })
    // E11.6 is coded on the record, so the only sibling a wrong name may come from is E11.2.
    expect(inject(names, ['E11.9', 'E11.6'], { ratio: 1, errorShares: ONLY_WRONG }, 3)[0]).toMatchObject({ text: 'nefropatía diabética', injectedError: 'wrong' })
  })

  it('where every named sibling is coded too, makes the name vague, or (demo rule) names a coded sibling', () => {
    const names = [{ text: 'DM2 sin complicaciones', code: 'E11.9' }]
    const coded = ['E11.9', 'E11.6', 'E11.2']
    expect(inject(names, coded, { ratio: 1, errorShares: ONLY_WRONG }, 5)[0]).toMatchObject({ text: 'diabetes tipo 2', injectedError: 'vague' })
    const demoRule = inject(names, coded, { ratio: 1, errorShares: ONLY_WRONG, whenSiblingsAreCoded: 'coded-sibling' }, 5)[0]
    expect(demoRule?.injectedError).toBe('wrong')
    expect(['DM2 con complicación', 'nefropatía diabética']).toContain(demoRule?.text)
  })

  it('falls back to missing when the code has no named ancestor and no sibling', () => {
    const result = inject([{ text: 'HTA', code: 'I10' }], ['I10'], { ratio: 1, errorShares: ONLY_VAGUE }, 4)
    expect(result[0]).toMatchObject({ text: 'HTA', injectedError: 'missing', originalText: 'HTA' })
  })

  it('stops at a parent cycle in imported data instead of walking it forever', () => {
    const looped = hierarchyFromParents(new Map([['A1', 'A'], ['A', 'B'], ['B', 'A']]), () => [])
    const noise = createNameNoise(looped, { ratio: 1, errorShares: ONLY_VAGUE }, new SeededRandom(1))
    expect(noise.namingError('A1', 'vague', new Set())).toBeNull()
  })

  it('refuses a ratio outside 0–1 and shares that leave no error to draw', () => {
    expect(() => createNameNoise(hierarchy, { ratio: 1.5 }, new SeededRandom(1))).toThrow(/ratio must be within 0–1/)
    expect(() => createNameNoise(hierarchy, { ratio: 0.5, errorShares: { vague: 0, wrong: 0, missing: 0 } }, new SeededRandom(1))).toThrow(/at least one above zero/)
    expect(() => createNameNoise(hierarchy, { ratio: 0.5, errorShares: { vague: -1, wrong: 1, missing: 1 } }, new SeededRandom(1))).toThrow(/non-negative/)
  })

  it('is reproducible under a seed', () => {
    const names = Array.from({ length: 30 }, (_, index) => ({ text: `n${index}`, code: index % 2 ? 'E11.9' : 'E11.6' }))
    expect(inject(names, [], { ratio: 0.5 }, 7)).toEqual(inject(names, [], { ratio: 0.5 }, 7))
    expect(inject(names, [], { ratio: 0.5 }, 7)).not.toEqual(inject(names, [], { ratio: 0.5 }, 8))
  })
})
