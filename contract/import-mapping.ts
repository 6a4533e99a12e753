/**
 * The field-mapping file that tells the CSV / JSON importers which source
 * fields hold what. Example (JSON):
 * { "id": "visit_no", "language": "zh",
 *   "sections": [{ "field": "主诉", "kind": "chief_complaint" }],
 *   "diagnosisNames": { "field": "入院诊断", "split": "diagnosis-list" },
 *   "goldCodes": { "field": "icd", "separator": "|" }, "primaryCode": "main_icd",
 *   "sex": "性别", "age": "年龄" }
 */
import { z } from 'zod'

export const SectionKind = z.enum([
  'chief_complaint',
  'present_illness',
  'past_history',
  'personal_history',
  'marital_history',
  'menstrual_history',
  'family_history',
  'physical_exam',
  'specialist_exam',
  'auxiliary_exam',
  'admission_condition',
  'treatment_course',
  'discharge_condition',
  'discharge_diagnosis',
  'discharge_advice',
  'clinical_text',
  'other',
])
export type SectionKind = z.infer<typeof SectionKind>

/**
 * A literal separator that holds regular-expression syntax ("[;；]", "\\d+\\.",
 * "；|;") was almost surely meant as a pattern: taken literally it would never
 * match and a whole list would become one name. One character is always literal
 * (`|` is a common code separator), and so are " + " and " | ".
 */
export function separatorLooksLikePattern(separator: string): boolean {
  return separator.length > 1 && /\\[dDsSwWnt.]|\[[^\]]+\]|[\])][+*?]|\.[+*]|\(\?|\{\d+(?:,\d*)?\}|\S\|\S/.test(separator)
}

function isValidPattern(pattern: string): boolean {
  try {
    return !new RegExp(pattern, 'u').test('')
  } catch {
    return false
  }
}

const ListField = z
  .object({
    /** Source field (CSV column header or JSON key). */
    field: z.string().min(1),
    /** Literal separator inside the field; omitted for a JSON array. */
    separator: z
      .string()
      .min(1)
      .refine((separator) => !separatorLooksLikePattern(separator), {
        message: 'looks like a regular expression, which a separator is not: write it as "pattern" (or use "split": "diagnosis-list" for a numbered or separated diagnosis list)',
      })
      .optional(),
    /** A regular expression (JavaScript, Unicode mode) that separates the items, e.g. "[;；]"; it must not match the empty string. */
    pattern: z
      .string()
      .min(1)
      .refine(isValidPattern, { message: 'is not a valid regular expression that matches at least one character' })
      .optional(),
    /**
     * `diagnosis-list`: the field is a diagnosis list as EMRs write it — numbered
     * (1. 1、 ① （1） 一、), or separated by ；; ，, 、 new lines or spaces between
     * Chinese items; list numbers removed, bracketed qualifiers kept
     * (`engine/text/diagnosis-list.ts`).
     */
    split: z.literal('diagnosis-list').optional(),
  })
  .refine((list) => [list.separator, list.pattern, list.split].filter((value) => value !== undefined).length <= 1, {
    message: 'give at most one of "separator", "pattern" and "split"',
  })
export type ListField = z.infer<typeof ListField>

export const ImportMapping = z.object({
  id: z.string().min(1),
  /** A fixed language for every record, or `{ field }` to read it per record. */
  language: z.union([z.string().min(2), z.object({ field: z.string().min(1) })]).default('en'),
  split: z.string().min(1).optional(),
  patientId: z.string().min(1).optional(),
  encounterId: z.string().min(1).optional(),
  department: z.string().min(1).optional(),
  admittedAt: z.string().min(1).optional(),
  dischargedAt: z.string().min(1).optional(),
  /** The patient's sex (male / female, M / F, 男 / 女, GB/T 2261.1 1 / 2; 0, 9 or unknown: not known). */
  sex: z.string().min(1).optional(),
  /** Age in whole years at admission ("74", "74岁"). */
  age: z.string().min(1).optional(),
  /** Birth date; with `admittedAt` it gives the age in years and days (and wins over `age`). */
  birthDate: z.string().min(1).optional(),
  sections: z
    .array(z.object({ field: z.string().min(1), kind: SectionKind, title: z.string().optional() }))
    .min(1),
  /** The first name is the primary diagnosis unless `primaryDiagnosisName` names a field. */
  diagnosisNames: ListField.optional(),
  primaryDiagnosisName: z.string().min(1).optional(),
  goldCodes: ListField.optional(),
  primaryCode: z.string().min(1).optional(),
  /** CSV only: `auto` detects `,` `;` tab or `|` from the header line. */
  delimiter: z.string().length(1).or(z.literal('auto')).default('auto'),
  /** `auto` detects UTF-8 (with or without BOM), UTF-16 (BOM) or GB18030; or name one. */
  encoding: z.enum(['auto', 'utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'gbk']).default('auto'),
})
export type ImportMapping = z.infer<typeof ImportMapping>
