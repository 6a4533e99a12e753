/**
 * Writes a generated Chinese EMR export as a hospital IT department would hand
 * it over: `records.json` (a JSON array) and `records.csv` (the same records,
 * RFC 4180, UTF-8 with BOM or GB18030), the import mapping beside them
 * (`mapping.json`, valid for both), and `truth.json` — the items of every
 * admission list and the codes each stands for, which only a benchmark reads.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ImportMapping } from '../../../contract/import-mapping.js'
import { encodeText } from '../../io/decode-text.js'
import { SECTION_FIELDS } from './emr-sections.js'
import { EMR_FIELDS, type ChineseEmrRecord, type ChineseEmrTruth } from './generate-chinese-emr.js'

export type EmrEncoding = 'utf-8' | 'gb18030'

export interface ChineseEmrFiles {
  dir: string
  json: string
  csv: string
  mapping: string
  truth: string
}

/** The mapping that imports these files with no code: lists split as diagnosis lists, gold codes checked against the code set. */
export function chineseEmrMapping(): ImportMapping {
  return {
    id: EMR_FIELDS.id,
    language: 'zh',
    department: EMR_FIELDS.department,
    admittedAt: EMR_FIELDS.admittedAt,
    dischargedAt: EMR_FIELDS.dischargedAt,
    sections: [
      { field: SECTION_FIELDS.chiefComplaint, kind: 'chief_complaint' },
      { field: SECTION_FIELDS.presentIllness, kind: 'present_illness' },
      { field: SECTION_FIELDS.pastHistory, kind: 'past_history' },
      { field: SECTION_FIELDS.personalHistory, kind: 'personal_history' },
      { field: SECTION_FIELDS.maritalHistory, kind: 'marital_history' },
      { field: SECTION_FIELDS.menstrualHistory, kind: 'menstrual_history' },
      { field: SECTION_FIELDS.familyHistory, kind: 'family_history' },
      { field: SECTION_FIELDS.physicalExam, kind: 'physical_exam' },
      { field: SECTION_FIELDS.auxiliaryExam, kind: 'auxiliary_exam' },
      { field: SECTION_FIELDS.admissionCondition, kind: 'admission_condition' },
      { field: EMR_FIELDS.dischargeDiagnoses, kind: 'discharge_diagnosis' },
      { field: SECTION_FIELDS.dischargeAdvice, kind: 'discharge_advice' },
    ],
    diagnosisNames: { field: EMR_FIELDS.admissionDiagnoses, split: 'diagnosis-list' },
    goldCodes: { field: EMR_FIELDS.otherCodes, separator: ';' },
    primaryCode: EMR_FIELDS.primaryCode,
    delimiter: 'auto',
    encoding: 'auto',
  }
}

export function writeChineseEmrFiles(dir: string, records: readonly ChineseEmrRecord[], truth: readonly ChineseEmrTruth[], encoding: EmrEncoding = 'utf-8'): ChineseEmrFiles {
  const out = resolve(dir)
  mkdirSync(out, { recursive: true })
  const files: ChineseEmrFiles = {
    dir: out,
    json: join(out, 'records.json'),
    csv: join(out, 'records.csv'),
    mapping: join(out, 'mapping.json'),
    truth: join(out, 'truth.json'),
  }
  writeFileSync(files.json, `${JSON.stringify(records, null, 1)}\n`)
  writeFileSync(files.csv, encodeText(csvText(records, encoding), encoding))
  // The record's sex and age: fields the mapping names for the coding rules (issue 14's `sex` / `age`).
  writeFileSync(files.mapping, `${JSON.stringify({ ...chineseEmrMapping(), sex: EMR_FIELDS.sex, age: EMR_FIELDS.age }, null, 2)}\n`)
  writeFileSync(files.truth, `${JSON.stringify(truth, null, 1)}\n`)
  return files
}

function csvText(records: readonly ChineseEmrRecord[], encoding: EmrEncoding): string {
  const header = Object.keys(records[0] ?? {})
  const lines = [header, ...records.map((record) => header.map((field) => String(record[field] ?? '')))].map((fields) => fields.map(csvField).join(','))
  // A BOM tells spreadsheet programs the file is UTF-8; GB18030 files carry none.
  return `${encoding === 'utf-8' ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}
