/**
 * Diagnosis lists as EMRs write them, cut into their items. One module for
 * the import (a mapping's `"split": "diagnosis-list"`) and the normaliser, so
 * a list is read the same way wherever it comes in.
 *
 * - Numbered lists: `1.` `1、` `1)` `（1）` `①` `一、`. Numbers must count up
 *   from 1, which is what tells the list number in "2.2型糖尿病" (item 2,
 *   "2型糖尿病") from a decimal in "结石2.5cm" — and list numbers are never
 *   left in an item ("高脂血症4").
 * - Unnumbered lists: `；` `;` `，` `,` `、` `。` new lines, and spaces between
 *   Chinese items. A comma before a lower-case English word continues the
 *   diagnosis ("Diabetes mellitus, type 2").
 * - Nothing inside brackets ever cuts: a qualifier stays with its diagnosis
 *   ("高血压病（3级，很高危）", "腹股沟疝(右侧)").
 * - A heading before the list ("入院诊断：") is not an item.
 * - Items ending in 史 or 术后 (or written "history of", "s/p") are marked
 *   as a history or post-procedure status: they are coded differently (Z codes).
 *
 * Offsets are UTF-16 indices into the text given.
 */

export type DiagnosisStatus = 'history' | 'post-procedure'

export interface DiagnosisListItem {
  /** The item as written, without its list number and surrounding separators; brackets kept. */
  text: string
  start: number
  end: number
  /** The list number written before the item, or null in an unnumbered list. */
  number: number | null
  status: DiagnosisStatus | null
}

/** Longer inputs are cut: a diagnosis field, not a discharge summary. */
export const MAX_LIST_LENGTH = 4_000
const MAX_LIST_NUMBER = 60

const OPENING = '(（[【〔{'
const CLOSING = ')）]】〕}'
const ITEM_SEPARATORS = /^[\s;；,，、。.．:：]+|[\s;；,，、。.．:：]+$/gu
// "入院诊断：", "初步诊断:", "Diagnoses:" — a label ending in a colon before the first item.
const HEADING = /^\s*(?:[\p{Script=Han}]{0,8}诊断|diagnos[ie]s|discharge diagnos[ie]s|admission diagnos[ie]s)\s*[：:]\s*/iu
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'
const CHINESE_DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 }

type MarkerStyle = 'arabic' | 'parenthesised' | 'circled' | 'chinese'

interface Marker {
  style: MarkerStyle
  value: number
  start: number
  /** First character after the marker. */
  end: number
  /** A marker glued to a number or Latin letter, or followed by a decimal-looking digit: allowed, but the chain prefers others. */
  weak: boolean
}

export function parseDiagnosisList(input: string): DiagnosisListItem[] {
  const text = input.length > MAX_LIST_LENGTH ? input.slice(0, MAX_LIST_LENGTH) : input
  const heading = HEADING.exec(text)
  const offset = heading && heading[0].length < text.length ? heading[0].length : 0
  const bracketed = bracketDepths(text)
  const markers = findMarkers(text, offset, bracketed)
  const chain = longestChain(text, offset, markers)
  if (chain.length > 0) return numberedItems(text, chain, bracketed)
  return separatedItems(text, offset, text.length, bracketed)
}

/** The item texts only. */
export function diagnosisListTexts(input: string): string[] {
  return parseDiagnosisList(input).map((item) => item.text)
}

/** Marks each position inside a matched bracket pair (an unmatched bracket is an ordinary character). */
export function bracketDepths(text: string): Uint8Array {
  const inside = new Uint8Array(text.length)
  const stack: number[] = []
  for (let position = 0; position < text.length; position += 1) {
    const character = text.charAt(position)
    if (OPENING.includes(character)) stack.push(position)
    else if (CLOSING.includes(character) && stack.length > 0) {
      const open = stack.pop() as number
      if (stack.length === 0) inside.fill(1, open + 1, position)
    }
  }
  return inside
}

function findMarkers(text: string, from: number, bracketed: Uint8Array): Marker[] {
  const markers: Marker[] = []
  const before = (position: number): string => (position > 0 ? text.charAt(position - 1) : '')
  for (const match of text.slice(from).matchAll(/([0-9０-９]{1,2})\s?[.．、)）]|[(（]([0-9０-９]{1,2})[)）]|([①-⑳])|([一二三四五六七八九十])[、.．]/gu)) {
    const start = from + match.index
    if (bracketed[start] === 1) continue
    const end = start + match[0].length
    const previous = before(start)
    if (match[1] !== undefined) {
      // "12." is twelve, not two.
      if (/[\p{Nd}.．]/u.test(previous)) continue
      const next = text.charAt(end)
      const delimiter = match[0].charAt(match[0].length - 1)
      // "2.5cm" looks like a decimal and "L4." like a vertebra, but "COPD4.甲减" is a list place
      // glued to an abbreviation: such markers count only where the chain needs them.
      const decimalLike = /[.．]/.test(delimiter) && /[0-9０-９]/.test(next)
      markers.push({ style: 'arabic', value: Number(match[1].normalize('NFKC')), start, end, weak: decimalLike || /[A-Za-z]/.test(previous) })
    } else if (match[2] !== undefined) {
      markers.push({ style: 'parenthesised', value: Number(match[2].normalize('NFKC')), start, end, weak: false })
    } else if (match[3] !== undefined) {
      markers.push({ style: 'circled', value: CIRCLED.indexOf(match[3]) + 1, start, end, weak: false })
    } else if (match[4] !== undefined) {
      // 一、 inside a word (统一、) is not a list place: it must start the text or follow a separator.
      if (previous !== '' && !/[\s;；,，。]/.test(previous)) continue
      markers.push({ style: 'chinese', value: CHINESE_DIGITS[match[4]] ?? 0, start, end, weak: false })
    }
  }
  return markers
}

/**
 * The longest run of markers of one style numbered 1, 2, 3 …, the first at the
 * start of the list, each with text before the next. Where a place has several
 * candidates (a decimal "2.5" before the real "2."), every choice is tried and
 * the longest chain wins, then the one with fewer weak markers.
 */
function longestChain(text: string, offset: number, markers: Marker[]): Marker[] {
  let leading = offset
  while (leading < text.length && /[\s;；,，、。]/.test(text.charAt(leading))) leading += 1
  let best: Marker[] = []
  let bestWeak = Infinity
  for (const first of markers.filter((marker) => marker.value === 1 && marker.start === leading)) {
    const sameStyle = markers.filter((marker) => marker.style === first.style)
    const found = extendChain(text, [first], sameStyle, 0)
    const weak = found.filter((marker) => marker.weak).length
    if (found.length > best.length || (found.length === best.length && weak < bestWeak)) {
      best = found
      bestWeak = weak
    }
  }
  return best
}

function extendChain(text: string, chain: Marker[], markers: Marker[], depth: number): Marker[] {
  const last = chain[chain.length - 1] as Marker
  if (last.value >= MAX_LIST_NUMBER || depth > MAX_LIST_NUMBER) return chain
  const next = markers.filter((marker) => marker.value === last.value + 1 && marker.start > last.end && text.slice(last.end, marker.start).trim() !== '')
  if (next.length === 0) return chain
  // Only the first few candidates matter: a list place is rarely written more than twice.
  let best = chain
  let bestWeak = Infinity
  for (const candidate of next.slice(0, 3)) {
    const found = extendChain(text, [...chain, candidate], markers, depth + 1)
    const weak = found.filter((marker) => marker.weak).length
    if (found.length > best.length || (found.length === best.length && weak < bestWeak)) {
      best = found
      bestWeak = weak
    }
  }
  return best
}

function numberedItems(text: string, chain: Marker[], bracketed: Uint8Array): DiagnosisListItem[] {
  const items: DiagnosisListItem[] = []
  chain.forEach((marker, index) => {
    const end = chain[index + 1]?.start ?? text.length
    if (chain.length === 1) {
      // "1.高血压；糖尿病": one number, then a list the other way — but only strong separators
      // count: the number says the doctor numbered this item, spaces and commas and all.
      items.push(...separatedItems(text, marker.end, end, bracketed, true).map((item, position) => ({ ...item, number: position === 0 ? 1 : null })))
      return
    }
    const item = trimmedItem(text, marker.end, end, marker.value)
    if (item) items.push(item)
  })
  return items
}

function separatedItems(text: string, from: number, to: number, bracketed: Uint8Array, strongOnly = false): DiagnosisListItem[] {
  const items: DiagnosisListItem[] = []
  let start = from
  let strongBefore = true
  const flush = (end: number, strongAfter: boolean): void => {
    const item = trimmedItem(text, start, end, null)
    if (!item) return
    const previous = items[items.length - 1]
    // "高血压病3级 极高危", "慢阻肺，急性加重期": a qualifier alone belongs to the diagnosis before it.
    if (previous && !strongBefore && QUALIFIER_ONLY.test(item.text)) {
      const merged = text.slice(previous.start, item.end)
      items[items.length - 1] = { ...previous, text: merged, end: item.end, status: diagnosisStatus(merged) }
    } else items.push(item)
    strongBefore = strongAfter
  }
  for (let position = from; position < to; position += 1) {
    if (bracketed[position] === 1) continue
    const character = text.charAt(position)
    const strong = STRONG_SEPARATORS.includes(character)
    if (strong || (!strongOnly && isSeparatorAt(text, position, character))) {
      flush(position, strong)
      start = position + 1
    }
  }
  flush(to, true)
  return items
}

const STRONG_SEPARATORS = '；;\n\r'
// Grades, stages, risk levels, sides and phases written apart from their diagnosis.
const QUALIFIER_ONLY =
  /^(?:[（(]?(?:[1-5一二三四五ⅠⅡⅢⅣⅤIV]+[级期度]|[低中高]危组?|极高危组?|很高危组?|[左右双]侧|急性加重期?|急性期|稳定期|缓解期|恢复期|后遗症期|[ABC]级|NYHA\s*[ⅠⅡⅢⅣIV]+级?)[，,]?)+[）)]?$/u

function isSeparatorAt(text: string, position: number, character: string): boolean {
  if ('；;，、。\n\r'.includes(character)) return true
  if (character === ',') {
    // "Diabetes mellitus, type 2": a lower-case word after the comma continues the diagnosis.
    const rest = text.slice(position + 1).trimStart()
    return !/^[a-z]/.test(rest)
  }
  if (character === '.' || character === '．') {
    // A full stop ends an item; the dot of 2.5 or A00.1 does not.
    return !(/\d/.test(text.charAt(position - 1)) && /\d/.test(text.charAt(position + 1))) && !/[A-Za-z]/.test(text.charAt(position + 1))
  }
  if (/\s/.test(character)) {
    // Spaces part Chinese items ("高血压 糖尿病"), never English words.
    let left = position - 1
    while (left >= 0 && /\s/.test(text.charAt(left))) left -= 1
    let right = position + 1
    while (right < text.length && /\s/.test(text.charAt(right))) right += 1
    const leftCharacter = text.charAt(left)
    const rightCharacter = text.charAt(right)
    // "高血压 T2DM 房颤", "重症肺炎 Ⅱ型糖尿病", "肾性贫血 2型糖尿病": one side Chinese, the other a new item.
    const chineseEnd = /[\p{Script=Han}）)】〕]/u.test(leftCharacter)
    const itemStart = /[\p{Script=Han}（(【〔A-ZⅠ-Ⅻ0-9]/u.test(rightCharacter)
    const abbreviationEnd = /[A-Z0-9]/.test(leftCharacter) && /\p{Script=Han}/u.test(rightCharacter)
    return (chineseEnd && itemStart) || abbreviationEnd
  }
  return false
}

function trimmedItem(text: string, from: number, to: number, number: number | null): DiagnosisListItem | null {
  const raw = text.slice(from, to)
  const trimmed = raw.replace(ITEM_SEPARATORS, '')
  // A bare number is a list place that lost its text, never a diagnosis ("1" once matched an obstetric 产1次 code).
  if (!/\p{L}/u.test(trimmed)) return null
  const start = from + raw.indexOf(trimmed)
  return { text: trimmed, start, end: start + trimmed.length, number, status: diagnosisStatus(trimmed) }
}

/** History (…史, history of …) or post-procedure (…术后, s/p …) status of an item, else null. */
export function diagnosisStatus(item: string): DiagnosisStatus | null {
  const text = item.replace(/[（(][^（()）]*[)）]\s*$/u, '').trim()
  if (/术后(?:状态|改变)?$|^(?:s\/p|status post)\b/iu.test(text)) return 'post-procedure'
  if (/史$|^(?:history of|h\/o|personal history of)\b/iu.test(text)) return 'history'
  return null
}
