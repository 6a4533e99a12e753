/**
 * Realistic Chinese inpatient records in a tertiary hospital's export layout:
 * 主诉 … 出院医嘱, 入院诊断 as the admitting doctor writes it (a numbered or
 * separated list, abbreviations, qualifiers in brackets, pending symptoms),
 * 出院诊断 in the code set's words, and the coder's codes: 主要诊断编码 and
 * 其他诊断编码 (`;`-separated), plus sex and age. Seeded: the same seed and count
 * give the same records, and record 17 is the same whatever the count.
 *
 * Beside the records it returns the truth a benchmark needs: each admission
 * list's items and the codes each item stands for. Diagnoses found only
 * during the stay (低钾血症 …) are coded but seldom in the admission list, as
 * in real records, so names alone cannot reach every gold code.
 */
import type { Sex } from '../case-mix.js'
import { SeededRandom, deriveSeed } from '../../random/seeded-random.js'
import { drawListStyle, needsNumbering, writeAdmissionList, type ListStyle } from './admission-list.js'
import { tableEntry, type CodeTable } from './code-table.js'
import { CONDITIONS, PENDING_SYMPTOMS, WRITING_WEIGHTS, type Condition, type ConditionForm } from './conditions.js'
import { writeEmrSections, type DiagnosedCondition } from './emr-sections.js'

export interface ChineseEmrOptions {
  recordCount: number
  seed: number
  codes: CodeTable
}

/** One exported record: the hospital's field names (Chinese), text values; 年龄 is a number. */
export type ChineseEmrRecord = Record<string, string | number>

export interface AdmissionItemTruth {
  text: string
  /** Codes (as the table writes them) this item stands for; empty for a pending symptom (…待查). */
  codes: string[]
}

export interface ChineseEmrTruth {
  id: string
  style: ListStyle
  admissionList: string
  items: AdmissionItemTruth[]
  primaryCode: string
  codes: string[]
}

export const EMR_FIELDS = {
  id: '住院号',
  sex: '性别',
  age: '年龄',
  department: '科室',
  admittedAt: '入院日期',
  dischargedAt: '出院日期',
  admissionDiagnoses: '入院诊断',
  dischargeDiagnoses: '出院诊断',
  primaryCode: '主要诊断编码',
  otherCodes: '其他诊断编码',
} as const

const COMORBIDITY_COUNTS: ReadonlyArray<readonly [number, number]> = [
  [0, 1],
  [1, 2],
  [2, 3],
  [3, 3],
  [4, 2],
  [5, 1],
]
/** Conditions one record never holds together (the same disease at two stages, or one excluding the other). */
const EXCLUSIVE: ReadonlyArray<readonly string[]> = [
  ['unstable-angina', 'stable-angina', 'acute-mi'],
  ['copd', 'copd-exacerbation'],
  ['type-2-diabetes', 'type-1-diabetes'],
  ['hypertension', 'hypertensive-heart'],
  ['ckd', 'acute-kidney-injury'],
  ['iron-deficiency-anaemia', 'renal-anaemia', 'anaemia'],
  ['lung-nodule', 'lung-cancer', 'sarcoidosis', 'tuberculosis'],
  ['gallstones-cholecystitis', 'cholecystectomy-status'],
  ['cerebral-infarction', 'tia', 'basal-ganglia-haemorrhage'],
  ['copd-exacerbation', 'asthma'],
]
const FOUND_LATER_PROBABILITY = 0.3
const FOUND_LATER_LISTED_PROBABILITY = 0.15
const PENDING_PROBABILITY = 0.05
const HALF_WIDTH_BRACKETS_PROBABILITY = 0.25
const START_DATE = Date.UTC(2024, 0, 1)
const DAY_MS = 86_400_000

export function generateChineseEmr(options: ChineseEmrOptions): { records: ChineseEmrRecord[]; truth: ChineseEmrTruth[] } {
  // Every code of the case mix must be in the table given: a wrong table fails here, not halfway.
  for (const condition of CONDITIONS) for (const form of condition.forms) for (const code of form.codes) tableEntry(options.codes, code)
  const records: ChineseEmrRecord[] = []
  const truth: ChineseEmrTruth[] = []
  for (let index = 0; index < options.recordCount; index += 1) {
    const generated = generateRecord(index, options, new SeededRandom(deriveSeed(options.seed, index)))
    records.push(generated.record)
    truth.push(generated.truth)
  }
  return { records, truth }
}

function generateRecord(index: number, options: ChineseEmrOptions, random: SeededRandom): { record: ChineseEmrRecord; truth: ChineseEmrTruth } {
  const id = `ZY${String(index + 1).padStart(6, '0')}`
  const primaryCondition = random.pickWeighted(CONDITIONS.filter((condition) => condition.role === 'primary' || condition.role === 'both').map((condition) => [condition, condition.weight] as const))
  const sex: Sex = primaryCondition.sex ?? (random.chance(0.52) ? 'male' : 'female')
  const age = drawAge(primaryCondition.ages, random)
  const chosen: DiagnosedCondition[] = [diagnose(primaryCondition, random)]
  const usedCodes = new Set(chosen[0]?.form.codes)
  const fits = (condition: Condition): boolean =>
    !chosen.some((taken) => taken.condition.key === condition.key) &&
    !EXCLUSIVE.some((group) => group.includes(condition.key) && chosen.some((taken) => group.includes(taken.condition.key))) &&
    (condition.sex === undefined || condition.sex === sex) &&
    age >= condition.ages[0] - 5 &&
    age <= condition.ages[1] + 5
  const add = (condition: Condition): void => {
    const diagnosed = diagnose(condition, random)
    if (diagnosed.form.codes.some((code) => usedCodes.has(code))) return
    for (const code of diagnosed.form.codes) usedCodes.add(code)
    chosen.push(diagnosed)
  }
  const count = random.pickWeighted(COMORBIDITY_COUNTS)
  for (let attempt = 0; attempt < count * 3 && chosen.length < count + 1; attempt += 1) {
    const pool = CONDITIONS.filter((condition) => (condition.role === 'comorbidity' || condition.role === 'both' || condition.role === 'status') && fits(condition))
    if (pool.length === 0) break
    // A ward's own conditions come along more often (a cardiology patient's other diagnoses are often cardiac).
    add(random.pickWeighted(pool.map((condition) => [condition, condition.weight * (condition.department === primaryCondition.department ? 2.5 : 1)] as const)))
  }
  // Status items (术后, 史) close the list, as doctors write them.
  const ordered = [chosen[0] as DiagnosedCondition, ...chosen.slice(1).filter((item) => item.condition.role !== 'status'), ...chosen.slice(1).filter((item) => item.condition.role === 'status')]
  const foundLater: DiagnosedCondition[] = []
  if (random.chance(FOUND_LATER_PROBABILITY)) {
    const pool = CONDITIONS.filter((condition) => condition.role === 'found-later' && fits(condition))
    if (pool.length > 0) {
      const before = chosen.length
      add(random.pickWeighted(pool.map((condition) => [condition, condition.weight] as const)))
      if (chosen.length > before) foundLater.push(chosen[chosen.length - 1] as DiagnosedCondition)
    }
  }
  const listedLater = foundLater.filter(() => random.chance(FOUND_LATER_LISTED_PROBABILITY))
  const admissionConditions = [...ordered, ...listedLater]
  const halfWidth = random.chance(HALF_WIDTH_BRACKETS_PROBABILITY)
  const items: AdmissionItemTruth[] = admissionConditions.map((diagnosed, position) => {
    const pending = position === 0 && random.chance(PENDING_PROBABILITY)
    const written = pending ? `${random.pick(PENDING_SYMPTOMS)}待查` : diagnosed.written
    return { text: halfWidth ? written.replace(/（/g, '(').replace(/）/g, ')') : written, codes: pending ? [] : diagnosed.form.codes.map((code) => tableEntry(options.codes, code).code) }
  })
  let style = drawListStyle(random)
  if (needsNumbering(items.map((item) => item.text)) && ['semicolons', 'commas', 'pause-marks', 'spaces'].includes(style)) style = 'dot-spaced'
  const admissionList = writeAdmissionList(
    items.map((item) => item.text),
    style,
    random,
  )
  const discharged = [...ordered, ...foundLater.filter((item) => !listedLater.includes(item))]
  const codes = discharged.flatMap((diagnosed) => diagnosed.form.codes.map((code) => tableEntry(options.codes, code).code))
  const dischargeNames = discharged.map((diagnosed) => diagnosed.form.codes.map((code) => tableEntry(options.codes, code).title).join(' '))
  const admittedDay = random.integer(0, 360)
  const stayDays = random.integer(3, 14)
  const sections = writeEmrSections({ sex, age, conditions: discharged, primaryWritten: items[0]?.text ?? '', random })
  const record: ChineseEmrRecord = {
    [EMR_FIELDS.id]: id,
    [EMR_FIELDS.sex]: sex === 'male' ? '男' : '女',
    [EMR_FIELDS.age]: age,
    [EMR_FIELDS.department]: primaryCondition.department,
    [EMR_FIELDS.admittedAt]: isoDate(START_DATE + admittedDay * DAY_MS),
    [EMR_FIELDS.dischargedAt]: isoDate(START_DATE + (admittedDay + stayDays) * DAY_MS),
    ...sections,
    [EMR_FIELDS.admissionDiagnoses]: admissionList,
    [EMR_FIELDS.dischargeDiagnoses]: dischargeNames.map((name, position) => `${position + 1}.${name}`).join(' '),
    [EMR_FIELDS.primaryCode]: codes[0] ?? '',
    [EMR_FIELDS.otherCodes]: codes.slice(1).join(';'),
  }
  return { record, truth: { id, style, admissionList, items, primaryCode: codes[0] ?? '', codes } }
}

function diagnose(condition: Condition, random: SeededRandom): DiagnosedCondition {
  const form: ConditionForm = random.pickWeighted(condition.forms.map((candidate) => [candidate, candidate.weight ?? 1] as const))
  const written = random.pickWeighted(form.written.map((text, position) => [text, WRITING_WEIGHTS[position] ?? 1] as const))
  return { condition, form, written }
}

/** Ages lean towards the middle of the condition's range (two uniform draws averaged). */
function drawAge(range: readonly [number, number], random: SeededRandom): number {
  return Math.round((random.integer(range[0], range[1]) + random.integer(range[0], range[1])) / 2)
}

function isoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10)
}
