/**
 * The demo hospital: a seeded, deterministic set of bilingual inpatient records
 * for trying the workstation without patient data. Records are coded with the
 * demo code set (`demo-catalogue.ts`), carry informal diagnosis names as a
 * clinician would write them, and split into train/dev/test for evaluation.
 *
 * Each record draws from its own random stream derived from the seed and its
 * index, so a hospital of 100 records is the first 100 records of a hospital of
 * 10,000 — growing a demo never rewrites the records a user has already coded.
 */
import type { DiagnosisNameInput, GoldCodeInput, RecordInput, RecordSplit } from '../records/record-input.js'
import { drawAdmission } from './case-mix.js'
import { informalNames, type DemoLanguage } from './demo-catalogue.js'
import { NAME_SEPARATORS, resolveDiagnosisName } from './diagnosis-names.js'
import { writeSections } from './record-sections.js'
import { deriveSeed, SeededRandom } from '../random/seeded-random.js'

export interface DemoHospitalOptions {
  seed: number
  recordCount: number
  /** Share of records written in Chinese, 0–1; the rest are English. Default 0.5. */
  chineseShare?: number
}

const SPLIT_SHARES: ReadonlyArray<readonly [RecordSplit, number]> = [
  ['train', 0.7],
  ['dev', 0.15],
  ['test', 0.15],
]
/** Chance that two of a record's diagnosis names are written as one string ("HTN; T2DM"). */
const JOINED_NAME_PROBABILITY = 0.12
const DEMO_YEAR_START_MS = Date.UTC(2025, 0, 1)
const DAYS_IN_DEMO_YEAR = 365
const MS_PER_DAY = 86_400_000

export function generateDemoHospital(options: DemoHospitalOptions): RecordInput[] {
  const { seed, recordCount, chineseShare = 0.5 } = options
  if (!Number.isInteger(recordCount) || recordCount < 0) throw new RangeError(`recordCount must be a whole number ≥ 0, got ${recordCount}`)
  if (!(chineseShare >= 0 && chineseShare <= 1)) throw new RangeError(`chineseShare must be within 0–1, got ${chineseShare}`)
  const records: RecordInput[] = []
  for (let index = 0; index < recordCount; index += 1) {
    records.push(generateRecord(seed, index, chineseShare))
  }
  return records
}

function generateRecord(seed: number, index: number, chineseShare: number): RecordInput {
  const random = new SeededRandom(deriveSeed(seed, index))
  const language: DemoLanguage = random.chance(chineseShare) ? 'zh' : 'en'
  const split = random.pickWeighted(SPLIT_SHARES)
  const admission = drawAdmission(random)
  const stayDays = random.integer(admission.profile.stayDays[0], admission.profile.stayDays[1])
  const admittedDay = random.integer(0, DAYS_IN_DEMO_YEAR - 1 - stayDays)
  const serial = String(index + 1).padStart(6, '0')
  const codes = [admission.primary, ...admission.comorbidities]
  const goldCodes: GoldCodeInput[] = codes.map((code, position) => ({ code, isPrimary: position === 0 }))
  return {
    externalId: `DEMO-${serial}`,
    language,
    split,
    patientId: `DEMO-P${serial}`,
    encounterId: `DEMO-E${serial}`,
    department: admission.profile.department[language],
    admittedAt: isoDate(admittedDay),
    dischargedAt: isoDate(admittedDay + stayDays),
    sex: admission.sex,
    age: admission.age,
    sections: writeSections(admission, language, stayDays, random),
    diagnosisNames: diagnosisNames(codes, language, random),
    goldCodes,
    mentions: [],
  }
}

/** One informal name per code, primary first; now and then two adjacent names share one string. */
function diagnosisNames(codes: readonly string[], language: DemoLanguage, random: SeededRandom): DiagnosisNameInput[] {
  const names: DiagnosisNameInput[] = codes.map((code, position) => ({ text: random.pick(informalNames(code, language)), isPrimary: position === 0 }))
  if (names.length < 2 || !random.chance(JOINED_NAME_PROBABILITY)) return names
  const first = random.integer(0, names.length - 2)
  const [left, right] = [names[first], names[first + 1]] as [DiagnosisNameInput, DiagnosisNameInput]
  const text = `${left.text}${random.pick(NAME_SEPARATORS[language])}${right.text}`
  // A concatenation that reads as some other name ("高血压" + "病…") would mislead the
  // noise injector and the tests; such pairs stay separate.
  const parts = resolveDiagnosisName(text, language)?.parts.map((part) => part.code)
  if (parts?.length !== 2 || parts[0] !== codes[first] || parts[1] !== codes[first + 1]) return names
  return [...names.slice(0, first), { text, isPrimary: left.isPrimary }, ...names.slice(first + 2)]
}

// Formatting a Date per record cost as much as writing its chief complaint; the year has only 365 days.
const DEMO_DATES: readonly string[] = Array.from({ length: DAYS_IN_DEMO_YEAR }, (_unused, day) => new Date(DEMO_YEAR_START_MS + day * MS_PER_DAY).toISOString().slice(0, 10))

function isoDate(dayOfYear: number): string {
  return DEMO_DATES[dayOfYear] ?? '2025-12-31'
}
