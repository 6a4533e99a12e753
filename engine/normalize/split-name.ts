/**
 * One diagnosis string often holds several diagnoses: "HTN; T2DM",
 * "头痛.头晕.高血压", "高血压冠心病不稳定心绞痛". Splitting happens at two levels:
 *
 * - *segments*: cut at punctuation and list separators, which never occur
 *   inside one diagnosis;
 * - *pieces* of a segment: cut at joining words (合并, 伴, "with") and, in a
 *   Chinese run without separators, by a dynamic-programming segmentation
 *   against the code set's terms and the names coders confirmed (longest
 *   words win: a word of n characters scores n²).
 *
 * Pieces are offered *in addition to* their segment, because joining words
 * also occur inside titles (高血压伴心力衰竭): the matcher scores both, and
 * the ranker learns how far to trust a piece.
 */
import { isHan } from './text-features.js'

export interface NamePart {
  /** The part as written (normalised text). */
  text: string
  /** Character offsets in the normalised name. */
  start: number
  end: number
  /** `whole`: the name itself when it has several segments; `segment`: a separator-delimited part; `piece`: a cut of a segment. */
  kind: 'whole' | 'segment' | 'piece'
}

export interface SegmentationDictionary {
  /** Normalised terms containing Han characters, 2 to `maxLength` characters long. */
  words: Set<string>
  maxLength: number
}

// `.` only between non-digits: 2.5cm and A00.1 stay whole.
const SEGMENT_SEPARATOR = /[;；,，、。:：!！?？\n\r\t()（）[\]【】{}"“”'‘’|/\\]+|(?<!\d)\.|\.(?!\d)|\s+\+\s+|\s-\s/g
// Joining words, and a space where the script changes ("高血压 pneumonia").
const JOINING_WORDS = /合并|并发|伴有|伴|及|和|与|\s(?:with|and|con|y|plus)\s|(?<=\p{Script=Han})\s+(?=\p{Script=Latin})|(?<=\p{Script=Latin})\s+(?=\p{Script=Han})/gu
const MAX_PIECES = 8

export function splitDiagnosisName(normalised: string, dictionary: SegmentationDictionary | null): NamePart[] {
  const parts: NamePart[] = []
  const segments = cut(normalised, 0, SEGMENT_SEPARATOR)
  // The whole name too: a confirmed name like it may carry codes that no single segment explains.
  if (segments.length > 1) parts.push({ text: normalised, start: 0, end: normalised.length, kind: 'whole' })
  for (const segment of segments) {
    parts.push({ ...segment, kind: 'segment' })
    const pieces: Array<{ text: string; start: number; end: number }> = []
    for (const joined of cut(segment.text, segment.start, JOINING_WORDS)) {
      pieces.push(...(dictionary ? segmentHan(joined, dictionary) : [joined]))
    }
    if (pieces.length > 1) {
      for (const piece of pieces.slice(0, MAX_PIECES)) parts.push({ ...piece, kind: 'piece' })
    }
  }
  return parts
}

function cut(text: string, offset: number, separator: RegExp): Array<{ text: string; start: number; end: number }> {
  const pieces: Array<{ text: string; start: number; end: number }> = []
  let start = 0
  const push = (end: number): void => {
    const raw = text.slice(start, end)
    const trimmed = raw.trim()
    if (trimmed !== '') {
      const lead = raw.length - raw.trimStart().length
      pieces.push({ text: trimmed, start: offset + start + lead, end: offset + start + lead + trimmed.length })
    }
  }
  for (const match of text.matchAll(separator)) {
    push(match.index)
    start = match.index + match[0].length
  }
  push(text.length)
  return pieces
}

/**
 * Dynamic programming over a segment containing Han characters. Characters no
 * dictionary word covers are modifiers (左, 不稳定, 重度): they join the word
 * that follows them, as Chinese puts modifiers before the head noun.
 */
function segmentHan(
  piece: { text: string; start: number; end: number },
  dictionary: SegmentationDictionary,
): Array<{ text: string; start: number; end: number }> {
  const text = piece.text
  if (![...text].some(isHan) || text.length < 4) return [piece]
  const length = text.length
  const best = new Float64Array(length + 1)
  const wordStart = new Int32Array(length + 1).fill(-1)
  for (let end = 1; end <= length; end += 1) {
    best[end] = best[end - 1] ?? 0
    wordStart[end] = -1
    for (let start = Math.max(0, end - dictionary.maxLength); start <= end - 2; start += 1) {
      const score = (best[start] ?? 0) + (end - start) ** 2
      if (score > (best[end] ?? 0) && dictionary.words.has(text.slice(start, end))) {
        best[end] = score
        wordStart[end] = start
      }
    }
  }
  const words: Array<[number, number]> = []
  for (let end = length; end > 0; ) {
    const start = wordStart[end] ?? -1
    if (start >= 0) {
      words.unshift([start, end])
      end = start
    } else end -= 1
  }
  if (words.length < 2) return [piece]
  const boundaries: Array<[number, number]> = []
  let covered = 0
  for (const [, end] of words) {
    boundaries.push([covered, end])
    covered = end
  }
  const last = boundaries[boundaries.length - 1]
  if (last && covered < length) last[1] = length
  return boundaries.map(([start, end]) => ({ text: text.slice(start, end), start: piece.start + start, end: piece.start + end }))
}
