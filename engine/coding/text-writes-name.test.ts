import { describe, expect, it } from 'vitest'
import { comparable, textWritesName } from './text-writes-name.js'

describe('textWritesName', () => {
  const history = comparable('否认传染病史。高血压1级（高危）病史14年，规律服用缬沙坦。')

  it('finds a name the text writes out, whatever its brackets, width and spacing', () => {
    expect(textWritesName(history, '高血压1级(高危)')).toBe(true)
    expect(textWritesName(history, '高血压 1级 （高危）')).toBe(true)
    expect(textWritesName(comparable('Known Type 2 diabetes mellitus, on metformin.'), 'type 2 diabetes-mellitus')).toBe(true)
  })

  it('does not find a name the text does not write, nor a different grade or risk', () => {
    expect(textWritesName(history, '高血压3级(中危)')).toBe(false)
    expect(textWritesName(history, '高血压1级(极高危)')).toBe(false)
  })

  it('never counts a name too short to stand alone', () => {
    expect(textWritesName(comparable('高血压病史'), '高血')).toBe(false)
    expect(textWritesName(comparable('HTN, T2DM'), 'T2DM')).toBe(false)
  })
})
