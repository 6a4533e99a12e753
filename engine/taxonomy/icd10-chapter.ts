/**
 * The ICD-10 chapter of a code from its first characters. WHO ICD-10,
 * ICD-10-CM and the Chinese clinical editions share the chapter ranges, so one
 * table serves every code set (and codes a set does not hold, like CodiEsp's
 * older codes). Returns the Roman numeral, or null for a code outside them.
 */
const CHAPTER_STARTS: ReadonlyArray<readonly [start: string, chapter: string]> = [
  ['A00', 'I'],
  ['C00', 'II'],
  ['D50', 'III'],
  ['E00', 'IV'],
  ['F00', 'V'],
  ['G00', 'VI'],
  ['H00', 'VII'],
  ['H60', 'VIII'],
  ['I00', 'IX'],
  ['J00', 'X'],
  ['K00', 'XI'],
  ['L00', 'XII'],
  ['M00', 'XIII'],
  ['N00', 'XIV'],
  ['O00', 'XV'],
  ['P00', 'XVI'],
  ['Q00', 'XVII'],
  ['R00', 'XVIII'],
  ['S00', 'XIX'],
  ['U00', 'XXII'],
  ['V01', 'XX'],
  ['Z00', 'XXI'],
]

const CODE_HEAD = /^[A-Z][0-9][0-9A-Z]/

export function icd10Chapter(code: string): string | null {
  const head = code.trim().toUpperCase().slice(0, 3)
  if (!CODE_HEAD.test(head)) return null
  let chapter: string | null = null
  for (const [start, numeral] of CHAPTER_STARTS) {
    if (head >= start) chapter = numeral
    else break
  }
  return chapter
}
