/**
 * The free-text fields of a Chinese inpatient record (主诉, 现病史, 既往史, 个人史,
 * 婚姻史, 月经史, 家族史, 体格检查, 辅助检查, 入院情况, 出院医嘱), written from the demo
 * hospital's Chinese phrasebook for the record's conditions (`codePhrases`),
 * with the same template language (`phrase-template.ts`).
 */
import type { Sex } from '../case-mix.js'
import { codePhrases, type CodePhrases } from '../clinical-phrases.js'
import { fillTemplate } from '../phrase-template.js'
import type { SeededRandom } from '../../random/seeded-random.js'
import type { Condition, ConditionForm } from './conditions.js'

export interface DiagnosedCondition {
  condition: Condition
  form: ConditionForm
  /** How the admitting doctor wrote it. */
  written: string
}

export const SECTION_FIELDS = {
  chiefComplaint: '主诉',
  presentIllness: '现病史',
  pastHistory: '既往史',
  personalHistory: '个人史',
  maritalHistory: '婚姻史',
  menstrualHistory: '月经史',
  familyHistory: '家族史',
  physicalExam: '体格检查',
  auxiliaryExam: '辅助检查',
  admissionCondition: '入院情况',
  dischargeAdvice: '出院医嘱',
} as const

const DURATION: Readonly<Record<CodePhrases['onset'], readonly [number, number, string]>> = {
  hours: [2, 20, '小时'],
  days: [1, 10, '天'],
  weeks: [1, 6, '周'],
  months: [1, 11, '个月'],
  years: [1, 15, '年'],
}

const FALLBACK: Omit<CodePhrases, 'complaints'> = {
  story: ['患者自觉症状逐渐加重。', '曾于外院就诊，具体不详。'],
  exam: ['专科检查：局部无明显异常。'],
  tests: ['血常规：WBC {4.2..9.8}×10^9/L，Hb {110..150}g/L。', 'CRP {2..30}mg/L。'],
  treatment: ['予对症支持治疗。'],
  medications: [],
  onset: 'days',
  chronic: false,
  circumstance: false,
  systems: [],
}

export function writeEmrSections(request: { sex: Sex; age: number; conditions: readonly DiagnosedCondition[]; primaryWritten: string; random: SeededRandom }): Record<string, string> {
  const { sex, age, conditions, random } = request
  const fill = (template: string, slots: Record<string, string> = {}): string => fillTemplate(template, random, slots)
  const phrasesOf = (diagnosed: DiagnosedCondition): CodePhrases => {
    const code = diagnosed.condition.phrases
    if (code !== null) return codePhrases(code, 'zh')
    return { ...FALLBACK, complaints: diagnosed.condition.complaints ?? ['不适'], chronic: diagnosed.condition.chronic }
  }
  const primary = conditions[0] as DiagnosedCondition
  const others = conditions.slice(1)
  const primaryPhrases = phrasesOf(primary)
  const complaints = primary.condition.complaints ?? primaryPhrases.complaints
  const complaint = random.pick(complaints)
  const symptom = fill(complaint)
  const [low, high, unit] = DURATION[primaryPhrases.onset]
  // A phrasebook complaint holding a range carries its own timing ("胸痛{2..6}小时").
  const duration = complaint.includes('{') ? '' : `${random.integer(low, high)}${unit}`
  const sexWord = sex === 'male' ? '男' : '女'

  const story = random.sample(primaryPhrases.story, random.integer(1, 2)).map((template) => fill(template))
  const presentIllness = [
    fill(`患者${duration}前[无明显诱因|劳累后|受凉后|活动后]出现${symptom}。`),
    ...story,
    random.chance(0.7) ? `门诊拟“${request.primaryWritten}”收入我科。` : fill('[为进一步诊治收入我科。|现为求进一步治疗入院。]'),
  ].join('')

  const pastItems: string[] = []
  for (const other of others) {
    const phrases = phrasesOf(other)
    if (other.condition.procedure) pastItems.push(`${random.integer(1, 15)}年前${other.condition.procedure}。`)
    else if (other.condition.chronic) {
      const medication = phrases.medications.length > 0 && random.chance(0.7) ? fill(`，[规律|间断]服用${random.pick(phrases.medications)}`) : ''
      pastItems.push(`${other.written}病史${random.integer(1, 20)}年${medication}。`)
    }
  }
  pastItems.push(random.pick(['否认肝炎、结核等传染病史。', '否认传染病史。']), random.pick(['否认药物、食物过敏史。', '青霉素过敏。', '否认过敏史。']))
  if (!others.some((other) => other.condition.procedure)) pastItems.push(random.pick(['否认手术、外伤及输血史。', '否认手术史。']))

  const smoker = sex === 'male' && random.chance(0.45)
  const personal = `生于原籍，久居本地，无疫区居住史。${smoker ? fill('吸烟{10..40}年，每日{10..20}支[，已戒烟{1..10}年|]。') : '否认吸烟、饮酒史。'}`
  const marital = age < 22 ? '未婚。' : fill(`[已婚|已婚|已婚|丧偶]，育有{1..3}[子|女|子女]，[配偶|家人]体健。`)
  const menstrual = sex === 'male' ? '' : age < 12 ? '未初潮。' : age <= 50 ? fill('{12..15}岁初潮，经期{4..6}天，周期{26..32}天，月经规律。') : fill('{12..15}岁初潮，{46..55}岁绝经。')
  const family = random.chance(0.35) ? fill('[父亲|母亲|哥哥|姐姐]患[高血压|糖尿病|冠心病|脑梗死]。') : random.pick(['家族史无特殊。', '否认家族遗传病史。'])

  const fever = conditions.some((item) => phrasesOf(item).systems.includes('fever'))
  const vitals = fill(`T ${fever ? '{37.8..39.2}' : '{36.2..37.2}'}℃，P {62..104}次/分，R {16..24}次/分，BP {106..176}/{62..102}mmHg。`)
  const examFindings = random.sample(primaryPhrases.exam, random.integer(1, 2)).map((template) => fill(template))
  const physicalExam = `${vitals}${fill('神志清楚，[精神可|精神稍差]，查体合作。')}${examFindings.join('')}${random.pick(['双肺呼吸音清。', '心律齐，各瓣膜听诊区未闻及杂音。', '腹软，无压痛。'])}`

  const tests = random.sample(primaryPhrases.tests, random.integer(1, 2)).map((template) => fill(template))
  for (const other of others) {
    const phrases = phrasesOf(other)
    if (phrases.tests.length > 0 && random.chance(0.6)) tests.push(fill(random.pick(phrases.tests)))
  }

  const admissionCondition = `患者${sexWord}，${age}岁，因“${symptom}${duration}”入院。入院时神志清楚，${fill('[精神可|精神差|精神萎靡]')}，${random.pick(['生命体征平稳', '生命体征尚平稳'])}。`

  const medications = conditions.flatMap((item) => phrasesOf(item).medications)
  const advice = [
    random.pick(['低盐低脂饮食', '糖尿病饮食', '清淡饮食', '注意休息，避免劳累']),
    medications.length > 0 ? `继续${fill(random.pick(medications))}` : '按时服药',
    fill('{1..4}周后门诊复诊'),
    random.pick(['不适随诊', '如有胸闷、气促等不适及时就诊', '定期复查血常规、肝肾功能']),
  ]
  const dischargeAdvice = advice.map((item, position) => `${position + 1}.${item}。`).join('')

  return {
    [SECTION_FIELDS.chiefComplaint]: `${symptom}${duration}。`,
    [SECTION_FIELDS.presentIllness]: presentIllness,
    [SECTION_FIELDS.pastHistory]: random.shuffle(pastItems).join(''),
    [SECTION_FIELDS.personalHistory]: personal,
    [SECTION_FIELDS.maritalHistory]: marital,
    [SECTION_FIELDS.menstrualHistory]: menstrual,
    [SECTION_FIELDS.familyHistory]: family,
    [SECTION_FIELDS.physicalExam]: physicalExam,
    [SECTION_FIELDS.auxiliaryExam]: tests.join(''),
    [SECTION_FIELDS.admissionCondition]: admissionCondition,
    [SECTION_FIELDS.dischargeAdvice]: dischargeAdvice,
  }
}
