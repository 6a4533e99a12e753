/**
 * The rules applied to the model's suggestions before a coder sees them. A
 * suggestion the patient's sex or age rules out, or that a stronger suggestion
 * excludes (its own ancestor, the unspecified sibling of a specified code, a
 * pair the rule set names — unless the record documents both), is held back:
 * still listed with the rule and its reason, never offered above the
 * threshold. Suggestions are judged strongest first, and only against the
 * ones kept.
 */
import type { PatientFacts } from './check-codes.js'
import { pairWarning, patientWarningsFor } from './check-codes.js'
import type { CodeFacts } from './code-facts.js'
import type { ActiveRuleSet } from './rule-sets.js'

export interface HeldSuggestion {
  ruleId: string
  message: string
  action: string
  /** The stronger suggestions it clashes with; empty for a sex or age rule. */
  by: string[]
}

export interface ScreenInput {
  /** Assignable suggested codes, strongest first. */
  codes: readonly string[]
  patient: PatientFacts
  /** Whether the record documents a code (names or text): pairs allowed when both are. */
  documented: (code: string) => boolean
  language?: string | undefined
}

export function screenSuggestions(facts: CodeFacts, ruleSet: ActiveRuleSet | null, input: ScreenInput): Map<string, HeldSuggestion> {
  const held = new Map<string, HeldSuggestion>()
  const kept: string[] = []
  for (const code of input.codes) {
    const fact = facts.get(code)
    if (!fact) continue
    const [patientWarning] = patientWarningsFor(ruleSet, fact, input.patient, input.language)
    if (patientWarning) {
      held.set(code, { ruleId: patientWarning.ruleId, message: patientWarning.message, action: patientWarning.action, by: [] })
      continue
    }
    const clash = kept.flatMap((other) => {
      const otherFact = facts.get(other)
      const warning = otherFact ? pairWarning(facts, ruleSet, otherFact, fact, { language: input.language, documented: input.documented }) : null
      return warning ? [{ other, warning }] : []
    })
    const first = clash[0]
    if (first) {
      held.set(code, { ruleId: first.warning.ruleId, message: first.warning.message, action: first.warning.action, by: clash.map((entry) => entry.other) })
      continue
    }
    kept.push(code)
  }
  return held
}
