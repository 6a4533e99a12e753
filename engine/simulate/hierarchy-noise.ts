/**
 * The quality-control simulator (paper: "raw data quality control simulator"),
 * one for every code set with a hierarchy — the demo catalogue as much as
 * ICD-10-CM under CodiEsp. Each diagnosis name receives, with probability
 * `ratio`, one of the paper's three errors:
 *
 * - *vague*: a name of the nearest named ancestor ("diabetes" for "T2DM");
 * - *wrong*: a name of a code a coder could confuse with it, preferring one the
 *   record is not coded with (else the error would be invisible);
 * - *missing*: the name is dropped.
 *
 * An error that is impossible for a code (no named ancestor, no sibling) falls
 * back to the other naming error, then to missing. The draws are made in a
 * fixed order from one seeded stream, so a seed gives the same noise each run.
 */
import type { SeededRandom } from '../random/seeded-random.js'
import type { InjectedError } from '../records/record-input.js'

export interface CodeHierarchy {
  parentOf(code: string): string | null
  /** Codes a coder could confuse with `code` (the *wrong* errors), in a fixed order; never `code` itself. */
  siblingsOf(code: string): readonly string[]
  /** Names a clinician might write for a code; may be empty. */
  namesOf(code: string): readonly string[]
}

export type ErrorShares = Readonly<Record<InjectedError, number>>

export interface NoiseOptions {
  /** Chance, 0–1, that each name receives an error. */
  ratio: number
  /** Relative shares of the three errors; default equal. */
  errorShares?: ErrorShares | undefined
  /**
   * A *wrong* name when every named sibling is coded in the record too:
   * `'coded-sibling'` takes one of them anyway (the demo hospital, whose small
   * catalogue has few siblings), `'other-error'` (default) tries *vague*, then missing.
   */
  whenSiblingsAreCoded?: 'coded-sibling' | 'other-error'
}

/** The error a name received and its text after it. */
export interface NamingError {
  injectedError: Exclude<InjectedError, 'missing'>
  text: string
}

export interface CodedName {
  text: string
  code: string
}

export interface NoisyName extends CodedName {
  injectedError: InjectedError | null
  /** The name before the error (null when unchanged). */
  originalText: string | null
}

const ERROR_KINDS: readonly InjectedError[] = ['vague', 'wrong', 'missing']
/** Ancestors walked for a vague name: deeper than any ICD hierarchy, and a guard against a parent cycle in imported data. */
const MAX_ANCESTOR_STEPS = 8

/** A simulator for one run: checks the options once, then draws from `random`. */
export interface NameNoise {
  /** Whether the next name receives an error, and which was asked for (null: unchanged). */
  drawError(): InjectedError | null
  /** The naming error made for a name of `code` when `wanted` was asked for; null when neither naming error is possible (the name goes missing). */
  namingError(code: string, wanted: Exclude<InjectedError, 'missing'>, recordCodes: ReadonlySet<string>): NamingError | null
}

export function createNameNoise(hierarchy: CodeHierarchy, options: NoiseOptions, random: SeededRandom): NameNoise {
  const { ratio } = options
  if (!(ratio >= 0 && ratio <= 1)) throw new RangeError(`ratio must be within 0–1, got ${ratio}`)
  const shares = ERROR_KINDS.map((kind) => [kind, options.errorShares?.[kind] ?? 1] as const)
  if (shares.some(([, share]) => !(share >= 0)) || !shares.some(([, share]) => share > 0)) {
    throw new RangeError('errorShares must be non-negative with at least one above zero')
  }
  const takeCodedSibling = options.whenSiblingsAreCoded === 'coded-sibling'

  const vagueName = (code: string): string | null => {
    let ancestor = hierarchy.parentOf(code)
    for (let steps = 0; ancestor !== null && steps < MAX_ANCESTOR_STEPS; steps += 1, ancestor = hierarchy.parentOf(ancestor)) {
      const names = hierarchy.namesOf(ancestor)
      if (names.length > 0) return random.pick(names)
    }
    return null
  }

  const wrongName = (code: string, recordCodes: ReadonlySet<string>): string | null => {
    const named = hierarchy.siblingsOf(code).filter((sibling) => sibling !== code && hierarchy.namesOf(sibling).length > 0)
    const uncoded = named.filter((sibling) => !recordCodes.has(sibling))
    const candidates = uncoded.length > 0 || !takeCodedSibling ? uncoded : named
    if (candidates.length === 0) return null
    return random.pick(hierarchy.namesOf(random.pick(candidates)))
  }

  return {
    drawError: () => (random.chance(ratio) ? random.pickWeighted(shares) : null),
    namingError(code, wanted, recordCodes) {
      const order = wanted === 'vague' ? (['vague', 'wrong'] as const) : (['wrong', 'vague'] as const)
      for (const kind of order) {
        const text = kind === 'vague' ? vagueName(code) : wrongName(code, recordCodes)
        if (text !== null) return { injectedError: kind, text }
      }
      return null
    },
  }
}

/** Noise over the coded names of one record (one code per name), e.g. CodiEsp's diagnosis mentions. */
export function injectHierarchyNoise(names: readonly CodedName[], recordCodes: ReadonlySet<string>, noise: NameNoise): NoisyName[] {
  return names.map((name): NoisyName => {
    const wanted = noise.drawError()
    if (wanted === null) return { ...name, injectedError: null, originalText: null }
    const made = wanted === 'missing' ? null : noise.namingError(name.code, wanted, recordCodes)
    return made ? { ...name, text: made.text, injectedError: made.injectedError, originalText: name.text } : { ...name, injectedError: 'missing', originalText: name.text }
  })
}

/** A hierarchy from parent links: a code's siblings are its parent's other children. */
export function hierarchyFromParents(parents: ReadonlyMap<string, string | null>, namesOf: (code: string) => readonly string[]): CodeHierarchy {
  const children = new Map<string, string[]>()
  for (const [code, parent] of parents) if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), code])
  return {
    parentOf: (code) => parents.get(code) ?? null,
    siblingsOf: (code) => {
      const parent = parents.get(code) ?? null
      return parent === null ? [] : (children.get(parent) ?? []).filter((sibling) => sibling !== code)
    },
    namesOf,
  }
}
