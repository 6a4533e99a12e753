import { describe, expect, it } from 'vitest'
import { evaluateCoding } from './evaluate-coding.js'
import { buildScoreGrid, type ScoredRecord } from './score-grid.js'

function record(gold: string[], scores: Record<string, number>): ScoredRecord {
  return { gold: new Set(gold), scores: new Map(Object.entries(scores)) }
}

// Evaluated codes A, B. R1 also has the gold code RARE, which the model never scores.
//        A     B     RARE    gold
//   R1  0.9   0.2    —      A, RARE
//   R2  0.3   0.8    —      B
const codes = ['A', 'B']
const records = [record(['A', 'RARE'], { A: 0.9, B: 0.2 }), record(['B'], { A: 0.3, B: 0.8 })]

describe('code scope', () => {
  it('ignores gold codes outside the code list when restricted', () => {
    // TP = R1A, R2B; no FP, no FN. Positives 0.9, 0.8 beat negatives 0.2, 0.3.
    const report = evaluateCoding(records, codes, { threshold: 0.5, scope: 'restricted' })
    expect(report).toMatchObject({ code_count: 2, precision: 1, recall: 1, micro_f1: 1, micro_auc: 1, map: 1 })
  })

  it('counts a gold code the model never scored as missed, at score 0, over all codes', () => {
    const report = evaluateCoding(records, codes, { threshold: 0.5, scope: 'all-codes' })
    // RARE joins the label space. TP 2, FP 0, FN 1 (R1 RARE): P 1, R 2/3, F1 4/(4 + 1) = 4/5.
    expect(report.code_count).toBe(3)
    expect(report.precision).toBe(1)
    expect(report.recall).toBeCloseTo(2 / 3, 12)
    expect(report.micro_f1).toBeCloseTo(4 / 5, 12)
    // Positives 0.9, 0.8, 0 (R1 RARE); negatives 0.2, 0.3, 0 (R2 RARE).
    // 0.9 → 3, 0.8 → 3, 0 → ½ (tie with R2 RARE). 6.5 / 9 = 13/18.
    expect(report.micro_auc).toBeCloseTo(13 / 18, 12)
    // A → 1, B → 1, RARE: 0 vs 0 → ½. (1 + 1 + ½)/3 = 5/6.
    expect(report.macro_auc).toBeCloseTo(5 / 6, 12)
    // R1 ranks A, B, RARE: AP = (1/1 + 2/3)/2 = 5/6. R2: AP 1. MAP = 11/12.
    expect(report.map).toBeCloseTo(11 / 12, 12)
  })

  it('keeps an unscored gold code missed even at threshold 0, where every scored code is predicted', () => {
    // Predicted: all four scored cells. TP 2, FP 2 (R1B, R2A), FN 1 (R1 RARE).
    const report = evaluateCoding(records, codes, { threshold: 0, scope: 'all-codes' })
    expect(report.precision).toBe(0.5)
    expect(report.recall).toBeCloseTo(2 / 3, 12)
  })

  it('uses the model score of a gold code outside the list when the model did score it', () => {
    const scoredRare = [record(['A', 'RARE'], { A: 0.9, B: 0.2, RARE: 0.7 }), record(['B'], { A: 0.3, B: 0.8, RARE: 0.1 })]
    const report = evaluateCoding(scoredRare, codes, { threshold: 0.5, scope: 'all-codes' })
    expect(report).toMatchObject({ code_count: 3, micro_f1: 1, micro_auc: 1 })
  })

  it('leaves a record whose only gold codes are outside the list out of the ranking metrics', () => {
    const outside = [...records, record(['RARE'], { A: 0.6, B: 0.1 })]
    const report = evaluateCoding(outside, codes, { threshold: 0.5, scope: 'restricted' })
    expect(report.records_without_gold).toBe(1)
    expect(report.map).toBe(1)
    // Its predicted A still counts as a false positive: P = 2/3.
    expect(report.precision).toBeCloseTo(2 / 3, 12)
  })
})

describe('buildScoreGrid', () => {
  it('lays the extra gold codes out after the code list, in code order', () => {
    const grid = buildScoreGrid([record(['Z9', 'A'], {}), record(['M1'], {})], ['B', 'A'], 'all-codes')
    expect(grid.codes).toEqual(['B', 'A', 'M1', 'Z9'])
    expect([...grid.gold]).toEqual([0, 1, 0, 1, 0, 0, 1, 0])
  })

  it('rejects a score that is not a probability', () => {
    expect(() => buildScoreGrid([record([], { A: Number.NaN })], ['A'], 'restricted')).toThrow(RangeError)
    expect(() => buildScoreGrid([record([], { A: 1.5 })], ['A'], 'restricted')).toThrow(RangeError)
  })

  it('rejects a code listed twice, which would count its gold twice', () => {
    expect(() => buildScoreGrid([record(['A'], { A: 0.5 })], ['A', 'A'], 'restricted')).toThrow(RangeError)
  })
})
