/**
 * The evidence a coder sees for a code: the passages of the record the model
 * attended to, cut at whole words and terms so a senior coder can read them.
 *
 * The model attends to tokens — word pieces, numbers, single Chinese
 * characters. Painted as they are, that is noise: "10", "2", "出" of 出现,
 * "High" of "High fever" for hypertension. So each attended token is grown to
 * the word or term it belongs to (a Chinese word by ICU's dictionary, then the
 * longest code-set term around it: 脑 → 脑梗死), a number or unit rides with the
 * analyte before it ("HbA1c 7.9 %", "glucose 17 mmol/L") or is dropped, and a
 * span that is still only digits, punctuation, units, one Chinese character or
 * a word that says nothing alone ("high", "患者") is never shown.
 *
 * A value rides with its analyte only when the model attended to the analyte
 * too: the model's [NUM] token draws attention wherever a number stands
 * ("Smoked 25", "pulse 82"), which says nothing about the code.
 *
 * Weights are each passage's strongest token relative to the strongest
 * passage shown, times the record's text support for the code: the best
 * passage of a code the text supports at 20 % is painted at 0.2, so weak
 * evidence looks weak.
 */
import type { EvidenceSpan } from '../../contract/domain.js'
import type { RecordToken } from '../text/tokenizer.js'

/** Attended tokens looked at, most attended first (many are dropped or merge into one span). */
const TOKENS_CONSIDERED = 24
/** Spans shown per code. */
export const MAX_EVIDENCE_SPANS = 10
/** A span weaker than this share of the strongest token is not evidence worth painting. */
const MIN_RELATIVE_WEIGHT = 0.05
/** The analyte a value rides with must itself be attended this much (relative to the strongest token). */
const MIN_ANALYTE_WEIGHT = 0.2
const MAX_TERM_LENGTH = 12

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
const CHINESE_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{2,}/gu

/** Units and value words that never stand alone (lower case, as pre-tokenised). */
const UNITS = new Set([
  'mmol', 'umol', 'μmol', 'µmol', 'mol', 'l', 'dl', 'ml', 'mg', 'g', 'kg', 'ug', 'μg', 'µg', 'ng', 'pg', 'iu', 'u', 'mmhg', 'kpa', 'bpm',
  'cm', 'mm', 'km', 'min', 'h', 'hr', 'hrs', 's', 'sec', 'x', 'meq', 'mosm', 'mcg', 'units', 'unit', 'c', 'f', 'kcal', 'lpm', 'd', 'm2', 'm²', 'mean', 'q8h', 'q12h', 'qd', 'bid', 'tid', 'qn',
  '次', '分', '岁', '天', '周', '年', '月', '日', '小时', '个', '度', '级', '型', '期', '支', '片', '粒', '克', '毫克', '毫升', '升',
])

/** Words that say nothing about a code on their own (they may sit inside a longer span). */
const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'of', 'and', 'or', 'with', 'without', 'for', 'to', 'in', 'on', 'at', 'by', 'from', 'as', 'is', 'was', 'were', 'be',
  'been', 'has', 'have', 'had', 'no', 'not', 'nor', 'denies', 'denied', 'patient', 'patients', 'history', 'known', 'daily', 'twice', 'once', 'times', 'day', 'days',
  'week', 'weeks', 'month', 'months', 'year', 'years', 'ago', 'since', 'after', 'before', 'during', 'over', 'under', 'than', 'then',
  'this', 'that', 'these', 'those', 'his', 'her', 'he', 'she', 'it', 'its', 'their', 'there', 'up', 'down', 'per', 'each', 'all',
  'both', 'some', 'any', 'also', 'further', 'admitted', 'admission', 'discharge', 'discharged', 'hospital', 'ward', 'seen', 'found',
  'given', 'started', 'continued', 'treated', 'treatment', 'managed', 'normal', 'stable', 'well', 'about', 'around', 'level', 'levels',
  'test', 'tests', 'result', 'results', 'showed', 'shows', 'reports', 'reported', 'noted', 'present', 'presented', 'first', 'last',
  'y', 'de', 'la', 'el', 'en', 'con', 'del', 'los', 'las', 'por', 'un', 'una', 'se', 'que',
  '患者', '出现', '入院', '我科', '给予', '予以', '治疗', '诊断', '检查', '病史', '提示', '考虑', '明显', '目前', '收入', '门诊', '既往',
  '自觉', '伴有', '否认', '规律', '定期', '随访', '控制', '情况', '病情', '一般', '好转', '出院', '建议', '复查', '完善', '相关', '进一步',
  '发现', '外院', '本院', '诊治', '原因', '其他', '未见', '正常', '异常', '左右', '以来', '之前', '之后', '开始', '逐渐', '偶有', '继续',
  '发病', '时间', '病程', '病因', '评估', '超出', '可能', '需要', '表现', '结果', '显示', '给药', '用药', '住院', '入院时', '出院时',
])

/** Words that qualify a term ("Acute kidney injury", "High blood pressure") and say nothing without it. */
const QUALIFIERS = new Set(['high', 'low', 'raised', 'acute', 'chronic', 'mild', 'moderate', 'severe', 'new', 'old', 'left', 'right', 'bilateral', '急性', '慢性', '左侧', '右侧', '双侧', '轻度', '中度', '重度'])

export interface EvidenceInput {
  /** The record's section texts, as the tokens index them. */
  sections: readonly string[]
  tokens: readonly RecordToken[]
  /** The code's attention over the tokens (the model's `attention` row). */
  attention: ArrayLike<number>
  /** The record's text support for the code, 0–1; scales the weights. */
  support: number
  /** Chinese terms of the code set (titles and synonyms), to grow a Chinese span to a whole term. */
  terms?: TermLexicon | undefined
}

export interface TermLexicon {
  has(term: string): boolean
  maxLength: number
}

interface Span {
  section: number
  start: number
  end: number
  relative: number
}

export function evidenceSpans(input: EvidenceInput): EvidenceSpan[] {
  const { tokens, attention } = input
  const ranked = [...tokens.keys()]
    .filter((position) => (tokens[position]?.section ?? -1) >= 0 && (attention[position] ?? 0) > 0)
    .sort((a, b) => (attention[b] as number) - (attention[a] as number))
  const strongest = attention[ranked[0] ?? -1] ?? 0
  if (!(strongest > 0) || !(input.support > 0)) return []
  const relativeAt = (section: number, start: number, end: number) => {
    let best = 0
    tokens.forEach((token, position) => {
      if (token.section === section && token.start < end && token.end > start) best = Math.max(best, (attention[position] ?? 0) / strongest)
    })
    return best
  }
  const reader = sectionReader(input.sections, input.terms, (section, start, end) => relativeAt(section, start, end) >= MIN_ANALYTE_WEIGHT)
  const grown: Span[] = []
  for (const position of ranked.slice(0, TOKENS_CONSIDERED)) {
    const token = tokens[position] as RecordToken
    const relative = (attention[position] as number) / strongest
    if (relative < MIN_RELATIVE_WEIGHT) break
    const span = reader.grow(token.section, token.start, token.end)
    // A word that says nothing alone never joins a neighbour either ("出现" + "胸痛"); a lone Chinese
    // character waits for the merge, which may join it to the next one the model attended ("气" + "促").
    if (span && (reader.meaningful(token.section, span.start, span.end) || reader.waitsForNeighbour(token.section, span.start, span.end))) {
      grown.push({ ...span, section: token.section, relative })
    }
  }
  const merged = mergeSpans(grown, input.sections)
  const shown = merged
    .filter((span) => reader.meaningful(span.section, span.start, span.end))
    .sort((a, b) => b.relative - a.relative)
    .slice(0, MAX_EVIDENCE_SPANS)
    .sort((a, b) => a.section - b.section || a.start - b.start)
  const top = Math.max(0, ...shown.map((span) => span.relative))
  const support = Math.min(1, input.support)
  return shown.map(({ section, start, end, relative }) => ({ section, start, end, weight: (relative / top) * support }))
}

/** Spans of one section that overlap or touch (across a space or hyphen) become one, with the stronger weight. */
function mergeSpans(spans: readonly Span[], sections: readonly string[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.section - b.section || a.start - b.start)
  const merged: Span[] = []
  for (const span of sorted) {
    const last = merged.at(-1)
    const between = last && last.section === span.section ? (sections[span.section] ?? '').slice(last.end, span.start) : null
    if (last && between !== null && (span.start <= last.end || /^[\s-]?$/.test(between))) {
      last.end = Math.max(last.end, span.end)
      last.relative = Math.max(last.relative, span.relative)
    } else merged.push({ ...span })
  }
  return merged
}

interface SectionReader {
  /** The whole word, term or analyte-with-value an attended token belongs to; null when it is noise on its own. */
  grow(section: number, start: number, end: number): { start: number; end: number } | null
  /** Whether a span says something by itself (not digits, units, one Chinese character or a function word). */
  meaningful(section: number, start: number, end: number): boolean
  /** A lone Chinese character or a qualifier: shown only when the merge joins it to a word next to it. */
  waitsForNeighbour(section: number, start: number, end: number): boolean
}

type SegmentKind = 'word' | 'chinese' | 'value' | 'separator'

interface Segment {
  start: number
  end: number
  text: string
  kind: SegmentKind
}

const VALUE = /^(?:[\p{N}][\p{N}.,]*|[\p{N}][\p{N}.,]*[\p{L}°℃μµ/]+)$/u
/** Between the parts of one value: "7.9 %", "14.2×10^9/L", "160/95". */
const VALUE_JOINER = /^[\s%/×^·.]{1,2}$/u
/** Between an analyte and its value: "HbA1c 7.9", "Glucose: 17", "血糖17". */
const ANALYTE_GAP = /^[\s:：=]{0,3}$/u

/**
 * Words by ICU's dictionary segmentation, which reads Chinese (胸痛, 高血压) and
 * keeps Latin tokens whole (T2DM, HbA1c, 17mmol).
 */
function segmentSection(text: string): Segment[] {
  return [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(text)].map(({ segment, index, isWordLike }) => {
    const kind: SegmentKind = !isWordLike
      ? 'separator'
      : VALUE.test(segment) || UNITS.has(segment.toLowerCase())
        ? 'value'
        : CJK.test(segment)
          ? 'chinese'
          : 'word'
    return { start: index, end: index + segment.length, text: segment, kind }
  })
}

function sectionReader(
  sections: readonly string[],
  terms: TermLexicon | undefined,
  attended: (section: number, start: number, end: number) => boolean,
): SectionReader {
  const segmented = new Map<number, Segment[]>()
  const segmentsOf = (section: number) => {
    let found = segmented.get(section)
    if (!found) {
      found = segmentSection(sections[section] ?? '')
      segmented.set(section, found)
    }
    return found
  }

  /** A Chinese word grown to the longest code-set term that covers it (脑 → 脑梗死). */
  const chineseTerm = (section: number, word: { start: number; end: number }) => {
    if (!terms) return { start: word.start, end: word.end }
    const text = sections[section] ?? ''
    let best = { start: word.start, end: word.end }
    const longest = Math.min(terms.maxLength, MAX_TERM_LENGTH)
    for (let from = Math.max(0, word.start - longest + 1); from <= word.start; from += 1) {
      for (let to = Math.min(text.length, from + longest); to >= word.end && to > from; to -= 1) {
        if (to - from > best.end - best.start && terms.has(text.slice(from, to))) best = { start: from, end: to }
      }
    }
    return best
  }

  /** A value ("7.9 %", "17 mmol/L") with the analyte just before it; null when there is none worth showing. */
  const withAnalyte = (section: number, index: number) => {
    const all = segmentsOf(section)
    const isValue = (at: number) => all[at]?.kind === 'value'
    const joins = (at: number) => all[at]?.kind === 'separator' && VALUE_JOINER.test(all[at]?.text ?? '')
    const isPercent = (at: number) => all[at]?.kind === 'separator' && all[at]?.text === '%'
    const isSpace = (at: number) => all[at]?.kind === 'separator' && /^\s$/u.test(all[at]?.text ?? '')
    let last = index
    for (;;) {
      if (isValue(last + 1) || isPercent(last + 1)) last += 1
      else if ((joins(last + 1) && isValue(last + 2)) || (isSpace(last + 1) && isPercent(last + 2))) last += 2
      else break
    }
    let first = index
    for (;;) {
      if (isValue(first - 1)) first -= 1
      else if (joins(first - 1) && isValue(first - 2)) first -= 2
      else break
    }
    let before = first - 1
    let gap = ''
    while (all[before]?.kind === 'separator') {
      gap = (all[before]?.text ?? '') + gap
      before -= 1
    }
    const analyte = all[before]
    if (!analyte || !ANALYTE_GAP.test(gap) || (analyte.kind !== 'word' && analyte.kind !== 'chinese')) return null
    const analyteSpan = analyte.kind === 'chinese' ? chineseTerm(section, analyte) : analyte
    if (!meaningful(section, analyteSpan.start, analyteSpan.end) || !attended(section, analyteSpan.start, analyteSpan.end)) return null
    return { start: analyteSpan.start, end: all[last]?.end ?? analyte.end }
  }

  /** Some Latin word of two letters or more, or two Chinese characters or more, that is not a function word or a unit. */
  const meaningful = (section: number, start: number, end: number): boolean => {
    const latin = segmentsOf(section).some(
      (segment) => segment.start >= start && segment.end <= end && segment.kind === 'word' && segment.text.length > 1 && saysSomething(segment.text.toLowerCase()),
    )
    const chineseRuns = (sections[section] ?? '').slice(start, end).match(CHINESE_RUN) ?? []
    return latin || chineseRuns.some((run) => saysSomething(run))
  }
  const saysSomething = (word: string) => !FUNCTION_WORDS.has(word) && !UNITS.has(word) && !QUALIFIERS.has(word)

  return {
    grow(section, start, end) {
      const all = segmentsOf(section)
      const index = all.findIndex((segment) => segment.start <= start && segment.end >= end)
      const segment = all[index]
      if (!segment || segment.kind === 'separator') return null
      if (segment.kind === 'value') return withAnalyte(section, index)
      if (segment.kind === 'chinese') {
        // ICU may cut a word into characters the model attended together (气|促): the merge joins them.
        return chineseTerm(section, segment)
      }
      return { start: segment.start, end: segment.end }
    },
    meaningful,
    waitsForNeighbour: (section, start, end) => {
      const text = (sections[section] ?? '').slice(start, end)
      return ([...text].length === 1 && CJK.test(text) && !UNITS.has(text)) || QUALIFIERS.has(text.toLowerCase())
    },
  }
}
