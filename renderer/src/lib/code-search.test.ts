import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CodeHit } from '../../../contract/domain.js'
import type { Result } from '../../../contract/result.js'
import { CodeSearch, SEARCH_DEBOUNCE_MS } from './code-search.svelte.js'
import { createFakeClient } from './testing/fake-client.js'
import { codeHit, ok } from './testing/fixtures.js'

afterEach(() => {
  vi.useRealTimers()
})

describe('CodeSearch', () => {
  it('waits for a pause in typing and then searches once, for assignable codes only', async () => {
    vi.useFakeTimers()
    const fake = createFakeClient({ searchCodes: () => ok({ items: [codeHit('I10', 'Essential hypertension')], elapsedMs: 1 }) })
    const search = new CodeSearch(fake.client)

    search.setQuery('h')
    search.setQuery('hyp')
    search.setQuery('hypertension ')
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 1)
    expect(fake.calls).toEqual([])
    await vi.advanceTimersByTimeAsync(1)

    expect(fake.callsTo('searchCodes')).toEqual([{ query: 'hypertension', limit: 20, assignableOnly: true, language: 'en' }])
    expect(search.hits.map((hit) => hit.code)).toEqual(['I10'])
    expect(search.activeIndex).toBe(0)
  })

  it('asks for titles in the UI language', async () => {
    const fake = createFakeClient({ searchCodes: () => ok({ items: [], elapsedMs: 1 }) })
    const search = new CodeSearch(fake.client, 0)
    search.language = 'zh-CN'
    search.setQuery('高血压')
    await vi.waitFor(() => expect(fake.callsTo('searchCodes')).toEqual([{ query: '高血压', limit: 20, assignableOnly: true, language: 'zh-CN' }]))
  })

  it('ignores a slow answer to an older query', async () => {
    const answers: Array<(result: Result<{ items: CodeHit[]; elapsedMs: number }>) => void> = []
    const fake = createFakeClient({ searchCodes: () => new Promise((resolve) => answers.push(resolve)) })
    const search = new CodeSearch(fake.client, 0)

    search.setQuery('I1')
    await vi.waitFor(() => expect(answers).toHaveLength(1))
    search.setQuery('I10')
    await vi.waitFor(() => expect(answers).toHaveLength(2))

    answers[1]?.(ok({ items: [codeHit('I10', 'Essential hypertension')], elapsedMs: 1 }))
    answers[0]?.(ok({ items: [codeHit('I11.9', 'Hypertensive heart disease')], elapsedMs: 1 }))
    await vi.waitFor(() => expect(search.searching).toBe(false))

    expect(search.hits.map((hit) => hit.code)).toEqual(['I10'])
    expect(search.answeredQuery).toBe('I10')
  })

  it('clears the hits without calling the app when the box is emptied', async () => {
    const fake = createFakeClient({ searchCodes: () => ok({ items: [codeHit('I10', 'Essential hypertension')], elapsedMs: 1 }) })
    const search = new CodeSearch(fake.client, 0)
    search.setQuery('I10')
    await vi.waitFor(() => expect(search.hits).toHaveLength(1))

    search.setQuery('   ')
    expect(search.hits).toEqual([])
    expect(search.activeIndex).toBe(-1)
    expect(fake.calls).toHaveLength(1)
  })

  it('wraps the highlight around both ends of the list', async () => {
    const hits = [codeHit('I10', 'a'), codeHit('I11.9', 'b'), codeHit('I12.9', 'c')]
    const search = new CodeSearch(createFakeClient({ searchCodes: () => ok({ items: hits, elapsedMs: 1 }) }).client, 0)
    search.setQuery('I1')
    await vi.waitFor(() => expect(search.hits).toHaveLength(3))

    search.moveActive(-1)
    expect(search.activeHit?.code).toBe('I12.9')
    search.moveActive(1)
    expect(search.activeHit?.code).toBe('I10')
  })
})
