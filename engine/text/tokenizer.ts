/**
 * Text → token ids with offsets, the one tokenizer of the project: the training
 * bundle, inference and the evidence heatmap all use it (Python reads ids).
 */
import { preTokenizeStream } from './pre-tokenize.js'
import { CLS_ID, CONTINUATION, MAX_WORD_LENGTH, NUM_ID, SEP_ID, UNK_ID, type Vocabulary } from './vocabulary.js'

export interface Token {
  id: number
  /** `[start, end)` in the original text (UTF-16 indices); `[CLS]`/`[SEP]` have an empty span. */
  start: number
  end: number
}

export interface Tokenizer {
  readonly vocabulary: Vocabulary
  tokenize(text: string): Token[]
  /** The same tokens one at a time, for text too long to hold as token objects at once. */
  tokens(text: string): Generator<Token>
}

export function createTokenizer(vocabulary: Vocabulary): Tokenizer {
  // Clinical text repeats its words; spelling each distinct word once makes
  // tokenizing a CodiEsp-sized corpus several times faster.
  const spelled = new Map<string, Array<[id: number, from: number, to: number]>>()
  const spell = (word: string): Array<[number, number, number]> => {
    let pieces = spelled.get(word)
    if (!pieces) {
      pieces = spellWord(vocabulary, word)
      if (spelled.size < 200_000) spelled.set(word, pieces)
    }
    return pieces
  }
  function* tokens(text: string): Generator<Token> {
    for (const piece of preTokenizeStream(text)) {
      if (piece.kind === 'number') yield { id: NUM_ID, start: piece.start, end: piece.end }
      else if (piece.kind === 'character') yield { id: vocabulary.ids.get(piece.text) ?? UNK_ID, start: piece.start, end: piece.end }
      else {
        for (const [id, from, to] of spell(piece.text)) {
          yield { id, start: piece.unitStarts[from] ?? piece.start, end: piece.unitEnds[to - 1] ?? piece.end }
        }
      }
    }
  }
  return { vocabulary, tokens, tokenize: (text) => [...tokens(text)] }
}

/** Greedy longest-match WordPiece; a word it cannot spell is one `[UNK]`. Ranges are in normalised units. */
function spellWord(vocabulary: Vocabulary, word: string): Array<[number, number, number]> {
  const whole = vocabulary.ids.get(word)
  if (whole !== undefined) return [[whole, 0, word.length]]
  if (word.length > MAX_WORD_LENGTH) return [[UNK_ID, 0, word.length]]
  const pieces: Array<[number, number, number]> = []
  for (let start = 0; start < word.length; ) {
    let found: [number, number, number] | null = null
    for (let end = word.length; end > start; end -= 1) {
      const id = vocabulary.ids.get((start === 0 ? '' : CONTINUATION) + word.slice(start, end))
      if (id !== undefined) {
        found = [id, start, end]
        break
      }
    }
    if (!found) return [[UNK_ID, 0, word.length]]
    pieces.push(found)
    start = found[2]
  }
  return pieces
}

export interface SectionText {
  text: string
}

export interface RecordToken extends Token {
  /** Index of the section the token came from; -1 for `[CLS]` and `[SEP]`. */
  section: number
}

/** A record as the model reads it: `[CLS]`, then each section's tokens, sections separated by `[SEP]`. */
export function tokenizeRecord(tokenizer: Tokenizer, sections: readonly SectionText[]): RecordToken[] {
  return [...recordTokens(tokenizer, sections)]
}

/** `tokenizeRecord` one token at a time (inference reads long records this way, in bounded memory). */
export function* recordTokens(tokenizer: Tokenizer, sections: Iterable<SectionText>): Generator<RecordToken> {
  yield { id: CLS_ID, start: 0, end: 0, section: -1 }
  let index = 0
  for (const section of sections) {
    if (index > 0) yield { id: SEP_ID, start: 0, end: 0, section: -1 }
    for (const token of tokenizer.tokens(section.text)) yield { ...token, section: index }
    index += 1
  }
}
