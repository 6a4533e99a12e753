/**
 * Coding rules: what a senior coder checks before signing a coding off, as
 * data a hospital can read and edit per code set (the rule-set file), and the
 * warnings the engine raises from it (on suggestions, on the coder's codes
 * while they work, and at submit).
 *
 * Codes in a rule are written as code keys (upper case, no dots: `E119`), each
 * either a prefix (`E11` is every code under E11, `O` the whole chapter) or a
 * range of 3-character categories (`N70-N98`), so one rule reads the same in
 * WHO-style, ICD-10-CM and the Chinese clinical editions (`E11.900x001`).
 */
import { z } from 'zod'

/** A code-key prefix (`E11`, `E119`, `O`) or a range of categories (`C51-C58`). */
export const CodePattern = z
  .string()
  .regex(/^(?:[A-Z][0-9A-Z]*|[A-Z][0-9]{2}-[A-Z][0-9]{2})$/, 'a code-key prefix (E11, E119, O) or a category range (C51-C58)')

/** Text in each UI language; English is required, Chinese falls back to it. */
export const LocalizedText = z.object({ en: z.string().min(1).max(600), zh: z.string().min(1).max(600).optional() })
export type LocalizedText = z.infer<typeof LocalizedText>

const RuleId = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,79}$/, 'lower-case letters, digits, dots and hyphens')

const RuleBase = z.object({
  id: RuleId,
  /** Why the rule exists, in a coder's words. */
  why: LocalizedText,
  /** What the coder should do about it. */
  action: LocalizedText,
})

/** Two codes that one coding holds together only by mistake. */
export const ExclusiveRule = RuleBase.extend({
  codes: z.array(CodePattern).min(1),
  with: z.array(CodePattern).min(1),
  /** Allowed when the record documents both conditions (e.g. an infarct that turned haemorrhagic). */
  unlessDocumented: z.boolean().default(false),
})
export type ExclusiveRule = z.infer<typeof ExclusiveRule>

export const SexRule = RuleBase.extend({ codes: z.array(CodePattern).min(1), sex: z.enum(['female', 'male']) })
export type SexRule = z.infer<typeof SexRule>

export const AgeRule = RuleBase.extend({
  codes: z.array(CodePattern).min(1),
  minYears: z.number().int().min(0).max(150).optional(),
  maxYears: z.number().int().min(0).max(150).optional(),
})
export type AgeRule = z.infer<typeof AgeRule>

export const NotPrimaryRule = RuleBase.extend({ codes: z.array(CodePattern).min(1) })
export type NotPrimaryRule = z.infer<typeof NotPrimaryRule>

/** The file a hospital edits (`clinicoco rules export` / `rules import`). */
export const RuleSetFile = z.object({
  format: z.literal('clinicoco-coding-rules'),
  formatVersion: z.literal(1),
  /** Stable name, e.g. `icd10cm`. */
  name: z.string().min(1).max(100),
  /** Code sets it applies to, by name; a trailing `*` matches a prefix (`icd10-cn-*`). */
  appliesTo: z.array(z.string().min(1).max(100)).min(1),
  description: z.string().max(2000).default(''),
  structural: z.object({
    /** A code together with one of its own ancestors (both assignable, as some editions allow). */
    ancestor: z.boolean().default(true),
    /** An unspecified code (4th character 9: E11.9) beside a specified sibling of the same category (E11.2). */
    unspecifiedSibling: z.boolean().default(true),
    /** Categories where the 9 does not mean "unspecified". */
    unspecifiedExceptions: z.array(CodePattern).default([]),
    /** A title with one of these words marks a manifestation code that may not be primary. */
    manifestationTitles: z.array(z.string().min(3).max(100)).default([]),
  }),
  exclusive: z.array(ExclusiveRule).default([]),
  sex: z.array(SexRule).default([]),
  age: z.array(AgeRule).default([]),
  notPrimary: z.array(NotPrimaryRule).default([]),
})
export type RuleSetFile = z.infer<typeof RuleSetFile>
export type RuleSetFileInput = z.input<typeof RuleSetFile>

export const RuleFamily = z.enum(['heading', 'ancestor', 'unspecified-sibling', 'exclusive', 'sex', 'age', 'not-primary'])
export type RuleFamily = z.infer<typeof RuleFamily>

/** One thing the rules found in a set of codes, in the UI language. */
export const RuleWarning = z.object({
  /** `heading`, `ancestor`, `unspecified-sibling`, or the id of a rule in the rule set. */
  ruleId: z.string(),
  family: RuleFamily,
  /** The codes it is about, in the order the message names them. */
  codes: z.array(z.string()),
  /** Which rule, and why it applies here. */
  message: z.string(),
  /** What to do about it. */
  action: z.string(),
  /** A heading can never be submitted; everything else the coder may override with a reason. */
  overridable: z.boolean(),
  /** Assignable codes to choose instead (a heading's codes), best first; empty when none apply. */
  choices: z.array(z.object({ code: z.string(), title: z.string() })),
})
export type RuleWarning = z.infer<typeof RuleWarning>

/** A coder's decision to keep codes a rule warned about, and why (stored with the decision, audited). */
export const RuleOverride = z.object({
  ruleId: z.string().min(1).max(100),
  codes: z.array(z.string().min(1).max(40)).min(1).max(10),
  reason: z.string().trim().min(3, 'say why, in a few words').max(1000),
})
export type RuleOverride = z.infer<typeof RuleOverride>

/** What the rules say about a set of codes for one record. */
export const RuleCheck = z.object({
  ruleSet: z.object({ name: z.string(), version: z.number().int() }).nullable(),
  warnings: z.array(RuleWarning),
  /** Rule families that could not be checked because the record does not say (sex or age unknown). */
  unchecked: z.array(z.enum(['sex', 'age'])),
  /** The checked codes' titles in the requested language (the view keeps its titles current with them). */
  titles: z.record(z.string(), z.string()),
})
export type RuleCheck = z.infer<typeof RuleCheck>
