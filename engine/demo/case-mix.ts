/**
 * Who is admitted to the demo hospital, and with what. Each clinical profile is
 * a ward: a primary diagnosis drawn from its typical reasons for admission, and
 * comorbidities drawn with their own probabilities. Co-occurrence is therefore
 * realistic rather than uniform: a stroke patient usually also has
 * hypertension, an obstetric patient never has prostate disease. The linked
 * conditions below add the cardio-metabolic cluster across all wards (diabetes
 * brings hypertension and hyperlipidaemia with it).
 */
import type { SeededRandom } from '../random/seeded-random.js'

export type Sex = 'female' | 'male'

export interface Comorbidity {
  code: string
  probability: number
  /** Drawn only when the primary code starts with one of these (`C22` for hepatitis B with liver cancer). */
  withPrimary?: readonly string[]
}

export interface ClinicalProfile {
  id: string
  /** Share of admissions, relative to the other profiles. */
  weight: number
  department: { en: string; zh: string }
  ages: readonly [min: number, max: number]
  stayDays: readonly [min: number, max: number]
  /** Operative wards close their records with wound-healing remarks. */
  surgical: boolean
  primaries: ReadonlyArray<readonly [code: string, weight: number]>
  comorbidities: readonly Comorbidity[]
}

export interface Admission {
  profile: ClinicalProfile
  sex: Sex
  age: number
  /** The reason for admission. */
  primary: string
  /** Other diagnoses in the order a discharge summary lists them; at most 5, so 1–6 codes in all. */
  comorbidities: string[]
}

const MAX_GOLD_CODES = 6

const FEMALE_ONLY_PREFIXES: readonly string[] = ['C50', 'M81.0', 'O', 'Z37']
const MALE_ONLY_PREFIXES: readonly string[] = ['N40']

/** Category pairs one record never holds together: WHO rules code them as one, or they exclude each other. */
const EXCLUSIVE_CATEGORIES: ReadonlyArray<readonly [string, string]> = [
  ['I10', 'I11'],
  ['E10', 'E11'],
  ['I20', 'I21'],
  ['E11', 'O24'],
  ['E10', 'O24'],
  ['N17', 'N18'],
  ['I11', 'I12'],
  // One fall behind a fracture, told one way.
  ['W01', 'W10'],
  ['W01', 'W19'],
  ['W10', 'W19'],
]

/** Comorbidities that follow another condition on any ward: (if category present) → (code, probability). */
const LINKED_CONDITIONS: ReadonlyArray<readonly [ifCategory: string, code: string, probability: number]> = [
  ['E11', 'I10', 0.55],
  ['E11', 'E78.5', 0.3],
  ['I63', 'I10', 0.35],
  ['I61', 'I10', 0.5],
  ['I25', 'E78.5', 0.25],
]

export const CLINICAL_PROFILES: readonly ClinicalProfile[] = [
  {
    id: 'cardiology',
    weight: 16,
    department: { en: 'Cardiology', zh: '心血管内科' },
    ages: [45, 88],
    stayDays: [3, 12],
    surgical: false,
    primaries: [
      ['I21.0', 2], ['I21.1', 2], ['I21.4', 3], ['I20.0', 4], ['I20.9', 3], ['I25.1', 3], ['I25.9', 1],
      ['I48.0', 2], ['I48.1', 2], ['I48.9', 1], ['I50.0', 2], ['I50.1', 1], ['I50.9', 2], ['I11.0', 2], ['I11.9', 1],
    ],
    comorbidities: [
      { code: 'I10', probability: 0.55 },
      { code: 'E11.9', probability: 0.22 },
      { code: 'E11.2', probability: 0.05 },
      { code: 'E78.5', probability: 0.3 },
      { code: 'E78.0', probability: 0.08 },
      { code: 'I25.1', probability: 0.3 },
      { code: 'I25.2', probability: 0.12 },
      { code: 'I48.9', probability: 0.1 },
      { code: 'I50.9', probability: 0.12, withPrimary: ['I21', 'I25', 'I48'] },
      { code: 'R57.0', probability: 0.08, withPrimary: ['I21'] },
      { code: 'N18.3', probability: 0.08 },
      { code: 'E87.6', probability: 0.05 },
      { code: 'K21.9', probability: 0.05 },
    ],
  },
  {
    id: 'neurology',
    weight: 10,
    department: { en: 'Neurology', zh: '神经内科' },
    ages: [50, 90],
    stayDays: [7, 16],
    surgical: false,
    primaries: [['I63.3', 4], ['I63.4', 2], ['I63.9', 3], ['I61.0', 2], ['I61.9', 1]],
    comorbidities: [
      { code: 'I10', probability: 0.6 },
      { code: 'E11.9', probability: 0.28 },
      { code: 'E78.5', probability: 0.3 },
      { code: 'I48.0', probability: 0.55, withPrimary: ['I63.4'] },
      { code: 'I48.9', probability: 0.1 },
      { code: 'I25.1', probability: 0.15 },
      { code: 'F32.9', probability: 0.06 },
      { code: 'J18.9', probability: 0.07 },
      { code: 'E87.1', probability: 0.04 },
    ],
  },
  {
    id: 'respiratory',
    weight: 12,
    department: { en: 'Respiratory Medicine', zh: '呼吸与危重症医学科' },
    ages: [30, 90],
    stayDays: [5, 14],
    surgical: false,
    primaries: [['J18.0', 2], ['J18.1', 2], ['J18.9', 4], ['J44.0', 2], ['J44.1', 4], ['J45.0', 1], ['J45.9', 1]],
    comorbidities: [
      { code: 'J44.9', probability: 0.2 },
      { code: 'J96.1', probability: 0.3, withPrimary: ['J44'] },
      { code: 'J96.0', probability: 0.08 },
      { code: 'I10', probability: 0.3 },
      { code: 'E11.9', probability: 0.14 },
      { code: 'I50.9', probability: 0.08 },
      { code: 'I25.1', probability: 0.1 },
      { code: 'E87.1', probability: 0.06 },
    ],
  },
  {
    id: 'endocrinology',
    weight: 8,
    department: { en: 'Endocrinology', zh: '内分泌科' },
    ages: [18, 85],
    stayDays: [5, 12],
    surgical: false,
    primaries: [['E11.9', 3], ['E11.2', 2], ['E11.4', 2], ['E10.1', 1], ['E10.9', 1], ['E05.0', 1], ['E05.9', 1], ['E03.9', 1]],
    comorbidities: [
      { code: 'I10', probability: 0.35 },
      { code: 'E78.5', probability: 0.3 },
      { code: 'K76.0', probability: 0.2 },
      { code: 'N18.3', probability: 0.5, withPrimary: ['E11.2'] },
      { code: 'I25.1', probability: 0.12 },
      { code: 'F32.9', probability: 0.04 },
      { code: 'M81.9', probability: 0.05 },
    ],
  },
  {
    id: 'nephrology',
    weight: 6,
    department: { en: 'Nephrology', zh: '肾内科' },
    ages: [30, 85],
    stayDays: [5, 14],
    surgical: false,
    primaries: [['N18.3', 2], ['N18.5', 3], ['N18.9', 1], ['N17.0', 1], ['N17.9', 2]],
    comorbidities: [
      { code: 'I10', probability: 0.6 },
      { code: 'E11.2', probability: 0.3 },
      { code: 'D50.9', probability: 0.3 },
      { code: 'Z99.2', probability: 0.6, withPrimary: ['N18.5'] },
      { code: 'E87.6', probability: 0.08 },
      { code: 'I50.9', probability: 0.1 },
      { code: 'E78.5', probability: 0.15 },
    ],
  },
  {
    id: 'gastroenterology',
    weight: 8,
    department: { en: 'Gastroenterology', zh: '消化内科' },
    ages: [25, 85],
    stayDays: [4, 12],
    surgical: false,
    primaries: [
      ['K25.4', 3], ['K25.9', 2], ['K29.5', 2], ['K29.7', 1], ['K21.0', 2], ['K21.9', 1],
      ['K74.6', 2], ['K85.1', 2], ['K85.9', 2], ['B18.1', 1], ['B18.2', 1],
    ],
    comorbidities: [
      { code: 'D50.0', probability: 0.6, withPrimary: ['K25.4'] },
      { code: 'R57.1', probability: 0.12, withPrimary: ['K25.4'] },
      { code: 'B18.1', probability: 0.5, withPrimary: ['K74'] },
      { code: 'K80.2', probability: 0.5, withPrimary: ['K85.1'] },
      { code: 'K76.0', probability: 0.12 },
      { code: 'K29.5', probability: 0.1 },
      { code: 'I10', probability: 0.25 },
      { code: 'E11.9', probability: 0.1 },
      { code: 'E78.5', probability: 0.1 },
    ],
  },
  {
    id: 'general-surgery',
    weight: 8,
    department: { en: 'General Surgery', zh: '普通外科' },
    ages: [18, 80],
    stayDays: [3, 8],
    surgical: true,
    primaries: [['K35.3', 2], ['K35.8', 4], ['K80.1', 3], ['K80.2', 2]],
    comorbidities: [
      { code: 'I10', probability: 0.2 },
      { code: 'E11.9', probability: 0.1 },
      { code: 'K76.0', probability: 0.12 },
      { code: 'K29.5', probability: 0.06 },
    ],
  },
  {
    id: 'urology',
    weight: 5,
    department: { en: 'Urology', zh: '泌尿外科' },
    ages: [25, 85],
    stayDays: [3, 9],
    surgical: true,
    primaries: [['N20.0', 3], ['N20.1', 3], ['N40', 3], ['N39.0', 1]],
    comorbidities: [
      { code: 'I10', probability: 0.3 },
      { code: 'N39.0', probability: 0.12 },
      { code: 'E11.9', probability: 0.1 },
      { code: 'N18.9', probability: 0.04 },
    ],
  },
  {
    id: 'oncology',
    weight: 8,
    department: { en: 'Oncology', zh: '肿瘤科' },
    ages: [35, 85],
    stayDays: [5, 20],
    surgical: true,
    primaries: [
      ['C16.0', 1], ['C16.9', 2], ['C18.7', 2], ['C18.9', 1], ['C22.0', 2], ['C22.1', 1],
      ['C34.1', 2], ['C34.9', 2], ['C50.4', 1], ['C50.9', 1],
    ],
    comorbidities: [
      { code: 'B18.1', probability: 0.6, withPrimary: ['C22'] },
      { code: 'K74.6', probability: 0.3, withPrimary: ['C22'] },
      { code: 'J44.9', probability: 0.2, withPrimary: ['C34'] },
      { code: 'D50.9', probability: 0.25 },
      { code: 'I10', probability: 0.25 },
      { code: 'E11.9', probability: 0.1 },
      { code: 'E87.1', probability: 0.05 },
      { code: 'F32.9', probability: 0.05 },
    ],
  },
  {
    id: 'obstetrics',
    weight: 8,
    department: { en: 'Obstetrics', zh: '产科' },
    ages: [21, 42],
    stayDays: [3, 7],
    surgical: true,
    primaries: [['O82.0', 4], ['O82.1', 3], ['O14.0', 1], ['O14.1', 1], ['O24.4', 1]],
    comorbidities: [
      // Every caesarean delivery has an outcome; a planned one, often a reason.
      { code: 'Z37.0', probability: 1, withPrimary: ['O82'] },
      { code: 'O34.2', probability: 0.45, withPrimary: ['O82.0'] },
      { code: 'O34.2', probability: 0.15, withPrimary: ['O82.1'] },
      { code: 'O32.1', probability: 0.3, withPrimary: ['O82.0'] },
      { code: 'O32.1', probability: 0.08, withPrimary: ['O82.1'] },
      { code: 'O24.4', probability: 0.15 },
      { code: 'O24.9', probability: 0.04 },
      { code: 'O14.0', probability: 0.06 },
      { code: 'D50.9', probability: 0.2 },
      { code: 'E03.9', probability: 0.06 },
    ],
  },
  {
    id: 'orthopaedics',
    weight: 7,
    department: { en: 'Orthopaedics', zh: '骨科' },
    ages: [50, 92],
    stayDays: [5, 14],
    surgical: true,
    primaries: [['S72.0', 3], ['S72.1', 3], ['M17.0', 2], ['M17.1', 2]],
    comorbidities: [
      // Each fracture has its fall (the pairs are exclusive, so the first drawn is the one).
      { code: 'W01', probability: 0.5, withPrimary: ['S72'] },
      { code: 'W10', probability: 0.3, withPrimary: ['S72'] },
      { code: 'W19', probability: 1, withPrimary: ['S72'] },
      { code: 'M81.0', probability: 0.35 },
      { code: 'M81.9', probability: 0.12 },
      { code: 'I10', probability: 0.4 },
      { code: 'E11.9', probability: 0.15 },
      { code: 'I25.1', probability: 0.1 },
      { code: 'D50.9', probability: 0.1 },
      { code: 'E87.1', probability: 0.04 },
    ],
  },
  {
    id: 'psychiatry',
    weight: 3,
    department: { en: 'Psychiatry', zh: '精神科' },
    ages: [18, 70],
    stayDays: [10, 28],
    surgical: false,
    primaries: [['F32.1', 3], ['F32.9', 2]],
    comorbidities: [
      { code: 'E03.9', probability: 0.05 },
      { code: 'I10', probability: 0.1 },
      { code: 'K29.5', probability: 0.06 },
    ],
  },
  {
    id: 'intensive-care',
    weight: 4,
    department: { en: 'Intensive Care', zh: '重症医学科' },
    ages: [40, 90],
    stayDays: [6, 21],
    surgical: false,
    primaries: [['A41.5', 3], ['A41.9', 2]],
    comorbidities: [
      { code: 'R57.2', probability: 0.4 },
      { code: 'N39.0', probability: 0.4 },
      { code: 'J18.9', probability: 0.3 },
      { code: 'J96.0', probability: 0.25 },
      { code: 'N17.9', probability: 0.25 },
      { code: 'E11.9', probability: 0.2 },
      { code: 'I10', probability: 0.3 },
      { code: 'E87.1', probability: 0.08 },
      { code: 'E87.6', probability: 0.08 },
    ],
  },
]

const WEIGHTED_PROFILES: ReadonlyArray<readonly [ClinicalProfile, number]> = CLINICAL_PROFILES.map((profile) => [profile, profile.weight])

export function drawAdmission(random: SeededRandom): Admission {
  const profile = random.pickWeighted(WEIGHTED_PROFILES)
  const primary = random.pickWeighted(profile.primaries)
  const sex = sexFor(primary, random)
  const age = random.integer(profile.ages[0], profile.ages[1])
  const codes = [primary]
  const admit = (code: string): void => {
    if (fits(code, codes, sex)) codes.push(code)
  }
  for (const comorbidity of profile.comorbidities) {
    const applies = comorbidity.withPrimary?.some((prefix) => primary.startsWith(prefix)) ?? true
    if (applies && random.chance(comorbidity.probability)) admit(comorbidity.code)
  }
  for (const [ifCategory, code, probability] of LINKED_CONDITIONS) {
    if (codes.some((present) => categoryOf(present) === ifCategory) && random.chance(probability)) admit(code)
  }
  const comorbidities = random.shuffle(codes.slice(1).map(withKidneyDisease(codes))).slice(0, MAX_GOLD_CODES - 1)
  return { profile, sex, age, primary, comorbidities }
}

/**
 * Hypertension with chronic kidney disease is one combination code here (the
 * demo rule set's `hypertension-with-ckd`): I12.0 with stage 5, else I12.9.
 */
function withKidneyDisease(codes: readonly string[]): (code: string) => string {
  const kidney = codes.find((code) => categoryOf(code) === 'N18')
  return (code) => (code === 'I10' && kidney !== undefined ? (kidney === 'N18.5' ? 'I12.0' : 'I12.9') : code)
}

export function categoryOf(code: string): string {
  return code.slice(0, 3)
}

function sexFor(primary: string, random: SeededRandom): Sex {
  if (FEMALE_ONLY_PREFIXES.some((prefix) => primary.startsWith(prefix))) return 'female'
  if (MALE_ONLY_PREFIXES.some((prefix) => primary.startsWith(prefix))) return 'male'
  return random.chance(0.5) ? 'female' : 'male'
}

function fits(code: string, present: readonly string[], sex: Sex): boolean {
  const onlyFor = FEMALE_ONLY_PREFIXES.some((prefix) => code.startsWith(prefix)) ? 'female' : MALE_ONLY_PREFIXES.some((prefix) => code.startsWith(prefix)) ? 'male' : null
  if (onlyFor !== null && onlyFor !== sex) return false
  const category = categoryOf(code)
  return present.every((other) => {
    const otherCategory = categoryOf(other)
    if (otherCategory === category) return false
    return !EXCLUSIVE_CATEGORIES.some(([first, second]) => (first === category && second === otherCategory) || (second === category && first === otherCategory))
  })
}
