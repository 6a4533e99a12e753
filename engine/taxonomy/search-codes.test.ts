import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTempWorkspace } from '../testing/temp-workspace.js'
import type { TempWorkspace } from '../testing/temp-workspace.js'
import { searchCodes } from './search-codes.js'

describe('code search', () => {
  let temp: TempWorkspace
  beforeAll(() => {
    temp = createTempWorkspace()
  })
  afterAll(() => temp.cleanup())

  const search = (query: string, assignableOnly = false) =>
    searchCodes(temp.workspace.database, { codeSetId: temp.codeSetId, query, limit: 10, assignableOnly }).map((hit) => hit.code)

  it('finds a code by its code, with or without the dot and in any case', () => {
    expect(search('J18.9')[0]).toBe('J18.9')
    expect(search('j189')[0]).toBe('J18.9')
    expect(search('I11')).toEqual(['I11', 'I11.0', 'I11.9'])
  })

  it('finds English words by prefix and infix', () => {
    expect(search('hypert')).toEqual(expect.arrayContaining(['I10', 'I11', 'I11.0', 'I11.9']))
    expect(search('failure')).toEqual(['I11.0', 'I11.9'])
    expect(search('heart failure')[0]).toBe('I11.0')
  })

  it('finds Chinese titles, also with two-character words', () => {
    expect(search('高血压')).toEqual(expect.arrayContaining(['I10', 'I11.0']))
    expect(search('肺炎')).toEqual(['J18.9'])
    expect(search('心力衰竭')).toEqual(['I11.0'])
  })

  it('finds synonyms and index terms and says which term matched', () => {
    const [hit] = searchCodes(temp.workspace.database, { codeSetId: temp.codeSetId, query: 'high blood', limit: 5, assignableOnly: false })
    expect(hit?.code).toBe('I10')
    expect(hit?.matchedTerm).toBe('high blood pressure')
    expect(search('HTN')[0]).toBe('I10')
  })

  it('returns the hierarchy path and can leave headings out', () => {
    const [hit] = searchCodes(temp.workspace.database, { codeSetId: temp.codeSetId, query: 'I11.0', limit: 1, assignableOnly: true })
    expect(hit?.path.map((step) => step.code)).toEqual(['IX', 'I10-I15', 'I11'])
    expect(search('hypertensive heart', true)).toEqual(['I11.0', 'I11.9'])
  })

  it('titles hits in the UI language where the code set has it, and says which foreign title matched', () => {
    const options = { codeSetId: temp.codeSetId, limit: 5, assignableOnly: false }
    const [english] = searchCodes(temp.workspace.database, { ...options, query: '原发性高血压' })
    expect(english).toMatchObject({ code: 'I10', title: 'Essential (primary) hypertension', matchedTerm: '原发性高血压' })
    const [chinese] = searchCodes(temp.workspace.database, { ...options, query: '原发性高血压', language: 'zh-CN' })
    expect(chinese).toMatchObject({ code: 'I10', title: '原发性高血压', matchedTerm: null })
    const [fallback] = searchCodes(temp.workspace.database, { ...options, query: 'I11.9', language: 'zh-CN' })
    expect(fallback?.title).toBe('Hypertensive heart disease without heart failure')
  })

  it('answers nothing, without failing, for empty or quote-laden queries', () => {
    expect(search('   ')).toEqual([])
    expect(search('"""')).toEqual([])
    expect(search('zzzzqqq')).toEqual([])
  })
})
