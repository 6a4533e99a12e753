/** The shapes the UI sees. Everything that crosses the IPC boundary is defined here. */
import { z } from 'zod'
import { Role } from './roles.js'
import { RuleOverride } from './coding-rules.js'

export const CodeLevel = z.enum(['chapter', 'block', 'category', 'code'])

export const CodeSetInfo = z.object({
  id: z.number().int(),
  name: z.string(),
  version: z.string(),
  language: z.string(),
  label: z.string(),
  codeCount: z.number().int(),
  active: z.boolean(),
})
export type CodeSetInfo = z.infer<typeof CodeSetInfo>

export const CodeRef = z.object({
  code: z.string(),
  title: z.string(),
  level: CodeLevel,
  assignable: z.boolean(),
})
export type CodeRef = z.infer<typeof CodeRef>

export const CodeHit = CodeRef.extend({
  /** The term that matched the query where it is not the title (a synonym, an index term). */
  matchedTerm: z.string().nullable(),
  /** Ancestors from the chapter down, so the hierarchy can be shown beside the hit. */
  path: z.array(z.object({ code: z.string(), title: z.string() })),
})
export type CodeHit = z.infer<typeof CodeHit>

/** `re-review`: coded, but a re-import changed the record since (source changed): the coding needs another look. */
export const RecordStatus = z.enum(['todo', 'submitted', 're-review'])
export type RecordStatus = z.infer<typeof RecordStatus>

/** A calendar day as ISO 8601 `YYYY-MM-DD`; impossible days (2023-02-29) are refused. */
export const IsoDate = z.iso.date()

/**
 * What narrows the record queue; every filter given must hold. Absent means any.
 * The discharge range is inclusive at both ends and compares the date part, so a
 * discharge at 2024-03-08T22:10 falls within `dischargedTo: '2024-03-08'`.
 */
export const CodingMode = z.enum(['assisted', 'black-box', 'manual'])
export type CodingMode = z.infer<typeof CodingMode>

export const RecordFilter = z.object({
  status: RecordStatus.optional(),
  /** Exact department, as the records spell it (one of `RecordFacets.departments`). */
  department: z.string().min(1).max(200).optional(),
  /** Exact record language, e.g. `en`, `zh` (one of `RecordFacets.languages`). */
  language: z.string().min(1).max(35).optional(),
  /** Part of the record id or of one of its diagnosis names; A–Z match either case; blank matches all. */
  query: z.string().max(200).optional(),
  dischargedFrom: IsoDate.optional(),
  dischargedTo: IsoDate.optional(),
  /** Records whose current coding has this code, or one under it (`E11` finds `E11.9`); letters in either case. */
  code: z.string().min(1).max(40).optional(),
  /** Records whose current coding this user submitted (a supervisor auditing one coder's work). */
  coder: z.string().min(1).max(200).optional(),
  /** Records whose current coding was done in this mode (the paper's comparison). */
  mode: CodingMode.optional(),
  /** Only the records of open batches assigned to the signed-in user. */
  assigned: z.literal('me').optional(),
  /** By the supervisor's verdict on the current version. */
  review: z.enum(['returned', 'approved', 'unreviewed']).optional(),
})
export type RecordFilter = z.infer<typeof RecordFilter>

/** Queue order: by record id (the order records were imported in), or newest discharge first, undated records last. */
export const RecordSort = z.enum(['id', 'discharged-desc'])
export type RecordSort = z.infer<typeof RecordSort>

/** The values the queue's filter menus offer: every department and language in the workspace, whatever the filters. */
export const RecordFacets = z.object({
  departments: z.array(z.string()),
  languages: z.array(z.string()),
  /** The language at least 80 % of the records are written in, else null: the UI opens in it unless the user chose one. */
  mainLanguage: z.string().nullable(),
  /** Everyone who has submitted a coding, for the coder filter. */
  coders: z.array(z.object({ id: z.string(), displayName: z.string() })),
})
export type RecordFacets = z.infer<typeof RecordFacets>

/**
 * Why records are given to someone. `coding` and `double-coding` are the coding
 * desk's; other desks add theirs (e.g. `annotation`) here, and their assignments
 * show in the assignee's queue the same way.
 */
export const WorkPurpose = z.enum(['coding', 'double-coding', 'annotation'])
export type WorkPurpose = z.infer<typeof WorkPurpose>

/** A record as it sits in someone's queue because of a batch. */
export const RecordAssignment = z.object({
  batchId: z.number().int(),
  purpose: WorkPurpose,
  label: z.string(),
  done: z.boolean(),
})
export type RecordAssignment = z.infer<typeof RecordAssignment>

export const ReviewVerdict = z.enum(['approved', 'returned'])
export type ReviewVerdict = z.infer<typeof ReviewVerdict>

export const ReviewInfo = z.object({
  version: z.number().int(),
  reviewer: z.string(),
  reviewerName: z.string(),
  verdict: ReviewVerdict,
  comment: z.string(),
  reviewedAt: z.string(),
})
export type ReviewInfo = z.infer<typeof ReviewInfo>

export const RecordSummary = z.object({
  id: z.string(),
  language: z.string(),
  department: z.string().nullable(),
  dischargedAt: z.string().nullable(),
  status: RecordStatus,
  /** First diagnosis name, so the queue says what the case is about. */
  headline: z.string(),
  codeCount: z.number().int(),
  /** The supervisor's verdict on the current version; null while unreviewed. */
  review: ReviewVerdict.nullable().optional(),
  /** Why the record is in the viewer's queue: an open batch assigned to them. */
  assignment: RecordAssignment.nullable().optional(),
})
export type RecordSummary = z.infer<typeof RecordSummary>

export const Section = z.object({ kind: z.string(), title: z.string(), text: z.string() })
export type Section = z.infer<typeof Section>

export const DiagnosisName = z.object({
  position: z.number().int(),
  text: z.string(),
  isPrimary: z.boolean(),
})
export type DiagnosisName = z.infer<typeof DiagnosisName>

export const DecisionCode = z.object({
  code: z.string(),
  isPrimary: z.boolean(),
})
export type DecisionCode = z.infer<typeof DecisionCode>


/**
 * What the coder did with the model's suggestions for this submission, for the
 * paper's measures (how much of the AI was taken, what it missed): every code
 * suggested above the coder's threshold, and every code accepted from or
 * rejected among the suggestions (also below it).
 */
export const SuggestionOutcome = z.enum(['accepted', 'rejected', 'ignored'])
export type SuggestionOutcome = z.infer<typeof SuggestionOutcome>
export const SuggestionFeedback = z.object({
  modelVersion: z.string().min(1).max(200),
  threshold: z.number().min(0).max(1),
  codes: z
    .array(z.object({ code: z.string().min(1).max(40), probability: z.number().min(0).max(1), outcome: SuggestionOutcome }))
    .max(200),
})
export type SuggestionFeedback = z.infer<typeof SuggestionFeedback>

/** A name-quality flag the coder dismissed, and why (stored with the decision). */
export const FlagDismissal = z.object({
  kind: z.enum(['missing', 'vague', 'wrong']),
  /** The diagnosis name it pointed at; '' for a missing-name flag. */
  name: z.string().max(500),
  code: z.string().min(1).max(40),
  reason: z.string().trim().min(3, 'say why, in a few words').max(1000),
})
export type FlagDismissal = z.infer<typeof FlagDismissal>

/** The primary diagnosis the coder was shown as suggested when submitting, and whether they confirmed another one. */
export const PrimaryConfirmation = z.object({
  /** The suggested primary; null when there was none (no model, manual mode). */
  suggested: z.string().min(1).max(40).nullable(),
  probability: z.number().min(0).max(1).nullable(),
  modelVersion: z.string().min(1).max(200).nullable(),
  /** The coder confirmed their primary although it differs from the suggestion. */
  confirmed: z.boolean(),
})
export type PrimaryConfirmation = z.infer<typeof PrimaryConfirmation>

export const Decision = z.object({
  recordId: z.string(),
  version: z.number().int().positive(),
  /** User id of the coder, and the name to show. */
  coder: z.string(),
  coderName: z.string(),
  submittedAt: z.string(),
  comment: z.string(),
  /** Active coding time, measured by the UI (pauses while hidden or idle). */
  activeMs: z.number().int().min(0),
  mode: CodingMode,
  codes: z.array(DecisionCode.extend({ title: z.string() })),
  /** Rule warnings the coder overrode, with their reasons. */
  ruleOverrides: z.array(RuleOverride),
  /** The primary the model and rules suggested at submit time; null when none was. */
  suggestedPrimary: z.string().nullable(),
})
export type Decision = z.infer<typeof Decision>

/**
 * The coder's unsubmitted work on a record, kept by the engine per user and
 * record so a reload or a restarted engine loses nothing.
 */
export const CodingDraft = z.object({
  /** The version the coder started from. */
  baseVersion: z.number().int().min(0),
  codes: z.array(DecisionCode).max(200),
  comment: z.string().max(4000),
  ruleOverrides: z.array(RuleOverride).max(50),
  flagDismissals: z.array(FlagDismissal).max(50),
  /** The coder confirmed a primary other than the suggested one. */
  primaryConfirmed: z.boolean(),
  /** Suggestions accepted and rejected so far (what the submission will report). */
  accepted: z.array(z.string().max(40)).max(200),
  rejected: z.array(z.string().max(40)).max(200),
})
export type CodingDraft = z.infer<typeof CodingDraft>

export const RecordView = z.object({
  id: z.string(),
  language: z.string(),
  patientId: z.string().nullable(),
  encounterId: z.string().nullable(),
  department: z.string().nullable(),
  admittedAt: z.string().nullable(),
  dischargedAt: z.string().nullable(),
  /** Null where the source did not record it: the view says "unknown" and the rules that need it are not checked. */
  sex: z.enum(['female', 'male']).nullable(),
  /** Whole years at admission; null when not recorded. */
  age: z.number().int().nullable(),
  /** Days at admission, where a birth date gave it (newborns). */
  ageDays: z.number().int().nullable(),
  status: RecordStatus,
  /** The record content's version: 1 as first imported, +1 for each re-import that changed it. */
  sourceVersion: z.number().int().positive(),
  sections: z.array(Section),
  diagnosisNames: z.array(DiagnosisName),
  /** Newest first; the first is the current coding. */
  decisions: z.array(Decision),
  /** Supervisors' verdicts, newest first: a returned version's comment tells the coder what to change. */
  reviews: z.array(ReviewInfo).optional(),
  /**
   * Double coding: the viewer codes this record blind, as its second coder. `decisions`
   * then holds only the viewer's own second codings; nobody else's coding is shown.
   */
  blind: z.boolean().optional(),
  /** This user's unsubmitted work on the record, with when it was saved; null when there is none. */
  draft: CodingDraft.extend({ savedAt: z.string() }).nullable(),
})
export type RecordView = z.infer<typeof RecordView>

export const WorkspaceInfo = z.object({
  name: z.string(),
  user: z.object({
    id: z.string(),
    displayName: z.string(),
    role: Role,
    /** The mode a supervisor set for this coder: which decision support the app shows. */
    mode: CodingMode,
  }),
  recordCount: z.number().int(),
  submittedCount: z.number().int(),
  codeSets: z.array(CodeSetInfo),
  /** The coding model in use, or null when none is installed (the app then codes without suggestions). */
  model: z.object({ version: z.string(), codeCount: z.number().int(), threshold: z.number(), knnSize: z.number().int() }).nullable(),
})
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>

/** Where a suggestion comes from: the record's free text (the model), its diagnosis names (the normaliser), or similar coded cases (kNN). */
export const SuggestionSource = z.enum(['text', 'names', 'similar'])
export type SuggestionSource = z.infer<typeof SuggestionSource>

/**
 * A passage of a section that raised the model's score for a code: whole words or terms (a
 * lab value with its analyte), never digits or one Chinese character alone. `weight`, 0–1, is
 * the passage's attention relative to the strongest passage shown, times the record's text
 * support for the code, so a code the text supports at 20 % is painted at most 0.2.
 */
export const EvidenceSpan = z.object({
  section: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
  weight: z.number(),
})
export type EvidenceSpan = z.infer<typeof EvidenceSpan>

export const SuggestedCode = z.object({
  code: z.string(),
  title: z.string(),
  /** Combined probability, 0–1, compared with the threshold. */
  probability: z.number(),
  /** The source that contributed most. */
  source: SuggestionSource,
  /** Each source's own score, null where it has none for this code. */
  scores: z.object({ text: z.number().nullable(), names: z.number().nullable(), similar: z.number().nullable() }),
  evidence: z.array(EvidenceSpan),
  /** Diagnosis names that point to this code, with the standard term they matched. */
  names: z.array(z.object({ name: z.string(), matchedTerm: z.string(), confidence: z.number() })),
  /**
   * Held back by a coding rule (the patient's sex or age, or a stronger suggestion it excludes):
   * listed with the reason, never offered above the threshold. Null when no rule objects.
   */
  held: z
    .object({ ruleId: z.string(), message: z.string(), action: z.string(), by: z.array(z.string()) })
    .nullable(),
})
export type SuggestedCode = z.infer<typeof SuggestedCode>

/** A heading the record points to (by its names or similar cases), with the assignable codes under it to choose from. */
export const SuggestedHeading = z.object({
  code: z.string(),
  title: z.string(),
  probability: z.number(),
  names: z.array(z.object({ name: z.string(), matchedTerm: z.string(), confidence: z.number() })),
  choices: z.array(z.object({ code: z.string(), title: z.string(), probability: z.number() })),
})
export type SuggestedHeading = z.infer<typeof SuggestedHeading>

/** The primary diagnosis the model and rules propose: the record's reason for admission. */
export const SuggestedPrimary = z.object({
  code: z.string(),
  title: z.string(),
  /** How sure, 0–1 (its share among the candidates). */
  confidence: z.number(),
  /** Why, as short facts: "first diagnosis name", "chief complaint", "usually the primary diagnosis". */
  reasons: z.array(z.enum(['first-name', 'chief-complaint', 'usual-primary', 'strongest'])),
})
export type SuggestedPrimary = z.infer<typeof SuggestedPrimary>

export const SimilarCase = z.object({
  recordId: z.string(),
  /** Cosine similarity of the document embeddings, clipped at 0: 1 identical. */
  similarity: z.number(),
  /** The same neighbour on a scale that separates cases: 1 identical, 0 as far as the 50th nearest coded record; null in a small datastore. */
  scaledSimilarity: z.number().nullable(),
  weight: z.number(),
  headline: z.string(),
  codes: z.array(z.object({ code: z.string(), title: z.string() })),
})
export type SimilarCase = z.infer<typeof SimilarCase>

/**
 * A sign that the record's diagnosis names may be wrong (the EMR errors coders
 * catch): `support` is the record's own evidence for `code` (the text model with
 * similar cases, 0–1). Each name is judged by its best match only. The view shows
 * every *vague* and *wrong* flag, and *missing* flags whose support reaches the
 * coder's threshold.
 * - missing: the record supports `code`, and no name covers it, its ancestors, descendants or neighbours;
 * - vague: `name`'s best match is `code`, a heading; `specificCode` is the most probable code under it;
 * - wrong: `name` maps confidently to `code`, which the text speaks against, while it supports
 *   `alternative`, a neighbour (same category or block) no name covers.
 */
export const NameQualityFlag = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('missing'), code: z.string(), title: z.string(), support: z.number() }),
  z.object({
    kind: z.literal('vague'),
    name: z.string(),
    code: z.string(),
    title: z.string(),
    specificCode: z.string(),
    specificTitle: z.string(),
    support: z.number(),
  }),
  z.object({
    kind: z.literal('wrong'),
    name: z.string(),
    code: z.string(),
    title: z.string(),
    support: z.number(),
    alternative: z.object({ code: z.string(), title: z.string(), support: z.number() }).nullable(),
  }),
])
export type NameQualityFlag = z.infer<typeof NameQualityFlag>

export const Suggestions = z.object({
  recordId: z.string(),
  modelVersion: z.string(),
  /** The model's default threshold (chosen on dev); the coder's slider starts here. */
  threshold: z.number(),
  /** Best first; codes below 0.01 are left out; never a heading (see `headings`). */
  codes: z.array(SuggestedCode),
  /** Headings the record points to, each with its assignable codes: a heading is never suggested itself. */
  headings: z.array(SuggestedHeading),
  /** The suggested primary diagnosis, one of `codes`; null when nothing is suggested. */
  primary: SuggestedPrimary.nullable(),
  similarCases: z.array(SimilarCase),
  /** Possible errors in the diagnosis names, strongest support first; empty when the record has no names. */
  flags: z.array(NameQualityFlag),
  elapsedMs: z.number(),
})
export type Suggestions = z.infer<typeof Suggestions>
