/**
 * The primary diagnosis the model and the rules propose: the reason for
 * admission. Not simply the most probable code (hypertension is often the
 * surest code of a sepsis admission), but the candidate that best combines
 * - its probability,
 * - how often the code is the primary when present (`primary-priors.ts`),
 * - the record's primary diagnosis name pointing to it, when the text agrees,
 * - its evidence sitting in the chief complaint.
 * Codes the rules say may not be primary, and held suggestions, never compete.
 * The weights were chosen on the demo hospital's dev split (docs/coding-view.md).
 */
import type { SuggestedPrimary } from '../../contract/domain.js'

export interface PrimaryCandidate {
  code: string
  probability: number
  /** The record's primary diagnosis name points to this code (its best match, confidently). */
  primaryName: boolean
  /** The code's attention in the chief complaint, as a share of all its attention; null where the record has none. */
  chiefComplaint: number | null
  /** P(primary | present) in this workspace. */
  prior: number
}

export interface PrimaryWeights {
  prior: number
  primaryName: number
  chiefComplaint: number
}

export const PRIMARY_WEIGHTS: PrimaryWeights = { prior: 1, primaryName: 2, chiefComplaint: 2 }

/** A name only points the way when the text agrees this much. */
export const PRIMARY_NAME_MIN_PROBABILITY = 0.05
/** Candidates weaker than this are not the reason anyone was admitted. */
export const PRIMARY_MIN_PROBABILITY = 0.05
const FLOOR = 1e-4

export function primaryScore(candidate: PrimaryCandidate, weights: PrimaryWeights = PRIMARY_WEIGHTS): number {
  const named = candidate.primaryName && candidate.probability >= PRIMARY_NAME_MIN_PROBABILITY ? 1 : 0
  return (
    Math.log(Math.max(FLOOR, candidate.probability)) +
    weights.prior * Math.log(Math.max(FLOOR, candidate.prior)) +
    weights.primaryName * named +
    weights.chiefComplaint * (candidate.chiefComplaint ?? 0)
  )
}

export function suggestPrimary(
  candidates: readonly PrimaryCandidate[],
  title: (code: string) => string,
  weights: PrimaryWeights = PRIMARY_WEIGHTS,
): SuggestedPrimary | null {
  const eligible = candidates.filter((candidate) => candidate.probability >= PRIMARY_MIN_PROBABILITY)
  if (eligible.length === 0) return null
  const scored = eligible.map((candidate) => ({ candidate, score: primaryScore(candidate, weights) })).sort((a, b) => b.score - a.score || (a.candidate.code < b.candidate.code ? -1 : 1))
  const best = scored[0]
  if (!best) return null
  const top = best.score
  const total = scored.reduce((sum, entry) => sum + Math.exp(entry.score - top), 0)
  const strongest = Math.max(...eligible.map((candidate) => candidate.probability))
  const { candidate } = best
  const reasons: SuggestedPrimary['reasons'] = []
  if (candidate.primaryName && candidate.probability >= PRIMARY_NAME_MIN_PROBABILITY) reasons.push('first-name')
  if ((candidate.chiefComplaint ?? 0) >= 0.2) reasons.push('chief-complaint')
  if (candidate.prior >= 0.5) reasons.push('usual-primary')
  if (candidate.probability === strongest) reasons.push('strongest')
  return { code: candidate.code, title: title(candidate.code), confidence: 1 / total, reasons }
}
