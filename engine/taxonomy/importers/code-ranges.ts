/**
 * Chapters and blocks given as code ranges (`A00`–`B99`, `I10`–`I16`). Both
 * ICD-10-CM and the Chinese catalogues nest ranges (`C76-C80` holds the
 * one-category block `C7A`), so a category belongs to the narrowest range
 * that contains it. Three-character codes compare as strings, which also puts
 * `O9A` after `O99` as the editions do.
 */
export interface CodeRange {
  start: string
  end: string
  title: string
  file: string
  line: number
}

const CATEGORY_PATTERN = /^[A-Z][0-9][0-9A-Z]$/

/**
 * The range's code, `start-end`, even where start and end are equal: a block
 * `Z68-Z68` must not take the code of its only category `Z68`.
 */
export function rangeCode(range: CodeRange): string {
  return `${range.start}-${range.end}`
}

export function isCategoryCode(code: string): boolean {
  return CATEGORY_PATTERN.test(code)
}

/** Why a start/end pair is not a usable range, or null when it is. */
export function rangeProblem(start: string, end: string): string | null {
  if (!isCategoryCode(start) || !isCategoryCode(end)) return `range ${start}-${end} must run between three-character codes`
  if (start > end) return `range ${start}-${end} starts after it ends`
  return null
}

export function narrowestRange(ranges: CodeRange[], first: string, last: string = first): CodeRange | undefined {
  let best: CodeRange | undefined
  for (const range of ranges) {
    if (range.start > first || range.end < last) continue
    if (!best || range.start > best.start || (range.start === best.start && range.end < best.end)) best = range
  }
  return best
}
