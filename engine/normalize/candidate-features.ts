/**
 * The evidence the ranker weighs for one (name part, candidate code): a record
 * keyed by feature name, so a feature is set by name where it is computed and
 * weights are stored and read back by name (`stored-ranker.ts`), never by
 * position. `featureVector` packs a record in `FEATURE_NAMES` order for the
 * arithmetic of the logistic model and the trees.
 *
 * Adding, removing or renaming a feature changes `FEATURE_SET_VERSION`'s
 * content: a stored ranker fitted on other features is refused, not misread.
 */

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
  // Encoder evidence (all 0 without an encoder): cosine of the nearest title/synonym of the code, its rank, gap to the part's best; same for confirmed names.
  'encoder_title_similarity',
  'encoder_title_rank_reciprocal',
  'encoder_title_gap',
  'encoder_pair_similarity',
  'encoder_pair_rank_reciprocal',
  'encoder_ran',
  // Clinical meaning (`clinical-qualifiers.ts`): qualifiers shared, conflicting, given by the name only, added by the title only;
  // a negated word asserted on the other side (不稳定 / 稳定); history or post-procedure on one side only.
  'qualifier_agreements',
  'qualifier_conflicts',
  'qualifiers_missing_in_title',
  'qualifiers_extra_in_title',
  'negation_conflict',
  'status_mismatch',
  // The title holds the part and goes on at the head (肺结节 → 肺结节病), or the part holds the title and goes on.
  'title_extends_head',
  'part_extends_head',
  // Same head: the title ends with the part (孤立性肺结节 for 肺结节: modifiers added) or the part ends with the title.
  'title_ends_with_part',
  'part_ends_with_title',
  // Both a history or both a post-procedure item (脑梗死病史 and 脑梗死个人史).
  'status_match',
  // Each side has words the other lacks: a different word, not a more or less specific one (甲状腺结节 / 甲状腺结核).
  'both_sides_unmatched',
] as const

export type FeatureName = (typeof FEATURE_NAMES)[number]
export type CandidateFeatures = Record<FeatureName, number>

export const FEATURE_COUNT = FEATURE_NAMES.length
/** Names the feature set: stored rankers carry it and are refused when it differs. */
export const FEATURE_SET_VERSION = `candidate-features/${FEATURE_COUNT}:${FEATURE_NAMES.join(',')}`

export function featureVector(features: CandidateFeatures): Float64Array {
  return Float64Array.from(FEATURE_NAMES, (name) => features[name])
}

/** Weights given by name; a name left out weighs 0. */
export function weightVector(weights: Partial<Record<FeatureName, number>>): Float64Array {
  return Float64Array.from(FEATURE_NAMES, (name) => weights[name] ?? 0)
}
