/**
 * Checks the suggestions of every record of a split against what a senior
 * coder would refuse to see (the issue 14 acceptance): an evidence passage
 * that is only digits or punctuation, or one Chinese character; a heading
 * suggested as a code; two suggestions above the threshold that a coding rule
 * marks exclusive without both being documented. Reports counts and the first
 * examples of each, so a regression names its record.
 */
import { checkCodes } from '../rules/check-codes.js'
import { codeFacts } from '../rules/code-facts.js'
import { ruleSetForCodeSet } from '../rules/rule-sets.js'
import type { SqliteDatabase } from '../store/database.js'
import type { CodingModel } from '../coding/coding-model.js'
import { toSuggestions } from '../coding/suggestions.js'

export interface SuggestionAudit {
  split: string
  records: number
  suggestionsAboveThreshold: number
  evidenceSpans: number
  /** Spans whose text is only digits, punctuation, symbols or space. */
  numericOrPunctuationSpans: number
  /** Spans of exactly one Chinese character. */
  singleCharacterSpans: number
  /** Suggested codes the code set says cannot be assigned. */
  headingSuggestions: number
  /** Pairs above the threshold a rule marks exclusive, not both documented. */
  exclusivePairsAboveThreshold: number
  /** Codes held back by a rule (shown apart, never above the threshold). */
  heldSuggestions: number
  examples: string[]
}

const MAX_EXAMPLES = 10
const ONLY_DIGITS_PUNCTUATION = /^[\p{Nd}\p{P}\p{S}\s]*$/u
const ONE_CHINESE_CHARACTER = /^\s*\p{Script=Han}\s*$/u
const DOCUMENTED = 0.5

export async function auditSuggestions(database: SqliteDatabase, model: CodingModel, options: { split: string; limit?: number }): Promise<SuggestionAudit> {
  const records = database
    .prepare<{ id: number; external_id: string }>('SELECT id, external_id FROM records WHERE split = ? ORDER BY id LIMIT ?')
    .all(options.split, options.limit ?? -1)
  const sectionsOf = database.prepare<{ text: string }>('SELECT text FROM record_sections WHERE record_id = ? ORDER BY position')
  const facts = codeFacts(database, model.codeSetId)
  const ruleSet = ruleSetForCodeSet(database, model.codeSetId)
  const audit: SuggestionAudit = {
    split: options.split,
    records: records.length,
    suggestionsAboveThreshold: 0,
    evidenceSpans: 0,
    numericOrPunctuationSpans: 0,
    singleCharacterSpans: 0,
    headingSuggestions: 0,
    exclusivePairsAboveThreshold: 0,
    heldSuggestions: 0,
    examples: [],
  }
  const note = (example: string) => {
    if (audit.examples.length < MAX_EXAMPLES) audit.examples.push(example)
  }
  for (const record of records) {
    const sections = sectionsOf.all(record.id).map((row) => row.text)
    const suggestions = toSuggestions(database, model, await model.scoreRecord(record.id), { recordId: record.external_id })
    const above = suggestions.codes.filter((code) => code.probability >= suggestions.threshold && code.held === null)
    audit.suggestionsAboveThreshold += above.length
    audit.heldSuggestions += suggestions.codes.filter((code) => code.held !== null).length
    for (const code of suggestions.codes) {
      if (facts.get(code.code)?.assignable !== true) {
        audit.headingSuggestions += 1
        note(`${record.external_id}: ${code.code} is a heading`)
      }
      for (const span of code.evidence) {
        audit.evidenceSpans += 1
        const text = (sections[span.section] ?? '').slice(span.start, span.end)
        if (ONLY_DIGITS_PUNCTUATION.test(text)) {
          audit.numericOrPunctuationSpans += 1
          note(`${record.external_id} ${code.code}: span "${text}"`)
        } else if (ONE_CHINESE_CHARACTER.test(text)) {
          audit.singleCharacterSpans += 1
          note(`${record.external_id} ${code.code}: span "${text}"`)
        }
      }
    }
    // Documented: a diagnosis name matched it surely, or the text supports it more likely than not.
    const documented = (code: string) => {
      const suggestion = suggestions.codes.find((entry) => entry.code === code)
      return suggestion !== undefined && (suggestion.names.some((name) => name.confidence >= DOCUMENTED) || (suggestion.scores.text ?? 0) >= DOCUMENTED)
    }
    for (const [index, first] of above.entries()) {
      for (const second of above.slice(index + 1)) {
        const check = checkCodes(facts, ruleSet, {
          codes: [
            { code: first.code, isPrimary: false },
            { code: second.code, isPrimary: false },
          ],
          patient: { sex: null, age: null },
          documented,
        })
        const pair = check.warnings.filter((warning) => warning.codes.length === 2)
        if (pair.length > 0) {
          audit.exclusivePairsAboveThreshold += 1
          note(`${record.external_id}: ${first.code} with ${second.code} (${pair.map((warning) => warning.ruleId).join(', ')})`)
        }
      }
    }
  }
  return audit
}
