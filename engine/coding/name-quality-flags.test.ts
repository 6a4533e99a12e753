import { describe, expect, it } from 'vitest'
import type { NameMatch } from './coding-model.js'
import { FLAG_MIN_SUPPORT, isFlagShown, nameQualityFlags, type FlagInput } from './name-quality-flags.js'

// A small hierarchy: chapter IX > I20-I25 > I21 > I21.0, I21.4; I25 > I25.1; chapter IV > E10-E14 > E11 > E11.2, E11.9;
// IV > E70-E90 > E78 > E78.5; XV > O20-O29 > O24 > O24.4.
const PARENT: Record<string, string> = {
  'I20-I25': 'IX',
  I21: 'I20-I25',
  'I21.0': 'I21',
  'I21.4': 'I21',
  I25: 'I20-I25',
  'I25.1': 'I25',
  'E10-E14': 'IV',
  E11: 'E10-E14',
  'E11.2': 'E11',
  'E11.9': 'E11',
  'E70-E90': 'IV',
  E78: 'E70-E90',
  'E78.5': 'E78',
  'O20-O29': 'XV',
  O24: 'O20-O29',
  'O24.4': 'O24',
}
const HEADINGS = new Set(['IX', 'I20-I25', 'I21', 'I25', 'IV', 'E10-E14', 'E11', 'E70-E90', 'E78', 'XV', 'O20-O29', 'O24'])

function ancestors(code: string): string[] {
  const chain: string[] = []
  for (let parent = PARENT[code]; parent !== undefined; parent = PARENT[parent]) chain.push(parent)
  return chain
}

function match(name: string, confidence = 0.9): NameMatch {
  return { name, matchedTerm: name, confidence, primaryName: false }
}

/** `unknownToText`: codes outside the text model's label space (it never scores them). */
function flags(
  record: Record<string, number>,
  names: Record<string, NameMatch[]>,
  {
    unknownToText = [],
    namesExpected = false,
    prevalence = {},
  }: { unknownToText?: readonly string[]; namesExpected?: boolean; prevalence?: Record<string, number> } = {},
): ReturnType<typeof nameQualityFlags> {
  // As the coding model combines them: 1 − (1 − record)(1 − best name confidence).
  const probability = new Map(Object.entries(record))
  for (const [code, matches] of Object.entries(names)) {
    const name = Math.max(...matches.map((entry) => entry.confidence))
    probability.set(code, 1 - (1 - (probability.get(code) ?? 0)) * (1 - name))
  }
  const input: FlagInput = {
    recordProbability: new Map(Object.entries(record)),
    namesExpected,
    probability,
    nameMatches: new Map(Object.entries(names)),
    ancestors,
    assignable: (code) => code in PARENT && !HEADINGS.has(code),
    textKnows: (code) => !unknownToText.includes(code),
    prevalence: (code) => prevalence[code] ?? 10,
    assignableUnder: (code) => Object.keys(PARENT).filter((other) => !HEADINGS.has(other) && ancestors(other).includes(code)),
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

  it('does not call a code missing when a name covers it, its heading, a code under it, or a neighbour (a wrong name at worst)', () => {
    expect(flags({ 'E11.9': 0.8 }, { E11: [match('diabetes', 0.3)] })).toEqual([])
    // The neighbour of a name's code is that name's alternative (a wrong flag), not a missing name.
    expect(flags({ 'I21.4': 0.8 }, { 'I21.0': [match('anterior STEMI', 0.9)] }).map((flag) => flag.kind)).toEqual(['wrong'])
    // A joined name ("T2DM and HTN") matches each part, the second less surely: both are covered.
    expect(flags({ 'E11.9': 0.9, 'E78.5': 0.9 }, { 'E11.9': [match('T2DM and HLD', 0.9)], 'E78.5': [match('T2DM and HLD', 0.25)] })).toEqual([])
    // A vague name ("prostate problem") matches its condition only weakly: the code is vague at worst, not missing.
    expect(flags({ 'E78.5': 0.9 }, { 'E78.5': [match('cholesterol problem', 0.12)] })).toEqual([])
  })

  it('calls a name whose best match is a heading vague, offering the most probable code under it', () => {
    const found = flags({ 'I21.4': 0.7, I21: 0.2 }, { I21: [match('heart attack', 0.8)], 'E11.9': [match('T2DM')] })
    expect(found).toEqual([
      { kind: 'vague', name: 'heart attack', code: 'I21', title: 'title of I21', specificCode: 'I21.4', specificTitle: 'title of I21.4', support: 0.7 },
    ])
  })

  it('takes a name that matches a heading and, nearly as well, a code under it as naming the code (not vague)', () => {
    // "acute appendicitis" is the title of K35 and a name of K35.8: the coder wrote the code.
    expect(flags({ 'E11.9': 0.9 }, { E11: [match('2型糖尿病', 0.9993)], 'E11.9': [match('2型糖尿病', 0.9989)] })).toEqual([])
    expect(flags({ 'E11.9': 0.9 }, { E11: [match('diabetes', 0.99)], 'E11.9': [match('diabetes', 0.7)] })).toEqual([
      expect.objectContaining({ kind: 'vague', name: 'diabetes', code: 'E11', specificCode: 'E11.9' }),
    ])
  })

  it('leaves a heading alone when another name is already more specific under it', () => {
    expect(flags({ 'I21.4': 0.3 }, { I21: [match('heart attack', 0.99)], 'I21.4': [match('NSTEMI', 0.9)] })).toEqual([])
  })

  it('calls a confident name wrong when the text speaks against its code and supports a neighbour no name covers', () => {
    const found = flags({ 'I21.0': 0.005, 'I21.4': 0.8, 'E11.9': 0.6 }, { 'I21.0': [match('anterior STEMI', 0.95)], 'E11.9': [match('T2DM')] })
    expect(found).toEqual([
      { kind: 'wrong', name: 'anterior STEMI', code: 'I21.0', title: 'title of I21.0', support: 0.005, alternative: { code: 'I21.4', title: 'title of I21.4', support: 0.8 } },
    ])
    // Weak support for the name's own code still reads as wrong when the neighbour has five times as much.
    expect(flags({ 'E11.2': 0.12, 'E11.9': 0.76 }, { 'E11.2': [match('DKD')] })).toEqual([expect.objectContaining({ kind: 'wrong', name: 'DKD', alternative: expect.objectContaining({ code: 'E11.9' }) })])
  })

  it('judges a name by its best match only: a faint secondary match is never called wrong (T2DM → E11.9, not O24.4)', () => {
    expect(flags({ 'E11.9': 0.95, 'O24.4': 0.0, 'I21.4': 0.01 }, { 'E11.9': [match('T2DM', 0.995)], 'O24.4': [match('T2DM', 0.75)] })).toEqual([])
  })

  it('does not call a name wrong when the doubt is the mapper\'s, or the text offers nothing instead', () => {
    expect(flags({ 'I21.0': 0.005, 'I21.4': 0.8 }, { 'I21.0': [match('stemi?', 0.4)], 'I21.4': [match('stemi?', 0.3)] })).toEqual([])
    expect(flags({ 'I21.0': 0.005, 'E11.9': 0.6 }, { 'I21.0': [match('anterior STEMI', 0.95)], 'E11.9': [match('T2DM')] })).toEqual([])
    // The text supports the name's own code too much to contradict it.
    expect(flags({ 'I21.0': 0.35, 'I21.4': 0.9 }, { 'I21.0': [match('anterior STEMI', 0.95)] })).toEqual([])
  })

  it('does not read the text\'s silence about a code it never learned as a contradiction', () => {
    const record = { 'I21.4': 0.8 }
    const names = { 'I21.0': [match('anterior STEMI', 0.95)] }
    expect(flags(record, names).map((flag) => flag.kind)).toEqual(['wrong'])
    expect(flags(record, names, { unknownToText: ['I21.0'] })).toEqual([])
  })

  it('leaves a name that matches the text\'s choice as well as its own code to the mapper (mapping uncertain), and calls it wrong when the match is clearly weaker', () => {
    expect(flags({ 'I21.0': 0.05, 'I21.4': 0.6 }, { 'I21.0': [match('acute MI', 1)], 'I21.4': [match('acute MI', 0.97)] })).toEqual([])
    expect(flags({ 'I21.0': 0.005, 'I21.4': 0.8 }, { 'I21.0': [match('anterior STEMI', 1)], 'I21.4': [match('anterior STEMI', 0.6)] })).toEqual([
      expect.objectContaining({ kind: 'wrong', name: 'anterior STEMI', alternative: expect.objectContaining({ code: 'I21.4' }) }),
    ])
  })

  it('calls a neighbour in another category of the block wrong only where the text is silent on the name\'s code and sure of the neighbour', () => {
    // An old MI and coronary disease (I21.0 and I25.1) are as often two conditions as one misnamed.
    expect(flags({ 'I21.0': 0.04, 'I25.1': 0.8 }, { 'I21.0': [match('anterior STEMI', 0.95)] })).toEqual([])
    expect(flags({ 'I21.0': 0.005, 'I25.1': 0.5 }, { 'I21.0': [match('anterior STEMI', 0.95)] })).toEqual([])
    expect(flags({ 'I21.0': 0.005, 'I25.1': 0.8 }, { 'I21.0': [match('anterior STEMI', 0.95)] })).toEqual([
      expect.objectContaining({ kind: 'wrong', name: 'anterior STEMI', alternative: expect.objectContaining({ code: 'I25.1' }) }),
    ])
  })

  it('does not call a rare code\'s name wrong because the text prefers the commoner sibling no more than the base rates do', () => {
    const record = { 'I21.0': 0.04, 'I21.4': 0.5 }
    const names = { 'I21.0': [match('anterior STEMI', 0.95)] }
    // Equally common: the text's 1 : 12 against the name is a contradiction.
    expect(flags(record, names).map((flag) => flag.kind)).toEqual(['wrong'])
    // I21.4 twenty times as common: 1 : 12 is less than the base rates expect.
    expect(flags(record, names, { prevalence: { 'I21.0': 5, 'I21.4': 100 } })).toEqual([])
  })

  it('calls every code the record supports missing when it shows no name where names are the rule', () => {
    expect(flags({ 'I21.0': 0.9, 'E11.9': 0.3 }, {}, { namesExpected: true })).toEqual([{ kind: 'missing', code: 'I21.0', title: 'title of I21.0', support: 0.9 }])
  })

  it('reports nothing for a record without names, and no missing code below the support floor', () => {
    expect(flags({ 'I21.0': 0.9 }, {})).toEqual([])
    expect(flags({ 'I21.0': FLAG_MIN_SUPPORT / 2, 'E11.9': 0.9 }, { 'E11.9': [match('T2DM')] })).toEqual([])
  })

  it('shows every vague and wrong flag, and missing ones whose support reaches the threshold', () => {
    const missing = { kind: 'missing', code: 'I21.0', title: '', support: 0.55 } as const
    expect(isFlagShown(missing, 0.5)).toBe(true)
    expect(isFlagShown(missing, 0.6)).toBe(false)
    expect(isFlagShown({ kind: 'wrong', name: 'x', code: 'I21.0', title: '', support: 0, alternative: null }, 0.9)).toBe(true)
  })
})
