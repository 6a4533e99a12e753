/**
 * Candidate codes for one diagnosis name, with the lexical evidence for each:
 * the name is split into parts (`split-name.ts`), each part (and its
 * abbreviation-expanded form) is searched among the code set's terms and among
 * the names coders confirmed, and every code found gets one feature vector
 * per part. The ranker (`ranker.ts`) turns features into a confidence.
 */
import { expandAbbreviations, type AbbreviationTable } from './abbreviations.js'
import type { Lexicon } from './lexicon.js'
import { entriesOf, pairCount, type PairMemory } from './pair-memory.js'
import { searchSparseIndex } from './sparse-index.js'
import { splitDiagnosisName, type NamePart, type SegmentationDictionary } from './split-name.js'
import { contentUnits, normaliseText, textFeatures } from './text-features.js'

export const FEATURE_NAMES = [
  'bias',
  'title_similarity',
  'title_coverage',
  'part_coverage',
  'exact_title',
  'pair_similarity',
  'pair_vote',
  'exact_pair',
  'log_prior',
  'is_piece',
  'assignable',
  'title_rank_reciprocal',
  'pair_rank_reciprocal',
  'title_gap',
  'vote_gap',
  'title_x_part_coverage',
  'pair_similarity_x_vote',
  'no_pair_evidence',
  'title_in_part',
  'pair_name_in_part',
  'is_whole',
] as const
export const FEATURE_COUNT = FEATURE_NAMES.length

export interface MatchContext {
  lexicon: Lexicon
  memory: PairMemory | null
  abbreviations: AbbreviationTable
  /** Segmentation words: the lexicon's plus confirmed names. */
  dictionary: SegmentationDictionary
  /** Leave this source's confirmed pairs out (scoring a training example). */
  excludedSource: string | null
}

export interface Candidate {
  code: number
  part: number
  features: Float64Array
  /** The standard term or confirmed name that matched best. */
  matchedTerm: string
  matchedVia: 'title' | 'pair'
}

export interface NameCandidates {
  normalised: string
  parts: NamePart[]
  candidates: Candidate[]
}

/** Names longer than this are cut: a diagnosis field, not a discharge summary. */
export const MAX_NAME_LENGTH = 200
const TITLE_HITS = 25
const PAIR_HITS = 15
const CANDIDATES_PER_PART = 20

interface TitleEvidence {
  similarity: number
  term: number
  rank: number
}

interface PairEvidence {
  similarity: number
  vote: number
  exact: number
  name: number
  rank: number
}

export function nameCandidates(name: string, context: MatchContext): NameCandidates {
  const normalised = normaliseText(name).slice(0, MAX_NAME_LENGTH)
  if (normalised === '') return { normalised, parts: [], candidates: [] }
  const parts = splitDiagnosisName(normalised, context.dictionary)
  const candidates: Candidate[] = []
  parts.forEach((part, partNumber) => {
    candidates.push(...partCandidates(part, partNumber, context))
  })
  return { normalised, parts, candidates }
}

function partCandidates(part: NamePart, partNumber: number, context: MatchContext): Candidate[] {
  const { lexicon, memory, excludedSource } = context
  const expanded = expandAbbreviations(part.text, context.abbreviations)
  const variants = expanded === null ? [part.text] : [part.text, expanded]
  const titles = new Map<number, TitleEvidence>()
  const pairs = new Map<number, PairEvidence>()
  for (const variant of variants) {
    const features = textFeatures(variant)
    searchSparseIndex(lexicon.titleIndex, features, TITLE_HITS).forEach((hit, rank) => {
      const code = lexicon.termCode[hit.document] ?? 0
      const known = titles.get(code)
      if (!known || hit.score > known.similarity) titles.set(code, { similarity: hit.score, term: hit.document, rank: Math.min(rank, known?.rank ?? rank) })
    })
    if (memory && memory.names.length > 0) collectPairEvidence(memory, variant, features, excludedSource, pairs)
  }
  const exactTitleCodes = new Set(variants.flatMap((variant) => lexicon.exactTerms.get(variant) ?? []))
  let bestTitle = 0
  for (const evidence of titles.values()) bestTitle = Math.max(bestTitle, evidence.similarity)
  let bestVote = 0
  for (const evidence of pairs.values()) bestVote = Math.max(bestVote, evidence.vote)
  const codes = new Set([...titles.keys(), ...pairs.keys()])
  const rough = (code: number): number => (titles.get(code)?.similarity ?? 0) + (pairs.get(code)?.vote ?? 0) + (pairs.get(code)?.similarity ?? 0)
  const kept = [...codes].sort((a, b) => rough(b) - rough(a) || a - b).slice(0, CANDIDATES_PER_PART)
  const partUnits = contentUnits(part.text)
  return kept.map((code) => {
    const title = titles.get(code)
    const pair = pairs.get(code)
    const entry = lexicon.codes[code]
    const termText = title ? (lexicon.termNormalised[title.term] ?? '') : normaliseText(entry?.title ?? '')
    const titleUnits = contentUnits(termText)
    let shared = 0
    for (const unit of titleUnits) if (partUnits.has(unit)) shared += 1
    const titleSimilarity = title?.similarity ?? 0
    const titleCoverage = titleUnits.size > 0 ? shared / titleUnits.size : 0
    const partCoverage = partUnits.size > 0 ? shared / partUnits.size : 0
    const pairSimilarity = pair?.similarity ?? 0
    const pairVote = pair?.vote ?? 0
    const prior = memory ? pairCount(memory, code, excludedSource) : 0
    const features = Float64Array.from([
      1,
      titleSimilarity,
      titleCoverage,
      partCoverage,
      exactTitleCodes.has(code) ? 1 : 0,
      pairSimilarity,
      pairVote,
      pair?.exact ?? 0,
      Math.log1p(prior) / 5,
      part.kind === 'piece' ? 1 : 0,
      entry?.assignable ? 1 : 0,
      title ? 1 / (1 + title.rank) : 0,
      pair ? 1 / (1 + pair.rank) : 0,
      titleSimilarity - bestTitle,
      pairVote - bestVote,
      titleSimilarity * partCoverage,
      pairSimilarity * pairVote,
      pair ? 0 : 1,
      termText.length > 0 && part.text.includes(termText) ? 1 : 0,
      pair && memory && part.text.includes(memory.names[pair.name] ?? '\u0000') ? 1 : 0,
      part.kind === 'whole' ? 1 : 0,
    ])
    const viaPair = pair !== undefined && pairSimilarity > titleSimilarity
    const matchedTerm = viaPair && memory ? (memory.names[pair.name] ?? '') : title ? (lexicon.termText[title.term] ?? '') : (entry?.title ?? '')
    return { code, part: partNumber, features, matchedTerm, matchedVia: viaPair ? 'pair' : 'title' }
  })
}

/**
 * Nearest confirmed names vote for their codes, each with weight similarity²
 * (split among the codes confirmed for that name), normalised over the
 * neighbours; an exact name adds the share of its confirmations per code.
 */
function collectPairEvidence(
  memory: PairMemory,
  variant: string,
  features: Map<string, number>,
  excludedSource: string | null,
  pairs: Map<number, PairEvidence>,
): void {
  const accept = excludedSource === null ? undefined : (document: number) => entriesOf(memory, document, excludedSource).length > 0
  const hits = searchSparseIndex(memory.index, features, PAIR_HITS, accept)
  let total = 0
  const votes = new Map<number, number>()
  hits.forEach((hit, rank) => {
    const entries = entriesOf(memory, hit.document, excludedSource)
    const weight = hit.score * hit.score
    total += weight
    for (const entry of entries) {
      votes.set(entry.code, (votes.get(entry.code) ?? 0) + weight / entries.length)
      const known = pairs.get(entry.code)
      if (!known) pairs.set(entry.code, { similarity: hit.score, vote: 0, exact: 0, name: hit.document, rank })
      else if (hit.score > known.similarity) Object.assign(known, { similarity: hit.score, name: hit.document, rank: Math.min(rank, known.rank) })
    }
  })
  for (const [code, vote] of votes) {
    const evidence = pairs.get(code)
    if (evidence) evidence.vote = Math.max(evidence.vote, total > 0 ? vote / total : 0)
  }
  const exactDocument = memory.exact.get(variant)
  if (exactDocument !== undefined) {
    const entries = entriesOf(memory, exactDocument, excludedSource)
    for (const entry of entries) {
      const evidence = pairs.get(entry.code)
      if (evidence) evidence.exact = Math.max(evidence.exact, entries.filter((other) => other.code === entry.code).length / entries.length)
    }
  }
}
