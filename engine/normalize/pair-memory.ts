/**
 * What coders taught the normaliser: confirmed (name, code) pairs, indexed by
 * the name so that a new name finds the codes of its nearest confirmed names.
 * A benchmark's training pairs take the same path as a coder's confirmations.
 * Each pair keeps its source (record or training example), so that scoring a
 * training example can leave its own pairs out.
 */
import type { Lexicon } from './lexicon.js'
import { buildSparseIndex, type SparseIndex } from './sparse-index.js'
import { normaliseText, textFeatures } from './text-features.js'

export interface ConfirmedPair {
  name: string
  code: string
  /** Where the pair came from (a record id, a training example); null if unknown. */
  source: string | null
  /** A coder's confirmation, or aligned from imported gold codes; absent for a benchmark's pairs. */
  origin?: 'coder' | 'gold'
}

export interface PairEntry {
  code: number
  source: string | null
}

export interface PairMemory {
  /** Distinct normalised names, by document number of `index`. */
  names: string[]
  entries: PairEntry[][]
  index: SparseIndex
  exact: Map<string, number>
  /** How many pairs name each code number. */
  codeCounts: Map<number, number>
  /** Code numbers each source contributed (with repeats), to take them out of the counts again. */
  sourceCodes: Map<string, number[]>
}

export function buildPairMemory(pairs: ConfirmedPair[], lexicon: Lexicon): PairMemory {
  const names: string[] = []
  const entries: PairEntry[][] = []
  const exact = new Map<string, number>()
  const codeCounts = new Map<number, number>()
  const sourceCodes = new Map<string, number[]>()
  for (const pair of pairs) {
    const code = lexicon.codeNumber.get(pair.code)
    const name = normaliseText(pair.name)
    if (code === undefined || name === '') continue
    let document = exact.get(name)
    if (document === undefined) {
      document = names.length
      exact.set(name, document)
      names.push(name)
      entries.push([])
    }
    entries[document]?.push({ code, source: pair.source })
    codeCounts.set(code, (codeCounts.get(code) ?? 0) + 1)
    if (pair.source !== null) {
      const list = sourceCodes.get(pair.source)
      if (list) list.push(code)
      else sourceCodes.set(pair.source, [code])
    }
  }
  return { names, entries, index: buildSparseIndex(names.length, (document) => textFeatures(names[document] ?? '')), exact, codeCounts, sourceCodes }
}

/** The entries of a confirmed name, less those from `excludedSource`. */
export function entriesOf(memory: PairMemory, document: number, excludedSource: string | null): PairEntry[] {
  const all = memory.entries[document] ?? []
  return excludedSource === null ? all : all.filter((entry) => entry.source !== excludedSource)
}

/** How many confirmed pairs name `code`, not counting those from `excludedSource`. */
export function pairCount(memory: PairMemory, code: number, excludedSource: string | null): number {
  const total = memory.codeCounts.get(code) ?? 0
  if (excludedSource === null) return total
  const own = memory.sourceCodes.get(excludedSource)
  return own ? total - own.filter((number) => number === code).length : total
}
