import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../contract/result.js'
import { choiceOption, numberOption, requireNumber } from './command.js'

function failure(run: () => unknown): AppFailure {
  try {
    run()
  } catch (error) {
    if (error instanceof AppFailure) return error
    throw error
  }
  throw new Error('expected an AppFailure')
}

describe('shared option parsing', () => {
  it('reads a number within its range, and nothing when the option is absent', () => {
    expect(numberOption({ share: '0.25' }, 'share', { min: 0, max: 1 })).toBe(0.25)
    expect(numberOption({}, 'share', { min: 0, max: 1 })).toBeUndefined()
    expect(numberOption({ share: '' }, 'share', { min: 0, max: 1 })).toBeUndefined()
  })

  it.each([
    ['abc', /--seed must be a whole number from 0 to 10, not "abc"/],
    ['11', /from 0 to 10/],
    ['-1', /from 0 to 10/],
    ['2.5', /whole number/],
    ['Infinity', /whole number/],
  ])('refuses --seed %s as invalid input, naming the option and the range', (text, message) => {
    const refused = failure(() => numberOption({ seed: text }, 'seed', { min: 0, max: 10, whole: true }))
    expect(refused.code).toBe('invalid-input')
    expect(refused.message).toMatch(message)
  })

  it('requires a number that has neither a value nor a default', () => {
    expect(requireNumber({ limit: '5' }, 'limit', { min: 1, max: 10, whole: true })).toBe(5)
    expect(failure(() => requireNumber({}, 'limit', { min: 1, max: 10 })).message).toBe('--limit is required.')
  })

  it('takes one of the listed words and names them when refusing another', () => {
    expect(choiceOption({ split: 'test' }, 'split', ['dev', 'test'] as const)).toBe('test')
    expect(choiceOption({}, 'split', ['dev', 'test'] as const)).toBeUndefined()
    expect(failure(() => choiceOption({ split: 'train' }, 'split', ['dev', 'test'] as const)).message).toBe('--split must be dev or test, not "train".')
    expect(failure(() => choiceOption({ format: 'xml' }, 'format', ['csv', 'jsonl', 'json'] as const)).message).toBe(
      '--format must be one of csv, jsonl, json, not "xml".',
    )
  })
})
