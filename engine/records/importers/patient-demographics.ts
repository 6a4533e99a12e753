/**
 * Sex and age as hospital exports write them, read into what the coding rules
 * need. Sex comes as words (male, 女), letters (M, F) or the Chinese national
 * standard's digits (GB/T 2261.1: 1 male, 2 female, 0 / 9 not known); age as
 * years ("74", "74岁", "74 y") or, better, a birth date that gives days too.
 * A value that says "unknown" is unknown; a value that says nothing we can
 * read is a problem with the row, never a guess.
 */
import type { PatientSex } from '../record-input.js'

const SEX_WORDS: ReadonlyMap<string, PatientSex | null> = new Map([
  ['m', 'male'],
  ['male', 'male'],
  ['man', 'male'],
  ['1', 'male'],
  ['男', 'male'],
  ['男性', 'male'],
  ['f', 'female'],
  ['female', 'female'],
  ['woman', 'female'],
  ['w', 'female'],
  ['2', 'female'],
  ['女', 'female'],
  ['女性', 'female'],
  ['0', null],
  ['9', null],
  ['u', null],
  ['unknown', null],
  ['not known', null],
  ['未知', null],
  ['未知的性别', null],
  ['未说明', null],
  ['未说明的性别', null],
])

export type Parsed<T> = { value: T } | { problem: string }

/** `null` when the value says the sex is not known. */
export function parseSex(text: string): Parsed<PatientSex | null> {
  const key = text.trim().toLowerCase()
  if (SEX_WORDS.has(key)) return { value: SEX_WORDS.get(key) ?? null }
  return { problem: `${JSON.stringify(text)} is not a sex this importer reads (male / female, M / F, 男 / 女, GB/T 2261.1 codes 1 / 2, or unknown)` }
}

const MAX_AGE_YEARS = 150

/** Whole years, from "74", "74岁", "74 years", "74y". */
export function parseAgeYears(text: string): Parsed<number> {
  const match = /^(\d{1,3})(?:\s*(?:岁|周岁|y|yr|yrs|years?|years old))?$/i.exec(text.trim())
  const years = match ? Number(match[1]) : Number.NaN
  if (!Number.isInteger(years) || years > MAX_AGE_YEARS) return { problem: `${JSON.stringify(text)} is not an age in whole years (0–${MAX_AGE_YEARS})` }
  return { value: years }
}

const MS_PER_DAY = 86_400_000

/** Age at admission from ISO dates (`YYYY-MM-DD…`): whole years, and days. */
export function ageAt(birthDate: string, admittedAt: string): Parsed<{ years: number; days: number }> {
  const birth = Date.parse(birthDate.slice(0, 10))
  const admitted = Date.parse(admittedAt.slice(0, 10))
  if (!Number.isFinite(birth) || !Number.isFinite(admitted)) return { problem: `cannot compute an age from birth date ${birthDate} and admission ${admittedAt}` }
  if (admitted < birth) return { problem: `admitted ${admittedAt} before born ${birthDate}` }
  const [by, bm, bd] = birthDate.slice(0, 10).split('-').map(Number) as [number, number, number]
  const [ay, am, ad] = admittedAt.slice(0, 10).split('-').map(Number) as [number, number, number]
  const years = ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0)
  if (years > MAX_AGE_YEARS) return { problem: `born ${birthDate}: older than ${MAX_AGE_YEARS} years at admission` }
  return { value: { years, days: Math.round((admitted - birth) / MS_PER_DAY) } }
}
