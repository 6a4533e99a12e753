/**
 * Record scores → what the coder sees: assignable codes best first with the
 * source that raised each, its evidence (whole words and terms of the
 * sections, painted by the text's support), the diagnosis names behind it,
 * the coding rules' verdict, the suggested primary diagnosis, the headings the
 * record points to (with their codes to choose from), the similar cases and
 * the name-quality flags.
 */
import type { EvidenceSpan, SimilarCase, SuggestedCode, SuggestedHeading, SuggestionSource, Suggestions } from '../../contract/domain.js'
import { mayBePrimary, patientWarningsFor } from '../rules/check-codes.js'
import { patientFacts } from '../rules/check-record.js'
import { codeFacts, type CodeFacts } from '../rules/code-facts.js'
import { ruleSetForCodeSet, type ActiveRuleSet } from '../rules/rule-sets.js'
import { screenSuggestions } from '../rules/screen-suggestions.js'
import type { SqliteDatabase } from '../store/database.js'
import type { CodingModel, NameMatch, RecordScores } from './coding-model.js'
import { evidenceSpans as cleanEvidenceSpans } from './evidence-spans.js'
import { codePrevalence, type CodePrevalence } from './code-prevalence.js'
import { nameQualityFlags } from './name-quality-flags.js'
import { NAMED_RECORDS_SHARE, namedRecordsShare } from './names-expected.js'
import { primaryPriors, type PrimaryPriors } from './primary-priors.js'
import { suggestPrimary, type PrimaryCandidate, type PrimaryWeights } from './suggested-primary.js'
import { chineseTermLexicon } from './term-lexicon.js'

/** Codes below this are noise to a coder; the slider cannot usefully go lower. */
export const MIN_SHOWN_PROBABILITY = 0.01
export const MAX_SUGGESTIONS = 40
const MAX_HEADINGS = 6
const MAX_HEADING_CHOICES = 8
/** A name's match this sure, or text support this high, documents a code (an exclusive pair may then stand). */
const DOCUMENTED_NAME_CONFIDENCE = 0.5
const DOCUMENTED_TEXT_SUPPORT = 0.5

const priorsByModel = new WeakMap<CodingModel, PrimaryPriors>()
/** The workspace's share of records with names, read once per opened model (as the primary priors are). */
const namedShareByModel = new WeakMap<CodingModel, number>()
const prevalenceByModel = new WeakMap<CodingModel, CodePrevalence>()

export function toSuggestions(
  database: SqliteDatabase,
  model: CodingModel,
  scores: RecordScores,
  options: { recordId: string; language?: string; primaryWeights?: PrimaryWeights },
): Suggestions {
  const { manifest } = model.bundle
  const codeIndex = new Map(manifest.codes.map((code, index) => [code, index]))
  const facts = codeFacts(database, model.codeSetId, options.language)
  const ruleSet = ruleSetForCodeSet(database, model.codeSetId)
  const title = (code: string) => facts.get(code)?.title ?? ''
  const { lambda } = manifest.knn
  const bestNameCode = bestCodeByName(scores.nameMatches)
  const documented = (code: string) =>
    [...bestNameCode.values()].some((best) => best.code === code && best.confidence >= DOCUMENTED_NAME_CONFIDENCE) ||
    (scores.recordProbability.get(code) ?? 0) >= DOCUMENTED_TEXT_SUPPORT

  const ranked = [...scores.combined]
    .filter(([, probability]) => probability >= MIN_SHOWN_PROBABILITY)
    .sort(([a, pa], [b, pb]) => pb - pa || (a < b ? -1 : 1))
  const assignable = ranked.filter(([code]) => facts.get(code)?.assignable === true).slice(0, MAX_SUGGESTIONS)
  const patient = patientFacts(database, scores.recordRowId)
  const held = screenSuggestions(facts, ruleSet, {
    codes: assignable.map(([code]) => code),
    patient,
    documented,
    language: options.language,
  })
  const terms = chineseTermLexicon(database, model.codeSetId)
  const codes: SuggestedCode[] = assignable.map(([code, probability]) => {
    const index = codeIndex.get(code)
    const text = index === undefined ? null : (scores.modelProbability[index] as number)
    const similar = scores.neighbours.length > 0 ? (scores.knnProbability.get(code) ?? 0) : null
    const names = (scores.nameMatches.get(code) ?? []).map(({ name, matchedTerm, confidence }) => ({ name, matchedTerm, confidence }))
    const nameScore = names.length > 0 ? Math.max(...names.map((match) => match.confidence)) : null
    const contributions: Array<[SuggestionSource, number]> = [
      ['text', (1 - (similar === null ? 0 : lambda)) * (text ?? 0)],
      ['similar', lambda * (similar ?? 0)],
      ['names', nameScore ?? 0],
    ]
    const source = contributions.reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0]
    return {
      code,
      title: title(code),
      probability,
      source,
      scores: { text, names: nameScore, similar },
      evidence: index === undefined ? [] : codeEvidence(scores, index, text ?? 0, terms),
      names,
      held: held.get(code) ?? null,
    }
  })

  const primary = suggestPrimary(primaryCandidates(database, model, scores, codes, facts, ruleSet, bestNameCode), title, options.primaryWeights)
  let namedShare = namedShareByModel.get(model)
  if (namedShare === undefined) {
    namedShare = namedRecordsShare(database)
    namedShareByModel.set(model, namedShare)
  }
  let prevalence = prevalenceByModel.get(model)
  if (!prevalence) {
    prevalence = codePrevalence(database)
    prevalenceByModel.set(model, prevalence)
  }
  const prevalenceOf = prevalence
  const flags = nameQualityFlags({
    recordProbability: scores.recordProbability,
    namesExpected: scores.nameCount === 0 && namedShare >= NAMED_RECORDS_SHARE,
    probability: scores.combined,
    // A match the rules rule out for this patient (a pregnancy code for a man) is no evidence about the name.
    nameMatches: withoutImpossible(scores.nameMatches, (code) => {
      const fact = facts.get(code)
      return fact !== null && patientWarningsFor(ruleSet, fact, patient).length > 0
    }),
    ancestors: (code) => facts.ancestors(code),
    assignable: (code) => facts.get(code)?.assignable === true,
    textKnows: (code) => codeIndex.has(code),
    prevalence: (code) => prevalenceOf.count(code),
    assignableUnder: (code) => facts.assignableUnder(code, 50).map((fact) => fact.code),
    title,
  })
  return {
    recordId: options.recordId,
    modelVersion: manifest.modelVersion,
    threshold: manifest.threshold,
    codes,
    headings: headingsOf(ranked, scores, facts),
    primary,
    similarCases: similarCases(database, scores, title),
    flags,
    elapsedMs: scores.elapsedMs,
  }
}

/** The evidence of one code: whole words and terms, painted by the text model's support for it. */
function codeEvidence(scores: RecordScores, codeIndex: number, support: number, terms: ReturnType<typeof chineseTermLexicon>): EvidenceSpan[] {
  const length = scores.output.tokens
  return cleanEvidenceSpans({
    sections: scores.sections,
    tokens: scores.tokens,
    attention: scores.output.attention.subarray(codeIndex * length, (codeIndex + 1) * length),
    support,
    terms,
  })
}

/** Headings the names or similar cases point to, each with its assignable codes ranked by the record's support. */
function headingsOf(ranked: ReadonlyArray<readonly [string, number]>, scores: RecordScores, facts: CodeFacts): SuggestedHeading[] {
  return ranked
    .filter(([code]) => facts.get(code)?.assignable === false)
    .slice(0, MAX_HEADINGS)
    .map(([code, probability]) => ({
      code,
      title: facts.get(code)?.title ?? '',
      probability,
      names: (scores.nameMatches.get(code) ?? []).map(({ name, matchedTerm, confidence }) => ({ name, matchedTerm, confidence })),
      choices: facts
        .assignableUnder(code, 50)
        .map((choice) => ({ code: choice.code, title: choice.title, probability: scores.combined.get(choice.code) ?? 0 }))
        .sort((a, b) => b.probability - a.probability || (a.code < b.code ? -1 : 1))
        .slice(0, MAX_HEADING_CHOICES),
    }))
}

function primaryCandidates(
  database: SqliteDatabase,
  model: CodingModel,
  scores: RecordScores,
  codes: readonly SuggestedCode[],
  facts: CodeFacts,
  ruleSet: ActiveRuleSet | null,
  bestNameCode: ReadonlyMap<string, { code: string; confidence: number; primaryName: boolean }>,
): PrimaryCandidate[] {
  let priors = priorsByModel.get(model)
  if (!priors) {
    priors = primaryPriors(database)
    priorsByModel.set(model, priors)
  }
  const primaryNameCodes = new Set([...bestNameCode.values()].filter((best) => best.primaryName && best.confidence >= DOCUMENTED_NAME_CONFIDENCE).map((best) => best.code))
  const chiefSection = scores.sectionKinds.indexOf('chief_complaint')
  const codeIndex = new Map(model.bundle.manifest.codes.map((code, index) => [code, index]))
  const length = scores.output.tokens
  return codes.flatMap((suggestion) => {
    const fact = facts.get(suggestion.code)
    if (suggestion.held || !fact || !mayBePrimary(ruleSet?.rules ?? null, fact)) return []
    const index = codeIndex.get(suggestion.code)
    let chiefComplaint: number | null = null
    if (chiefSection >= 0 && index !== undefined) {
      const row = scores.output.attention.subarray(index * length, (index + 1) * length)
      let inChief = 0
      let total = 0
      scores.tokens.forEach((token, position) => {
        const weight = row[position] ?? 0
        if (token.section < 0) return
        total += weight
        if (token.section === chiefSection) inChief += weight
      })
      chiefComplaint = total > 0 ? inChief / total : null
    }
    const priorsOf = priors as PrimaryPriors
    return [{ code: suggestion.code, probability: suggestion.probability, primaryName: primaryNameCodes.has(suggestion.code), chiefComplaint, prior: priorsOf.rate(suggestion.code) }]
  })
}

function similarCases(database: SqliteDatabase, scores: RecordScores, title: (code: string) => string): SimilarCase[] {
  const headlineOf = database.prepare<{ external_id: string; headline: string | null }>(
    `SELECT r.external_id, (SELECT n.text FROM diagnosis_names n WHERE n.record_id = r.id AND n.injected_error IS NOT 'missing' ORDER BY n.position LIMIT 1) AS headline
     FROM records r WHERE r.id = ?`,
  )
  return scores.neighbours.map((neighbour, position) => {
    const row = headlineOf.get(neighbour.recordRowId)
    return {
      recordId: row?.external_id ?? String(neighbour.recordRowId),
      // Cosine similarity of the unit embeddings (d² = 2 − 2·cos).
      similarity: Math.max(0, 1 - (neighbour.distance * neighbour.distance) / 2),
      weight: scores.neighbourWeights[position] ?? 0,
      headline: row?.headline ?? '',
      codes: neighbour.codes.map((code) => ({ code, title: title(code) })),
    }
  })
}

/** Each name's most confident code. */
function bestCodeByName(nameMatches: ReadonlyMap<string, readonly NameMatch[]>): Map<string, { code: string; confidence: number; primaryName: boolean }> {
  const best = new Map<string, { code: string; confidence: number; primaryName: boolean }>()
  for (const [code, matches] of nameMatches) {
    for (const match of matches) {
      const current = best.get(match.name)
      if (!current || match.confidence > current.confidence || (match.confidence === current.confidence && code < current.code)) {
        best.set(match.name, { code, confidence: match.confidence, primaryName: match.primaryName })
      }
    }
  }
  return best
}

/** Name matches to codes the patient's sex or age rule out are dropped before the names are judged. */
function withoutImpossible(nameMatches: ReadonlyMap<string, readonly NameMatch[]>, impossible: (code: string) => boolean): Map<string, readonly NameMatch[]> {
  return new Map([...nameMatches].filter(([code]) => !impossible(code)))
}
