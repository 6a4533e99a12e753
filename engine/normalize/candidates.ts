/**
 * Candidate codes for one diagnosis name, with the lexical evidence for each:
 * the name is split into parts (`split-name.ts`), each part (and its
 * abbreviation-expanded form) is searched among the code set's terms and among
 * the names coders confirmed, and every code found gets one feature vector
 * per part. The ranker (`ranker.ts`) turns features into a confidence.
 */
import { expandAbbreviations, type AbbreviationTable } from './abbreviations.js'
import { featureVector, type CandidateFeatures } from './candidate-features.js'
import { compareQualifiers, extendsHead, sharesHead } from './clinical-qualifiers.js'
import type { EncoderMatcher } from './encoder-matcher.js'
import type { Lexicon } from './lexicon.js'
import { entriesOf, pairCount, type PairMemory } from './pair-memory.js'
import { searchSparseIndex } from './sparse-index.js'
import { splitDiagnosisName, type NamePart, type SegmentationDictionary } from './split-name.js'
import { contentUnits, normaliseText, textFeatures } from './text-features.js'

export interface MatchContext {
  lexicon: Lexicon
  memory: PairMemory | null
  abbreviations: AbbreviationTable
  /** Segmentation words: the lexicon's plus confirmed names. */
  dictionary: SegmentationDictionary
  /** Leave this source's confirmed pairs out (scoring a training example). */
  excludedSource: string | null
  /** Encoder retrieval, when the workspace has a name encoder; the parts' vectors must be in its cache (`encodeNames`). */
  encoder: EncoderMatcher | null
}

export interface Candidate {
  code: number
  part: number
  /** `featureVector(named)`: what the ranker computes with. */
  features: Float64Array
  named: CandidateFeatures
  /** The standard term or confirmed name that matched best. */
  matchedTerm: string
  matchedVia: 'title' | 'pair'
}

export interface NameCandidates {
  normalised: string
  parts: NamePart[]
  candidates: Candidate[]
}

const TITLE_HITS = 25
const PAIR_HITS = 15
const CANDIDATES_PER_PART = 20
const ENCODER_TITLE_HITS = 20
const ENCODER_PAIR_HITS = 15
const ENCODER_SEARCH_EF = 40
// Encoder candidates kept beside the lexical ones: the lexical cut would drop a code no word of the part names.
const ENCODER_TITLES_KEPT = 6
const ENCODER_PAIRS_KEPT = 4

interface TitleEvidence {
  similarity: number
  term: number
  rank: number
  /** Which variant of the part (as written, abbreviations expanded) matched best. */
  variant: number
}

interface EncoderEvidence {
  similarity: number
  rank: number
  /** Term number (titles) or memory name number (pairs). */
  item: number
}

interface PairEvidence {
  similarity: number
  vote: number
  exact: number
  name: number
  rank: number
}

export function nameCandidates(name: string, context: MatchContext): NameCandidates {
  const { normalised, parts } = splitDiagnosisName(name, context.dictionary)
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
  variants.forEach((variant, variantNumber) => {
    const features = textFeatures(variant)
    searchSparseIndex(lexicon.titleIndex, features, TITLE_HITS).forEach((hit, rank) => {
      const code = lexicon.termCode[hit.document] ?? 0
      const known = titles.get(code)
      if (!known || hit.score > known.similarity) titles.set(code, { similarity: hit.score, term: hit.document, rank: Math.min(rank, known?.rank ?? rank), variant: variantNumber })
    })
    if (memory && memory.names.length > 0) collectPairEvidence(memory, variant, features, excludedSource, pairs)
  })
  // The encoder reads the whole name and its segments as written; pieces (single words of a segment) are the lexical index's job, and each search costs ~0.2 ms.
  const encoded = part.kind === 'piece' ? null : encoderEvidence(context, part.text)
  const exactTitleCodes = new Set(variants.flatMap((variant) => lexicon.exactTerms.get(variant) ?? []))
  let bestTitle = 0
  for (const evidence of titles.values()) bestTitle = Math.max(bestTitle, evidence.similarity)
  let bestVote = 0
  for (const evidence of pairs.values()) bestVote = Math.max(bestVote, evidence.vote)
  const codes = new Set([...titles.keys(), ...pairs.keys()])
  const rough = (code: number): number => (titles.get(code)?.similarity ?? 0) + (pairs.get(code)?.vote ?? 0) + (pairs.get(code)?.similarity ?? 0)
  const kept = [...codes].sort((a, b) => rough(b) - rough(a) || a - b).slice(0, CANDIDATES_PER_PART)
  if (encoded) {
    const keptSet = new Set(kept)
    const byRank = (evidence: Map<number, EncoderEvidence>, count: number): number[] =>
      [...evidence].sort((a, b) => a[1].rank - b[1].rank || a[0] - b[0]).slice(0, count).map(([code]) => code)
    for (const code of [...byRank(encoded.titles, ENCODER_TITLES_KEPT), ...byRank(encoded.pairs, ENCODER_PAIRS_KEPT)]) {
      if (!keptSet.has(code)) {
        keptSet.add(code)
        kept.push(code)
      }
    }
  }
  const variantUnits = variants.map((variant) => contentUnits(variant))
  return kept.map((code) => {
    const title = titles.get(code)
    const pair = pairs.get(code)
    const entry = lexicon.codes[code]
    const encodedTitle = encoded?.titles.get(code)
    const encodedPair = encoded?.pairs.get(code)
    const termNumber = title?.term ?? encodedTitle?.item
    const termText = termNumber !== undefined ? (lexicon.termNormalised[termNumber] ?? '') : normaliseText(entry?.title ?? '')
    // Words and qualifiers are compared with the variant that matched this code's title (慢阻肺 written out).
    const variant = variants[title?.variant ?? 0] ?? part.text
    const partUnits = variantUnits[title?.variant ?? 0] ?? new Set<string>()
    const titleUnits = contentUnits(termText)
    let shared = 0
    for (const unit of titleUnits) if (partUnits.has(unit)) shared += 1
    const titleSimilarity = title?.similarity ?? 0
    const titleCoverage = titleUnits.size > 0 ? shared / titleUnits.size : 0
    const partCoverage = partUnits.size > 0 ? shared / partUnits.size : 0
    const pairSimilarity = pair?.similarity ?? 0
    const pairVote = pair?.vote ?? 0
    const prior = memory ? pairCount(memory, code, excludedSource) : 0
    const qualifiers = compareQualifiers(variant, termText)
    const named: CandidateFeatures = {
      bias: 1,
      title_similarity: titleSimilarity,
      title_coverage: titleCoverage,
      part_coverage: partCoverage,
      exact_title: exactTitleCodes.has(code) ? 1 : 0,
      pair_similarity: pairSimilarity,
      pair_vote: pairVote,
      exact_pair: pair?.exact ?? 0,
      log_prior: Math.log1p(prior) / 5,
      is_piece: part.kind === 'piece' ? 1 : 0,
      assignable: entry?.assignable ? 1 : 0,
      title_rank_reciprocal: title ? 1 / (1 + title.rank) : 0,
      pair_rank_reciprocal: pair ? 1 / (1 + pair.rank) : 0,
      title_gap: titleSimilarity - bestTitle,
      vote_gap: pairVote - bestVote,
      title_x_part_coverage: titleSimilarity * partCoverage,
      pair_similarity_x_vote: pairSimilarity * pairVote,
      no_pair_evidence: pair ? 0 : 1,
      title_in_part: termText.length > 0 && variant.includes(termText) ? 1 : 0,
      pair_name_in_part: pair && memory && part.text.includes(memory.names[pair.name] ?? '\u0000') ? 1 : 0,
      is_whole: part.kind === 'whole' ? 1 : 0,
      encoder_title_similarity: encodedTitle?.similarity ?? 0,
      encoder_title_rank_reciprocal: encodedTitle ? 1 / (1 + encodedTitle.rank) : 0,
      encoder_title_gap: encoded ? (encodedTitle?.similarity ?? 0) - encoded.bestTitle : 0,
      encoder_pair_similarity: encodedPair?.similarity ?? 0,
      encoder_pair_rank_reciprocal: encodedPair ? 1 / (1 + encodedPair.rank) : 0,
      encoder_ran: encoded ? 1 : 0,
      qualifier_agreements: qualifiers.agreements,
      qualifier_conflicts: qualifiers.conflicts,
      qualifiers_missing_in_title: qualifiers.missing,
      qualifiers_extra_in_title: qualifiers.extra,
      negation_conflict: qualifiers.negationConflict,
      status_mismatch: qualifiers.statusMismatch,
      title_extends_head: extendsHead(termText, variant),
      part_extends_head: extendsHead(variant, termText),
      title_ends_with_part: sharesHead(termText, variant),
      part_ends_with_title: sharesHead(variant, termText),
      status_match: qualifiers.statusMatch,
      both_sides_unmatched: shared < partUnits.size && shared < titleUnits.size ? 1 : 0,
    }
    const features = featureVector(named)
    const viaPair = pair !== undefined && pairSimilarity > titleSimilarity
    const pairName = pair?.name ?? encodedPair?.item
    const matchedTerm =
      (viaPair || (!title && !encodedTitle)) && memory && pairName !== undefined
        ? (memory.names[pairName] ?? '')
        : termNumber !== undefined
          ? (lexicon.termText[termNumber] ?? '')
          : (entry?.title ?? '')
    return { code, part: partNumber, features, named, matchedTerm, matchedVia: viaPair || (!title && !encodedTitle) ? 'pair' : 'title' }
  })
}

/**
 * Nearest titles/synonyms and confirmed names of the part in the encoder's
 * space, best per code; null without an encoder or without a vector for the
 * part (not embedded beforehand, or no tokens).
 */
function encoderEvidence(
  context: MatchContext,
  text: string,
): { titles: Map<number, EncoderEvidence>; pairs: Map<number, EncoderEvidence>; bestTitle: number } | null {
  const matcher = context.encoder
  const vector = matcher?.vectors.get(text)
  if (!matcher || !vector) return null
  const titles = new Map<number, EncoderEvidence>()
  const pairs = new Map<number, EncoderEvidence>()
  const note = (evidence: Map<number, EncoderEvidence>, code: number, similarity: number, item: number): void => {
    const known = evidence.get(code)
    if (!known || similarity > known.similarity) evidence.set(code, { similarity, rank: 0, item })
  }
  const memory = matcher.memory
  for (const hit of matcher.terms.search(vector, ENCODER_TITLE_HITS, ENCODER_SEARCH_EF)) note(titles, context.lexicon.termCode[hit.label] ?? 0, 1 - hit.distance, hit.label)
  if (matcher.names && memory) {
    for (const hit of matcher.names.search(vector, ENCODER_PAIR_HITS, ENCODER_SEARCH_EF)) {
      for (const entry of entriesOf(memory, hit.label, context.excludedSource)) note(pairs, entry.code, 1 - hit.distance, hit.label)
    }
  }
  let bestTitle = 0
  for (const evidence of [titles, pairs]) {
    ;[...evidence.values()].sort((a, b) => b.similarity - a.similarity).forEach((item, rank) => (item.rank = rank))
  }
  for (const item of titles.values()) bestTitle = Math.max(bestTitle, item.similarity)
  return { titles, pairs, bestTitle }
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
