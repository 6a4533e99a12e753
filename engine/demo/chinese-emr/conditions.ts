/**
 * What the generated Chinese inpatient records are about: conditions coded in
 * the national clinical edition 2.0, each with the ways an admitting doctor
 * writes it in 入院诊断 (full names, the abbreviations of Chinese clinical
 * writing, vaguer words, qualifiers in brackets) and the code(s) a coder gives
 * the diagnosis at discharge. The wording is our own; the codes and their
 * titles are read from the code table at run time (`code-table.ts`) and every
 * code here must exist in it — nothing of the table is kept in the repository.
 *
 * Free text comes from the demo hospital's Chinese phrasebook (`phrases`: a
 * WHO-style code of `clinical-phrases.ts`) or, where the demo has none, from the
 * few complaints written here.
 */
import type { Sex } from '../case-mix.js'

export interface ConditionForm {
  /** 2.0 codes of the diagnosis, main code first ("冠心病 不稳定型心绞痛" takes two). */
  codes: readonly string[]
  /** Ways of writing it in 入院诊断, drawn with the weights of `WRITING_WEIGHTS` (first most often). */
  written: readonly string[]
  weight?: number
}

/**
 * primary: a reason for admission; comorbidity: listed beside one; status: a
 * history or post-procedure item (术后, 史); found-later: added at discharge
 * (a laboratory finding), seldom in the admission list.
 */
export type ConditionRole = 'primary' | 'comorbidity' | 'both' | 'status' | 'found-later'

export interface Condition {
  key: string
  forms: readonly ConditionForm[]
  /** Demo phrasebook code for the free text, or null. */
  phrases: string | null
  /** Chief-complaint symptoms where the phrasebook has none. */
  complaints?: readonly string[]
  department: string
  role: ConditionRole
  weight: number
  ages: readonly [min: number, max: number]
  sex?: Sex
  /** Long-standing: written in 既往史 with years and medication. */
  chronic: boolean
  /** What 既往史 says was done, for status items ("5年前行胆囊切除术"). */
  procedure?: string
}

/** The first writing of a form is the usual one; the later ones (abbreviations, vaguer words) less often. */
export const WRITING_WEIGHTS: readonly number[] = [5, 3, 2, 1.5, 1, 1, 1]

const RISK_LEVELS = ['低危', '中危', '高危', '极高危'] as const

/**
 * Hypertension by grade and risk: the extension codes I10.x00x021–032 (高血压病1级（低危）
 * … 3级（极高危）). Doctors write 很高危 as often as 极高危, put the grade inside or
 * outside the bracket, use Roman numerals, or leave the grade out (→ 高血压).
 */
function hypertensionForms(): ConditionForm[] {
  const forms: ConditionForm[] = []
  const roman = ['Ⅰ', 'Ⅱ', 'Ⅲ']
  for (let grade = 1; grade <= 3; grade += 1) {
    RISK_LEVELS.forEach((risk, riskIndex) => {
      const code = `I10.x00x0${21 + (grade - 1) * 4 + riskIndex}`
      const spoken = risk === '极高危' ? '很高危' : risk
      forms.push({
        codes: [code],
        written: [
          `高血压病${grade}级（${risk}）`,
          `高血压${grade}级（${spoken}）`,
          `高血压病（${grade}级，${spoken}）`,
          `原发性高血压${grade}级 ${risk}`,
          `高血压病${roman[grade - 1]}级(${spoken}组)`,
        ],
        weight: grade === 3 ? 1.3 : 1,
      })
    })
  }
  forms.push({ codes: ['I10.x00x002'], written: ['高血压', '高血压病', 'HTN'], weight: 3 })
  forms.push({ codes: ['I10.x09'], written: ['原发性高血压'], weight: 1 })
  return forms
}

function condition(
  key: string,
  phrases: string | null,
  department: string,
  role: ConditionRole,
  weight: number,
  ages: readonly [number, number],
  forms: readonly ConditionForm[],
  extra: Partial<Pick<Condition, 'sex' | 'complaints' | 'procedure'>> & { chronic?: boolean } = {},
): Condition {
  return { key, phrases, department, role, weight, ages, forms, chronic: extra.chronic ?? false, ...extra }
}

const form = (codes: string | readonly string[], written: readonly string[], weight = 1): ConditionForm => ({
  codes: typeof codes === 'string' ? [codes] : codes,
  written,
  weight,
})

const CARDIOLOGY = '心血管内科'
const NEUROLOGY = '神经内科'
const RESPIRATORY = '呼吸与危重症医学科'
const ENDOCRINOLOGY = '内分泌科'
const GASTRO = '消化内科'
const NEPHROLOGY = '肾内科'
const GENERAL_SURGERY = '普外科'
const UROLOGY = '泌尿外科'
const ORTHOPAEDICS = '骨科'
const ONCOLOGY = '肿瘤科'
const GYNAECOLOGY = '妇科'
const GERIATRICS = '老年医学科'

export const CONDITIONS: readonly Condition[] = [
  // Circulatory
  condition('hypertension', 'I10', CARDIOLOGY, 'both', 9, [38, 90], hypertensionForms(), { chronic: true }),
  condition('hypertensive-heart', 'I11.9', CARDIOLOGY, 'comorbidity', 1, [50, 90], [form('I11.901', ['高血压性心脏病', '高心病'])], { chronic: true }),
  condition('unstable-angina', 'I20.0', CARDIOLOGY, 'primary', 6, [45, 88], [
    form('I20.000', ['不稳定型心绞痛', '不稳定性心绞痛', 'UA'], 3),
    form(['I20.000', 'I25.103'], ['冠心病 不稳定型心绞痛', '冠状动脉粥样硬化性心脏病 不稳定型心绞痛', '冠心病（不稳定型心绞痛）'], 3),
  ]),
  condition('stable-angina', 'I20.9', CARDIOLOGY, 'both', 3, [45, 88], [
    form('I20.801', ['稳定型心绞痛', '稳定性心绞痛'], 2),
    form(['I20.801', 'I25.103'], ['冠心病 稳定型心绞痛', '冠状动脉粥样硬化性心脏病 稳定型心绞痛'], 2),
  ]),
  condition('coronary-disease', 'I25', CARDIOLOGY, 'comorbidity', 5, [50, 90], [form('I25.103', ['冠状动脉粥样硬化性心脏病', '冠心病', 'CHD'])], { chronic: true }),
  condition('acute-mi', 'I21.0', CARDIOLOGY, 'primary', 3, [45, 88], [
    form('I21.001', ['急性前壁心肌梗死', '急性前壁心梗', '急性前壁ST段抬高型心肌梗死']),
    form('I21.103', ['急性下壁心肌梗死', '急性下壁心梗']),
    form('I21.401', ['急性非ST段抬高型心肌梗死', 'NSTEMI', '急性非ST段抬高心梗']),
  ]),
  condition('old-mi', 'I25', CARDIOLOGY, 'comorbidity', 1.5, [50, 90], [form('I25.200', ['陈旧性心肌梗死', '陈旧性心梗', '陈旧性下壁心肌梗死'])], { chronic: true }),
  condition('atrial-fibrillation', 'I48', CARDIOLOGY, 'both', 4, [50, 92], [
    form('I48.x01', ['心房颤动', '房颤', '心房纤颤'], 2),
    form('I48.x02', ['阵发性心房颤动', '阵发性房颤']),
    form('I48.x00x007', ['持续性心房颤动', '持续性房颤']),
  ], { chronic: true }),
  condition('heart-failure', 'I50', CARDIOLOGY, 'both', 4, [55, 92], [
    form('I50.908', ['慢性心力衰竭', '慢性心衰', '慢性心功能不全'], 2),
    form('I50.907', ['急性心力衰竭', '急性心衰']),
    form('I50.900x008', ['心功能III级(NYHA分级)', '心功能Ⅲ级', '心功能III级']),
    form('I50.900x007', ['心功能Ⅱ级(NYHA分级)', '心功能II级', '心功能Ⅱ级']),
  ], { chronic: true }),
  condition('pci-status', null, CARDIOLOGY, 'status', 2, [50, 88], [form('Z95.501', ['冠状动脉支架植入术后', 'PCI术后', '冠脉支架植入术后状态'])], {
    procedure: '行冠状动脉支架植入术',
  }),
  condition('pulmonary-embolism', null, RESPIRATORY, 'primary', 0.8, [40, 88], [form('I26.900x001', ['肺栓塞', '急性肺栓塞', 'PE'])], { complaints: ['胸痛、气促', '呼吸困难'] }),
  condition('leg-dvt', null, GENERAL_SURGERY, 'both', 0.8, [40, 88], [form('I80.207', ['下肢深静脉血栓形成', '下肢DVT', '左下肢深静脉血栓形成'])], { complaints: ['左下肢肿胀'] }),
  condition('leg-arteriosclerosis', null, GENERAL_SURGERY, 'comorbidity', 1, [55, 90], [form('I70.204', ['下肢动脉硬化闭塞症', '双下肢动脉硬化闭塞症'])], { chronic: true }),
  condition('carotid-sclerosis', null, NEUROLOGY, 'comorbidity', 1.2, [50, 90], [form('I70.806', ['颈动脉硬化', '双侧颈动脉硬化'])], { chronic: true }),

  // Nervous system and stroke
  condition('cerebral-infarction', 'I63', NEUROLOGY, 'primary', 6, [45, 92], [
    form('I63.900', ['脑梗死', '急性脑梗死', '脑梗'], 3),
    form('I63.801', ['腔隙性脑梗死', '腔梗', '多发腔隙性脑梗死']),
    form('I63.905', ['多发性脑梗死', '多发脑梗死']),
  ]),
  condition('old-infarction', 'I63', NEUROLOGY, 'status', 2, [55, 92], [
    form('I69.300x002', ['陈旧性脑梗死', '陈旧性脑梗'], 2),
    form('Z86.703', ['脑梗死个人史', '脑梗死病史']),
  ], { chronic: true }),
  condition('basal-ganglia-haemorrhage', 'I61', NEUROLOGY, 'primary', 1.5, [45, 88], [form('I61.004', ['基底节出血', '基底节区脑出血', '左侧基底节区脑出血'])]),
  condition('tia', 'I63', NEUROLOGY, 'primary', 1, [45, 88], [form('G45.900x001', ['短暂性脑缺血发作', 'TIA'])]),
  condition('parkinson', null, NEUROLOGY, 'both', 1, [55, 90], [form('G20.x00', ['帕金森病', '帕金森综合征'])], { chronic: true, complaints: ['肢体抖动', '行走不稳'] }),
  condition('alzheimer', null, GERIATRICS, 'comorbidity', 0.6, [65, 95], [form('G30.900', ['阿尔茨海默病', '老年性痴呆'])], { chronic: true }),
  condition('brain-atrophy', null, NEUROLOGY, 'comorbidity', 0.8, [60, 95], [form('G31.902', ['脑萎缩'])], { chronic: true }),
  condition('insomnia', null, NEUROLOGY, 'comorbidity', 0.8, [30, 90], [form('G47.000x001', ['失眠', '失眠症'])], { chronic: true }),
  condition('depression', 'F32', NEUROLOGY, 'comorbidity', 0.6, [25, 85], [form('F32.901', ['抑郁状态', '抑郁'])], { chronic: true }),
  condition('anxiety', null, NEUROLOGY, 'comorbidity', 0.6, [25, 85], [form('F41.101', ['焦虑状态', '焦虑'])], { chronic: true }),

  // Respiratory
  condition('copd-exacerbation', 'J44', RESPIRATORY, 'primary', 6, [55, 92], [
    form('J44.100', ['慢性阻塞性肺疾病急性加重', '慢阻肺急性加重', 'AECOPD', '慢性阻塞性肺病急性加重期'], 3),
    form('J44.000', ['慢性阻塞性肺疾病伴肺部感染', '慢阻肺合并感染']),
  ]),
  condition('copd', 'J44', RESPIRATORY, 'comorbidity', 2, [55, 92], [form('J44.900', ['慢性阻塞性肺疾病', '慢阻肺', 'COPD'])], { chronic: true }),
  condition('respiratory-failure', 'J96', RESPIRATORY, 'comorbidity', 2.5, [55, 92], [
    form('J96.900x003', ['Ⅱ型呼吸衰竭', 'II型呼吸衰竭', '2型呼吸衰竭'], 2),
    form('J96.900x002', ['Ⅰ型呼吸衰竭', 'I型呼吸衰竭']),
  ]),
  condition('pneumonia', 'J18', RESPIRATORY, 'both', 6, [18, 95], [
    form('J18.900', ['肺炎', '社区获得性肺炎', '双肺肺炎'], 2),
    form('J98.414', ['肺部感染', '肺感染'], 2),
    form('J18.903', ['重症肺炎']),
  ]),
  condition('lung-nodule', null, RESPIRATORY, 'both', 2, [35, 85], [form('R91.x00x011', ['肺结节', '右肺结节', '左肺上叶结节', '肺部结节'])], { complaints: ['体检发现肺结节'] }),
  condition('sarcoidosis', null, RESPIRATORY, 'primary', 0.4, [25, 65], [form('D86.000', ['肺结节病', '结节病（肺）'])], { complaints: ['干咳、乏力'] }),
  condition('tuberculosis', null, RESPIRATORY, 'primary', 0.6, [18, 85], [form('A16.200x002', ['肺结核', '继发性肺结核'])], { complaints: ['咳嗽、咳痰伴午后低热'] }),
  condition('asthma', 'J45', RESPIRATORY, 'both', 1.5, [18, 85], [form('J45.900x001', ['支气管哮喘', '哮喘'])], { chronic: true }),
  condition('bronchiectasis', null, RESPIRATORY, 'both', 1, [35, 85], [form('J47.x00', ['支气管扩张', '支扩']), form('J47.x01', ['支气管扩张伴咯血', '支扩伴咯血'])], {
    chronic: true,
    complaints: ['反复咳嗽、咳痰', '咯血'],
  }),
  condition('pleural-effusion', null, RESPIRATORY, 'comorbidity', 0.8, [40, 92], [form('J94.804', ['胸腔积液', '双侧胸腔积液'])]),
  condition('lung-cancer', 'C34', ONCOLOGY, 'primary', 2.5, [45, 85], [
    form('C34.100x004', ['右肺上叶恶性肿瘤', '右肺上叶癌', '右上肺癌']),
    form('C34.100x003', ['左肺上叶恶性肿瘤', '左肺上叶癌', '左上肺癌']),
    form('C34.900x001', ['肺恶性肿瘤', '肺癌'], 1.5),
  ]),

  // Endocrine and metabolic
  condition('type-2-diabetes', 'E11', ENDOCRINOLOGY, 'both', 9, [30, 90], [
    form('E11.900', ['2型糖尿病', 'Ⅱ型糖尿病', 'T2DM', '糖尿病2型'], 5),
    form('E11.600x051', ['2型糖尿病伴血糖控制不佳', '2型糖尿病（血糖控制不佳）']),
    form('E11.201', ['2型糖尿病性肾病', '2型糖尿病肾病', '糖尿病肾病']),
    form('E11.401', ['2型糖尿病性周围神经病', '2型糖尿病周围神经病变', '糖尿病周围神经病变']),
    form('E11.301', ['2型糖尿病性视网膜病变', '糖尿病视网膜病变']),
    form('E11.500x050', ['2型糖尿病足', '糖尿病足']),
    form('E11.101', ['2型糖尿病性酮症酸中毒', '糖尿病酮症酸中毒', 'DKA'], 0.6),
  ], { chronic: true }),
  condition('type-1-diabetes', 'E10', ENDOCRINOLOGY, 'both', 0.8, [12, 60], [form('E10.900', ['1型糖尿病', 'Ⅰ型糖尿病', 'T1DM'])], { chronic: true }),
  condition('hyperlipidaemia', 'E78', ENDOCRINOLOGY, 'comorbidity', 5, [35, 90], [
    form('E78.500', ['高脂血症', '高血脂', '血脂异常'], 3),
    form('E78.100x006', ['高甘油三酯血症']),
    form('E78.000x001', ['高胆固醇血症']),
    form('E78.200', ['混合型高脂血症', '混合性高脂血症']),
  ], { chronic: true }),
  condition('hyperuricaemia', null, ENDOCRINOLOGY, 'comorbidity', 1.5, [30, 85], [form('E79.001', ['高尿酸血症'])], { chronic: true }),
  condition('gout', null, ENDOCRINOLOGY, 'both', 1, [30, 85], [form('M10.900', ['痛风', '痛风性关节炎'])], { chronic: true, complaints: ['关节红肿疼痛'] }),
  condition('thyroid-nodule', null, ENDOCRINOLOGY, 'comorbidity', 1.2, [25, 80], [form('E04.101', ['甲状腺结节', '甲状腺多发结节'])], { chronic: true }),
  condition('hypothyroidism', 'E03', ENDOCRINOLOGY, 'comorbidity', 1, [25, 85], [form('E03.900', ['甲状腺功能减退症', '甲减', '甲状腺功能减退'])], { chronic: true }),
  condition('hyperthyroidism', 'E05', ENDOCRINOLOGY, 'both', 0.8, [20, 70], [form('E05.900x001', ['甲状腺功能亢进症', '甲亢'])], { chronic: true }),
  condition('hypokalaemia', 'E87', ENDOCRINOLOGY, 'found-later', 3, [18, 95], [form('E87.600', ['低钾血症', '低血钾'])]),
  condition('hyponatraemia', 'E87', ENDOCRINOLOGY, 'found-later', 1.5, [40, 95], [form('E87.102', ['低钠血症', '低血钠'])]),
  condition('hypoalbuminaemia', null, GERIATRICS, 'found-later', 2, [50, 95], [form('E77.801', ['低蛋白血症'])]),
  condition('hypoglycaemia', null, ENDOCRINOLOGY, 'comorbidity', 0.5, [30, 90], [form('E16.200', ['低血糖', '低血糖症'])]),

  // Digestive
  condition('gallstones-cholecystitis', 'K80', GENERAL_SURGERY, 'primary', 4, [30, 85], [
    form('K80.101', ['胆囊结石伴慢性胆囊炎', '胆囊结石伴胆囊炎'], 2),
    form('K80.200x003', ['胆囊结石', '胆石症']),
    form('K81.000', ['急性胆囊炎']),
    form('K80.501', ['胆总管结石']),
  ]),
  condition('cholecystectomy-status', null, GENERAL_SURGERY, 'status', 2.5, [35, 90], [form('Z90.408', ['胆囊切除术后', '胆囊切除术后状态', '腹腔镜胆囊切除术后'])], {
    procedure: '行胆囊切除术',
  }),
  condition('pancreatitis', 'K85', GASTRO, 'primary', 2, [25, 85], [form('K85.900', ['急性胰腺炎', '急性水肿型胰腺炎'])]),
  condition('appendicitis', 'K35', GENERAL_SURGERY, 'primary', 2, [12, 75], [form('K35.900', ['急性阑尾炎', '阑尾炎'])]),
  condition('inguinal-hernia', null, GENERAL_SURGERY, 'primary', 1.5, [25, 85], [form('K40.900x003', ['右侧腹股沟斜疝', '腹股沟斜疝(右侧)', '左侧腹股沟斜疝', '腹股沟疝'])], {
    sex: 'male',
    complaints: ['腹股沟区可复性包块'],
  }),
  condition('bowel-obstruction', null, GENERAL_SURGERY, 'primary', 1, [30, 90], [form('K56.701', ['不完全性肠梗阻', '肠梗阻（不全性）'])], { complaints: ['腹胀、停止排气排便'] }),
  condition('gastric-ulcer', 'K25', GASTRO, 'both', 1.5, [25, 85], [form('K25.900x001', ['胃溃疡']), form('K26.900x001', ['十二指肠溃疡', '十二指肠球部溃疡'])]),
  condition('gi-bleeding', 'K25', GASTRO, 'primary', 1.5, [30, 90], [form('K92.208', ['上消化道出血', '消化道出血'])]),
  condition('gastritis', 'K29', GASTRO, 'comorbidity', 1.5, [25, 85], [form('K29.500', ['慢性胃炎', '慢性非萎缩性胃炎'])], { chronic: true }),
  condition('reflux', 'K21', GASTRO, 'comorbidity', 1, [25, 85], [form('K21.001', ['反流性食管炎'])], { chronic: true }),
  condition('fatty-liver', 'K76', GASTRO, 'comorbidity', 2.5, [25, 80], [form('K76.000', ['脂肪肝', '非酒精性脂肪肝', '轻度脂肪肝'])], { chronic: true }),
  condition('cirrhosis-hbv', 'K74', GASTRO, 'primary', 1.5, [35, 80], [form('K74.600x003', ['乙型肝炎肝硬化', '乙肝肝硬化', '肝硬化（乙肝后）'])]),
  condition('chronic-hbv', 'B18', GASTRO, 'comorbidity', 1.2, [25, 75], [form('B18.107', ['慢性乙型病毒性肝炎', '慢性乙肝', '乙肝'])], { chronic: true }),
  condition('liver-cyst', null, GASTRO, 'comorbidity', 0.8, [30, 85], [form('K76.807', ['肝囊肿', '多发肝囊肿'])]),
  condition('colon-polyp', null, GASTRO, 'comorbidity', 0.8, [35, 85], [form('K63.500', ['结肠息肉', '结肠多发息肉'])]),
  condition('gastric-cancer', 'C16', ONCOLOGY, 'primary', 1.5, [40, 85], [form('C16.900', ['胃恶性肿瘤', '胃癌', '胃腺癌'])]),
  condition('colon-cancer', 'C18', ONCOLOGY, 'primary', 1.2, [40, 85], [form('C18.900', ['结肠恶性肿瘤', '结肠癌']), form('C20.x00', ['直肠恶性肿瘤', '直肠癌'])]),
  condition('liver-cancer', 'C22', ONCOLOGY, 'primary', 1, [40, 80], [form('C22.000', ['肝细胞癌', '原发性肝癌', 'HCC'])]),

  // Kidney and urinary
  condition('ckd', 'N18', NEPHROLOGY, 'both', 3, [40, 92], [
    form('N18.803', ['慢性肾脏病3期', 'CKD3期', '慢性肾脏病（CKD 3期）']),
    form('N18.804', ['慢性肾脏病4期', 'CKD4期']),
    form('N18.001', ['慢性肾脏病5期', 'CKD5期', '慢性肾功能不全（CKD5期）']),
  ], { chronic: true }),
  condition('renal-anaemia', 'D50', NEPHROLOGY, 'comorbidity', 1, [40, 92], [form('D64.900x005', ['肾性贫血'])], { chronic: true }),
  condition('acute-kidney-injury', 'N17', NEPHROLOGY, 'both', 1.2, [40, 92], [form('N17.900', ['急性肾衰竭', '急性肾损伤', 'AKI', '急性肾功能不全'])]),
  condition('kidney-stone', 'N20', UROLOGY, 'primary', 2, [25, 80], [form('N20.000', ['肾结石', '左肾结石', '右肾结石']), form('N20.100', ['输尿管结石', '右输尿管结石', '左输尿管上段结石'])]),
  condition('uti', 'N39', NEPHROLOGY, 'both', 2, [20, 95], [form('N39.000', ['泌尿道感染', '尿路感染', 'UTI'])]),
  condition('bph', 'N40', UROLOGY, 'both', 2, [55, 92], [form('N40.x00', ['前列腺增生', '良性前列腺增生', 'BPH'])], { sex: 'male', chronic: true }),

  // Blood
  condition('iron-deficiency-anaemia', 'D50', GASTRO, 'comorbidity', 1, [18, 90], [form('D50.900', ['缺铁性贫血'])]),
  condition('anaemia', 'D50', GERIATRICS, 'found-later', 1.5, [18, 95], [form('D64.900', ['贫血', '轻度贫血'])]),

  // Musculoskeletal and injury
  condition('osteoporosis', 'M81', ORTHOPAEDICS, 'comorbidity', 2, [55, 95], [form('M81.900', ['骨质疏松', '骨质疏松症', '老年性骨质疏松'])], { chronic: true }),
  condition('knee-osteoarthritis', 'M17', ORTHOPAEDICS, 'both', 1.5, [50, 90], [form('M17.900x003', ['双侧膝关节骨性关节病', '双膝骨关节炎', '双膝关节退行性变']), form('M17.900x004', ['单侧膝关节骨性关节病', '右膝骨关节炎'])], {
    chronic: true,
  }),
  condition('lumbar-disc', null, ORTHOPAEDICS, 'primary', 1.5, [25, 80], [form('M51.202', ['腰椎间盘突出', '腰椎间盘突出症', '腰突症'])], { complaints: ['腰痛伴右下肢放射痛'] }),
  condition('cervical-spondylosis', null, ORTHOPAEDICS, 'comorbidity', 1, [35, 85], [form('M47.900x021', ['颈椎病'])], { chronic: true }),
  condition('hip-fracture', 'S72', ORTHOPAEDICS, 'primary', 2, [60, 95], [form('S72.000', ['股骨颈骨折', '右股骨颈骨折', '左侧股骨颈骨折']), form('S72.101', ['股骨粗隆间骨折', '左股骨粗隆间骨折'])]),

  // Women
  condition('breast-cancer', 'C50', ONCOLOGY, 'primary', 1.5, [35, 80], [form('C50.900x011', ['乳腺恶性肿瘤', '乳腺癌', '左乳癌'])], { sex: 'female' }),
  condition('uterine-fibroid', null, GYNAECOLOGY, 'both', 1.5, [30, 55], [form('D25.900', ['子宫平滑肌瘤', '子宫肌瘤', '多发性子宫肌瘤'])], { sex: 'female', complaints: ['月经量增多'] }),

  // Infection
  condition('sepsis', 'A41', RESPIRATORY, 'primary', 1, [30, 95], [form('A41.901', ['脓毒血症', '脓毒症', '败血症'])]),
]

/** Symptoms written as an admission item "…待查" when the admitting doctor has no diagnosis yet. */
export const PENDING_SYMPTOMS: readonly string[] = ['胸痛', '发热', '腹痛', '头晕', '咳嗽', '呼吸困难', '水肿', '乏力']
