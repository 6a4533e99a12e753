import { describe, expect, it } from 'vitest'
import { chooseThreshold } from './choose-threshold.js'
import { evaluateCoding } from './evaluate-coding.js'
import type { ScoredRecord } from './score-grid.js'

function record(gold: string[], scores: Record<string, number>): ScoredRecord {
  return { gold: new Set(gold), scores: new Map(Object.entries(scores)) }
}

// Dev split, 3 records × 4 codes (as in evaluate-coding.test.ts). 5 gold cells.
const codes = ['A', 'B', 'C', 'D']
const dev = [
  record(['A', 'B'], { A: 0.9, B: 0.4, C: 0.6, D: 0.1 }),
  record(['C'], { A: 0.8, B: 0.2, C: 0.7, D: 0.3 }),
  record(['A', 'D'], { A: 0.5, B: 0.3, C: 0.2, D: 0.6 }),
]

describe('chooseThreshold', () => {
  it('picks the threshold with the best micro-F1 on the split', () => {
    // F1 = 2·TP / (predicted + 5) at each distinct score, predicting scores ≥ t:
    //   0.9: 2/6   0.8: 2/7   0.7: 4/8   0.6: 6/10   0.5: 8/11
    //   0.4: 10/12 (best)     0.3: 10/14   0.2: 10/16   0.1: 10/17
    const chosen = chooseThreshold(dev, codes, { scope: 'restricted' })
    expect(chosen.threshold).toBe(0.4)
    expect(chosen.f1).toBeCloseTo(10 / 12, 12)
  })

  it('reports the same F1 evaluateCoding finds at that threshold, and the threshold carries to a test split', () => {
    const chosen = chooseThreshold(dev, codes, { scope: 'restricted' })
    expect(evaluateCoding(dev, codes, { threshold: chosen.threshold, scope: 'restricted' }).micro_f1).toBe(chosen.f1)
    // Test: predicted at ≥ 0.4 → R1 A (TP), R1 B (FP), R2 C (TP); R2 D at 0.35 missed. P 2/3, R 2/3.
    const test = [record(['A'], { A: 0.45, B: 0.41, C: 0.1, D: 0.2 }), record(['C', 'D'], { A: 0.3, B: 0.2, C: 0.9, D: 0.35 })]
    const report = evaluateCoding(test, codes, { threshold: chosen.threshold, scope: 'restricted' })
    expect(report.threshold).toBe(0.4)
    expect(report.micro_f1).toBeCloseTo(2 / 3, 12)
  })

  it('keeps the higher threshold when two give the same F1', () => {
    // Ranked A 0.9 (gold), B 0.7, D 0.6, C 0.4 (gold). At 0.9: 2·1/(1 + 2) = 2/3; at 0.4: 2·2/(4 + 2) = 2/3.
    const chosen = chooseThreshold([record(['A', 'C'], { A: 0.9, B: 0.7, D: 0.6, C: 0.4 })], codes, { scope: 'restricted' })
    expect(chosen.threshold).toBe(0.9)
    expect(chosen.f1).toBeCloseTo(2 / 3, 12)
  })

  it('counts gold codes the model never scored against F1 over all codes', () => {
    // Codes A, B; R1 gold A and RARE (unscored), R2 gold B.
    // Restricted, 2 gold: at 0.8 TP 2, predicted 2 → F1 1.
    // All codes, 3 gold: at 0.8 → 4/5; at 0.3 → 4/6; at 0.9 → 2/4. Best 0.8 with 4/5.
    const records = [record(['A', 'RARE'], { A: 0.9, B: 0.2 }), record(['B'], { A: 0.3, B: 0.8 })]
    expect(chooseThreshold(records, ['A', 'B'], { scope: 'restricted' })).toEqual({ threshold: 0.8, f1: 1 })
    const overAll = chooseThreshold(records, ['A', 'B'], { scope: 'all-codes' })
    expect(overAll.threshold).toBe(0.8)
    expect(overAll.f1).toBeCloseTo(4 / 5, 12)
  })

  it('returns threshold 1 and F1 0 when no threshold finds a gold code', () => {
    expect(chooseThreshold([record([], { A: 0.7, B: 0.2 })], ['A', 'B'], { scope: 'restricted' })).toEqual({ threshold: 1, f1: 0 })
  })
})
