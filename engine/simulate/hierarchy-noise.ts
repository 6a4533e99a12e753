/**
 * The quality-control simulator for any code set with a hierarchy (the demo
 * injector in engine/demo knows only the demo catalogue): each coded diagnosis
 * name receives, with probability `ratio`, one of the paper's three errors —
 * *vague* (a name of the nearest named ancestor), *wrong* (a name of a sibling
 * code the record is not coded with), *missing* (dropped). An error that is
 * impossible for a code (no named parent, no sibling) falls back to the other
 * naming error, then to missing.
 */
import type { SeededRandom } from '../random/seeded-random.js'
import type { InjectedError } from '../records/record-input.js'

export interface CodedName {
  text: string
  code: string
}

export interface NoisyName extends CodedName {
  injectedError: InjectedError | null
  /** The name before the error (null when unchanged). */
  originalText: string | null
}

export interface CodeHierarchy {
  parentOf(code: string): string | null
  childrenOf(code: string): readonly string[]
  /** Names a clinician might write for a code (mentions seen in the corpus, else its title); may be empty. */
  namesOf(code: string): readonly string[]
}

export interface HierarchyNoiseOptions {
  ratio: number
  errorShares?: Readonly<Record<InjectedError, number>>
}

const ERROR_KINDS: readonly InjectedError[] = ['vague', 'wrong', 'missing']

export function injectHierarchyNoise(
  names: readonly CodedName[],
  recordCodes: ReadonlySet<string>,
  hierarchy: CodeHierarchy,
  options: HierarchyNoiseOptions,
  random: SeededRandom,
): NoisyName[] {
  if (!(options.ratio >= 0 && options.ratio <= 1)) throw new RangeError(`ratio must be within 0–1, got ${options.ratio}`)
  const shares = ERROR_KINDS.map((kind) => [kind, options.errorShares?.[kind] ?? 1] as const)
  return names.map((name): NoisyName => {
    if (!random.chance(options.ratio)) return { ...name, injectedError: null, originalText: null }
    const wanted = random.pickWeighted(shares)
    const order: InjectedError[] = wanted === 'vague' ? ['vague', 'wrong'] : wanted === 'wrong' ? ['wrong', 'vague'] : []
    for (const kind of order) {
      const replacement = kind === 'vague' ? vagueName(name.code, hierarchy, random) : wrongName(name.code, recordCodes, hierarchy, random)
      if (replacement !== null) return { ...name, text: replacement, injectedError: kind, originalText: name.text }
    }
    return { ...name, injectedError: 'missing', originalText: name.text }
  })
}

function vagueName(code: string, hierarchy: CodeHierarchy, random: SeededRandom): string | null {
  for (let ancestor = hierarchy.parentOf(code), steps = 0; ancestor !== null && steps < 8; ancestor = hierarchy.parentOf(ancestor), steps += 1) {
    const names = hierarchy.namesOf(ancestor)
    if (names.length > 0) return random.pick(names)
  }
  return null
}

function wrongName(code: string, recordCodes: ReadonlySet<string>, hierarchy: CodeHierarchy, random: SeededRandom): string | null {
  const parent = hierarchy.parentOf(code)
  if (parent === null) return null
  const siblings = hierarchy.childrenOf(parent).filter((sibling) => sibling !== code && !recordCodes.has(sibling) && hierarchy.namesOf(sibling).length > 0)
  if (siblings.length === 0) return null
  return random.pick(hierarchy.namesOf(random.pick(siblings)))
}
