/**
 * The first pass of the tokenizer: cuts text into words, numbers and single
 * characters, normalised, each keeping its offsets in the original text (the
 * evidence heatmap highlights the original characters, so offsets must survive
 * NFKC expansion such as `ﬁ` → `fi`).
 *
 * - NFKC (full-width → half-width), lower case; Latin, Greek and Cyrillic lose
 *   their diacritics (`diagnóstico` = `diagnostico`: notes are typed both ways).
 * - Han, kana and Hangul characters are one piece each: Chinese has no spaces,
 *   and a character-level model is what Chinese clinical coders' tools use.
 * - A run of digits is one `number` piece (the model sees `[NUM]`): lab values
 *   vary endlessly and carry little about the code.
 * - Any other non-space character (punctuation, symbols) is one piece.
 */

export type PieceKind = 'word' | 'number' | 'character'

export interface TextPiece {
  kind: PieceKind
  /** Normalised text of the piece. */
  text: string
  /** `[start, end)` in the original text (UTF-16 indices). */
  start: number
  end: number
  /** For words: original start and end of each normalised UTF-16 unit, so subwords get exact offsets. */
  unitStarts: number[]
  unitEnds: number[]
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
const STRIP_DIACRITICS = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u
const LETTER_OR_MARK = /[\p{L}\p{M}]/u
const DIGIT = /\p{Nd}/u
// Control characters count as space: a vocabulary line must never hold one.
const SPACE = /[\s\p{Z}\p{Cc}]/u
const MARKS = /\p{M}/gu

type CharacterClass = 'space' | 'cjk' | 'digit' | 'letter' | 'other'

interface NormalisedCharacter {
  text: string
  kind: CharacterClass
}

// Most clinical text is ASCII; a table for it avoids a Unicode regex per character.
const ASCII: NormalisedCharacter[] = Array.from({ length: 128 }, (_, code) => {
  const character = String.fromCharCode(code)
  if (/\s/.test(character) || code < 32 || code === 127) return { text: '', kind: 'space' }
  if (/[0-9]/.test(character)) return { text: character, kind: 'digit' }
  if (/[A-Za-z]/.test(character)) return { text: character.toLowerCase(), kind: 'letter' }
  return { text: character, kind: 'other' }
})

function normaliseCharacter(character: string): NormalisedCharacter {
  const code = character.charCodeAt(0)
  if (character.length === 1 && code < 128) return ASCII[code] as NormalisedCharacter
  if (SPACE.test(character)) return { text: '', kind: 'space' }
  let text = character.normalize('NFKC').toLowerCase()
  if (STRIP_DIACRITICS.test(text)) text = text.normalize('NFD').replace(MARKS, '')
  // NFKC can bring a space with it (spacing diaeresis "¨" → " ̈"): tokens never hold one.
  text = text.replace(/[\s\p{Z}\p{Cc}]/gu, '')
  if (text === '') return { text: '', kind: 'space' }
  if (CJK.test(text)) return { text, kind: 'cjk' }
  if (DIGIT.test(text) && [...text].every((unit) => DIGIT.test(unit))) return { text, kind: 'digit' }
  if (LETTER_OR_MARK.test(text)) return { text, kind: 'letter' }
  return { text, kind: 'other' }
}

export function preTokenize(text: string): TextPiece[] {
  return [...preTokenizeStream(text)]
}

/** The pieces one at a time: a long record is read without holding all of its pieces at once. */
export function* preTokenizeStream(text: string): Generator<TextPiece> {
  let open: TextPiece | null = null
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index) as number
    const width = codePoint > 0xffff ? 2 : 1
    const character = text.slice(index, index + width)
    const end = index + width
    const normalised = normaliseCharacter(character)
    if (normalised.kind === 'space') {
      if (open) yield open
      open = null
    } else if (normalised.kind === 'letter' || normalised.kind === 'digit') {
      const kind: PieceKind = normalised.kind === 'letter' ? 'word' : 'number'
      // Letters and digits never share a piece: "t2dm" → t, 2, dm; "10mg" → 10, mg.
      if (open && open.kind !== kind) {
        yield open
        open = null
      }
      open ??= { kind, text: '', start: index, end, unitStarts: [], unitEnds: [] }
      open.text += normalised.text
      open.end = end
      for (let unit = 0; unit < normalised.text.length; unit += 1) {
        open.unitStarts.push(index)
        open.unitEnds.push(end)
      }
    } else {
      if (open) yield open
      open = null
      yield { kind: 'character', text: normalised.text, start: index, end, unitStarts: [index], unitEnds: [end] }
    }
    index = end
  }
  if (open) yield open
}
