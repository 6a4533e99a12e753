/**
 * Writes the free-text sections of one demo discharge record, in English or
 * Chinese, from an admission (primary diagnosis and comorbidities).
 *
 * The text is built to resist a verbatim keyword coder, as real records do:
 * a code is named only some of the time and otherwise left to labs, drugs and
 * findings; sentences come in random order from several alternatives with
 * random numbers; and the record names conditions the patient does *not* have
 * ("否认糖尿病史", "Father had CHD"), plus normal findings that mean nothing.
 */
import type { RecordSection, SectionKind } from '../records/record-input.js'
import { categoryOf, type Admission } from './case-mix.js'
import { codePhrases, type BodySystem, type CodePhrases, type Onset } from './clinical-phrases.js'
import { informalNames, demoParent, type DemoLanguage } from './demo-catalogue.js'
import { capitalize, fillTemplate } from './phrase-template.js'
import type { SeededRandom } from '../random/seeded-random.js'

type Localized<T> = Readonly<Record<DemoLanguage, T>>

/** Chance that a diagnosis is named in the text rather than left to be inferred. */
const NAMED_PRIMARY_PROBABILITY = 0.6
const NAMED_COMORBIDITY_PROBABILITY = 0.55

const SECTION_TITLES: Localized<Readonly<Partial<Record<SectionKind, string>>>> = {
  en: {
    chief_complaint: 'Chief complaint',
    present_illness: 'History of present illness',
    past_history: 'Past medical history',
    personal_history: 'Personal history',
    family_history: 'Family history',
    physical_exam: 'Physical examination',
    specialist_exam: 'Specialist examination',
    auxiliary_exam: 'Auxiliary examinations',
    treatment_course: 'Hospital course',
    discharge_condition: 'Condition at discharge',
  },
  zh: {
    chief_complaint: '主诉',
    present_illness: '现病史',
    past_history: '既往史',
    personal_history: '个人史',
    family_history: '家族史',
    physical_exam: '体格检查',
    specialist_exam: '专科检查',
    auxiliary_exam: '辅助检查',
    treatment_course: '诊疗经过',
    discharge_condition: '出院情况',
  },
}

const DURATION_RANGES: Readonly<Record<Onset, readonly [number, number]>> = {
  hours: [2, 48],
  days: [1, 14],
  weeks: [1, 8],
  months: [1, 12],
  years: [1, 20],
}
const DURATION_UNITS: Localized<Readonly<Record<Onset, string>>> = {
  en: { hours: 'hour', days: 'day', weeks: 'week', months: 'month', years: 'year' },
  zh: { hours: '小时', days: '天', weeks: '周', months: '个月', years: '年' },
}

const SEX_WORDS: Localized<Readonly<Record<Admission['sex'], string>>> = {
  en: { female: 'woman', male: 'man' },
  zh: { female: '女', male: '男' },
}

const OPENINGS: Localized<readonly string[]> = {
  en: [
    '{Article} {age}-year-old {sex} presented with {symptom} for {duration}.',
    'The patient, {article} {age}-year-old {sex}, reports {symptom} over the past {duration}.',
    '{Symptom} began {duration} ago[ without an obvious trigger| after exertion| after a cold|].',
  ],
  zh: ['患者{sex}，{age}岁，因“{symptom}{duration}”入院。', '患者{duration}前[无明显诱因|劳累后|受凉后]出现{symptom}。', '患者于{duration}前出现{symptom}，未予重视。'],
}
/** For complaints that carry their own timing ("pregnancy at 39 weeks, admitted for delivery"). */
const TIMED_OPENINGS: Localized<readonly string[]> = {
  en: ['{Article} {age}-year-old {sex} was admitted: {symptom}.', 'The patient, aged {age}, was admitted: {symptom}.'],
  zh: ['患者{sex}，{age}岁，因“{symptom}”入院。', '患者{age}岁，{symptom}，门诊收入。'],
}
const NAMED_PRIMARY: Localized<readonly string[]> = {
  en: ['Seen in clinic and diagnosed with {name}.', 'The emergency team suspected {name}.', 'A local hospital made a diagnosis of {name}.', 'Working diagnosis on arrival: {name}.'],
  zh: ['门诊拟“{name}”收入我科。', '急诊考虑“{name}”。', '外院诊断为“{name}”。', '初步诊断：{name}。'],
}
const ADMISSION_SENTENCES: Localized<readonly string[]> = {
  en: ['Admitted to our department for further evaluation and treatment.', 'Admitted for further management.', 'Referred to our ward for further care.'],
  zh: ['为进一步诊治收入我科。', '现为求进一步治疗入院。', '门诊拟诊收入我科。'],
}

const NEGATIVE_SYMPTOMS: Localized<Readonly<Partial<Record<BodySystem, readonly string[]>>>> = {
  en: {
    heart: ['chest pain', 'palpitations'],
    lung: ['cough', 'shortness of breath'],
    abdomen: ['abdominal pain', 'nausea', 'vomiting', 'diarrhoea'],
    neuro: ['headache', 'limb weakness', 'slurred speech'],
    urinary: ['pain on passing urine', 'blood in the urine'],
    fever: ['fever', 'chills'],
  },
  zh: {
    heart: ['胸痛', '心悸'],
    lung: ['咳嗽', '气促'],
    abdomen: ['腹痛', '恶心', '呕吐', '腹泻'],
    neuro: ['头痛', '肢体无力', '言语不清'],
    urinary: ['尿痛', '血尿'],
    fever: ['发热', '寒战'],
  },
}
const NEGATION_SENTENCES: Localized<readonly string[]> = {
  en: ['Denies {list}.', 'No {list}.', 'There has been no {list}.'],
  zh: ['无{list}。', '否认{list}。', '病程中无{list}。'],
}

/** Conditions a history-taker asks about by habit; the record denies those the patient does not have. */
const COMMONLY_ASKED_CODES: readonly string[] = ['I10', 'E11.9', 'I25.1', 'B18.1', 'J44.9', 'N18.9', 'I63.9', 'K25.9', 'C16.9', 'I48.9']
const DENIED_HISTORY: Localized<readonly string[]> = {
  en: ['Denies a history of {list}.', 'No history of {list}.', 'Negative for {list}.'],
  zh: ['否认{list}病史。', '否认{list}史。', '无{list}病史。'],
}
const NAMED_CHRONIC: Localized<readonly string[]> = {
  en: ['{Name} for {years} years, on {med}.', 'Known {name} for {years} years, treated with {med}.', '{Name} diagnosed {years} years ago; takes {med}.'],
  zh: ['{name}病史{years}年，[规律|间断]使用{med}。', '发现{name}{years}年，现用{med}。', '既往{name}{years}年，平素用药：{med}。'],
}
const NAMED_CHRONIC_WITHOUT_MEDICATION: Localized<readonly string[]> = {
  en: ['History of {name} ({years} years).', '{Name} for {years} years, under follow-up.'],
  zh: ['{name}病史{years}年。', '既往{name}{years}年，定期随访。'],
}
const MEDICATION_ONLY: Localized<readonly string[]> = {
  en: ['Takes {med} regularly.', 'Long-term {med}.'],
  zh: ['长期使用{med}。', '平素用药：{med}。'],
}
const SURGICAL_HISTORY: Localized<readonly string[]> = {
  en: ['Denies surgery or blood transfusion.', 'Appendicectomy [10|20|30] years ago.', 'Cholecystectomy [5|12|18] years ago.', 'No previous operations.'],
  zh: ['否认手术、外伤及输血史。', '[10|20|30]年前行阑尾切除术。', '[5|12|18]年前行胆囊切除术。', '否认手术史。'],
}
const ALLERGY_HISTORY: Localized<readonly string[]> = {
  en: ['No known drug allergies.', 'No known drug allergies.', 'Allergic to penicillin (rash).', 'Allergic to sulfonamides.'],
  zh: ['否认药物、食物过敏史。', '否认药物、食物过敏史。', '青霉素过敏（皮疹）。', '磺胺类药物过敏。'],
}
const INFECTIOUS_HISTORY: Localized<string> = { en: 'Denies tuberculosis or other infectious diseases.', zh: '否认肝炎、结核等传染病史。' }

const PERSONAL_HISTORY: Localized<ReadonlyArray<readonly string[]>> = {
  en: [
    ['Born and raised locally; no travel to epidemic areas.', 'Lives with family in the city.', 'Lives alone in a rural village.'],
    ['Works as a [teacher|factory worker|farmer|driver|accountant|nurse].', 'Retired [teacher|factory worker|farmer|driver|accountant].'],
    ['Never smoked.', 'Never smoked.', 'Smoked {10..30} cigarettes a day for {10..40} years[, quit {2..10} years ago|].'],
    ['No alcohol use.', 'Drinks alcohol occasionally.', 'Drinks about {2..4} units of alcohol daily.'],
  ],
  zh: [
    ['生于本地，久居本地，无疫区居住史。', '长期居住于城市，与家人同住。', '独居于农村。'],
    ['职业：[教师|工人|农民|司机|会计|护士]。', '退休[教师|工人|农民|司机|会计]。'],
    ['否认吸烟史。', '否认吸烟史。', '吸烟{10..40}年，每日{10..30}支[，已戒烟{1..10}年|]。'],
    ['否认饮酒史。', '偶有饮酒。', '饮酒{5..30}年，每日约{1..4}两白酒。'],
  ],
}

const FAMILY_CODES: readonly string[] = ['I10', 'E11.9', 'I25.1', 'C16.9', 'C34.9', 'I63.9', 'C22.0', 'C18.9']
const POSITIVE_FAMILY_HISTORY: Localized<readonly string[]> = {
  en: ['[Father|Mother|A brother|A sister] had {name}.', 'Family history of {name} in the [father|mother].'],
  zh: ['[父亲|母亲|哥哥|姐姐]患{name}。', '[父|母]有{name}病史。'],
}
const NEGATIVE_FAMILY_HISTORY: Localized<readonly string[]> = {
  en: ['Family history unremarkable.', 'No known hereditary disease in the family.'],
  zh: ['家族史无特殊。', '否认家族遗传病史。'],
}

const VITAL_SIGNS: Localized<readonly string[]> = {
  en: ['T {t}°C, P {p}/min, R {r}/min, BP {s}/{d} mmHg.', 'Temperature {t}°C, pulse {p} beats/min, respiration {r}/min, blood pressure {s}/{d} mmHg.'],
  zh: ['T {t}℃，P {p}次/分，R {r}次/分，BP {s}/{d}mmHg。', '体温{t}℃，脉搏{p}次/分，呼吸{r}次/分，血压{s}/{d}mmHg。'],
}
const GENERAL_APPEARANCE: Localized<readonly string[]> = {
  en: ['Alert and oriented, [comfortable at rest|in mild distress|lying flat in bed].', 'Conscious and cooperative.'],
  zh: ['神志清楚，精神[可|稍差|萎靡]。', '神清语利，查体合作。'],
}
const NORMAL_FINDINGS: Localized<Readonly<Partial<Record<BodySystem, readonly string[]>>>> = {
  en: {
    heart: ['Heart rhythm regular, no murmurs.', 'Heart sounds normal, no pericardial rub.'],
    lung: ['Lungs clear to auscultation bilaterally.', 'Breath sounds equal, no crackles or wheeze.'],
    abdomen: ['Abdomen soft, non-tender, no organomegaly.', 'Bowel sounds normal.'],
    neuro: ['Cranial nerves intact; limb power 5/5 throughout.', 'No focal neurological deficit.'],
    limbs: ['No lower-limb oedema; full range of joint movement.'],
    urinary: ['No renal angle tenderness.'],
    liver: ['No jaundice, no spider naevi.'],
    thyroid: ['Thyroid not enlarged.'],
  },
  zh: {
    heart: ['心律齐，各瓣膜听诊区未闻及病理性杂音。', '心音有力，未闻及心包摩擦音。'],
    lung: ['双肺呼吸音清，未闻及干湿啰音。', '双肺呼吸音对称，未闻及啰音。'],
    abdomen: ['腹软，无压痛及反跳痛，肝脾肋下未触及。', '肠鸣音正常。'],
    neuro: ['颅神经检查未见异常，四肢肌力5级。', '病理征未引出。'],
    limbs: ['双下肢无水肿，关节活动自如。'],
    urinary: ['双肾区无叩痛。'],
    liver: ['皮肤巩膜无黄染，未见蜘蛛痣。'],
    thyroid: ['甲状腺未触及肿大。'],
  },
}
const NO_SPECIALIST_FINDINGS: Localized<string> = { en: 'No further specialist findings.', zh: '专科检查无特殊。' }

/** Routine results that come back normal, each skipped when the record's conditions would make it abnormal. */
const NORMAL_RESULTS: ReadonlyArray<{ unless: readonly BodySystem[]; text: Localized<string> }> = [
  {
    unless: ['blood', 'fever'],
    text: {
      en: 'Blood count: WBC {4.2..8.6}×10^9/L, Hb {126..152} g/L, PLT {160..310}×10^9/L.',
      zh: '血常规：WBC {4.2..8.6}×10^9/L，Hb {126..152}g/L，PLT {160..310}×10^9/L。',
    },
  },
  { unless: ['liver'], text: { en: 'Liver function: ALT {12..38} U/L, AST {14..35} U/L, albumin {38..46} g/L.', zh: '肝功能：ALT {12..38}U/L，AST {14..35}U/L，白蛋白{38..46}g/L。' } },
  { unless: ['kidney'], text: { en: 'Creatinine {52..96} μmol/L, urea {3.2..6.8} mmol/L.', zh: '肌酐{52..96}μmol/L，尿素{3.2..6.8}mmol/L。' } },
  { unless: ['electrolytes', 'kidney'], text: { en: 'Sodium {137..144} mmol/L, potassium {3.7..4.8} mmol/L.', zh: '血钠{137..144}mmol/L，血钾{3.7..4.8}mmol/L。' } },
  { unless: ['glucose'], text: { en: 'Fasting glucose {4.4..5.9} mmol/L.', zh: '空腹血糖{4.4..5.9}mmol/L。' } },
  { unless: ['heart'], text: { en: 'ECG: sinus rhythm, {62..88} beats/min, no ST-T change.', zh: '心电图：窦性心律，{62..88}次/分，未见ST-T改变。' } },
  { unless: ['lung'], text: { en: 'Chest X-ray: no active lung lesion.', zh: '胸片：心肺未见明显异常。' } },
  { unless: ['thyroid'], text: { en: 'Thyroid function within normal limits.', zh: '甲状腺功能正常。' } },
  { unless: ['urinary', 'kidney'], text: { en: 'Urinalysis unremarkable.', zh: '尿常规未见异常。' } },
  { unless: ['liver'], text: { en: 'Coagulation screen normal.', zh: '凝血功能未见异常。' } },
]

const TREATMENT_OPENINGS: Localized<readonly string[]> = {
  en: ['After admission, routine investigations were completed.', 'On admission, [monitoring|nursing care] and investigations were arranged.'],
  zh: ['入院后完善相关检查。', '入院后予[心电监护|一级护理|二级护理]，完善相关检查。'],
}
const NAMED_TREATMENT: Localized<readonly string[]> = {
  en: ['Also treated for {name}: {med}.', 'Concurrent {name} managed with {med}.'],
  zh: ['合并{name}，予{med}治疗。', '针对{name}予{med}。'],
}
const NAMED_TREATMENT_WITHOUT_MEDICATION: Localized<readonly string[]> = {
  en: ['{Name} was managed alongside.', 'Concurrent {name} monitored.'],
  zh: ['同时治疗{name}。', '合并{name}，予对症处理。'],
}
const TREATMENT_CLOSINGS: Localized<readonly string[]> = {
  en: ['Discharged after {days} days in hospital.', 'Hospital stay {days} days.'],
  zh: ['住院{days}天，病情好转出院。', '共住院{days}天。'],
}
const DISCHARGE_CONDITIONS: Localized<readonly string[]> = {
  en: ['Symptoms resolved; vital signs stable at discharge.', 'Improved; walking independently and eating well.', 'Condition stable, no complaints.'],
  zh: ['患者症状缓解，生命体征平稳。', '一般情况可，饮食睡眠可，准予出院。', '病情稳定，无特殊不适。'],
}
const SURGICAL_DISCHARGE: Localized<readonly string[]> = {
  en: ['Wound healing well, no signs of infection.', 'Wound clean and dry; sutures to be removed in clinic.'],
  zh: ['切口愈合良好，无红肿渗出。', '切口干燥，门诊拆线。'],
}

interface Diagnosis {
  code: string
  phrases: CodePhrases
  /** Whether the record names this diagnosis in words; otherwise only its findings show. */
  named: boolean
}

interface Writer {
  language: DemoLanguage
  random: SeededRandom
  fill: (template: string, slots?: Readonly<Record<string, string>>) => string
  fillOne: (templates: readonly string[], slots?: Readonly<Record<string, string>>) => string
  name: (code: string) => string
}

export function writeSections(admission: Admission, language: DemoLanguage, stayDays: number, random: SeededRandom): RecordSection[] {
  const writer: Writer = {
    language,
    random,
    fill: (template, slots = {}) => fillTemplate(template, random, slots),
    fillOne: (templates, slots = {}) => fillTemplate(random.pick(templates), random, slots),
    name: (code) => random.pick(informalNames(code, language)),
  }
  const primary: Diagnosis = { code: admission.primary, phrases: codePhrases(admission.primary, language), named: random.chance(NAMED_PRIMARY_PROBABILITY) }
  const comorbidities: Diagnosis[] = admission.comorbidities.map((code) => ({
    code,
    phrases: codePhrases(code, language),
    named: random.chance(NAMED_COMORBIDITY_PROBABILITY),
  }))
  const touched = new Set<BodySystem>([primary, ...comorbidities].flatMap((diagnosis) => diagnosis.phrases.systems))
  const goldCategories = new Set([admission.primary, ...admission.comorbidities].map(categoryOf))
  const complaint = chiefComplaint(primary, writer)
  const texts: Array<[SectionKind, string]> = [
    ['chief_complaint', complaint.text],
    ['present_illness', presentIllness(admission, primary, comorbidities, complaint, touched, writer)],
    ['past_history', pastHistory(comorbidities, goldCategories, touched, writer)],
    ['personal_history', joinSentences(PERSONAL_HISTORY[language].map((options) => writer.fillOne(options)), language)],
    ['family_history', familyHistory(writer)],
    ['physical_exam', physicalExam(comorbidities, touched, goldCategories, writer)],
    ['specialist_exam', specialistExam(primary, writer)],
    ['auxiliary_exam', auxiliaryExams(primary, comorbidities, touched, writer)],
    ['treatment_course', treatmentCourse(primary, comorbidities, stayDays, writer)],
    ['discharge_condition', dischargeCondition(admission.profile.surgical, writer)],
  ]
  return texts.map(([kind, text]) => ({ kind, title: SECTION_TITLES[language][kind] ?? kind, text }))
}

interface ChiefComplaint {
  text: string
  symptom: string
  /** Empty when the symptom carries its own timing. */
  duration: string
}

function chiefComplaint(primary: Diagnosis, writer: Writer): ChiefComplaint {
  const { language, random } = writer
  const template = random.pick(primary.phrases.complaints)
  const symptom = writer.fill(template)
  if (template.includes('{')) return { text: punctuate(symptom, language), symptom, duration: '' }
  const duration = durationText(primary.phrases.onset, writer)
  const others = primary.phrases.complaints.filter((other) => other !== template && !other.includes('{'))
  const second = others.length > 0 && random.chance(0.35) ? writer.fill(random.pick(others)) : null
  const slots = { symptom, duration, second: second ?? '' }
  const templates: Localized<readonly string[]> = second === null
    ? { en: ['{Symptom} for {duration}.', '{Duration} of {symptom}.', '{Symptom}, {duration}.'], zh: ['{symptom}{duration}。', '{symptom}{duration}。'] }
    : { en: ['{Symptom} for {duration}, with {second}.', '{Symptom} with {second} for {duration}.'], zh: ['{symptom}{duration}，伴{second}。', '{symptom}、{second}{duration}。'] }
  return { text: writer.fillOne(templates[language], slots), symptom, duration }
}

function presentIllness(
  admission: Admission,
  primary: Diagnosis,
  comorbidities: readonly Diagnosis[],
  complaint: ChiefComplaint,
  touched: ReadonlySet<BodySystem>,
  writer: Writer,
): string {
  const { language, random } = writer
  const slots = {
    age: String(admission.age),
    // "an 85-year-old", "an 11-year-old", "an 8-year-old"
    article: /^(8|11|18)/.test(String(admission.age)) ? 'an' : 'a',
    sex: SEX_WORDS[language][admission.sex],
    symptom: complaint.symptom,
    duration: complaint.duration,
  }
  const opening = writer.fillOne(complaint.duration === '' ? TIMED_OPENINGS[language] : OPENINGS[language], slots)
  const middle = random.sample(primary.phrases.story, random.integer(2, 3)).map((template) => writer.fill(template))
  for (const comorbidity of comorbidities) {
    const { chronic, circumstance, story } = comorbidity.phrases
    if (!chronic && story.length > 0 && (circumstance || random.chance(0.5))) middle.push(writer.fillOne(story))
  }
  // Never deny what the patient came in with ("vomiting and abdominal pain … denies vomiting").
  const negatives = untouchedEntries(NEGATIVE_SYMPTOMS[language], touched).flat().filter((symptom) => !complaint.symptom.includes(symptom))
  if (negatives.length > 0 && random.chance(0.7)) {
    middle.push(writer.fillOne(NEGATION_SENTENCES[language], { list: listText(random.sample(negatives, random.integer(2, 3)), language, 'or') }))
  }
  if (primary.named) middle.push(writer.fillOne(NAMED_PRIMARY[language], { name: writer.name(primary.code) }))
  const sentences = [opening, ...random.shuffle(middle)]
  if (random.chance(0.8)) sentences.push(writer.fillOne(ADMISSION_SENTENCES[language]))
  return joinSentences(sentences, language)
}

function pastHistory(comorbidities: readonly Diagnosis[], goldCategories: ReadonlySet<string>, touched: ReadonlySet<BodySystem>, writer: Writer): string {
  const { language, random } = writer
  const items: string[] = []
  for (const comorbidity of comorbidities) {
    if (!comorbidity.phrases.chronic) continue
    const years = String(random.integer(1, 20))
    const medications = comorbidity.phrases.medications
    if (comorbidity.named) {
      const templates = medications.length > 0 ? NAMED_CHRONIC[language] : NAMED_CHRONIC_WITHOUT_MEDICATION[language]
      items.push(writer.fillOne(templates, { name: writer.name(comorbidity.code), years, med: medications.length > 0 ? random.pick(medications) : '' }))
    } else if (medications.length > 0 && random.chance(0.7)) {
      items.push(writer.fillOne(MEDICATION_ONLY[language], { med: random.pick(medications) }))
    }
  }
  // A patient admitted with kidney failure is not recorded as denying kidney disease.
  const askable = COMMONLY_ASKED_CODES.filter((code) => !goldCategories.has(categoryOf(code)) && !codePhrases(code, language).systems.some((system) => touched.has(system)))
  const denied = random
    .sample(askable, random.integer(1, 3))
    // A history-taker writes the code-level name ("CHD") as often as the broad one ("diabetes").
    .map((code) => writer.name(random.chance(0.6) ? code : (demoParent(code) ?? code)))
  if (denied.length > 0) items.push(writer.fillOne(DENIED_HISTORY[language], { list: listText(denied, language, 'or') }))
  items.push(writer.fillOne(SURGICAL_HISTORY[language]), writer.fillOne(ALLERGY_HISTORY[language]))
  if (!goldCategories.has('B18') && random.chance(0.5)) items.push(INFECTIOUS_HISTORY[language])
  return joinSentences(random.shuffle(items), language)
}

function familyHistory(writer: Writer): string {
  const { language, random } = writer
  if (!random.chance(0.35)) return writer.fillOne(NEGATIVE_FAMILY_HISTORY[language])
  const relatives = random.sample(FAMILY_CODES, random.integer(1, 2)).map((code) => writer.fillOne(POSITIVE_FAMILY_HISTORY[language], { name: writer.name(code) }))
  return joinSentences(relatives, language)
}

function physicalExam(comorbidities: readonly Diagnosis[], touched: ReadonlySet<BodySystem>, goldCategories: ReadonlySet<string>, writer: Writer): string {
  const { language, random } = writer
  const fast = touched.has('fever') || goldCategories.has('I48') || goldCategories.has('A41')
  const vitals = writer.fillOne(VITAL_SIGNS[language], {
    t: touched.has('fever') ? '{37.8..39.4}' : '{36.2..37.2}',
    p: fast ? '{92..124}' : '{62..92}',
    r: touched.has('lung') ? '{20..28}' : '{14..20}',
    s: touched.has('bp') ? '{146..178}' : '{108..138}',
    d: touched.has('bp') ? '{88..106}' : '{62..86}',
  })
  const findings = comorbidities.filter((comorbidity) => comorbidity.phrases.exam.length > 0 && random.chance(0.45)).map((comorbidity) => writer.fillOne(comorbidity.phrases.exam))
  const normal = untouchedEntries(NORMAL_FINDINGS[language], touched).map((options) => random.pick(options))
  findings.push(...random.sample(normal, random.integer(2, 3)).map((template) => writer.fill(template)))
  return joinSentences([vitals, writer.fillOne(GENERAL_APPEARANCE[language]), ...random.shuffle(findings)], language)
}

function specialistExam(primary: Diagnosis, writer: Writer): string {
  const { language, random } = writer
  if (primary.phrases.exam.length === 0) return NO_SPECIALIST_FINDINGS[language]
  return joinSentences(random.sample(primary.phrases.exam, 2).map((template) => writer.fill(template)), language)
}

function auxiliaryExams(primary: Diagnosis, comorbidities: readonly Diagnosis[], touched: ReadonlySet<BodySystem>, writer: Writer): string {
  const { language, random } = writer
  const results = random.sample(primary.phrases.tests, random.integer(2, 3)).map((template) => writer.fill(template))
  for (const comorbidity of comorbidities) {
    if (comorbidity.phrases.tests.length > 0 && random.chance(0.8)) results.push(writer.fillOne(comorbidity.phrases.tests))
  }
  const normal = NORMAL_RESULTS.filter((result) => !result.unless.some((system) => touched.has(system))).map((result) => result.text[language])
  results.push(...random.sample(normal, random.integer(1, 3)).map((template) => writer.fill(template)))
  return joinSentences(random.shuffle(results), language)
}

function treatmentCourse(primary: Diagnosis, comorbidities: readonly Diagnosis[], stayDays: number, writer: Writer): string {
  const { language, random } = writer
  const steps = random.sample(primary.phrases.treatment, random.integer(1, 2)).map((template) => writer.fill(template))
  for (const comorbidity of comorbidities) {
    const medications = comorbidity.phrases.medications
    if (comorbidity.named && !comorbidity.phrases.circumstance && random.chance(0.5)) {
      const templates = medications.length > 0 ? NAMED_TREATMENT[language] : NAMED_TREATMENT_WITHOUT_MEDICATION[language]
      steps.push(writer.fillOne(templates, { name: writer.name(comorbidity.code), med: medications.length > 0 ? random.pick(medications) : '' }))
    } else if (comorbidity.phrases.treatment.length > 0 && random.chance(0.6)) {
      steps.push(writer.fillOne(comorbidity.phrases.treatment))
    }
  }
  const opening = writer.fillOne(TREATMENT_OPENINGS[language])
  const closing = writer.fillOne(TREATMENT_CLOSINGS[language], { days: String(stayDays) })
  return joinSentences([opening, ...random.shuffle(steps), closing], language)
}

function dischargeCondition(surgical: boolean, writer: Writer): string {
  const { language, random } = writer
  const remarks = [writer.fillOne(DISCHARGE_CONDITIONS[language])]
  if (surgical && random.chance(0.7)) remarks.push(writer.fillOne(SURGICAL_DISCHARGE[language]))
  return joinSentences(remarks, language)
}

function durationText(onset: Onset, writer: Writer): string {
  const [min, max] = DURATION_RANGES[onset]
  const count = writer.random.integer(min, max)
  const unit = DURATION_UNITS[writer.language][onset]
  if (writer.language === 'zh') return `${count}${unit}`
  return `${count} ${unit}${count === 1 ? '' : 's'}`
}

function untouchedEntries<T>(bySystem: Readonly<Partial<Record<BodySystem, T>>>, touched: ReadonlySet<BodySystem>): T[] {
  return (Object.entries(bySystem) as Array<[BodySystem, T]>).filter(([system]) => !touched.has(system)).map(([, value]) => value)
}

function listText(items: readonly string[], language: DemoLanguage, conjunction: 'and' | 'or'): string {
  if (language === 'zh') return items.join('、')
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1] ?? ''}`
}

function punctuate(text: string, language: DemoLanguage): string {
  return language === 'zh' ? `${text}。` : `${capitalize(text)}.`
}

/** Chinese prose runs sentences together; English separates them with a space. */
function joinSentences(sentences: readonly string[], language: DemoLanguage): string {
  return sentences.join(language === 'zh' ? '' : ' ')
}
