/**
 * The diagnosis-name normaliser: informal name in, codes with calibrated
 * confidence out, each with the standard title it matched and the part of the
 * name that matched it.
 */
import { buildAbbreviationTable, type AbbreviationTable } from './abbreviations.js'
import { nameCandidates, type MatchContext, type NameCandidates } from './candidates.js'
import type { EncoderMatcher } from './encoder-matcher.js'
import { addDictionaryWord, type Lexicon } from './lexicon.js'
import { buildPairMemory, pairCount, type ConfirmedPair, type PairMemory } from './pair-memory.js'
import { DEFAULT_RANKER, candidateProbability, logisticProbability, type Ranker } from './ranker.js'
import { setFeatures, type ScoredCandidate } from './set-features.js'
import type { NamePart, SegmentationDictionary } from './split-name.js'

export interface Normalizer {
  lexicon: Lexicon
  memory: PairMemory
  ranker: Ranker
  abbreviations: AbbreviationTable
  /** Version of the workspace's synonym lexicon the abbreviations come from (0: built-in only). */
  synonymVersion: number
  dictionary: SegmentationDictionary
  /** Confidence at or above which a code is accepted (a suggestion / a noisy label). */
  threshold: number
  /** Where the ranker came from, for reports: `default`, `fitted on N names`, or the default with the reason a stored one was refused. */
  rankerOrigin: string
  /** The name encoder's retrieval, or null (lexical only). Names must be embedded (`encodeNames`) before they are normalised for it to take part. */
  encoder: EncoderMatcher | null
}

export interface NormalizedCode {
  code: string
  title: string
  /** Probability that the code is right for the name (calibrated on held-out names). */
  confidence: number
  accepted: boolean
  /** The standard term or the confirmed name that matched. */
  matchedTerm: string
  matchedVia: 'title' | 'pair'
  /** The part of the (normalised) name the code was found for, with offsets in `NormalizedName.normalised`. */
  part: { text: string; start: number; end: number }
}

export interface NormalizedName {
  name: string
  normalised: string
  parts: NamePart[]
  /** Best first; at most one entry per code. */
  codes: NormalizedCode[]
}

export const DEFAULT_THRESHOLD = 0.5
const DESCENDANT_MARGIN = 0.02

export function createNormalizer(
  lexicon: Lexicon,
  pairs: ConfirmedPair[],
  options: { ranker?: Ranker; threshold?: number; rankerOrigin?: string; synonyms?: ReadonlyArray<readonly [string, string]>; synonymVersion?: number } = {},
): Normalizer {
  const memory = buildPairMemory(pairs, lexicon)
  const words = new Set(lexicon.dictionary.words)
  for (const name of memory.names) addDictionaryWord(words, name)
  return {
    lexicon,
    memory,
    ranker: options.ranker ?? DEFAULT_RANKER,
    abbreviations: buildAbbreviationTable(options.synonyms),
    synonymVersion: options.synonymVersion ?? 0,
    dictionary: { words, maxLength: lexicon.dictionary.maxLength, titles: lexicon.exactTerms },
    threshold: options.threshold ?? DEFAULT_THRESHOLD,
    rankerOrigin: options.rankerOrigin ?? (options.ranker ? 'given' : 'default'),
    encoder: null,
  }
}

export function matchContext(normalizer: Normalizer, excludedSource: string | null = null): MatchContext {
  return {
    lexicon: normalizer.lexicon,
    memory: normalizer.memory,
    abbreviations: normalizer.abbreviations,
    dictionary: normalizer.dictionary,
    excludedSource,
    encoder: normalizer.encoder,
  }
}

export interface RankedCandidate extends ScoredCandidate {
  /** Final confidence (second stage when the ranker has one). */
  confidence: number
  /** Second-stage features, for fitting. */
  setRow: Float64Array
}

/** Scores every candidate, keeps each code's best part, and rescores the codes as a set. */
export function rankCandidates(normalizer: Normalizer, found: NameCandidates): RankedCandidate[] {
  const bestInPart = new Map<number, number>()
  const merged = new Map<number, ScoredCandidate>()
  for (const candidate of found.candidates) {
    const probability = candidateProbability(normalizer.ranker, candidate.features)
    bestInPart.set(candidate.part, Math.max(bestInPart.get(candidate.part) ?? 0, probability))
    const known = merged.get(candidate.code)
    if (!known) merged.set(candidate.code, { candidate, probability, parts: 1, bestInPart: 0 })
    else {
      known.parts += 1
      if (probability > known.probability) Object.assign(known, { candidate, probability })
    }
  }
  const scored = [...merged.values()]
  for (const item of scored) item.bestInPart = bestInPart.get(item.candidate.part) ?? item.probability
  const rows = setFeatures(scored, normalizer.lexicon)
  const { set } = normalizer.ranker
  return scored.map((item, index) => {
    const setRow = rows[index] as Float64Array
    return { ...item, setRow, confidence: set ? logisticProbability(set, setRow) : item.probability }
  })
}

export function normalizeName(
  normalizer: Normalizer,
  name: string,
  options: { limit?: number; excludedSource?: string | null } = {},
): NormalizedName {
  const found = nameCandidates(name, matchContext(normalizer, options.excludedSource ?? null))
  const best = rankCandidates(normalizer, found)
  const { lexicon, memory } = normalizer
  const depth = (code: number): number => {
    let levels = 0
    for (let parent = lexicon.parentOf[code] ?? -1; parent >= 0 && levels < 16; parent = lexicon.parentOf[parent] ?? -1) levels += 1
    return levels
  }
  // Ties (common: a title shared by a category and its only code) go to the code
  // coders chose more often, then to an assignable code, then to the more general one.
  const ranked = [...best.values()].sort(
    (a, b) =>
      b.confidence - a.confidence ||
      pairCount(memory, b.candidate.code, null) - pairCount(memory, a.candidate.code, null) ||
      Number(lexicon.codes[b.candidate.code]?.assignable) - Number(lexicon.codes[a.candidate.code]?.assignable) ||
      depth(a.candidate.code) - depth(b.candidate.code) ||
      a.candidate.code - b.candidate.code,
  )
  // Hierarchy: of an accepted code and an accepted ancestor, one is redundant. A descendant about as
  // sure as its ancestor says all the ancestor says (E11.9 over E11); a clearly weaker descendant is a
  // guess at more detail than the name gives (慢阻肺急性加重: J44.100, not its 0.66 child).
  const confidenceOf = new Map(ranked.map((item) => [item.candidate.code, item.confidence]))
  const acceptedCodes = new Set(ranked.filter((item) => item.confidence >= normalizer.threshold).map((item) => item.candidate.code))
  const redundant = new Set<number>()
  for (const code of acceptedCodes) {
    for (let parent = lexicon.parentOf[code] ?? -1, steps = 0; parent >= 0 && steps < 16; parent = lexicon.parentOf[parent] ?? -1, steps += 1) {
      if (!acceptedCodes.has(parent)) continue
      // A heading over the code is never the one to keep (D50 over D50.900, both titled 缺铁性贫血).
      const headingParent = !lexicon.codes[parent]?.assignable
      if (headingParent || (confidenceOf.get(code) ?? 0) + DESCENDANT_MARGIN >= (confidenceOf.get(parent) ?? 0)) redundant.add(parent)
      else redundant.add(code)
    }
  }
  const codes = ranked.slice(0, options.limit ?? 10).map(({ candidate, confidence }) => {
    const entry = lexicon.codes[candidate.code]
    const part = found.parts[candidate.part]
    return {
      code: entry?.code ?? '',
      title: entry?.title ?? '',
      confidence,
      accepted: confidence >= normalizer.threshold && !redundant.has(candidate.code),
      matchedTerm: candidate.matchedTerm,
      matchedVia: candidate.matchedVia,
      part: { text: part?.text ?? '', start: part?.start ?? 0, end: part?.end ?? 0 },
    }
  })
  return { name, normalised: found.normalised, parts: found.parts, codes }
}
