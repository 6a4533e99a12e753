/**
 * Rule patterns against codes. A pattern is a code-key prefix (`E11` covers
 * E11, E11.9 and E11.900x001) or a range of 3-character categories
 * (`N70-N98`), compared on code keys so that the dots and extensions of each
 * edition do not matter.
 */
import { codeKey } from '../taxonomy/code-key.js'

export function matchesPattern(pattern: string, code: string): boolean {
  const key = codeKey(code)
  const dash = pattern.indexOf('-')
  if (dash < 0) return key.startsWith(pattern)
  const category = key.slice(0, 3)
  return category.length === 3 && category >= pattern.slice(0, dash) && category <= pattern.slice(dash + 1)
}

export function matchesAny(patterns: readonly string[], code: string): boolean {
  return patterns.some((pattern) => matchesPattern(pattern, code))
}

/** The 3-character category of a code (`E11` for E11.9), by key; null for chapter and block ids such as `IX` or `I10-I15`. */
export function categoryKey(code: string): string | null {
  if (/[^A-Za-z0-9.\s]/.test(code)) return null
  const key = codeKey(code)
  return /^[A-Z][0-9][0-9A-Z]/.test(key) ? key.slice(0, 3) : null
}

/** Whether a code is the unspecified member of its category by the WHO convention: a 4th character 9 (E11.9, E11.900). */
export function isUnspecifiedSubdivision(code: string): boolean {
  const key = codeKey(code)
  return categoryKey(code) !== null && key.length >= 4 && key[3] === '9'
}
