/**
 * Record scores → what the coder sees: codes best first with the source that
 * raised each, its evidence (the tokens that raised the code most, as spans of
 * the original sections), the diagnosis names behind it, and the similar cases.
 */
import type { EvidenceSpan, SimilarCase, SuggestedCode, SuggestionSource, Suggestions } from '../../contract/domain.js'
import type { SqliteDatabase } from '../store/database.js'
import { localTitle } from '../taxonomy/code-lookup.js'
import type { CodingModel, RecordScores } from './coding-model.js'
import { nameQualityFlags } from './name-quality-flags.js'

/** Codes below this are noise to a coder; the slider cannot usefully go lower. */
export const MIN_SHOWN_PROBABILITY = 0.01
export const MAX_SUGGESTIONS = 40
const EVIDENCE_TOKENS = 12

export function toSuggestions(
  database: SqliteDatabase,
  model: CodingModel,
  scores: RecordScores,
  options: { recordId: string; language?: string },
): Suggestions {
  const { manifest } = model.bundle
  const codeIndex = new Map(manifest.codes.map((code, index) => [code, index]))
  const title = titleLookup(database, model.codeSetId, options.language)
  const { lambda } = manifest.knn
  const codes: SuggestedCode[] = [...scores.combined]
    .filter(([, probability]) => probability >= MIN_SHOWN_PROBABILITY)
    .sort(([a, pa], [b, pb]) => pb - pa || (a < b ? -1 : 1))
    .slice(0, MAX_SUGGESTIONS)
    .map(([code, probability]) => {
      const index = codeIndex.get(code)
      const text = index === undefined ? null : (scores.modelProbability[index] as number)
      const similar = scores.neighbours.length > 0 ? (scores.knnProbability.get(code) ?? 0) : null
      const names = scores.nameMatches.get(code) ?? []
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
        evidence: index === undefined ? [] : evidenceSpans(scores, index),
        names,
      }
    })
  const similarCases: SimilarCase[] = scores.neighbours.map((neighbour, position) => {
    const row = database
      .prepare<{ external_id: string; headline: string | null }>(
        `SELECT r.external_id, (SELECT n.text FROM diagnosis_names n WHERE n.record_id = r.id AND n.injected_error IS NOT 'missing' ORDER BY n.position LIMIT 1) AS headline
         FROM records r WHERE r.id = ?`,
      )
      .get(neighbour.recordRowId)
    return {
      recordId: row?.external_id ?? String(neighbour.recordRowId),
      // Cosine similarity of the unit embeddings (d² = 2 − 2·cos).
      similarity: Math.max(0, 1 - (neighbour.distance * neighbour.distance) / 2),
      weight: scores.neighbourWeights[position] ?? 0,
      headline: row?.headline ?? '',
      codes: neighbour.codes.map((code) => ({ code, title: title(code) })),
    }
  })
  const flags = nameQualityFlags({
    recordProbability: scores.recordProbability,
    probability: scores.combined,
    nameMatches: scores.nameMatches,
    ancestors: ancestorLookup(database, model.codeSetId),
    title,
  })
  return {
    recordId: options.recordId,
    modelVersion: manifest.modelVersion,
    threshold: manifest.threshold,
    codes,
    similarCases,
    flags,
    elapsedMs: scores.elapsedMs,
  }
}

/** The tokens with the largest share of the code's logit (the model's `attention` output), adjacent ones merged, weights relative to the strongest. */
export function evidenceSpans(scores: RecordScores, codeIndex: number): EvidenceSpan[] {
  const window = scores.output.attention[codeIndex]
  if (!window) return []
  const { tokens, weights } = window
  const ranked = [...weights.keys()].filter((position) => (tokens[position]?.section ?? -1) >= 0).sort((a, b) => (weights[b] as number) - (weights[a] as number))
  const top = ranked.slice(0, EVIDENCE_TOKENS).sort((a, b) => a - b)
  const strongest = weights[ranked[0] ?? 0] ?? 0
  if (!(strongest > 0)) return []
  const spans: EvidenceSpan[] = []
  for (const position of top) {
    const token = tokens[position]
    if (!token) continue
    const weight = (weights[position] as number) / strongest
    const last = spans.at(-1)
    if (last && last.section === token.section && token.start - last.end <= 1) {
      last.end = token.end
      last.weight = Math.max(last.weight, weight)
    } else spans.push({ section: token.section, start: token.start, end: token.end, weight })
  }
  return spans
}

function titleLookup(database: SqliteDatabase, codeSetId: number, language: string | undefined): (code: string) => string {
  const statement = database.prepare<{ title: string }>('SELECT title FROM codes WHERE code_set_id = ? AND code = ?')
  return (code) => (language ? localTitle(database, codeSetId, code, language) : null) ?? statement.get(codeSetId, code)?.title ?? ''
}

/** Ancestors of a code, nearest first, remembered for the call (a code set's hierarchy does not change under it). */
function ancestorLookup(database: SqliteDatabase, codeSetId: number): (code: string) => string[] {
  const parentOf = database.prepare<{ parent: string | null }>('SELECT parent FROM codes WHERE code_set_id = ? AND code = ?')
  const known = new Map<string, string[]>()
  const ancestors = (code: string): string[] => {
    const cached = known.get(code)
    if (cached) return cached
    known.set(code, []) // a cycle in bad data ends here
    const parent = parentOf.get(codeSetId, code)?.parent ?? null
    const chain = parent === null ? [] : [parent, ...ancestors(parent)]
    known.set(code, chain)
    return chain
  }
  return ancestors
}
