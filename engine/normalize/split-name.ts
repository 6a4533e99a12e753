/**
 * One diagnosis string often holds several diagnoses: "HTN; T2DM",
 * "1.慢阻肺急性加重 2.2型糖尿病3.高血压病（2级高危）", "高血压冠心病不稳定心绞痛".
 * Splitting happens at two levels:
 *
 * - *segments*: the items of the diagnosis list (`engine/text/diagnosis-list.ts`,
 *   the same parser the import uses: list numbers gone, bracketed qualifiers kept
 *   with their diagnosis), and inside a numbered item the diagnoses it joins with
 *   a space or comma ("冠心病 不稳定型心绞痛");
 * - *pieces* of a segment: cut at joining words (合并, 伴, "with") and, in a
 *   Chinese run without separators, by a dynamic-programming segmentation
 *   against the code set's terms and the names coders confirmed (longest
 *   words win: a word of n characters scores n²).
 *
 * Pieces are offered *in addition to* their segment, because joining words
 * also occur inside titles (高血压伴心力衰竭): the matcher scores both, and
 * the ranker learns how far to trust a piece. A short unnumbered list (up to
 * three segments) is also offered whole, and so is a numbered item that joins
 * several diagnoses: a confirmed name like it may carry codes no single segment explains.
 */
import { bracketDepths, diagnosisStatus, parseDiagnosisList, type DiagnosisListItem, type DiagnosisStatus } from '../text/diagnosis-list.js'
import { isHan, normaliseText } from './text-features.js'

export interface NamePart {
  /** The part, normalised (`normaliseText`). */
  text: string
  /** Offsets of the part in the name as written (pieces: within their segment, exact where normalising keeps lengths, as for Chinese). */
  start: number
  end: number
  /** `whole`: the name or a numbered item holding several segments; `segment`: one diagnosis of the list; `piece`: a cut of a segment. */
  kind: 'whole' | 'segment' | 'piece'
  /** History (…史) or post-procedure (…术后) item. */
  status: DiagnosisStatus | null
}

export interface SegmentationDictionary {
  /** Normalised terms containing Han characters, 2 to `maxLength` characters long. */
  words: Set<string>
  maxLength: number
  /** The code set's normalised titles and synonyms: a segment written as one is never cut at a list join ("iron deficiency anaemia, unspecified"). */
  titles?: { has(text: string): boolean }
}

export interface SplitName {
  /** The whole name, normalised. */
  normalised: string
  parts: NamePart[]
}

/** Names longer than this are cut: a diagnosis field, not a discharge summary. */
export const MAX_NAME_LENGTH = 400
// Joining words, and a space where the script changes ("高血压 pneumonia").
const JOINING_WORDS = /合并|并发|伴有|伴|及|和|与|\s(?:with|and|con|y|plus)\s|(?<=\p{Script=Han})\s+(?=\p{Script=Latin})|(?<=\p{Script=Latin})\s+(?=\p{Script=Han})/gu
// English joins the list parser leaves inside one segment: ", " before a word (the parser
// reads "Diabetes mellitus, type 2" as one diagnosis, but "enlarged prostate, hypertension"
// is two) and " + " ("Ca stomach + iron-deficiency anaemia"). They cut pieces only, outside brackets,
// and never a code title as written; the segment stays whole beside them, so a name with a comma
// inside still matches as written, and a piece of qualifier words only stays with the diagnosis
// before it ("fracture of neck of femur, closed": no piece "closed").
const LIST_JOINS = /,\s+(?=\p{Script=Latin})|\s\+\s/gu
const QUALIFIER_WORDS = new Set(
  (
    'unspecified unsp specified other nos nec not elsewhere classified without with mention of and or in the site sites part organism ' +
    'type stage grade class degree closed open displaced nondisplaced left right bilateral unilateral side sides both ' +
    'acute subacute chronic mild moderate severe primary secondary initial subsequent encounter sequela sequelae ' +
    'complication complications complicated uncomplicated recurrent single multiple episode current early late onset ' +
    // Spanish (CodiEsp), as normalised: lower case, accents gone.
    'no especificado especificada especificados especificadas otro otra otros otras sin con de del en la el tipo estadio grado ' +
    'cerrado cerrada abierto abierta izquierdo izquierda derecho derecha agudo aguda cronico cronica leve moderado moderada grave inicial secuela sitio parte'
  ).split(' '),
)
const MAX_PIECES = 8
const MAX_WHOLE_SEGMENTS = 3

export function splitDiagnosisName(name: string, dictionary: SegmentationDictionary | null): SplitName {
  const written = name.slice(0, MAX_NAME_LENGTH)
  const normalised = normaliseText(written)
  const parts: NamePart[] = []
  if (normalised === '') return { normalised, parts }
  const items = parseDiagnosisList(written)
  const numbered = items.some((item) => item.number !== null)
  const segments = items.flatMap((item): Array<DiagnosisListItem & { group: DiagnosisListItem | null }> => {
    const inner = parseDiagnosisList(item.text).map((sub) => ({ ...sub, start: item.start + sub.start, end: item.start + sub.end }))
    return inner.length > 1 ? inner.map((sub) => ({ ...sub, group: item })) : [{ ...item, group: null }]
  })
  if (segments.length > 1 && segments.length <= MAX_WHOLE_SEGMENTS && !numbered) {
    parts.push({ text: normalised, start: 0, end: written.length, kind: 'whole', status: null })
  }
  let group: DiagnosisListItem | null = null
  for (const segment of segments) {
    if (segment.group !== null && segment.group !== group) {
      parts.push({ text: normaliseText(segment.group.text), start: segment.group.start, end: segment.group.end, kind: 'whole', status: segment.group.status })
    }
    group = segment.group
    const text = normaliseText(segment.text)
    if (text === '') continue
    parts.push({ text, start: segment.start, end: segment.end, kind: 'segment', status: segment.status })
    const pieces: Array<{ text: string; start: number; end: number; status: DiagnosisStatus | null }> = []
    const listed = dictionary?.titles?.has(text) ? [{ text, start: 0, end: text.length }] : listPieces(text)
    for (const item of listed) {
      // Each diagnosis of "history of MI, hypertension" has its own status; a piece cut at a joining word shares its segment's.
      const status = listed.length > 1 ? diagnosisStatus(item.text) : segment.status
      for (const joined of cut(item.text, item.start, JOINING_WORDS)) {
        pieces.push(...(dictionary ? segmentHan(joined, dictionary) : [joined]).map((piece) => ({ ...piece, status })))
      }
    }
    if (pieces.length > 1) {
      for (const piece of pieces.slice(0, MAX_PIECES)) {
        parts.push({ text: piece.text, start: segment.start + piece.start, end: segment.start + piece.end, kind: 'piece', status: piece.status })
      }
    }
  }
  return { normalised, parts }
}

/** A segment cut at its list joins, a piece of qualifier words only rejoined to the piece before it. */
function listPieces(text: string): Array<{ text: string; start: number; end: number }> {
  const pieces: Array<{ text: string; start: number; end: number }> = []
  for (const piece of cut(text, 0, LIST_JOINS, bracketDepths(text))) {
    const previous = pieces[pieces.length - 1]
    if (previous && isQualifierOnly(piece.text)) pieces[pieces.length - 1] = { text: text.slice(previous.start, piece.end), start: previous.start, end: piece.end }
    else pieces.push(piece)
  }
  return pieces
}

function isQualifierOnly(text: string): boolean {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '')
  return words.length > 0 && words.every((word) => QUALIFIER_WORDS.has(word) || /^(?:\d+|[ivx]+)$/.test(word))
}

/** Cuts `text` at `separator`; with `bracketed` (from `bracketDepths`), never inside brackets. */
function cut(text: string, offset: number, separator: RegExp, bracketed?: Uint8Array): Array<{ text: string; start: number; end: number }> {
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
    if (bracketed?.[match.index] === 1) continue
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
