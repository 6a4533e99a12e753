/**
 * The field-mapping file that tells the CSV / JSON importers which source
 * fields hold what. Example (JSON):
 * { "id": "visit_no", "language": "zh",
 *   "sections": [{ "field": "主诉", "kind": "chief_complaint" }],
 *   "diagnosisNames": { "field": "出院诊断", "separator": ";" },
 *   "goldCodes": { "field": "icd", "separator": "|" }, "primaryCode": "main_icd",
 *   "sex": "性别", "age": "年龄" }
 */
import { z } from 'zod'

export const SectionKind = z.enum([
  'chief_complaint',
  'present_illness',
  'past_history',
  'personal_history',
  'family_history',
  'physical_exam',
  'specialist_exam',
  'auxiliary_exam',
  'treatment_course',
  'discharge_condition',
  'discharge_advice',
  'clinical_text',
  'other',
])
export type SectionKind = z.infer<typeof SectionKind>

const ListField = z.object({
  /** Source field (CSV column header or JSON key). */
  field: z.string().min(1),
  /** Separator inside the field; omitted for a JSON array. */
  separator: z.string().min(1).optional(),
})

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
