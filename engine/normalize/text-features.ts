/**
 * Lexical features of a diagnosis name, the same for names, titles and
 * synonyms: Han characters as unigrams and bigrams (Chinese has no word
 * boundaries, and clinicians drop or swap single characters: 心梗 / 心肌梗死),
 * Latin and digit runs as whole words plus boundary-marked character trigrams
 * (edema / edemas / oedema share most trigrams).
 */

const HAN = /\p{Script=Han}/u
const WORD_CHARACTER = /[\p{L}\p{N}]/u

/** NFKC (full-width → half-width, Ⅳ → IV), lower case, diacritics removed, whitespace collapsed. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
}

export function isHan(character: string): boolean {
  return HAN.test(character)
}

/** Feature strings with counts; input must already be normalised. */
export function textFeatures(normalised: string): Map<string, number> {
  const features = new Map<string, number>()
  const add = (feature: string): void => {
    features.set(feature, (features.get(feature) ?? 0) + 1)
  }
  const characters = [...normalised]
  let word = ''
  const flushWord = (): void => {
    if (word === '') return
    add(`w:${word}`)
    const padded = `^${word}$`
    if (word.length > 1) for (let start = 0; start + 3 <= padded.length; start += 1) add(`t:${padded.slice(start, start + 3)}`)
    word = ''
  }
  for (let position = 0; position < characters.length; position += 1) {
    const character = characters[position] ?? ''
    if (isHan(character)) {
      flushWord()
      add(`c:${character}`)
      const next = characters[position + 1]
      if (next !== undefined && isHan(next)) add(`b:${character}${next}`)
    } else if (WORD_CHARACTER.test(character)) {
      word += character
    } else {
      flushWord()
    }
  }
  flushWord()
  return features
}

/** The units a reader would tick off when comparing two names: Han characters and whole words. */
export function contentUnits(normalised: string): Set<string> {
  const units = new Set<string>()
  for (const feature of textFeatures(normalised).keys()) {
    if (feature.startsWith('c:') || feature.startsWith('w:')) units.add(feature)
  }
  return units
}
