import { describe, expect, it } from 'vitest'
import { ageAt, parseAgeYears, parseSex } from './patient-demographics.js'

describe('reading the patient sex', () => {
  it('reads words, letters, Chinese and the GB/T 2261.1 digits', () => {
    for (const text of ['M', 'male', ' Male ', '男', '男性', '1']) expect(parseSex(text)).toEqual({ value: 'male' })
    for (const text of ['F', 'female', '女', '女性', '2']) expect(parseSex(text)).toEqual({ value: 'female' })
  })

  it('takes "not known" for unknown rather than guessing', () => {
    for (const text of ['0', '9', 'unknown', 'U', '未知', '未说明的性别']) expect(parseSex(text)).toEqual({ value: null })
  })

  it('refuses a value it cannot read, naming it', () => {
    expect(parseSex('X7')).toEqual({ problem: expect.stringContaining('"X7" is not a sex') })
  })
})

describe('reading the age', () => {
  it('reads whole years with or without a unit', () => {
    expect(parseAgeYears('74')).toEqual({ value: 74 })
    expect(parseAgeYears('74岁')).toEqual({ value: 74 })
    expect(parseAgeYears('3 years')).toEqual({ value: 3 })
    expect(parseAgeYears('0')).toEqual({ value: 0 })
  })

  it('refuses fractions, words and impossible ages', () => {
    for (const text of ['7.5', 'old', '151', '-3']) expect(parseAgeYears(text)).toHaveProperty('problem')
  })

  it('gives years and days from a birth date at admission, birthdays counted exactly', () => {
    expect(ageAt('1950-06-15', '2024-06-14')).toEqual({ value: { years: 73, days: 27028 } })
    expect(ageAt('1950-06-15', '2024-06-15T08:00:00')).toEqual({ value: { years: 74, days: 27029 } })
    expect(ageAt('2024-03-01', '2024-03-11')).toEqual({ value: { years: 0, days: 10 } })
  })

  it('refuses an admission before the birth', () => {
    expect(ageAt('2024-03-11', '2024-03-01')).toEqual({ problem: 'admitted 2024-03-01 before born 2024-03-11' })
  })
})
