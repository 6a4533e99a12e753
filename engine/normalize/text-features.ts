/**
 * Lexical features of a diagnosis name, the same for names, titles and
 * synonyms: Han characters as unigrams and bigrams (Chinese has no word
 * boundaries, and clinicians drop or swap single characters: 心梗 / 心肌梗死),
 * Latin and digit runs as whole words plus boundary-marked character trigrams
 * (edema / edemas / oedema share most trigrams).
 */

const HAN = /\p{Script=Han}/u
const WORD_CHARACTER = /[\p{L}\p{N}]/u

/**
 * NFKC (full-width → half-width, Ⅳ → IV), lower case, diacritics removed,
 * whitespace collapsed, and grades, stages and types written one way
 * (`canonicalQualifiers`), so that names and titles compare as a coder reads them.
 */
export function normaliseText(text: string): string {
  return canonicalQualifiers(
    text
      .normalize('NFKC')
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/\s+/g, ' ')
      .trim(),
  )
}

const ROMAN: Readonly<Record<string, string>> = { i: '1', ii: '2', iii: '3', iv: '4', v: '5' }
const CHINESE_NUMBER: Readonly<Record<string, string>> = { 一: '1', 二: '2', 三: '3', 四: '4', 五: '5' }

/**
 * One spelling for the qualifiers Chinese diagnoses are written with: Roman and
 * Chinese numerals before 型/级/期/度 as digits (II型 = Ⅱ型 = 2型, 三级 = 3级), and
 * 很高危 as 极高危 (the guideline's "very high risk" has both names). Input is
 * already NFKC and lower case.
 */
export function canonicalQualifiers(text: string): string {
  return text
    .replace(/(?<![a-z])(iv|v|i{1,3})(?=[型级期度])/g, (roman) => ROMAN[roman] ?? roman)
    .replace(/([一二三四五])(?=[级期])/g, (number) => CHINESE_NUMBER[number] ?? number)
    .replace(/很高危/g, '极高危')
    .replace(/(危)组/g, '$1')
}

export function isHan(character: string): boolean {
  return HAN.test(character)
}

/** Feature strings with counts; input must already be normalised. */
export function textFeatures(normalised: string): Map<string, number> {
  // Character codes rather than a regex per character: this runs over every
  // title of a code set when its index is built (148k ICD-10-CM terms: 2.8 → 2.0 s).
  const features = new Map<string, number>()
  const add = (feature: string): void => {
    features.set(feature, (features.get(feature) ?? 0) + 1)
  }
  let word = ''
  const flushWord = (): void => {
    if (word === '') return
    add(`w:${word}`)
    if (word.length > 1) {
      const padded = `^${word}$`
      for (let start = 0; start + 3 <= padded.length; start += 1) add(`t:${padded.slice(start, start + 3)}`)
    }
    word = ''
  }
  let previousHan = ''
  for (const character of normalised) {
    const kind = characterKind(character)
    if (kind === 'han') {
      flushWord()
      add(`c:${character}`)
      if (previousHan !== '') add(`b:${previousHan}${character}`)
      previousHan = character
      continue
    }
    previousHan = ''
    if (kind === 'word') word += character
    else flushWord()
  }
  flushWord()
  return features
}

function characterKind(character: string): 'han' | 'word' | 'other' {
  const code = character.charCodeAt(0)
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) return 'word'
  if (code < 0x80) return 'other'
  if ((code >= 0x4e00 && code <= 0x9fff) || HAN.test(character)) return 'han'
  return WORD_CHARACTER.test(character) ? 'word' : 'other'
}

/** The units a reader would tick off when comparing two names: Han characters and whole words. */
export function contentUnits(normalised: string): Set<string> {
  const units = new Set<string>()
  for (const feature of textFeatures(normalised).keys()) {
    if (feature.startsWith('c:') || feature.startsWith('w:')) units.add(feature)
  }
  return units
}
