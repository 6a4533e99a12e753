/**
 * Diagnosis names as coders meet them: usually one informal name, sometimes two
 * written into one string ("HTN; T2DM", "高血压冠心病", "高血压合并冠心病").
 * The generator joins names here, and the noise injector splits them again to
 * corrupt one part, so both sides use the same separators.
 */
import { findDemoCodeByName, type DemoLanguage } from './demo-catalogue.js'

/** How two names are joined, per language; `''` is plain concatenation, common in Chinese. */
export const NAME_SEPARATORS: Readonly<Record<DemoLanguage, readonly string[]>> = {
  en: ['; ', ', ', ' and ', ' + '],
  zh: ['、', '，', '合并', ''],
}

export interface NamePart {
  /** The demo entry this part names: an assignable code, or a category or block for a vague name. */
  code: string
  text: string
}

export interface ResolvedName {
  /** One part, or two for a joined name. */
  parts: NamePart[]
  /** What joined the parts; `''` for a single name or a concatenation. */
  separator: string
}

/**
 * Splits a diagnosis name into the demo entries it names. A whole-name match
 * wins, so names that contain a separator themselves ("慢阻肺合并感染") stay
 * whole. Returns null for text that names nothing in the demo catalogue.
 */
export function resolveDiagnosisName(text: string, language: DemoLanguage): ResolvedName | null {
  const whole = findDemoCodeByName(text, language)
  if (whole !== null) return { parts: [{ code: whole, text }], separator: '' }
  for (const separator of NAME_SEPARATORS[language]) {
    const split = splitInTwo(text, separator, language)
    if (split !== null) return { parts: split, separator }
  }
  return null
}

function splitInTwo(text: string, separator: string, language: DemoLanguage): NamePart[] | null {
  for (const cut of cutPositions(text, separator)) {
    const firstText = text.slice(0, cut)
    const secondText = text.slice(cut + separator.length)
    const first = findDemoCodeByName(firstText, language)
    const second = findDemoCodeByName(secondText, language)
    if (first !== null && second !== null) return [{ code: first, text: firstText }, { code: second, text: secondText }]
  }
  return null
}

function cutPositions(text: string, separator: string): number[] {
  const positions: number[] = []
  // A concatenation has no marker, so every position inside the text is a candidate cut.
  if (separator === '') {
    for (let position = 1; position < text.length; position += 1) positions.push(position)
    return positions
  }
  for (let position = text.indexOf(separator, 1); position > 0; position = text.indexOf(separator, position + 1)) positions.push(position)
  return positions
}
