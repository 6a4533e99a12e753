import { describe, expect, it } from 'vitest'
import { cohenKappa, kappaTables, microScores, primaryAgreement } from './agreement.js'

const pair = (first: string[], second: string[], firstPrimary?: string, secondPrimary?: string) => ({
  first: new Set(first),
  second: new Set(second),
  firstPrimary: firstPrimary ?? null,
  secondPrimary: secondPrimary ?? null,
})

describe('agreement between two codings', () => {
  it("computes Cohen's kappa as worked by hand", () => {
    // 10 records: both 4, only first 1, only second 2, neither 3.
    // p_o = 7/10 = 0.7; p_e = (5·6 + 5·4)/100 = 0.5; κ = 0.2/0.5 = 0.4.
    expect(cohenKappa({ both: 4, firstOnly: 1, secondOnly: 2, neither: 3 })).toBeCloseTo(0.4, 12)
    expect(cohenKappa({ both: 5, firstOnly: 0, secondOnly: 0, neither: 5 })).toBe(1)
    // Chance-level: p_o = 0.5, p_e = 0.5.
    expect(cohenKappa({ both: 1, firstOnly: 1, secondOnly: 1, neither: 1 })).toBe(0)
    // Undefined where both coders always (or never) chose the code.
    expect(cohenKappa({ both: 3, firstOnly: 0, secondOnly: 0, neither: 0 })).toBeNull()
    expect(cohenKappa({ both: 0, firstOnly: 0, secondOnly: 0, neither: 0 })).toBeNull()
  })

  it('builds each code’s 2×2 table over all double-coded records', () => {
    const tables = kappaTables([pair(['I10', 'E11.9'], ['I10']), pair(['I10'], ['I10', 'J18.9']), pair([], ['E11.9'])])
    expect(tables.get('I10')).toEqual({ both: 2, firstOnly: 0, secondOnly: 0, neither: 1 })
    expect(tables.get('E11.9')).toEqual({ both: 0, firstOnly: 1, secondOnly: 1, neither: 1 })
    expect(tables.get('J18.9')).toEqual({ both: 0, firstOnly: 0, secondOnly: 1, neither: 2 })
  })

  it('micro-averages F1 over (record, code) pairs, and counts primary agreement', () => {
    // first: 3 codes, second: 4 codes, shared: 2 → P 2/3, R 2/4, F1 = 4/7.
    const pairs = [pair(['I10', 'E11.9'], ['I10', 'E11.9', 'E78.5'], 'I10', 'E11.9'), pair(['J18.9'], ['R51'], 'J18.9', 'R51')]
    expect(microScores(pairs)).toEqual({ precision: 1 / 1.5, recall: 0.5, f1: 4 / 7 })
    expect(primaryAgreement(pairs)).toBe(0)
    expect(primaryAgreement([pair(['I10'], ['I10'], 'I10', 'I10'), pair(['A'], ['B'])])).toBe(1)
    expect(primaryAgreement([])).toBeNull()
    expect(microScores([])).toEqual({ precision: 0, recall: 0, f1: 0 })
  })
})
