/**
 * Name-quality flags: where the record's own evidence (the text model mixed
 * with similar cases) and its structured diagnosis names disagree, the names
 * may carry one of the EMR errors coders are there to catch (paper: vague,
 * wrong, missing). Every name is judged by its best match only — never by a
 * secondary one ("T2DM" is E11.9, not the O24.4 it also faintly resembles) —
 * and matches the coding rules rule out for the patient are dropped before
 * (the caller's job).
 *
 * - vague: a name whose best match is a heading (a code that cannot be
 *   assigned), unless it matches a code under that heading nearly as well
 *   ("acute appendicitis" is both K35's title and K35.8's name) or another name
 *   is already more specific under it; the most probable code under it is offered;
 * - wrong: a name confidently mapped to a code the text model scores and
 *   speaks against, while the text supports a sibling of it (same category;
 *   another category of the block only where the text is silent on the name's
 *   code and sure of the neighbour) that no name covers — "possibly wrong" only
 *   where the text contradicts the mapping and says what it should be; doubt
 *   about the mapping itself (the name matching the text's choice as well) is
 *   the mapper's ("mapping uncertain", shown on the name's match), not a flag;
 * - missing: a code the record supports at about even odds or more that no name
 *   covers: not its code, an ancestor or descendant (vague at worst), nor a
 *   neighbour (a wrong name at worst) — also on a record that shows no name
 *   at all in a workspace whose records carry names.
 *
 * The thresholds were chosen on the demo hospital's dev split and checked on
 * its test split (docs/coding-view.md: precision and recall per kind, and the
 * share of error-free records that show a flag).
 */
import type { NameQualityFlag } from '../../contract/domain.js'
import type { NameMatch } from './coding-model.js'

/** A missing flag needs the record to support the code this much (about even odds; 0.45 chosen on dev). */
export const FLAG_MIN_SUPPORT = 0.45
/** A name is judged (vague, wrong) only when its best match is at least this sure. */
export const MIN_NAME_CONFIDENCE = 0.5
/** A name match this sure covers its code and its neighbours against a missing flag (joined names match each part; a vague "cholesterol problem" matches its condition weakly). */
export const COVER_CONFIDENCE = 0.1
/** A name matching a heading and a code under it within this much names that code. */
export const HEADING_TIE = 0.05
/** A name matching two codes this close is the mapper's doubt between them ("mapping uncertain"), not a wrong name. */
export const MAPPING_TIE = 0.05
/** The text speaks against a name's code when it supports it less than this… */
export const WRONG_MAX_SUPPORT = 0.3
/** …and less than this share of the neighbour it supports instead (below WRONG_CLEAR_SUPPORT the share does not matter). */
export const WRONG_SHARE_OF_ALTERNATIVE = 0.2
export const WRONG_CLEAR_SUPPORT = 0.02
/** The neighbour the text supports instead must reach this. */
export const ALTERNATIVE_MIN_SUPPORT = 0.2
/**
 * A neighbour in another category of the block (I25.1 for an I21.0 name) is
 * as often a second condition as the right code for the name: the text must
 * be silent on the name's code and sure of the neighbour.
 */
export const WRONG_MAX_SUPPORT_ACROSS = 0.03
export const ALTERNATIVE_MIN_SUPPORT_ACROSS = 0.6
const MAX_FLAGS_PER_KIND = 8

export interface FlagInput {
  /** The record's own support per code (text model + similar cases), for every code the model scores. */
  recordProbability: ReadonlyMap<string, number>
  /** The suggestions' probability per code, all sources combined. */
  probability: ReadonlyMap<string, number>
  /**
   * The record shows no diagnosis name at all although the workspace's records
   * usually carry them: every code its evidence supports lacks a name.
   */
  namesExpected: boolean
  /** Codes found in the record's names, with the names behind each. */
  nameMatches: ReadonlyMap<string, readonly NameMatch[]>
  /** Ancestors of a code, nearest first (the last is the chapter). */
  ancestors: (code: string) => readonly string[]
  /** Whether a code may be assigned (false for headings and codes the set lacks). */
  assignable: (code: string) => boolean
  /**
   * Whether the text model scores a code (its label space). A code it never
   * learned gets no support from the text whatever the record says, so its
   * silence is no evidence against a name mapped to it.
   */
  textKnows: (code: string) => boolean
  /** How common a code is among the workspace's labelled records (smoothed; only ratios matter). */
  prevalence: (code: string) => number
  /** Assignable codes under a heading. */
  assignableUnder: (code: string) => readonly string[]
  title: (code: string) => string
}

export function nameQualityFlags(input: FlagInput): NameQualityFlag[] {
  const { recordProbability, probability, nameMatches, ancestors, assignable, title } = input
  // A record whose names match nothing has nothing to check them against; one
  // without any name, where names are the rule, is missing all of them.
  if (nameMatches.size === 0 && !input.namesExpected) return []
  const support = (code: string) => recordProbability.get(code) ?? 0
  const best = bestMatchByName(nameMatches, input)
  const confident = [...best.values()].filter((match) => match.confidence >= MIN_NAME_CONFIDENCE).map((match) => match.code)
  const related = (a: string, b: string) => a === b || ancestors(a).includes(b) || ancestors(b).includes(a)
  // Neighbours share a category or block: every ancestor but the chapter.
  const groups = (code: string) => ancestors(code).slice(0, -1)
  const neighbours = (a: string, b: string) => a !== b && groups(a).some((group) => groups(b).includes(group))
  // Siblings share the nearest heading (a category: I21.0 and I21.4, not I21.0 and I25.1).
  const siblings = (a: string, b: string) => a !== b && ancestors(a)[0] !== undefined && ancestors(a)[0] === ancestors(b)[0]

  const vague: NameQualityFlag[] = []
  for (const [name, match] of best) {
    if (match.confidence < MIN_NAME_CONFIDENCE || assignable(match.code)) continue
    // Another name already more specific under this one: nothing is left unsaid.
    if ([...best].some(([other, otherMatch]) => other !== name && ancestors(otherMatch.code).includes(match.code))) continue
    const [specificCode] = input
      .assignableUnder(match.code)
      .map((code) => [code, probability.get(code) ?? 0] as const)
      .sort(([a, pa], [b, pb]) => pb - pa || (a < b ? -1 : 1))[0] ?? [undefined]
    if (specificCode === undefined) continue
    vague.push({ kind: 'vague', name, code: match.code, title: title(match.code), specificCode, specificTitle: title(specificCode), support: probability.get(specificCode) ?? 0 })
  }
  vague.sort((a, b) => b.support - a.support)
  const vagueNames = new Set(vague.map((flag) => (flag.kind === 'vague' ? flag.name : '')))

  const wrong: NameQualityFlag[] = []
  for (const [name, match] of best) {
    if (vagueNames.has(name) || match.confidence < MIN_NAME_CONFIDENCE || !assignable(match.code) || !input.textKnows(match.code)) continue
    const own = support(match.code)
    if (own >= WRONG_MAX_SUPPORT) continue
    const alternative = [...recordProbability]
      .filter(
        ([code, value]) =>
          value >= ALTERNATIVE_MIN_SUPPORT &&
          assignable(code) &&
          (siblings(code, match.code) || (neighbours(code, match.code) && own < WRONG_MAX_SUPPORT_ACROSS && value >= ALTERNATIVE_MIN_SUPPORT_ACROSS)) &&
          !confident.some((named) => related(named, code)) &&
          // The same name matching the alternative as well is the mapper's doubt between the two, not the text's contradiction.
          !(nameMatches.get(code) ?? []).some((entry) => entry.name === name && entry.confidence >= match.confidence - MAPPING_TIE),
      )
      .sort(([a, pa], [b, pb]) => pb - pa || (a < b ? -1 : 1))[0]
    if (!alternative) continue
    if (own >= WRONG_CLEAR_SUPPORT && own > WRONG_SHARE_OF_ALTERNATIVE * alternative[1]) continue
    // The text's odds for the name's code against the alternative must fall below the codes' base-rate odds:
    // a text that merely prefers the commoner code, as it always does, does not contradict the name.
    if (own * input.prevalence(alternative[0]) > alternative[1] * input.prevalence(match.code)) continue
    wrong.push({
      kind: 'wrong',
      name,
      code: match.code,
      title: title(match.code),
      support: own,
      alternative: { code: alternative[0], title: title(alternative[0]), support: alternative[1] },
    })
  }
  wrong.sort((a, b) => a.support - b.support || (a.code < b.code ? -1 : 1))
  const alternatives = new Set(wrong.flatMap((flag) => (flag.kind === 'wrong' && flag.alternative ? [flag.alternative.code] : [])))

  const covering = [...nameMatches].filter(([, matches]) => matches.some((entry) => entry.confidence >= COVER_CONFIDENCE)).map(([code]) => code)
  const missing: NameQualityFlag[] = [...recordProbability]
    .filter(([code, value]) => value >= FLAG_MIN_SUPPORT && assignable(code) && !alternatives.has(code))
    .filter(([code]) => !covering.some((named) => related(named, code) || neighbours(named, code)))
    .sort(([a, pa], [b, pb]) => pb - pa || (a < b ? -1 : 1))
    .map(([code, value]) => ({ kind: 'missing', code, title: title(code), support: value }))
  return [...missing.slice(0, MAX_FLAGS_PER_KIND), ...vague.slice(0, MAX_FLAGS_PER_KIND), ...wrong.slice(0, MAX_FLAGS_PER_KIND)]
}

/**
 * Each name's most confident code; a name that matches a heading's title and,
 * nearly as well, a code under it is taken to name that code.
 */
function bestMatchByName(
  nameMatches: ReadonlyMap<string, readonly NameMatch[]>,
  input: Pick<FlagInput, 'ancestors' | 'assignable'>,
): Map<string, { code: string; confidence: number }> {
  const best = new Map<string, { code: string; confidence: number }>()
  for (const [code, matches] of nameMatches) {
    for (const match of matches) {
      const current = best.get(match.name)
      if (!current || match.confidence > current.confidence || (match.confidence === current.confidence && code < current.code)) {
        best.set(match.name, { code, confidence: match.confidence })
      }
    }
  }
  for (const [name, match] of best) {
    if (input.assignable(match.code)) continue
    const under = [...nameMatches]
      .flatMap(([code, matches]) =>
        input.assignable(code) && input.ancestors(code).includes(match.code) ? matches.filter((entry) => entry.name === name).map((entry) => ({ code, confidence: entry.confidence })) : [],
      )
      .sort((a, b) => b.confidence - a.confidence)[0]
    if (under && under.confidence >= match.confidence - HEADING_TIE) best.set(name, under)
  }
  return best
}

/** Which flags the coding view shows at a threshold: every vague and wrong flag, missing ones whose support reaches it. */
export function isFlagShown(flag: NameQualityFlag, threshold: number): boolean {
  return flag.kind !== 'missing' || flag.support >= threshold
}
