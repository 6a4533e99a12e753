/**
 * The coding rules the workstation ships with, one rule set per family of code
 * sets: the demo code set, WHO-style ICD-10 and the Chinese clinical editions
 * (which follow the WHO structure), and ICD-10-CM. Written by this project in
 * its own words from the conventions every ICD-10 coder learns (one type of
 * diabetes, the combination codes for hypertensive disease, the mother's record
 * for pregnancy codes, external causes beside the injury…); no rule list was
 * copied from an edit table. A hospital exports a set, edits it and imports it
 * back as a new, audited version (`clinicoco rules export|import`,
 * `docs/coding-rules.md`).
 *
 * Patterns are code keys (`E119`) or category ranges (`N70-N98`); see
 * `contract/coding-rules.ts`.
 */
import type { AgeRule, ExclusiveRule, NotPrimaryRule, RuleSetFileInput, SexRule } from '../../contract/coding-rules.js'

type ExclusiveInput = Omit<ExclusiveRule, 'unlessDocumented'> & { unlessDocumented?: boolean }

const HYPERTENSION_IN_HYPERTENSIVE_DISEASE: ExclusiveInput = {
  id: 'hypertension-in-hypertensive-disease',
  codes: ['I10'],
  with: ['I11', 'I12', 'I13', 'I15'],
  why: {
    en: 'hypertensive heart or kidney disease (I11–I13) already includes the hypertension, and secondary hypertension (I15) is not essential hypertension.',
    zh: '高血压性心脏病或肾脏病（I11–I13）已包含高血压，继发性高血压（I15）也不是原发性高血压。',
  },
  action: { en: 'Keep the I11–I15 code and remove I10.', zh: '保留 I11–I15 的编码，删除 I10。' },
}

const HYPERTENSION_WITH_CKD: ExclusiveInput = {
  id: 'hypertension-with-ckd',
  codes: ['I10'],
  with: ['N18'],
  why: {
    en: 'in this code set, hypertension with chronic kidney disease is coded as hypertensive kidney disease (I12), with the N18 code for the stage.',
    zh: '本编码集中，高血压合并慢性肾脏病编码为高血压性肾脏病（I12），另加 N18 编码表示分期。',
  },
  action: {
    en: 'Replace I10 with I12 (I12.0 with renal failure or stage 5, otherwise I12.9) and keep the N18 code.',
    zh: '将 I10 改为 I12（伴肾衰竭或 5 期用 I12.0，否则 I12.9），保留 N18 编码。',
  },
}

const ONE_TYPE_OF_DIABETES: ExclusiveInput = {
  id: 'one-type-of-diabetes',
  codes: ['E10'],
  with: ['E11'],
  why: { en: 'a patient has one type of diabetes: type 1 and type 2 together contradict each other.', zh: '一个患者只有一种类型的糖尿病：1 型与 2 型同时存在相互矛盾。' },
  action: { en: 'Keep the type the record documents; if it is unclear, ask the physician.', zh: '保留病历记载的类型；不清楚时询问医师。' },
}

const DIABETES_IN_PREGNANCY_WHO: ExclusiveInput = {
  id: 'diabetes-in-pregnancy',
  codes: ['E10', 'E11', 'E14'],
  with: ['O24'],
  why: {
    en: 'in pregnancy, diabetes is coded in O24, which says whether it was there before the pregnancy or arose in it; E10–E14 do not go beside it.',
    zh: '妊娠期糖尿病编码于 O24，区分孕前已有还是妊娠期发生；E10–E14 不与其同时使用。',
  },
  action: {
    en: 'Use one O24 code: pre-existing diabetes (O24.0–O24.3, or O24.9 here) or diabetes arising in pregnancy (O24.4).',
    zh: '只用一个 O24 编码：孕前糖尿病（O24.0–O24.3，本编码集为 O24.9）或妊娠期发生的糖尿病（O24.4）。',
  },
}

const GESTATIONAL_DIABETES_CM: ExclusiveInput = {
  id: 'gestational-diabetes-with-pre-existing',
  codes: ['E10', 'E11'],
  with: ['O244'],
  why: {
    en: 'gestational diabetes (O24.4) first appears in pregnancy; pre-existing type 1 or type 2 diabetes in pregnancy is O24.0 / O24.1 with the E10 / E11 code.',
    zh: '妊娠期糖尿病（O24.4）是妊娠期首次出现的糖尿病；孕前已有的 1 型或 2 型糖尿病用 O24.0 / O24.1 加 E10 / E11。',
  },
  action: { en: 'Keep O24.4 alone, or code pre-existing diabetes as O24.0 / O24.1 with E10 / E11.', zh: '单独保留 O24.4，或按孕前糖尿病编码为 O24.0 / O24.1 加 E10 / E11。' },
}

const HYPERTENSION_IN_PREGNANCY: ExclusiveInput = {
  id: 'hypertension-in-pregnancy',
  codes: ['I10'],
  with: ['O10', 'O11', 'O13', 'O14', 'O15', 'O16'],
  why: {
    en: 'in pregnancy, hypertension is coded in O10–O16 (pre-existing, gestational, pre-eclampsia), not with I10 beside it.',
    zh: '妊娠期高血压编码于 O10–O16（孕前已有、妊娠期高血压、子痫前期），不另加 I10。',
  },
  action: { en: 'Remove I10; the O10–O16 code says which hypertension the mother has.', zh: '删除 I10；O10–O16 的编码已说明高血压类型。' },
}

const ANGINA_WITH_INFARCTION: ExclusiveInput = {
  id: 'angina-with-infarction',
  codes: ['I20'],
  with: ['I21', 'I22'],
  why: { en: 'angina in the same episode as an acute myocardial infarction is part of the infarction.', zh: '与急性心肌梗死同一次发作的心绞痛属于心肌梗死的一部分。' },
  action: { en: 'Keep the I21 / I22 code and remove the I20 code.', zh: '保留 I21 / I22 编码，删除 I20 编码。' },
}

const HAEMORRHAGIC_AND_ISCHAEMIC_STROKE: ExclusiveInput = {
  id: 'haemorrhagic-and-ischaemic-stroke',
  codes: ['I61'],
  with: ['I63'],
  unlessDocumented: true,
  why: {
    en: 'an intracerebral haemorrhage and a cerebral infarction in one admission are rare (an infarct that turned haemorrhagic) and need both documented.',
    zh: '同一次住院同时有脑出血和脑梗死很少见（如梗死后出血转化），需两者都有记载。',
  },
  action: {
    en: 'Keep the type the imaging report documents; keep both only when the record documents both.',
    zh: '保留影像报告记载的类型；只有病历两者都记载时才同时保留。',
  },
}

const ONE_CKD_STAGE: ExclusiveInput = {
  id: 'one-ckd-stage',
  codes: ['N18'],
  with: ['N18'],
  why: { en: 'chronic kidney disease has one stage at a time.', zh: '慢性肾脏病同一时间只有一个分期。' },
  action: { en: 'Keep the stage the latest eGFR or the physician documents.', zh: '保留最近 eGFR 或医师记载的分期。' },
}

const ONE_PATTERN_OF_AF: ExclusiveInput = {
  id: 'one-pattern-of-atrial-fibrillation',
  codes: ['I480'],
  with: ['I481', 'I482'],
  why: { en: 'atrial fibrillation is coded once, by the pattern documented for this admission (paroxysmal, persistent or permanent).', zh: '房颤按本次住院记载的类型（阵发性、持续性或永久性）只编码一次。' },
  action: { en: 'Keep the pattern the record documents.', zh: '保留病历记载的类型。' },
}

const ONE_CAESAREAN: ExclusiveInput = {
  id: 'one-caesarean-delivery',
  codes: ['O820'],
  with: ['O821'],
  why: { en: 'a caesarean delivery is either elective or emergency, not both.', zh: '一次剖宫产是择期或急诊，不会两者都是。' },
  action: { en: 'Keep the one the operation note documents.', zh: '保留手术记录记载的一种。' },
}

const ONE_OUTCOME_OF_DELIVERY: ExclusiveInput = {
  id: 'one-outcome-of-delivery',
  codes: ['Z37'],
  with: ['Z37'],
  why: { en: 'one delivery has one outcome code (single or multiple, live or stillborn).', zh: '一次分娩只有一个分娩结局编码（单胎或多胎、活产或死产）。' },
  action: { en: 'Keep the outcome the delivery record documents.', zh: '保留分娩记录记载的结局。' },
}

const UNSPECIFIED_FALL: ExclusiveInput = {
  id: 'unspecified-fall-with-specified',
  codes: ['W19'],
  with: ['W00-W18'],
  why: { en: 'an unspecified fall (W19) beside a specified fall codes the same fall twice.', zh: '未特指的跌倒（W19）与已特指的跌倒同时编码，是把同一次跌倒编了两次。' },
  action: { en: 'Keep the specified fall and remove W19.', zh: '保留已特指的跌倒，删除 W19。' },
}

const FEMALE_ONLY: SexRule[] = [
  {
    id: 'pregnancy-codes-female',
    codes: ['O'],
    sex: 'female',
    why: { en: 'pregnancy, childbirth and puerperium codes belong on the mother\'s record.', zh: '妊娠、分娩和产褥期编码只用于母亲的病历。' },
    action: { en: 'Check the patient\'s sex and the code; a newborn affected by the mother\'s condition is coded in P00–P04.', zh: '核对患者性别和编码；受母体情况影响的新生儿编码于 P00–P04。' },
  },
  {
    id: 'delivery-outcome-female',
    codes: ['Z32-Z37', 'Z39'],
    sex: 'female',
    why: { en: 'pregnancy and delivery status codes belong on the mother\'s record.', zh: '妊娠和分娩状态编码只用于母亲的病历。' },
    action: { en: 'Check the patient\'s sex and the code.', zh: '核对患者性别和编码。' },
  },
  {
    id: 'female-genital-organs',
    codes: ['C51-C58', 'D25-D28', 'N70-N98'],
    sex: 'female',
    why: { en: 'these codes describe female genital organs.', zh: '这些编码描述女性生殖器官。' },
    action: { en: 'Check the patient\'s sex and the code.', zh: '核对患者性别和编码。' },
  },
  {
    id: 'postmenopausal-osteoporosis-female',
    codes: ['M810'],
    sex: 'female',
    why: { en: 'postmenopausal osteoporosis is a condition of women after the menopause.', zh: '绝经后骨质疏松是女性绝经后的疾病。' },
    action: { en: 'For a man, use the osteoporosis code the record supports (e.g. M81.9).', zh: '男性患者请用病历支持的骨质疏松编码（如 M81.9）。' },
  },
]

const MALE_ONLY: SexRule[] = [
  {
    id: 'male-genital-organs',
    codes: ['C60-C63', 'D29', 'N40-N51'],
    sex: 'male',
    why: { en: 'these codes describe male genital organs (prostate, testis, penis).', zh: '这些编码描述男性生殖器官（前列腺、睾丸、阴茎）。' },
    action: { en: 'Check the patient\'s sex and the code.', zh: '核对患者性别和编码。' },
  },
]

const AGE_RULES_WHO: AgeRule[] = [
  {
    id: 'pregnancy-childbearing-age',
    codes: ['O', 'Z37'],
    minYears: 12,
    maxYears: 55,
    why: { en: 'pregnancy codes are outside the usual childbearing years for this patient.', zh: '患者年龄不在常见的生育年龄范围内。' },
    action: { en: 'Check the age and the code; override if the record documents the pregnancy.', zh: '核对年龄和编码；如病历记载了妊娠，可说明理由后保留。' },
  },
  {
    id: 'perinatal-period',
    codes: ['P'],
    maxYears: 0,
    why: { en: 'conditions originating in the perinatal period are coded on the newborn\'s record.', zh: '起源于围生期的情况编码于新生儿的病历。' },
    action: {
      en: 'For an older patient, use the code for the condition itself; keep the P code only if the record says it began around birth.',
      zh: '年龄较大的患者请用疾病本身的编码；只有病历说明起源于围生期时才保留 P 编码。',
    },
  },
]

const AGE_RULES_CM: AgeRule[] = [
  AGE_RULES_WHO[0] as AgeRule,
  {
    id: 'perinatal-period',
    codes: ['P'],
    maxYears: 0,
    why: { en: 'P codes are for conditions that began in the perinatal period.', zh: 'P 编码用于起源于围生期的情况。' },
    action: {
      en: 'ICD-10-CM allows a P code throughout life when the condition still stems from the perinatal period: keep it with that reason, else use the code for the condition itself.',
      zh: 'ICD-10-CM 允许终生使用仍源于围生期的 P 编码：说明理由后保留，否则改用疾病本身的编码。',
    },
  },
]

const EXTERNAL_CAUSES: NotPrimaryRule = {
  id: 'external-cause-not-primary',
  codes: ['V', 'W', 'X', 'Y'],
  why: { en: 'external causes say how an injury or poisoning happened; they go beside the injury code.', zh: '外因编码说明损伤或中毒如何发生，应附在损伤编码之后。' },
  action: { en: 'Make the injury (chapter XIX, S or T code) primary and keep this code as an additional one.', zh: '以损伤（第十九章 S 或 T 编码）为主要诊断，此编码作为附加编码。' },
}

const ORGANISM_CODES: NotPrimaryRule = {
  id: 'organism-not-primary',
  codes: ['B95-B97'],
  why: { en: 'B95–B97 name the germ behind a condition coded elsewhere.', zh: 'B95–B97 指明他处已编码疾病的病原体。' },
  action: { en: 'Make the infection itself primary (e.g. the pneumonia or urinary tract infection).', zh: '以感染本身为主要诊断（如肺炎或泌尿道感染）。' },
}

const OUTCOME_OF_DELIVERY: NotPrimaryRule = {
  id: 'outcome-of-delivery-not-primary',
  codes: ['Z37'],
  why: { en: 'the outcome of delivery is recorded beside the delivery, never as the reason for admission.', zh: '分娩结局附在分娩编码旁记录，不作为入院原因。' },
  action: { en: 'Make the delivery or the obstetric condition (an O code) primary.', zh: '以分娩或产科情况（O 编码）为主要诊断。' },
}

const HISTORY_AND_STATUS: NotPrimaryRule = {
  id: 'history-and-status-not-primary',
  codes: ['Z80-Z99'],
  why: { en: 'family history, personal history and status codes (dialysis, implants, long-term drugs) describe the background, not why the patient was admitted.', zh: '家族史、个人史和状态编码（透析、植入物、长期用药）描述背景情况，而不是入院原因。' },
  action: { en: 'Make the condition treated in this admission primary.', zh: '以本次住院治疗的疾病为主要诊断。' },
}

const SHOCK: NotPrimaryRule = {
  id: 'shock-not-primary',
  codes: ['R57', 'R65'],
  why: { en: 'shock and systemic inflammatory response accompany their cause (sepsis, infarction, bleeding), which is coded first.', zh: '休克和全身炎症反应伴随其病因（脓毒症、心肌梗死、出血），病因应先编码。' },
  action: { en: 'Make the underlying condition primary and keep this code as an additional one.', zh: '以原发疾病为主要诊断，此编码作为附加编码。' },
}

const MANIFESTATION_TITLES = ['in diseases classified elsewhere', 'in other diseases classified elsewhere', '分类于他处']

/** ICD-10-CM's combination rule for hypertension with CKD and its manifestation codes. */
const ICD10CM: RuleSetFileInput = {
  format: 'clinicoco-coding-rules',
  formatVersion: 1,
  name: 'icd10cm',
  appliesTo: ['icd10cm*', 'icd10-cm*'],
  description: 'ICD-10-CM (US clinical modification, as CodiEsp uses it): combination codes for hypertensive disease, one type of diabetes, sex and age edits, codes never first-listed.',
  structural: { ancestor: true, unspecifiedSibling: true, unspecifiedExceptions: [], manifestationTitles: MANIFESTATION_TITLES },
  exclusive: [
    HYPERTENSION_IN_HYPERTENSIVE_DISEASE,
    HYPERTENSION_WITH_CKD,
    ONE_TYPE_OF_DIABETES,
    GESTATIONAL_DIABETES_CM,
    HYPERTENSION_IN_PREGNANCY,
    ANGINA_WITH_INFARCTION,
    HAEMORRHAGIC_AND_ISCHAEMIC_STROKE,
    ONE_CKD_STAGE,
    ONE_PATTERN_OF_AF,
    ONE_OUTCOME_OF_DELIVERY,
    UNSPECIFIED_FALL,
  ],
  sex: [...FEMALE_ONLY, ...MALE_ONLY],
  age: AGE_RULES_CM,
  notPrimary: [EXTERNAL_CAUSES, ORGANISM_CODES, OUTCOME_OF_DELIVERY, HISTORY_AND_STATUS, SHOCK],
}

/** WHO-style ICD-10 and the Chinese clinical editions built on it (国家临床版, 北京临床版). */
const ICD10_WHO: RuleSetFileInput = {
  format: 'clinicoco-coding-rules',
  formatVersion: 1,
  name: 'icd10-who',
  appliesTo: ['icd10-who*', 'who-icd10*', 'icd10-cn*', 'icd10cn*', 'icd10-bj*'],
  description:
    'WHO ICD-10 and the Chinese clinical editions (clinical 2.0, Beijing v601): diabetes in pregnancy in O24, combination codes for hypertensive heart disease, one type of diabetes, sex and age checks, codes that may not be the principal diagnosis (主要诊断).',
  structural: { ancestor: true, unspecifiedSibling: true, unspecifiedExceptions: [], manifestationTitles: MANIFESTATION_TITLES },
  exclusive: [
    HYPERTENSION_IN_HYPERTENSIVE_DISEASE,
    ONE_TYPE_OF_DIABETES,
    DIABETES_IN_PREGNANCY_WHO,
    HYPERTENSION_IN_PREGNANCY,
    ANGINA_WITH_INFARCTION,
    HAEMORRHAGIC_AND_ISCHAEMIC_STROKE,
    ONE_CKD_STAGE,
    ONE_PATTERN_OF_AF,
    ONE_CAESAREAN,
    ONE_OUTCOME_OF_DELIVERY,
    UNSPECIFIED_FALL,
  ],
  sex: [...FEMALE_ONLY, ...MALE_ONLY],
  age: AGE_RULES_WHO,
  notPrimary: [EXTERNAL_CAUSES, ORGANISM_CODES, OUTCOME_OF_DELIVERY, HISTORY_AND_STATUS, SHOCK],
}

/** The demo hospital codes WHO-style and, like ICD-10-CM, combines hypertension with CKD into I12. */
const DEMO: RuleSetFileInput = {
  ...ICD10_WHO,
  name: 'demo-icd10',
  appliesTo: ['demo-icd10'],
  description: 'The demo code set: the WHO-style rules, and hypertension with chronic kidney disease coded as I12.',
  exclusive: [HYPERTENSION_WITH_CKD, ...(ICD10_WHO.exclusive ?? [])],
}

export const DEFAULT_RULE_SETS: readonly RuleSetFileInput[] = [DEMO, ICD10_WHO, ICD10CM]
