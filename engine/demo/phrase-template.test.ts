import { describe, expect, it } from 'vitest'
import { fillTemplate } from './phrase-template.js'
import { SeededRandom } from '../random/seeded-random.js'

describe('fillTemplate', () => {
  it('fills slots, capitalising a slot written with a capital', () => {
    const random = new SeededRandom(1)
    expect(fillTemplate('{Name} for {years} years.', random, { name: 'type 2 diabetes', years: '8' })).toBe('Type 2 diabetes for 8 years.')
    expect(fillTemplate('否认{name}病史。', random, { name: '冠心病' })).toBe('否认冠心病病史。')
  })

  it('leaves a slot without a value as written', () => {
    expect(fillTemplate('Known {name}.', new SeededRandom(1))).toBe('Known {name}.')
  })

  it('draws numbers within the range, with the decimals of its bounds', () => {
    const random = new SeededRandom(2)
    const values = Array.from({ length: 500 }, () => fillTemplate('{7.0..11.5}', random))
    for (const value of values) {
      expect(value).toMatch(/^\d+\.\d$/)
      expect(Number(value)).toBeGreaterThanOrEqual(7)
      expect(Number(value)).toBeLessThanOrEqual(11.5)
    }
    expect(values).toContain('7.0')
    expect(values).toContain('11.5')
    const negative = fillTemplate('T-score {-3.8..-2.5}', random)
    expect(Number(negative.slice(8))).toBeLessThanOrEqual(-2.5)
    expect(Number(negative.slice(8))).toBeGreaterThanOrEqual(-3.8)
    expect(fillTemplate('{3..3} days', random)).toBe('3 days')
  })

  it('chooses among alternatives, including an empty one, and fills inside the choice', () => {
    const random = new SeededRandom(3)
    const seen = new Set(Array.from({ length: 200 }, () => fillTemplate('Smoked[, quit {2..2} years ago|].', random)))
    expect([...seen].sort()).toEqual(['Smoked, quit 2 years ago.', 'Smoked.'])
  })

  it('fills ranges and alternatives held in a slot value', () => {
    const text = fillTemplate('Takes {med}.', new SeededRandom(4), { med: '[levothyroxine|thyroxine] {50..50} μg daily' })
    expect(['Takes levothyroxine 50 μg daily.', 'Takes thyroxine 50 μg daily.']).toContain(text)
  })
})
