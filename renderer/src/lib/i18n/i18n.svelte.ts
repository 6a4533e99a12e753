/**
 * The UI language and the Intl formatters that go with it. One instance for the
 * app; components read `i18n.t` (the current catalogue) so a switch re-renders
 * every string without a reload.
 */
import { en } from './en.js'
import type { Messages } from './en.js'
import { zh } from './zh.js'

export type Locale = 'en' | 'zh-CN'

export const LOCALES: ReadonlyArray<{ id: Locale; label: string }> = [
  { id: 'en', label: 'English' },
  { id: 'zh-CN', label: '简体中文' },
]

const CATALOGUES: Record<Locale, Messages> = { en, 'zh-CN': zh }
const LOCALE_STORAGE_KEY = 'clinicoco.locale'
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

export type LocaleStorage = Pick<Storage, 'getItem' | 'setItem'>

export class I18n {
  locale = $state<Locale>('en')
  readonly t: Messages = $derived(CATALOGUES[this.locale])

  readonly #formatters = $derived(createFormatters(this.locale))
  readonly #storage: LocaleStorage | null

  constructor(locale: Locale, storage: LocaleStorage | null = null) {
    this.locale = locale
    this.#storage = storage
  }

  setLocale(locale: Locale): void {
    this.locale = locale
    this.#storage?.setItem(LOCALE_STORAGE_KEY, locale)
  }

  /** A section's heading: the source's own title, else the translated kind. */
  sectionTitle(section: { kind: string; title: string }): string {
    if (section.title.trim() !== '') return section.title
    const kinds: Record<string, string | undefined> = this.t.sectionKinds
    return kinds[section.kind] ?? kinds.other ?? section.kind
  }

  formatNumber(value: number): string {
    return this.#formatters.number.format(value)
  }

  /**
   * A calendar date. Date-only strings are formatted in UTC: `Date.parse('2024-03-01')`
   * is UTC midnight, which a local-time format would show as 29 February west of Greenwich.
   */
  /** A 0–1 share as a whole percent: "35%". */
  formatPercent(value: number): string {
    return this.#formatters.percent.format(value)
  }

  formatDate(value: string | null): string {
    if (value === null) return this.t.record.unknown
    const time = Date.parse(value)
    if (Number.isNaN(time)) return value
    return (DATE_ONLY.test(value) ? this.#formatters.utcDate : this.#formatters.date).format(time)
  }

  /** A record's language for people: `zh` is "Chinese" in English, "中文" in Chinese; a tag Intl does not know stays as it is. */
  languageName(tag: string): string {
    try {
      return this.#formatters.language.of(tag) ?? tag
    } catch {
      return tag
    }
  }

  formatDateTime(value: string): string {
    const time = Date.parse(value)
    return Number.isNaN(time) ? value : this.#formatters.dateTime.format(time)
  }

  /** The time of day of an ISO instant ("10:42"), for today's events. */
  formatTime(value: string): string {
    const time = Date.parse(value)
    return Number.isNaN(time) ? value : this.#formatters.time.format(time)
  }
}

/** The stored choice, else the first preferred language we have a catalogue for, else English. */
export function preferredLocale(storage: LocaleStorage | null, languages: readonly string[]): Locale {
  const stored = storage?.getItem(LOCALE_STORAGE_KEY)
  if (stored === 'en' || stored === 'zh-CN') return stored
  for (const language of languages) {
    const lower = language.toLowerCase()
    if (lower.startsWith('zh')) return 'zh-CN'
    if (lower.startsWith('en')) return 'en'
  }
  return 'en'
}

function createFormatters(locale: Locale) {
  return {
    number: new Intl.NumberFormat(locale),
    percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }),
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }),
    utcDate: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
    dateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
    time: new Intl.DateTimeFormat(locale, { timeStyle: 'short' }),
    language: new Intl.DisplayNames(locale, { type: 'language' }),
  }
}
