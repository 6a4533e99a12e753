/**
 * The words that decide a fine code once the disease is found: grade, risk,
 * stage and type (高血压病3级（极高危）, 慢性肾脏病4期, 2型糖尿病), acute / chronic /
 * exacerbation, side (左 / 右 / 双), history or post-procedure status, and
 * negated or opposite prefixes (不稳定 vs 稳定, 非ST段抬高 vs ST段抬高). Character
 * n-grams see 稳定型心绞痛 inside 不稳定型心绞痛 and call them near-identical; a
 * coder sees opposites. `compareQualifiers` counts, for a name part and a
 * candidate title, the qualifiers they share, those that conflict, those the
 * name gives and the title lacks (the title is too general), and those the
 * title adds (the title is more specific than what was written); the ranker
 * weighs them.
 *
 * Input is normalised text (`normaliseText`: digits for grades and types, 极高危 for 很高危).
 */

export interface Qualifiers {
  grade: number | null
  /** 1 低危, 2 中危, 3 高危, 4 极高危. */
  risk: number | null
  stage: number | null
  type: number | null
  acuity: 'acute' | 'subacute' | 'chronic' | null
  exacerbation: boolean
  side: 'left' | 'right' | 'both' | null
  status: 'history' | 'post-procedure' | null
  /** Words written after a negating prefix (不稳定 → 稳定, 非st段抬高 → st段). */
  negated: string[]
}

export interface QualifierComparison {
  agreements: number
  conflicts: number
  /** Qualifiers of the name the title does not have. */
  missing: number
  /** Qualifiers of the title the name does not have. */
  extra: number
  /** A word negated on one side and asserted on the other. */
  negationConflict: number
  /** History / post-procedure on one side only. */
  statusMismatch: number
  /** The same history / post-procedure status on both sides. */
  statusMatch: number
}

const RISKS: ReadonlyArray<readonly [string, number]> = [
  ['极高危', 4],
  ['高危', 3],
  ['中危', 2],
  ['低危', 1],
]
const NEGATION = /(?:不|非|无|未)([\p{Script=Han}a-z]{2})|\b(?:non|un)-?([a-z]{3,})/gu

export function qualifiersOf(text: string): Qualifiers {
  const number = (pattern: RegExp): number | null => {
    const match = pattern.exec(text)
    return match ? Number(match[1]) : null
  }
  const riskEntry = RISKS.find(([word]) => text.includes(word))
  const english = /[a-z]{3}/.test(text)
  const acuity = /亚急性|subacute/.test(text) ? 'subacute' : /急性|\bacute\b/.test(text) ? 'acute' : /慢性|\bchronic\b/.test(text) ? 'chronic' : null
  const left = /左|\bleft\b/.test(text)
  const right = /右|\bright\b/.test(text)
  const side = /双侧|双肺|双下肢|双膝|双肾|\bbilateral\b/.test(text) || (left && right) ? 'both' : left ? 'left' : right ? 'right' : null
  const status = /(?:个人|病|既往)?史$|history of|\bh\/o\b/.test(text)
    ? 'history'
    : /术后(?:状态|改变)?$|状态$|后天性.*缺失|\bs\/p\b|status post/.test(text)
      ? 'post-procedure'
      : null
  const negated: string[] = []
  for (const match of text.matchAll(NEGATION)) negated.push(match[1] ?? match[2] ?? '')
  return {
    grade: number(/(\d)\s*级/) ?? (english ? number(/\bgrade\s*(\d)/) : null),
    risk: riskEntry ? riskEntry[1] : null,
    stage: number(/(\d)\s*期/) ?? (english ? number(/\bstage\s*(\d)/) : null),
    type: number(/(\d)\s*型/) ?? (english ? number(/\btype\s*(\d)/) : null),
    acuity,
    exacerbation: /急性加重|加重期|exacerbation/.test(text),
    side,
    status,
    negated: negated.filter((word) => word !== ''),
  }
}

export function compareQualifiers(part: string, title: string): QualifierComparison {
  const a = qualifiersOf(part)
  const b = qualifiersOf(title)
  const result: QualifierComparison = { agreements: 0, conflicts: 0, missing: 0, extra: 0, negationConflict: 0, statusMismatch: 0, statusMatch: 0 }
  const compare = <T>(left: T | null, right: T | null): void => {
    if (left !== null && right !== null) {
      if (left === right) result.agreements += 1
      else result.conflicts += 1
    } else if (left !== null) result.missing += 1
    else if (right !== null) result.extra += 1
  }
  compare(a.grade, b.grade)
  compare(a.risk, b.risk)
  compare(a.stage, b.stage)
  compare(a.type, b.type)
  compare(a.acuity, b.acuity)
  compare(a.side, b.side)
  compare(a.exacerbation ? true : null, b.exacerbation ? true : null)
  if (a.status !== b.status) result.statusMismatch = 1
  else if (a.status !== null) result.statusMatch = 1
  // 不稳定型心绞痛 against 稳定型心绞痛: 稳定 is negated in one and asserted in the other.
  const asserted = (text: string, word: string): boolean => {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      if (!/[不非无未]$|non-?$|un-?$/.test(text.slice(Math.max(0, at - 4), at))) return true
    }
    return false
  }
  for (const word of a.negated) {
    if (b.negated.includes(word)) result.agreements += 1
    else if (asserted(title, word)) result.negationConflict += 1
  }
  for (const word of b.negated) if (!a.negated.includes(word) && asserted(part, word)) result.negationConflict += 1
  return result
}

/**
 * How a title relates to a name part it contains, or that contains it, at the
 * head of the Chinese term (its end): 肺结节病 is 肺结节 with a different head
 * (sarcoidosis, not a nodule), 2型糖尿病伴有肾的并发症 adds a complication. Returns
 * 1 when `longer` holds `shorter` followed by more Han characters, else 0.
 */
export function extendsHead(longer: string, shorter: string): number {
  if (shorter.length < 2) return 0
  const at = longer.indexOf(shorter)
  if (at < 0) return 0
  const rest = longer.slice(at + shorter.length)
  // "…术后状态" only says in words what "…术后" says.
  return /^\p{Script=Han}/u.test(rest) && !/^状态(?:$|[^\p{Script=Han}])/u.test(rest) ? 1 : 0
}

/** 1 when `longer` ends with `shorter` and is longer: the same head with modifiers before it (孤立性肺结节, 肺结节). */
export function sharesHead(longer: string, shorter: string): number {
  return shorter.length >= 2 && longer.length > shorter.length && longer.endsWith(shorter) ? 1 : 0
}
