/**
 * The coding rules for codes on one stored record: its patient's sex and age,
 * the rule set of the code set being coded in.
 */
import type { RuleCheck } from '../../contract/coding-rules.js'
import type { SqliteDatabase } from '../store/database.js'
import { checkCodes, type CheckInput, type PatientFacts } from './check-codes.js'
import { codeFacts } from './code-facts.js'
import { ruleSetForCodeSet } from './rule-sets.js'

export function patientFacts(database: SqliteDatabase, recordRowId: number): PatientFacts {
  const row = database.prepare<{ sex: 'female' | 'male' | null; age: number | null }>('SELECT sex, age FROM records WHERE id = ?').get(recordRowId)
  return { sex: row?.sex ?? null, age: row?.age ?? null }
}

export function checkRecordCodes(
  database: SqliteDatabase,
  options: { recordRowId: number; codeSetId: number; codes: CheckInput['codes']; language?: string | undefined },
): RuleCheck {
  return checkCodes(codeFacts(database, options.codeSetId, options.language), ruleSetForCodeSet(database, options.codeSetId), {
    codes: options.codes,
    patient: patientFacts(database, options.recordRowId),
    language: options.language,
  })
}
