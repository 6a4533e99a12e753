import { describe, expect, it } from 'vitest'
import { compareQualifiers, extendsHead, qualifiersOf } from './clinical-qualifiers.js'
import { normaliseText } from './text-features.js'

const compare = (part: string, title: string) => compareQualifiers(normaliseText(part), normaliseText(title))

describe('qualifiersOf', () => {
  it('reads grade, risk, type, stage, acuity, side and status', () => {
    expect(qualifiersOf(normaliseText('高血压病3级（很高危）'))).toMatchObject({ grade: 3, risk: 4 })
    expect(qualifiersOf(normaliseText('Ⅱ型糖尿病'))).toMatchObject({ type: 2 })
    expect(qualifiersOf(normaliseText('慢性肾脏病IV期'))).toMatchObject({ stage: 4, acuity: 'chronic' })
    expect(qualifiersOf(normaliseText('慢阻肺急性加重'))).toMatchObject({ acuity: 'acute', exacerbation: true })
    expect(qualifiersOf(normaliseText('右肺上叶恶性肿瘤'))).toMatchObject({ side: 'right' })
    expect(qualifiersOf(normaliseText('脑梗死病史')).status).toBe('history')
    expect(qualifiersOf(normaliseText('胆囊切除术后')).status).toBe('post-procedure')
    expect(qualifiersOf(normaliseText('不稳定型心绞痛')).negated).toEqual(['稳定'])
  })
})

describe('compareQualifiers', () => {
  it('calls 不稳定型心绞痛 and 稳定型心绞痛 opposites (the 43-of-44 mislabel of issue 17)', () => {
    expect(compare('不稳定型心绞痛', '稳定型心绞痛').negationConflict).toBe(1)
    expect(compare('稳定型心绞痛', '不稳定型心绞痛').negationConflict).toBe(1)
    expect(compare('不稳定型心绞痛', '不稳定型心绞痛')).toMatchObject({ negationConflict: 0, agreements: 1 })
  })

  it('matches 很高危 with 极高危 and finds a wrong grade or risk', () => {
    expect(compare('高血压3级（很高危）', '高血压病3级（极高危）')).toMatchObject({ agreements: 2, conflicts: 0 })
    expect(compare('高血压3级（很高危）', '高血压病3级（高危）')).toMatchObject({ agreements: 1, conflicts: 1 })
    // The generic title says less than the name: two qualifiers missing.
    expect(compare('高血压3级（很高危）', '高血压')).toMatchObject({ missing: 2, conflicts: 0 })
  })

  it('tells 1型 from 2型 and notices a title more specific than the name', () => {
    expect(compare('2型糖尿病', '1型糖尿病').conflicts).toBe(1)
    expect(compare('糖尿病', '2型糖尿病').extra).toBe(1)
  })

  it('flags a history item against an active-disease title', () => {
    expect(compare('脑梗死病史', '脑梗死').statusMismatch).toBe(1)
    expect(compare('脑梗死病史', '脑梗死个人史').statusMismatch).toBe(0)
  })

  it('tells sides apart', () => {
    expect(compare('右肺上叶癌', '左肺上叶恶性肿瘤').conflicts).toBe(1)
  })
})

describe('extendsHead', () => {
  it('sees 肺结节病 as 肺结节 with another head, and modifiers before the head as no change', () => {
    expect(extendsHead('肺结节病', '肺结节')).toBe(1)
    expect(extendsHead('孤立性肺结节', '肺结节')).toBe(0)
    expect(extendsHead('2型糖尿病伴有肾的并发症', '2型糖尿病')).toBe(1)
    expect(extendsHead('高血压', '糖尿病')).toBe(0)
  })
})
