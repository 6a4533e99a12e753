import { describe, expect, it } from 'vitest'
import { evaluateCoding } from './evaluate-coding.js'
import type { ScoredRecord } from './score-grid.js'

function record(gold: string[], scores: Record<string, number>): ScoredRecord {
  return { gold: new Set(gold), scores: new Map(Object.entries(scores)) }
}

// 3 records × 4 codes, threshold 0.5 (a score of exactly 0.5 is predicted):
//        A     B     C     D      gold
//   R1  0.9   0.4   0.6   0.1    A, B
//   R2  0.8   0.2   0.7   0.3    C
//   R3  0.5   0.3   0.2   0.6    A, D
const codes = ['A', 'B', 'C', 'D']
const records = [
  record(['A', 'B'], { A: 0.9, B: 0.4, C: 0.6, D: 0.1 }),
  record(['C'], { A: 0.8, B: 0.2, C: 0.7, D: 0.3 }),
  record(['A', 'D'], { A: 0.5, B: 0.3, C: 0.2, D: 0.6 }),
]
const chapterOf = (code: string): string => (code === 'A' || code === 'B' ? 'I' : 'II')

describe('evaluateCoding on a hand-computed 3 × 4 case', () => {
  const report = evaluateCoding(records, codes, { threshold: 0.5, scope: 'restricted', additionalCutoffs: [1, 2], chapterOf })

  it('computes micro precision, recall and F1 at the threshold', () => {
    // Predicted: R1 A C; R2 A C; R3 A D. TP = R1A, R2C, R3A, R3D = 4; FP = R1C, R2A = 2; FN = R1B = 1.
    // P = 4/6, R = 4/5, F1 = 2·4 / (2·4 + 2 + 1) = 8/11.
    expect(report.precision).toBeCloseTo(2 / 3, 12)
    expect(report.recall).toBeCloseTo(4 / 5, 12)
    expect(report.micro_f1).toBeCloseTo(8 / 11, 12)
  })

  it('averages per-code precision, recall and F1 for the macro scores', () => {
    // A: TP 2 FP 1 FN 0 → P 2/3, R 1, F1 4/5.   B: TP 0 FP 0 FN 1 → P 0, R 0, F1 0.
    // C: TP 1 FP 1 FN 0 → P 1/2, R 1, F1 2/3.   D: TP 1 → P 1, R 1, F1 1.
    // Macro P = (2/3 + 0 + 1/2 + 1)/4 = 13/24; R = 3/4; F1 = (4/5 + 0 + 2/3 + 1)/4 = 37/60.
    expect(report.macro_precision).toBeCloseTo(13 / 24, 12)
    expect(report.macro_recall).toBeCloseTo(3 / 4, 12)
    expect(report.macro_f1).toBeCloseTo(37 / 60, 12)
    expect(report.macro_f1_codes_skipped).toBe(0)
  })

  it('computes micro AUC over all pairs, counting the 0.6 tie as a half', () => {
    // Positives 0.9, 0.4, 0.7, 0.5, 0.6; negatives 0.1, 0.2, 0.2, 0.3, 0.3, 0.6, 0.8.
    // Negatives below each positive: 0.9 → 7; 0.7 → 6; 0.6 → 5 + ½ (tie); 0.5 → 5; 0.4 → 5.
    // 28.5 / (5 × 7) = 57/70.
    expect(report.micro_auc).toBeCloseTo(57 / 70, 12)
  })

  it('computes macro AUC as the mean of per-code AUC', () => {
    // A: gold 0.9, 0.5 vs 0.8 → 1/2. B: 0.4 vs 0.2, 0.3 → 1. C: 0.7 vs 0.6, 0.2 → 1. D: 0.6 vs 0.1, 0.3 → 1.
    expect(report.macro_auc).toBeCloseTo(3.5 / 4, 12)
    expect(report.macro_auc_codes_skipped).toBe(0)
  })

  it('computes precision@k, recall@k and MAP from each record ranking', () => {
    // R1 ranks A C B D (gold at 1, 3); R2 ranks A C D B (gold at 2); R3 ranks D A B C (gold at 1, 2).
    // P@1 = (1 + 0 + 1)/3 = 2/3. P@2 = (1/2 + 1/2 + 1)/3 = 2/3.
    // R@1 = (1/2 + 0 + 1/2)/3 = 1/3. R@2 = (1/2 + 1 + 1)/3 = 5/6.
    // Only 4 codes, so the top 5 holds every gold code: P@5 = (2/5 + 1/5 + 2/5)/3 = 1/3, R@5 = 1.
    // AP: R1 (1/1 + 2/3)/2 = 5/6; R2 1/2; R3 (1/1 + 2/2)/2 = 1. MAP = (5/6 + 1/2 + 1)/3 = 7/9.
    expect(report.precision_at_1).toBeCloseTo(2 / 3, 12)
    expect(report.precision_at_2).toBeCloseTo(2 / 3, 12)
    expect(report.recall_at_1).toBeCloseTo(1 / 3, 12)
    expect(report.recall_at_2).toBeCloseTo(5 / 6, 12)
    expect(report.precision_at_5).toBeCloseTo(1 / 3, 12)
    expect(report.recall_at_5).toBeCloseTo(1, 12)
    expect(report.map).toBeCloseTo(7 / 9, 12)
    expect(report.records_without_gold).toBe(0)
  })

  it('breaks micro scores down per chapter', () => {
    // I = A + B: TP 2, FP 1, FN 1 → P 2/3, R 2/3, F1 2/3. II = C + D: TP 2, FP 1, FN 0 → P 2/3, R 1, F1 4/5.
    expect(Object.keys(report.per_chapter ?? {})).toEqual(['I', 'II'])
    const first = report.per_chapter?.I
    expect(first?.precision).toBeCloseTo(2 / 3, 12)
    expect(first?.recall).toBeCloseTo(2 / 3, 12)
    expect(first?.f1).toBeCloseTo(2 / 3, 12)
    expect(first).toMatchObject({ codes: 2, gold: 3, predicted: 3, true_positives: 2 })
    const second = report.per_chapter?.II
    expect(second?.precision).toBeCloseTo(2 / 3, 12)
    expect(second?.recall).toBeCloseTo(1, 12)
    expect(second?.f1).toBeCloseTo(4 / 5, 12)
    expect(second).toMatchObject({ codes: 2, gold: 2, predicted: 3, true_positives: 2 })
  })

  it('reports the threshold, scope and sizes', () => {
    expect(report).toMatchObject({ threshold: 0.5, scope: 'restricted', record_count: 3, code_count: 4 })
  })
})

describe('evaluateCoding', () => {
  it('gives AUC 1 and MAP 1 to a perfect ranker and AUC 0 to a reversed one', () => {
    const perfect = evaluateCoding(
      [record(['A'], { A: 0.9, B: 0.2 }), record(['B'], { A: 0.1, B: 0.8 })],
      ['A', 'B'],
      { threshold: 0.5, scope: 'restricted' },
    )
    expect(perfect).toMatchObject({ micro_auc: 1, macro_auc: 1, map: 1, micro_f1: 1, macro_f1: 1 })
    const reversed = evaluateCoding(
      [record(['A'], { A: 0.2, B: 0.9 }), record(['B'], { A: 0.8, B: 0.1 })],
      ['A', 'B'],
      { threshold: 0.5, scope: 'restricted' },
    )
    // Each gold code ranks second of two: AP = 1/2.
    expect(reversed).toMatchObject({ micro_auc: 0, macro_auc: 0, map: 0.5, micro_f1: 0, macro_f1: 0 })
  })

  it('has exactly the snake_case keys the paper tables use', () => {
    const report = evaluateCoding(records, codes, { threshold: 0.5, scope: 'restricted', additionalCutoffs: [8, 15] })
    expect(Object.keys(report).sort()).toEqual(
      [
        'scope',
        'threshold',
        'record_count',
        'code_count',
        'precision',
        'recall',
        'micro_f1',
        'macro_precision',
        'macro_recall',
        'macro_f1',
        'macro_f1_codes_skipped',
        'micro_auc',
        'macro_auc',
        'macro_auc_codes_skipped',
        'precision_at_5',
        'recall_at_5',
        'precision_at_8',
        'recall_at_8',
        'precision_at_15',
        'recall_at_15',
        'map',
        'records_without_gold',
        'per_chapter',
      ].sort(),
    )
    expect(report.per_chapter).toBeNull()
  })

  it('stays plain JSON (no NaN, Infinity or Map) when there is nothing to score', () => {
    const report = evaluateCoding([record([], {})], ['A'], { threshold: 0.5, scope: 'restricted' })
    expect(JSON.parse(JSON.stringify(report))).toEqual(report)
    expect(report).toMatchObject({ micro_f1: 0, micro_auc: null, macro_auc: null, map: null, precision_at_5: null, records_without_gold: 1 })
  })

  it('rejects a threshold outside [0, 1] and a cut-off that is not a positive whole number', () => {
    expect(() => evaluateCoding(records, codes, { threshold: 1.5, scope: 'restricted' })).toThrow(RangeError)
    expect(() => evaluateCoding(records, codes, { threshold: Number.NaN, scope: 'restricted' })).toThrow(RangeError)
    expect(() => evaluateCoding(records, codes, { threshold: 0.5, scope: 'restricted', additionalCutoffs: [0] })).toThrow(RangeError)
    expect(() => evaluateCoding(records, codes, { threshold: 0.5, scope: 'restricted', additionalCutoffs: [2.5] })).toThrow(RangeError)
  })

  // Its speed (250 × 2,000 in well under a second) is printed by `npm run bench`, not asserted here:
  // a timed unit test fails on a busy shared machine.
  it('evaluates 250 records × 2,000 codes with AUC near chance on random scores', () => {
    let state = 1
    const random = (): number => {
      // Park–Miller: enough to spread scores.
      state = (state * 48271) % 2147483647
      return state / 2147483647
    }
    const manyCodes = Array.from({ length: 2000 }, (_, index) => `C${index}`)
    const manyRecords = Array.from({ length: 250 }, () => ({
      gold: new Set(manyCodes.filter(() => random() < 0.01)),
      scores: new Map(manyCodes.map((code) => [code, random()])),
    }))
    const report = evaluateCoding(manyRecords, manyCodes, { threshold: 0.5, scope: 'all-codes', additionalCutoffs: [8, 15] })
    expect(report.code_count).toBe(2000)
    // Random scores: AUC near chance.
    expect(report.micro_auc).toBeGreaterThan(0.45)
    expect(report.micro_auc).toBeLessThan(0.55)
  })
})
