import { describe, expect, it } from 'vitest'
import { en } from './en.js'
import { I18n, preferredLocale } from './i18n.svelte.js'
import { zh } from './zh.js'

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial))
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) }
}

describe('I18n', () => {
  it('switches every string to Simplified Chinese and remembers the choice', () => {
    const storage = memoryStorage()
    const i18n = new I18n('en', storage)
    expect(i18n.t.queue.heading).toBe('Record queue')

    i18n.setLocale('zh-CN')

    expect(i18n.t.queue.heading).toBe('病历队列')
    expect(i18n.t.header.progress('3', '10')).toBe('已提交 3 / 10')
    expect(preferredLocale(storage, ['en-GB'])).toBe('zh-CN')
  })

  it('titles a section by its source heading, else by its translated kind', () => {
    const i18n = new I18n('zh-CN')
    expect(i18n.sectionTitle({ kind: 'present_illness', title: '' })).toBe('现病史')
    expect(i18n.sectionTitle({ kind: 'present_illness', title: 'HPI (admitting note)' })).toBe('HPI (admitting note)')
    expect(i18n.sectionTitle({ kind: 'nursing_note', title: ' ' })).toBe('其他')
    i18n.setLocale('en')
    expect(i18n.sectionTitle({ kind: 'chief_complaint', title: '' })).toBe('Chief complaint')
  })

  it('formats dates and numbers for the chosen locale', () => {
    const i18n = new I18n('en')
    expect(i18n.formatNumber(12345)).toBe('12,345')
    expect(i18n.formatDate('2024-03-01')).toBe('Mar 1, 2024')

    i18n.setLocale('zh-CN')
    expect(i18n.formatDate('2024-03-01')).toBe('2024年3月1日')
    expect(i18n.formatDate(null)).toBe('—')
    expect(i18n.formatDate('sometime in spring')).toBe('sometime in spring')
  })

  it('follows the browser languages when nothing was chosen yet', () => {
    expect(preferredLocale(memoryStorage(), ['zh-TW', 'en'])).toBe('zh-CN')
    expect(preferredLocale(memoryStorage(), ['fr-FR', 'en-US'])).toBe('en')
    expect(preferredLocale(null, ['de'])).toBe('en')
  })

  it("opens in the language of the workspace's records unless the user chose one (issue 17)", () => {
    const fresh = memoryStorage()
    const i18n = new I18n(preferredLocale(fresh, ['en-US']), fresh)
    i18n.followRecordsLanguage('zh')
    expect(i18n.locale).toBe('zh-CN')
    expect(fresh.getItem('clinicoco.locale')).toBeNull()
    i18n.followRecordsLanguage(null)
    expect(i18n.locale).toBe('zh-CN')

    const chose = memoryStorage({ 'clinicoco.locale': 'en' })
    const chosen = new I18n(preferredLocale(chose, ['en-US']), chose)
    chosen.followRecordsLanguage('zh')
    expect(chosen.locale).toBe('en')

    const switched = new I18n('en', memoryStorage())
    switched.setLocale('en')
    switched.followRecordsLanguage('zh-CN')
    expect(switched.locale).toBe('en')
  })

  it('translates every section kind the engine can produce', () => {
    expect(Object.keys(zh.sectionKinds).sort()).toEqual(Object.keys(en.sectionKinds).sort())
    for (const title of Object.values(zh.sectionKinds)) expect(title).toMatch(/\p{Script=Han}/u)
  })
})
