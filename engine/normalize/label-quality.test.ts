import { describe, expect, it } from 'vitest'
import { labelQuality } from './label-quality.js'

describe('labelQuality', () => {
  const gold = new Map([
    [1, { codes: new Set(['I10.x00x032', 'E11.900']), primary: 'I10.x00x032' }],
    [2, { codes: new Set(['J44.100']), primary: 'J44.100' }],
  ])
  const labels = [
    { recordId: 1, code: 'I10.x00x031', confidence: 0.95, accepted: true },
    { recordId: 1, code: 'E11.900', confidence: 0.99, accepted: true },
    { recordId: 2, code: 'J44.100', confidence: 0.72, accepted: true },
    { recordId: 2, code: 'J44.900', confidence: 0.31, accepted: false },
  ]

  it('scores accepted labels per record at the full code, 7 characters and the category (hand-computed)', () => {
    const quality = labelQuality(labels, gold)
    // Full: 2 right of 3 accepted, 2 of 3 gold found.
    expect(quality.full).toEqual({ precision: 0.6667, recall: 0.6667, f1: 0.6667 })
    // I10.x00x031 and I10.x00x032 share I10.x00: all 3 right.
    expect(quality.sevenCharacters).toEqual({ precision: 1, recall: 1, f1: 1 })
    expect(quality.category).toEqual({ precision: 1, recall: 1, f1: 1 })
    expect(quality.primary).toEqual({ records: 2, recall: 0.5, categoryRecall: 1 })
  })

  it('draws the reliability curve over every stored label, accepted or not, with its calibration error', () => {
    const quality = labelQuality(labels, gold)
    expect(quality.reliability).toEqual([
      { from: 0.3, to: 0.4, count: 1, meanConfidence: 0.31, accuracy: 0 },
      { from: 0.7, to: 0.8, count: 1, meanConfidence: 0.72, accuracy: 1 },
      { from: 0.9, to: 1, count: 2, meanConfidence: 0.97, accuracy: 0.5 },
    ])
    // (|0 - 0.31| + |1 - 0.72| + |1 - 1.94|) / 4
    expect(quality.calibrationError).toBeCloseTo((0.31 + 0.28 + 0.94) / 4, 4)
  })
})
