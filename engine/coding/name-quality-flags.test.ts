import { describe, expect, it } from 'vitest'
import type { NameMatch } from './coding-model.js'
import { FLAG_MIN_SUPPORT, nameQualityFlags, type FlagInput } from './name-quality-flags.js'

// A small hierarchy: chapter IX > I20-I25 > I21 > I21.0, I21.4; I25 > I25.1; chapter IV > E11 > E11.9.
const PARENT: Record<string, string> = {
  'I20-I25': 'IX',
  I21: 'I20-I25',
  'I21.0': 'I21',
  'I21.4': 'I21',
  I25: 'I20-I25',
  'I25.1': 'I25',
  E11: 'IV',
  'E11.9': 'E11',
  E78: 'IV',
  'E78.5': 'E78',
}

function ancestors(code: string): string[] {
  const chain: string[] = []
  for (let parent = PARENT[code]; parent !== undefined; parent = PARENT[parent]) chain.push(parent)
  return chain
}

function match(name: string, confidence = 0.9): NameMatch {
  return { name, matchedTerm: name, confidence }
}

function flags(record: Record<string, number>, names: Record<string, NameMatch[]>): ReturnType<typeof nameQualityFlags> {
  // As the coding model combines them: 1 − (1 − record)(1 − best name confidence).
  const probability = new Map(Object.entries(record))
  for (const [code, matches] of Object.entries(names)) {
    const name = Math.max(...matches.map((entry) => entry.confidence))
    probability.set(code, 1 - (1 - (probability.get(code) ?? 0)) * (1 - name))
  }
  const input: FlagInput = {
    recordProbability: new Map(Object.entries(record)),
    probability,
    nameMatches: new Map(Object.entries(names)),
    ancestors,
    title: (code) => `title of ${code}`,
  }
  return nameQualityFlags(input)
}

describe('nameQualityFlags', () => {
  it('flags a code the record supports that no name covers as missing, strongest first', () => {
    const found = flags({ 'I21.0': 0.9, 'E11.9': 0.8, 'E78.5': 0.6, 'I25.1': 0.3 }, { 'E11.9': [match('T2DM')] })
    expect(found).toEqual([
      { kind: 'missing', code: 'I21.0', title: 'title of I21.0', support: 0.9 },
      { kind: 'missing', code: 'E78.5', title: 'title of E78.5', support: 0.6 },
    ])
  })

  it('calls a name that maps to an ancestor of a supported code vague, not the code missing', () => {
    const found = flags({ 'I21.4': 0.7, I21: 0.2 }, { I21: [match('heart attack', 0.8)], 'E11.9': [match('T2DM')] })
    expect(found).toEqual([
      {
        kind: 'vague',
        name: 'heart attack',
        code: 'I21',
        title: 'title of I21',
        specificCode: 'I21.4',
        specificTitle: 'title of I21.4',
        support: 0.7,
      },
    ])
  })

  it('does not flag a code when a name is more specific than it, or names it exactly', () => {
    expect(flags({ E11: 0.6, 'E11.9': 0.5 }, { 'E11.9': [match('type 2 diabetes without complication')] })).toEqual([])
  })

  it('calls a confident name wrong when the text speaks against its code, offering the supported sibling', () => {
    const found = flags({ 'I21.0': 0.005, 'I21.4': 0.8, 'E11.9': 0.6 }, { 'I21.0': [match('anterior STEMI', 0.95)], 'E11.9': [match('T2DM')] })
    expect(found).toEqual([
      {
        kind: 'wrong',
        name: 'anterior STEMI',
        code: 'I21.0',
        title: 'title of I21.0',
        support: 0.005,
        alternative: { code: 'I21.4', title: 'title of I21.4', support: 0.8 },
      },
    ])
  })

  it('leaves a name alone when the normaliser was unsure, the text cannot score its code, or a relative is supported', () => {
    expect(flags({ 'I21.0': 0.005, 'E11.9': 0.6 }, { 'I21.0': [match('stemi?', 0.4)], 'E11.9': [match('T2DM')] })).toEqual([])
    expect(flags({ 'E11.9': 0.6 }, { 'I21.0': [match('anterior STEMI', 0.95)], 'E11.9': [match('T2DM')] })).toEqual([])
    expect(flags({ E11: 0.005, 'E11.9': 0.7 }, { E11: [match('diabetes', 0.9)] })).toEqual([
      expect.objectContaining({ kind: 'vague', code: 'E11', specificCode: 'E11.9' }),
    ])
  })

  it('calls a name whose best match is a heading vague, not wrong, offering the most probable code under it', () => {
    const found = flags({ 'I21.0': 0.005, 'I21.4': 0.3 }, { I21: [match('heart attack', 0.99)], 'I21.0': [match('heart attack', 0.6)] })
    expect(found).toEqual([
      expect.objectContaining({ kind: 'vague', name: 'heart attack', code: 'I21', specificCode: 'I21.0', support: expect.closeTo(0.602, 3) }),
    ])
    // Its weaker leaf match, unsupported by the text, does not make it wrong as well.
    expect(flags({ 'I21.0': 0.001, 'I21.4': 0.05 }, { I21: [match('heart attack', 0.99)], 'I21.0': [match('heart attack', 0.6)] })).toEqual([
      expect.objectContaining({ kind: 'vague', code: 'I21', specificCode: 'I21.0' }),
    ])
    // Another name already more specific under the heading: nothing is left unsaid.
    expect(flags({ 'I21.4': 0.3 }, { I21: [match('heart attack', 0.99)], 'I21.4': [match('NSTEMI', 0.9)] })).toEqual([])
    // Without the ancestor match the same support pattern reads as a wrong name.
    expect(flags({ 'I21.0': 0.005, 'I21.4': 0.3 }, { 'I21.0': [match('heart attack', 0.6)] })).toEqual([
      expect.objectContaining({ kind: 'wrong', code: 'I21.0', alternative: null }),
    ])
  })

  it('reports nothing for a record without names, and nothing below the support floor', () => {
    expect(flags({ 'I21.0': 0.9 }, {})).toEqual([])
    expect(flags({ 'I21.0': FLAG_MIN_SUPPORT / 2, 'E11.9': 0.9 }, { 'E11.9': [match('T2DM')] })).toEqual([])
  })
})
