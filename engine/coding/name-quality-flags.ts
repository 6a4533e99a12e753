/**
 * Name-quality flags: where the record's own evidence (the text model mixed
 * with similar cases) and its structured diagnosis names disagree, the names
 * may carry one of the EMR errors coders are there to catch (paper: vague,
 * wrong, missing).
 *
 * - missing: the record supports a code that no name covers — not the code,
 *   not an ancestor (that is vague), not a descendant (the name is more
 *   specific than the text, which is fine);
 * - vague: a name's best match is a heading over codes that are suggested
 *   (by any source: the text, similar cases, or the name's own weaker matches),
 *   and no other name is already more specific under it;
 * - wrong: a name confidently maps to a code the text model knows and gives
 *   almost no support, with nothing near it supported either; the sibling the
 *   record supports most is offered as the likely intended code.
 *
 * Each flag carries the support that raised it, so the view can hide missing
 * and vague flags below the coder's threshold without asking again.
 */
import type { NameQualityFlag } from '../../contract/domain.js'
import type { NameMatch } from './coding-model.js'

/**
 * Missing and vague flags need the record to support the code more likely than
 * not. Measured on the demo hospital (dev + test records, the first demo model): at the
 * model's own threshold (0.11) 98 % of records without any name error got a
 * flag; at 0.5, 25 %.
 */
export const FLAG_MIN_SUPPORT = 0.5
/** A name's code the record gives less than this is "spoken against". */
export const WRONG_MAX_SUPPORT = 0.01
/** Vague flags for suggestions below this are not reported (the view filters by the coder's threshold). */
export const VAGUE_MIN_SUPPORT = 0.05
/** A name is judged by its best match only when the normaliser is sure of it. */
export const MIN_NAME_CONFIDENCE = 0.5
/** A relative of a wrong name's code with this much support makes the name imprecise at worst, not wrong. */
export const WRONG_RELATIVE_SUPPORT = 0.1
const MAX_FLAGS_PER_KIND = 8

export interface FlagInput {
  /** The record's own support per code (text model + similar cases), for every code the model scores. */
  recordProbability: ReadonlyMap<string, number>
  /** The suggestions' probability per code, all sources combined. */
  probability: ReadonlyMap<string, number>
  /** Codes found in the record's names, with the names behind each. */
  nameMatches: ReadonlyMap<string, readonly NameMatch[]>
  /** Ancestors of a code, nearest first. */
  ancestors: (code: string) => readonly string[]
  title: (code: string) => string
}

export function nameQualityFlags(input: FlagInput): NameQualityFlag[] {
  const { recordProbability, probability, nameMatches, ancestors, title } = input
  // A record without usable names has nothing to check them against.
  if (nameMatches.size === 0) return []
  const nameCodes = new Set(nameMatches.keys())
  const aboveNameCodes = new Set([...nameCodes].flatMap((code) => ancestors(code)))
  const supported = [...recordProbability]
    .filter(([, support]) => support >= FLAG_MIN_SUPPORT)
    .sort(([a, pa], [b, pb]) => pb - pa || (a < b ? -1 : 1))

  const missing: NameQualityFlag[] = []
  for (const [code, support] of supported) {
    if (nameCodes.has(code) || aboveNameCodes.has(code)) continue
    if (ancestors(code).some((ancestor) => nameCodes.has(ancestor))) continue // under a name: vague at worst
    missing.push({ kind: 'missing', code, title: title(code), support })
  }

  const best = bestMatchByName(nameMatches)
  const vague: NameQualityFlag[] = []
  for (const [name, { code, confidence }] of best) {
    if (confidence < MIN_NAME_CONFIDENCE) continue
    const under = (other: string) => ancestors(other).includes(code)
    // Another name already more specific under this one: nothing is left unsaid.
    if ([...best].some(([otherName, other]) => otherName !== name && under(other.code))) continue
    const specific = [...probability]
      .filter(([other, support]) => support >= VAGUE_MIN_SUPPORT && under(other))
      .sort(([a, pa], [b, pb]) => pb - pa || (a < b ? -1 : 1))[0]
    if (!specific) continue
    const [specificCode, support] = specific
    vague.push({ kind: 'vague', name, code, title: title(code), specificCode, specificTitle: title(specificCode), support })
  }
  vague.sort((a, b) => b.support - a.support)

  const vagueNames = new Set(vague.flatMap((flag) => (flag.kind === 'vague' ? [flag.name] : [])))
  const wrong: NameQualityFlag[] = []
  for (const [code, matches] of nameMatches) {
    // A name already called vague is not also called wrong for one of its weaker matches.
    if (vagueNames.has(strongestName(matches))) continue
    const support = recordProbability.get(code)
    // A code outside the model's label space is one the text cannot speak to.
    if (support === undefined || support >= WRONG_MAX_SUPPORT) continue
    if (Math.max(...matches.map((match) => match.confidence)) < MIN_NAME_CONFIDENCE) continue
    // The same name also matching an ancestor of the code ("diabetes" → E11 and E11.9)
    // makes codes under that ancestor relatives: the name is vague there, not wrong.
    const ownNames = new Set(matches.map((match) => match.name))
    const broader = ancestors(code).filter((ancestor) => nameMatches.get(ancestor)?.some((match) => ownNames.has(match.name)))
    const related = (other: string) =>
      ancestors(other).includes(code) || ancestors(code).includes(other) || broader.some((ancestor) => ancestors(other).includes(ancestor))
    if ([...recordProbability].some(([other, otherSupport]) => otherSupport >= WRONG_RELATIVE_SUPPORT && related(other))) continue
    const parent = ancestors(code)[0]
    const sibling = supported.find(([other]) => other !== code && !nameCodes.has(other) && parent !== undefined && ancestors(other)[0] === parent)
    wrong.push({
      kind: 'wrong',
      name: strongestName(matches),
      code,
      title: title(code),
      support,
      alternative: sibling ? { code: sibling[0], title: title(sibling[0]), support: sibling[1] } : null,
    })
  }
  wrong.sort((a, b) => a.support - b.support || (a.code < b.code ? -1 : 1))
  // A code offered as a wrong name's alternative is already explained there.
  const alternatives = new Set(wrong.flatMap((flag) => (flag.kind === 'wrong' && flag.alternative ? [flag.alternative.code] : [])))
  const unexplained = missing.filter((flag) => !alternatives.has(flag.code))
  return [...unexplained.slice(0, MAX_FLAGS_PER_KIND), ...vague.slice(0, MAX_FLAGS_PER_KIND), ...wrong.slice(0, MAX_FLAGS_PER_KIND)]
}

function strongestName(matches: readonly NameMatch[]): string {
  return matches.reduce<NameMatch | null>((best, match) => (best === null || match.confidence > best.confidence ? match : best), null)?.name ?? ''
}

/** Each name's most confident code. */
function bestMatchByName(nameMatches: ReadonlyMap<string, readonly NameMatch[]>): Map<string, { code: string; confidence: number }> {
  const best = new Map<string, { code: string; confidence: number }>()
  for (const [code, matches] of nameMatches) {
    for (const match of matches) {
      const current = best.get(match.name)
      if (!current || match.confidence > current.confidence || (match.confidence === current.confidence && code < current.code)) {
        best.set(match.name, { code, confidence: match.confidence })
      }
    }
  }
  return best
}
