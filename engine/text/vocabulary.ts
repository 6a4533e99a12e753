/**
 * The tokenizer's vocabulary, learned from a workspace's own records: no
 * pretrained vocabulary exists offline, and a hospital's notes have their own
 * words. Frequent words are whole tokens; rarer words are spelled with learned
 * prefixes and `##` continuation pieces (WordPiece style), down to single
 * letters, so every word made of letters seen in training gets ids, never `[UNK]`.
 */
import { createHash } from 'node:crypto'
import { preTokenize } from './pre-tokenize.js'

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[NUM]'] as const
export const PAD_ID = 0
export const UNK_ID = 1
export const CLS_ID = 2
export const SEP_ID = 3
export const NUM_ID = 4
export const CONTINUATION = '##'
/** Longer words are `[UNK]`: they are runs of letters no clinician types (base64, hashes). */
export const MAX_WORD_LENGTH = 64

export interface Vocabulary {
  readonly tokens: readonly string[]
  readonly ids: ReadonlyMap<string, number>
  /** sha256 of `vocab.txt`; both manifests name it, so a model never meets another tokenizer's ids. */
  readonly sha256: string
}

export interface VocabularyOptions {
  /** Upper bound on the number of tokens, specials included. */
  maxSize?: number
  /** A word seen fewer times is spelled with pieces. */
  minWordCount?: number
  /** A punctuation or CJK character seen fewer times is `[UNK]`. */
  minCharacterCount?: number
}

const DEFAULTS: Required<VocabularyOptions> = { maxSize: 16_000, minWordCount: 3, minCharacterCount: 2 }
const MIN_PIECE_LENGTH = 2
const MAX_PIECE_LENGTH = 8
// Share of the free slots that go to whole words; the rest go to subword pieces.
const WORD_SHARE = 0.6

export function learnVocabulary(texts: Iterable<string>, options: VocabularyOptions = {}): Vocabulary {
  const { maxSize, minWordCount, minCharacterCount } = { ...DEFAULTS, ...options }
  const wordCounts = new Map<string, number>()
  const characterCounts = new Map<string, number>()
  for (const text of texts) {
    for (const piece of preTokenize(text)) {
      if (piece.kind === 'word') increment(wordCounts, piece.text, 1)
      else if (piece.kind === 'character') increment(characterCounts, piece.text, 1)
    }
  }
  const tokens: string[] = [...SPECIAL_TOKENS]
  const taken = new Set<string>(tokens)
  const take = (token: string): void => {
    if (!taken.has(token) && tokens.length < maxSize) {
      taken.add(token)
      tokens.push(token)
    }
  }
  // Every letter, alone and as a continuation: the floor that spells any word.
  const letterCounts = new Map<string, number>()
  for (const [word, count] of wordCounts) for (const letter of word) increment(letterCounts, letter, count)
  for (const letter of byCount(letterCounts, 1)) {
    take(letter)
    take(CONTINUATION + letter)
  }
  for (const character of byCount(characterCounts, minCharacterCount)) take(character)

  const wordSlots = Math.floor((maxSize - tokens.length) * WORD_SHARE)
  const frequentWords = byCount(wordCounts, minWordCount).filter((word) => word.length <= MAX_WORD_LENGTH)
  for (const word of frequentWords.slice(0, wordSlots)) take(word)

  // Pieces from the words left out, scored by how many letters they would cover.
  const pieceScores = new Map<string, number>()
  for (const [word, count] of wordCounts) {
    if (taken.has(word) || word.length > MAX_WORD_LENGTH) continue
    for (let start = 0; start < word.length; start += 1) {
      for (let length = MIN_PIECE_LENGTH; length <= MAX_PIECE_LENGTH && start + length <= word.length; length += 1) {
        const piece = (start === 0 ? '' : CONTINUATION) + word.slice(start, start + length)
        increment(pieceScores, piece, count * (length - 1))
      }
    }
  }
  for (const piece of byCount(pieceScores, 1)) {
    if (tokens.length >= maxSize) break
    take(piece)
  }
  return vocabularyOf(tokens)
}

export function vocabularyOf(tokens: readonly string[]): Vocabulary {
  SPECIAL_TOKENS.forEach((special, id) => {
    if (tokens[id] !== special) throw new Error(`Vocabulary line ${id + 1} must be ${special}, found ${JSON.stringify(tokens[id])}.`)
  })
  const ids = new Map<string, number>()
  tokens.forEach((token, id) => {
    if (token === '' || /[\s]/u.test(token)) throw new Error(`Vocabulary line ${id + 1} is empty or holds white space.`)
    if (ids.has(token)) throw new Error(`Vocabulary line ${id + 1} repeats ${JSON.stringify(token)} (line ${(ids.get(token) ?? 0) + 1}).`)
    ids.set(token, id)
  })
  const sha256 = createHash('sha256').update(vocabularyText(tokens), 'utf8').digest('hex')
  return { tokens, ids, sha256 }
}

/** `vocab.txt`: one token per line, line number (from 0) = id. */
export function vocabularyText(tokens: readonly string[]): string {
  return tokens.join('\n') + '\n'
}

export function parseVocabulary(text: string): Vocabulary {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return vocabularyOf(lines)
}

function increment(counts: Map<string, number>, key: string, by: number): void {
  counts.set(key, (counts.get(key) ?? 0) + by)
}

/** Keys seen at least `minCount` times, most frequent first, ties in code-point order (deterministic). */
function byCount(counts: Map<string, number>, minCount: number): string[] {
  return [...counts]
    .filter(([, count]) => count >= minCount)
    .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
    .map(([key]) => key)
}
