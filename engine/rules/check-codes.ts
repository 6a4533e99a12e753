/**
 * The coding rules applied to one set of codes for one patient: the coder's
 * codes as they work (live warnings) and at submit, and the model's
 * suggestions before the coder sees them. Pure: the code set, the rule set
 * and what the record documents come in as values.
 *
 * Families, in the order a pair of codes is judged (one warning per pair):
 * - heading: a code that cannot be assigned (never overridable; its
 *   assignable codes are offered instead);
 * - ancestor: a code beside one of its own ancestors;
 * - exclusive: pairs the rule set names (E10 with E11, I61 with I63 unless both
 *   are documented, …);
 * - unspecified-sibling: an unspecified code (4th character 9) beside a more
 *   specific code of the same category (E11.9 with E11.2, I11.9 with I11.0);
 * - sex and age: codes for the other sex or outside the age range, when the
 *   record says its patient's sex and age (unknown is reported, never guessed);
 * - not-primary: a primary diagnosis the rule set says may not be one
 *   (external causes, status codes, manifestation codes…).
 */
import type { RuleCheck, RuleSetFile, RuleWarning } from '../../contract/coding-rules.js'
import type { CodeFact, CodeFacts } from './code-facts.js'
import { categoryKey, isUnspecifiedSubdivision, matchesAny } from './code-pattern.js'
import { localized, messageLanguage, messages, type MessageLanguage } from './rule-messages.js'
import type { ActiveRuleSet } from './rule-sets.js'

export interface PatientFacts {
  sex: 'female' | 'male' | null
  age: number | null
}

export interface CheckInput {
  codes: ReadonlyArray<{ code: string; isPrimary: boolean }>
  patient: PatientFacts
  language?: string | undefined
  /**
   * Whether the record documents a code (its names or its text say so). Rules
   * that allow a pair when both are documented pass only when this says so for
   * both; without it (the coder's own codes) they warn, and the coder decides.
   */
  documented?: ((code: string) => boolean) | undefined
}

/** Headings offer at most this many codes to choose from. */
const MAX_CHOICES = 8

/** The rules a code set gets when no rule set applies to it: the structural ones. */
const STRUCTURAL_ONLY: RuleSetFile = {
  format: 'clinicoco-coding-rules',
  formatVersion: 1,
  name: 'structural',
  appliesTo: ['*'],
  description: '',
  structural: { ancestor: true, unspecifiedSibling: true, unspecifiedExceptions: [], manifestationTitles: [] },
  exclusive: [],
  sex: [],
  age: [],
  notPrimary: [],
}

export function checkCodes(facts: CodeFacts, ruleSet: ActiveRuleSet | null, input: CheckInput): RuleCheck {
  const rules = ruleSet?.rules ?? STRUCTURAL_ONLY
  const language = messageLanguage(input.language)
  const warnings: RuleWarning[] = []
  const present: CodeFact[] = []
  const seen = new Set<string>()
  for (const { code } of input.codes) {
    const fact = facts.get(code)
    if (!fact) {
      warnings.push({ ruleId: 'not-in-code-set', family: 'heading', codes: [code], ...messages.notInCodeSet(code, language), overridable: false, choices: [] })
      continue
    }
    if (seen.has(fact.code)) continue
    seen.add(fact.code)
    present.push(fact)
    if (!fact.assignable) {
      const choices = facts.assignableUnder(fact.code, MAX_CHOICES).map(({ code: choice, title }) => ({ code: choice, title }))
      warnings.push({ ruleId: 'heading', family: 'heading', codes: [fact.code], ...messages.heading(fact, language), overridable: false, choices })
    }
  }
  warnings.push(...pairWarnings(facts, rules, present, language, input.documented))
  warnings.push(...patientWarnings(rules, present, input.patient, language))
  const primary = input.codes.find((entry) => entry.isPrimary)
  const primaryFact = primary ? facts.get(primary.code) : null
  if (primaryFact) warnings.push(...primaryWarnings(rules, primaryFact, language))
  return {
    ruleSet: ruleSet ? { name: ruleSet.rules.name, version: ruleSet.version } : null,
    titles: Object.fromEntries(present.map((fact) => [fact.code, fact.title])),
    warnings,
    unchecked: [
      ...(input.patient.sex === null && rules.sex.length > 0 ? (['sex'] as const) : []),
      ...(input.patient.age === null && rules.age.length > 0 ? (['age'] as const) : []),
    ],
  }
}

/** The warning a pair of codes raises, if any (ancestor, then the rule set's exclusive pairs, then unspecified siblings). */
export function pairWarning(
  facts: CodeFacts,
  ruleSet: ActiveRuleSet | null,
  first: CodeFact,
  second: CodeFact,
  options: { language?: string | undefined; documented?: ((code: string) => boolean) | undefined } = {},
): RuleWarning | null {
  const rules = ruleSet?.rules ?? STRUCTURAL_ONLY
  const language = messageLanguage(options.language)
  return (
    ancestorWarning(facts, rules, first, second, language) ??
    exclusiveWarning(rules, first, second, language, options.documented) ??
    unspecifiedWarning(facts, rules, first, second, language)
  )
}

/** Sex and age warnings for one code. */
export function patientWarningsFor(ruleSet: ActiveRuleSet | null, fact: CodeFact, patient: PatientFacts, language?: string): RuleWarning[] {
  return patientWarnings(ruleSet?.rules ?? STRUCTURAL_ONLY, [fact], patient, messageLanguage(language))
}

function pairWarnings(
  facts: CodeFacts,
  rules: RuleSetFile,
  present: readonly CodeFact[],
  language: MessageLanguage,
  documented: CheckInput['documented'],
): RuleWarning[] {
  const warnings: RuleWarning[] = []
  for (const [index, first] of present.entries()) {
    for (const second of present.slice(index + 1)) {
      const warning =
        ancestorWarning(facts, rules, first, second, language) ??
        exclusiveWarning(rules, first, second, language, documented) ??
        unspecifiedWarning(facts, rules, first, second, language)
      if (warning) warnings.push(warning)
    }
  }
  return warnings
}

function ancestorWarning(facts: CodeFacts, rules: RuleSetFile, first: CodeFact, second: CodeFact, language: MessageLanguage): RuleWarning | null {
  if (!rules.structural.ancestor) return null
  const [broader, specific] = facts.ancestors(second.code).includes(first.code)
    ? [first, second]
    : facts.ancestors(first.code).includes(second.code)
      ? [second, first]
      : [null, null]
  // A heading above is already an error of its own.
  if (!broader || !specific || !broader.assignable) return null
  return { ruleId: 'ancestor', family: 'ancestor', codes: [broader.code, specific.code], ...messages.ancestor(broader, specific, language), overridable: true, choices: [] }
}

function exclusiveWarning(
  rules: RuleSetFile,
  first: CodeFact,
  second: CodeFact,
  language: MessageLanguage,
  documented: CheckInput['documented'],
): RuleWarning | null {
  for (const rule of rules.exclusive) {
    const ordered = matchesAny(rule.codes, first.code) && matchesAny(rule.with, second.code)
      ? ([first, second] as const)
      : matchesAny(rule.codes, second.code) && matchesAny(rule.with, first.code)
        ? ([second, first] as const)
        : null
    if (!ordered) continue
    if (rule.unlessDocumented && documented !== undefined && documented(first.code) && documented(second.code)) continue
    const [left, right] = ordered
    return {
      ruleId: rule.id,
      family: 'exclusive',
      codes: [left.code, right.code],
      message: messages.exclusive(left, right, localized(rule.why, language), language),
      action: localized(rule.action, language),
      overridable: true,
      choices: [],
    }
  }
  return null
}

function unspecifiedWarning(facts: CodeFacts, rules: RuleSetFile, first: CodeFact, second: CodeFact, language: MessageLanguage): RuleWarning | null {
  if (!rules.structural.unspecifiedSibling) return null
  const category = categoryKey(first.code)
  if (category === null || category !== categoryKey(second.code)) return null
  if (matchesAny(rules.structural.unspecifiedExceptions, first.code)) return null
  // A category code itself (E11) has no 4th character: that pair is the ancestor rule's.
  if (first.code.replace(/[.\s-]/g, '').length < 4 || second.code.replace(/[.\s-]/g, '').length < 4) return null
  if (facts.ancestors(first.code).includes(second.code) || facts.ancestors(second.code).includes(first.code)) return null
  const firstUnspecified = isUnspecifiedSubdivision(first.code)
  if (firstUnspecified === isUnspecifiedSubdivision(second.code)) return null
  const [unspecified, specific] = firstUnspecified ? [first, second] : [second, first]
  return {
    ruleId: 'unspecified-sibling',
    family: 'unspecified-sibling',
    codes: [unspecified.code, specific.code],
    ...messages.unspecifiedSibling(unspecified, specific, language),
    overridable: true,
    choices: [],
  }
}

function patientWarnings(rules: RuleSetFile, present: readonly CodeFact[], patient: PatientFacts, language: MessageLanguage): RuleWarning[] {
  const warnings: RuleWarning[] = []
  for (const fact of present) {
    const { sex, age } = patient
    const sexRule = sex === null ? undefined : rules.sex.find((rule) => rule.sex !== sex && matchesAny(rule.codes, fact.code))
    if (sexRule && sex !== null) {
      warnings.push({
        ruleId: sexRule.id,
        family: 'sex',
        codes: [fact.code],
        message: messages.sex(fact, sexRule.sex, sex, localized(sexRule.why, language), language),
        action: localized(sexRule.action, language),
        overridable: true,
        choices: [],
      })
    }
    const ageRule =
      age === null
        ? undefined
        : rules.age.find(
            (rule) => matchesAny(rule.codes, fact.code) && ((rule.minYears !== undefined && age < rule.minYears) || (rule.maxYears !== undefined && age > rule.maxYears)),
          )
    if (ageRule && age !== null) {
      warnings.push({
        ruleId: ageRule.id,
        family: 'age',
        codes: [fact.code],
        message: messages.age(fact, ageRule, age, localized(ageRule.why, language), language),
        action: localized(ageRule.action, language),
        overridable: true,
        choices: [],
      })
    }
  }
  return warnings
}

function primaryWarnings(rules: RuleSetFile, primary: CodeFact, language: MessageLanguage): RuleWarning[] {
  const rule = rules.notPrimary.find((candidate) => matchesAny(candidate.codes, primary.code))
  if (rule) {
    return [
      {
        ruleId: rule.id,
        family: 'not-primary',
        codes: [primary.code],
        message: messages.notPrimary(primary, localized(rule.why, language), language),
        action: localized(rule.action, language),
        overridable: true,
        choices: [],
      },
    ]
  }
  if (isManifestation(rules, primary)) {
    return [{ ruleId: 'manifestation-not-primary', family: 'not-primary', codes: [primary.code], ...messages.manifestation(primary, language), overridable: true, choices: [] }]
  }
  return []
}

/** A code whose title marks it as a manifestation of a disease coded elsewhere (the asterisk codes). */
export function isManifestation(rules: RuleSetFile, fact: CodeFact): boolean {
  const title = fact.title.toLowerCase()
  return rules.structural.manifestationTitles.some((words) => title.includes(words.toLowerCase()))
}

/** Whether the rule set lets a code be the primary diagnosis. */
export function mayBePrimary(rules: RuleSetFile | null, fact: CodeFact): boolean {
  if (!rules) return true
  return !rules.notPrimary.some((rule) => matchesAny(rule.codes, fact.code)) && !isManifestation(rules, fact)
}
