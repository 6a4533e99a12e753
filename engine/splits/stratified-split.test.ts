import { describe, expect, it } from 'vitest'
import { desiredCounts, stratifiedSplit, type SplitCandidate } from './stratified-split.js'

function corpus(): SplitCandidate[] {
  const records: SplitCandidate[] = []
  let id = 0
  // A common code on 400 records, a mid code on 40, three rare codes on 3, 4 and 2 records, 100 records without codes.
  for (let index = 0; index < 400; index += 1) records.push({ id: id++, codes: index < 40 ? ['COMMON', 'MID'] : ['COMMON'] })
  for (const [code, count] of [['RARE3', 3], ['RARE4', 4], ['RARE2', 2]] as const) {
    for (let index = 0; index < count; index += 1) records.push({ id: id++, codes: [code] })
  }
  for (let index = 0; index < 100; index += 1) records.push({ id: id++, codes: [] })
  return records
}

function countBy(records: SplitCandidate[], split: Map<number, string>, code: string): Record<string, number> {
  const counts: Record<string, number> = { train: 0, dev: 0, test: 0 }
  for (const record of records) if (record.codes.includes(code)) counts[split.get(record.id) as string] = (counts[split.get(record.id) as string] ?? 0) + 1
  return counts
}

describe('stratifiedSplit', () => {
  it('assigns every record and keeps the overall shares within a record or two', () => {
    const records = corpus()
    const split = stratifiedSplit(records, { dev: 0.15, test: 0.15 }, 7)
    expect(split.size).toBe(records.length)
    const totals = { train: 0, dev: 0, test: 0 }
    for (const value of split.values()) totals[value] += 1
    expect(Math.abs(totals.dev - records.length * 0.15)).toBeLessThanOrEqual(2)
    expect(Math.abs(totals.test - records.length * 0.15)).toBeLessThanOrEqual(2)
  })

  it('gives a code with three records one in dev, and one with four records one in dev and one in test', () => {
    const records = corpus()
    const split = stratifiedSplit(records, { dev: 0.15, test: 0.15 }, 7)
    expect(countBy(records, split, 'RARE3')).toEqual({ train: 2, dev: 1, test: 0 })
    expect(countBy(records, split, 'RARE4')).toEqual({ train: 2, dev: 1, test: 1 })
    // Two records: both stay in train, where the model can learn the code.
    expect(countBy(records, split, 'RARE2')).toEqual({ train: 2, dev: 0, test: 0 })
  })

  it('stratifies a common code to its share in each split', () => {
    const records = corpus()
    const split = stratifiedSplit(records, { dev: 0.15, test: 0.15 }, 7)
    expect(countBy(records, split, 'MID')).toEqual({ train: 28, dev: 6, test: 6 })
    const common = countBy(records, split, 'COMMON')
    expect(common.dev).toBe(60)
    expect(common.test).toBe(60)
  })

  it('gives the same assignment for the same seed and a different one for another seed', () => {
    const records = corpus()
    const first = stratifiedSplit(records, { dev: 0.2, test: 0.1 }, 3)
    expect(stratifiedSplit(records, { dev: 0.2, test: 0.1 }, 3)).toEqual(first)
    const other = stratifiedSplit(records, { dev: 0.2, test: 0.1 }, 4)
    expect([...other].filter(([id, value]) => first.get(id) !== value).length).toBeGreaterThan(20)
  })

  it('never puts a record in a split whose share is zero', () => {
    const split = stratifiedSplit(corpus(), { dev: 0.2, test: 0 }, 1)
    expect([...split.values()].includes('test')).toBe(false)
  })

  it('refuses shares that leave nothing to train on', () => {
    expect(() => stratifiedSplit(corpus(), { dev: 0.5, test: 0.5 }, 1)).toThrow(/sum below 1/)
    expect(() => stratifiedSplit(corpus(), { dev: -0.1, test: 0.1 }, 1)).toThrow(RangeError)
  })

  it('wants at least one dev record from three records and one test record from four', () => {
    const share = { train: 0.7, dev: 0.15, test: 0.15 }
    expect(desiredCounts(2, share).dev).toBeCloseTo(0.3)
    expect(desiredCounts(3, share).dev).toBe(1)
    expect(desiredCounts(3, share).test).toBeCloseTo(0.45)
    expect(desiredCounts(4, share)).toEqual({ train: 2, dev: 1, test: 1 })
  })
})
