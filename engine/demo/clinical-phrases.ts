/**
 * What a discharge record says about each demo condition, in English and
 * Chinese: symptoms for the chief complaint, sentences for the present illness,
 * examination findings, test results, treatment and long-term medication.
 * Written per 3-character category, with extra sentences per code where siblings
 * differ (N18.3 vs N18.5 differ in eGFR, I21.0 vs I21.1 in the ECG leads).
 *
 * None of these sentences names the condition: the record generator decides
 * separately whether a code is named or left to be inferred from labs and drugs,
 * which is what keeps a verbatim keyword match from coding the records well.
 * Templates use the syntax of `phrase-template.ts`.
 */
import type { DemoLanguage } from './demo-catalogue.js'

/** Body systems a condition touches; the generator writes normal findings only for untouched systems. */
export type BodySystem =
  | 'heart'
  | 'lung'
  | 'abdomen'
  | 'neuro'
  | 'urinary'
  | 'fever'
  | 'limbs'
  | 'blood'
  | 'liver'
  | 'kidney'
  | 'glucose'
  | 'electrolytes'
  | 'thyroid'
  | 'bp'
  | 'mood'
  | 'breast'

/** The time scale on which symptoms are reported in the chief complaint. */
export type Onset = 'hours' | 'days' | 'weeks' | 'months' | 'years'

export interface Phrases {
  /** Symptom phrases, lower case; one holding `{` carries its own duration. */
  complaints: readonly string[]
  story: readonly string[]
  exam: readonly string[]
  tests: readonly string[]
  treatment: readonly string[]
  /** Long-term medication, as past history writes it. */
  medications: readonly string[]
}

export interface CodePhrases extends Phrases {
  onset: Onset
  /** Chronic conditions appear in the past history when they are not the reason for admission. */
  chronic: boolean
  /**
   * Circumstances rather than conditions (how a fall happened, the baby born): always told
   * in the story, never "treated" — the text must document every code the record carries.
   */
  circumstance: boolean
  systems: readonly BodySystem[]
}

interface CategoryPhrasebook {
  onset: Onset
  chronic: boolean
  circumstance?: boolean
  systems: readonly BodySystem[]
  en: Partial<Phrases>
  zh: Partial<Phrases>
  codes?: Readonly<Record<string, Partial<Record<DemoLanguage, Partial<Phrases>>>>>
}

const PHRASE_FIELDS: ReadonlyArray<keyof Phrases> = ['complaints', 'story', 'exam', 'tests', 'treatment', 'medications']

const PHRASEBOOK: Readonly<Record<string, CategoryPhrasebook>> = {
  A41: {
    onset: 'days',
    chronic: false,
    systems: ['fever', 'blood'],
    en: {
      complaints: ['fever with chills', 'high fever', 'rigors', 'fever and confusion'],
      story: [
        'Temperature rose to {38.6..40.1}°C with shaking chills.',
        'Became drowsy in the emergency room.',
        'Urine output fell over the last day.',
      ],
      exam: ['Flushed and febrile.', 'Tachycardic at {112..138} beats/min.'],
      tests: ['WBC {14.2..26.5}×10^9/L with {86..94}% neutrophils.', 'Procalcitonin {4.1..38.0} ng/mL.', 'Lactate {2.6..6.4} mmol/L.'],
      treatment: [
        'Fluid resuscitation with {1500..3000} mL crystalloid in the first 6 hours.',
        'Empirical [meropenem 1 g every 8 hours|piperacillin-tazobactam 4.5 g every 8 hours] started after cultures.',
      ],
    },
    zh: {
      complaints: ['发热伴寒战', '高热', '寒战', '发热伴意识模糊'],
      story: ['最高体温{38.6..40.1}℃，伴寒战。', '近1日尿量明显减少。', '逐渐出现嗜睡、反应迟钝。'],
      exam: ['面色潮红，皮肤灼热。', '心率{112..138}次/分，律齐。'],
      tests: ['血常规：WBC {14.2..26.5}×10^9/L，中性粒细胞{86..94}%。', '降钙素原{4.1..38.0}ng/mL。', '血乳酸{2.6..6.4}mmol/L。'],
      treatment: ['入院6小时内给予晶体液{1500..3000}mL液体复苏。', '留取血培养后经验性予[美罗培南1g q8h|哌拉西林他唑巴坦4.5g q8h]抗感染。'],
    },
    codes: {
      'A41.5': {
        en: { tests: ['Blood cultures grew [Escherichia coli|Klebsiella pneumoniae|Pseudomonas aeruginosa] in {2..4} of 4 bottles.'] },
        zh: { tests: ['血培养：[大肠埃希菌|肺炎克雷伯菌|铜绿假单胞菌]生长，对碳青霉烯类敏感。'] },
      },
      'A41.9': {
        en: { tests: ['Blood cultures remained negative after 5 days.'] },
        zh: { tests: ['血培养5天无细菌生长。'] },
      },
    },
  },
  B18: {
    onset: 'years',
    chronic: true,
    systems: ['liver'],
    en: {
      complaints: ['fatigue and poor appetite', 'abnormal liver tests', 'right upper abdominal discomfort'],
      story: ['Viral markers were found positive at a health check {3..15} years ago.', 'Liver enzymes have fluctuated over recent months.', 'Reports fatigue and reduced appetite.'],
      exam: ['No jaundice; no palmar erythema.', 'Liver edge not palpable, no shifting dullness.'],
      tests: ['ALT {68..240} U/L, AST {52..180} U/L.', 'Abdominal ultrasound: coarse liver echotexture.'],
      treatment: ['Antiviral therapy continued; liver function monitored.', 'Liver-protective treatment with glycyrrhizin given.'],
    },
    zh: {
      complaints: ['乏力、纳差', '体检发现肝功能异常', '右上腹不适'],
      story: ['{3..15}年前体检发现病毒标志物阳性。', '近数月肝酶反复波动。', '自觉乏力、食欲下降。'],
      exam: ['皮肤巩膜无黄染，未见肝掌、蜘蛛痣。', '肝脾肋下未触及，移动性浊音阴性。'],
      tests: ['肝功能：ALT {68..240}U/L，AST {52..180}U/L。', '腹部彩超：肝实质回声增粗。'],
      treatment: ['继续抗病毒治疗，监测肝功能。', '予甘草酸制剂保肝治疗。'],
    },
    codes: {
      'B18.1': {
        en: {
          tests: ['HBsAg positive, HBeAg [negative|positive], HBV DNA {2.1..7.8}×10^[3|4|5] IU/mL.'],
          medications: ['entecavir 0.5 mg daily', 'tenofovir 300 mg daily'],
        },
        zh: { tests: ['HBsAg阳性，HBeAg[阴性|阳性]，HBV-DNA {2.1..7.8}×10^[3|4|5]IU/mL。'], medications: ['恩替卡韦0.5mg qd', '替诺福韦300mg qd'] },
      },
      'B18.2': {
        en: { tests: ['Anti-HCV positive, HCV RNA {1.2..9.6}×10^[5|6] IU/mL.'], medications: ['sofosbuvir-velpatasvir one tablet daily'] },
        zh: { tests: ['抗-HCV阳性，HCV-RNA {1.2..9.6}×10^[5|6]IU/mL。'], medications: ['索磷布韦维帕他韦片1片 qd'] },
      },
    },
  },
  C16: {
    onset: 'months',
    chronic: true,
    systems: ['abdomen'],
    en: {
      complaints: ['epigastric pain', 'weight loss', 'black stools', 'early satiety'],
      story: ['Lost about {4..12} kg over {2..6} months.', 'Epigastric pain worse after meals.', 'Gastroscopy at a local hospital showed an ulcerated mass.'],
      exam: ['Mild epigastric tenderness, no palpable mass.', 'No enlarged left supraclavicular lymph node.'],
      tests: ['Biopsy: poorly differentiated adenocarcinoma.', 'CEA {6.2..48.0} ng/mL, CA19-9 {38..260} U/mL.', 'Contrast CT: gastric wall thickening with perigastric nodes.'],
      treatment: [
        '[Radical total gastrectomy with D2 lymphadenectomy|Laparoscopic distal gastrectomy] performed on day {3..6}.',
        'Received [SOX|XELOX] chemotherapy, cycle {1..6}.',
      ],
      medications: ['oxaliplatin-based chemotherapy', 'S-1 maintenance'],
    },
    zh: {
      complaints: ['上腹痛', '消瘦', '黑便', '进食后饱胀'],
      story: ['近{2..6}个月体重下降约{4..12}kg。', '上腹痛餐后加重。', '外院胃镜示溃疡型肿物。'],
      exam: ['上腹轻压痛，未触及包块。', '左锁骨上未触及肿大淋巴结。'],
      tests: ['病理：低分化腺癌。', 'CEA {6.2..48.0}ng/mL，CA19-9 {38..260}U/mL。', '增强CT：胃壁增厚，胃周见肿大淋巴结。'],
      treatment: ['入院第{3..6}天行[根治性全胃切除+D2淋巴结清扫术|腹腔镜远端胃大部切除术]。', '行[SOX|XELOX]方案化疗第{1..6}周期。'],
      medications: ['奥沙利铂方案化疗', '替吉奥维持治疗'],
    },
    codes: {
      'C16.0': {
        en: { complaints: ['difficulty swallowing'], tests: ['Gastroscopy: ulcerated lesion at the cardia extending {1..3} cm into the oesophagus.'] },
        zh: { complaints: ['进行性吞咽困难'], tests: ['胃镜：贲门溃疡型病变，累及食管下段{1..3}cm。'] },
      },
      'C16.9': {
        en: { tests: ['Gastroscopy: ulcerated mass on the lesser curvature of the gastric body.'] },
        zh: { tests: ['胃镜：胃体小弯侧溃疡型肿物。'] },
      },
    },
  },
  C18: {
    onset: 'months',
    chronic: true,
    systems: ['abdomen'],
    en: {
      complaints: ['change in bowel habit', 'blood in stool', 'lower abdominal pain'],
      story: ['Alternating constipation and loose stools for {2..8} months.', 'Intermittent dark red blood mixed with stool.', 'Colonoscopy elsewhere revealed a stenosing lesion.'],
      exam: ['Abdomen soft, vague fullness in the left lower quadrant.', 'Digital rectal examination: no mass, blood on the glove.'],
      tests: ['Colonoscopic biopsy: moderately differentiated adenocarcinoma.', 'CEA {5.8..62.0} ng/mL.', 'CT: no liver metastases.'],
      treatment: ['[Laparoscopic|Open] radical resection on day {2..5}; recovered uneventfully.', 'Adjuvant [CAPOX|FOLFOX] chemotherapy planned.'],
      medications: ['capecitabine'],
    },
    zh: {
      complaints: ['排便习惯改变', '便血', '下腹痛'],
      story: ['近{2..8}个月便秘与腹泻交替。', '间断出现暗红色血便，与粪便混合。', '外院肠镜示肠腔狭窄性病变。'],
      exam: ['腹软，左下腹饱满感。', '直肠指诊未触及肿物，指套染血。'],
      tests: ['肠镜活检病理：中分化腺癌。', 'CEA {5.8..62.0}ng/mL。', 'CT：未见肝转移。'],
      treatment: ['入院第{2..5}天行[腹腔镜|开腹]根治性切除术，术后恢复顺利。', '拟行[CAPOX|FOLFOX]方案辅助化疗。'],
      medications: ['卡培他滨'],
    },
    codes: {
      'C18.7': {
        en: { tests: ['Colonoscopy: circumferential mass {25..35} cm from the anal verge in the sigmoid colon.'], treatment: ['Laparoscopic sigmoidectomy with primary anastomosis.'] },
        zh: { tests: ['肠镜：距肛缘{25..35}cm乙状结肠环周肿物。'], treatment: ['行腹腔镜乙状结肠切除术。'] },
      },
      'C18.9': {
        en: { tests: ['Colonoscopy: ulcerated colonic mass; exact segment to be confirmed at surgery.'] },
        zh: { tests: ['肠镜：结肠溃疡型肿物，具体肠段待术中确认。'] },
      },
    },
  },
  C22: {
    onset: 'months',
    chronic: true,
    systems: ['liver', 'abdomen'],
    en: {
      complaints: ['right upper quadrant pain', 'liver mass on ultrasound', 'abdominal distension'],
      story: ['A liver lesion was found on surveillance ultrasound.', 'Dull right upper abdominal pain for {2..3} months.'],
      exam: ['Liver palpable {2..4} cm below the costal margin, firm.', 'Mild scleral icterus.'],
      tests: ['Enhanced MRI: {3.1..8.5} cm lesion in the right lobe.', 'Total bilirubin {18..65} μmol/L.'],
      treatment: ['[Transarterial chemoembolisation|Right hepatectomy|Radiofrequency ablation] performed on day {2..5}.', 'Liver function supported after the procedure.'],
      medications: ['lenvatinib 8 mg daily'],
    },
    zh: {
      complaints: ['右上腹痛', '超声发现肝占位', '腹胀'],
      story: ['常规超声随访发现肝脏占位。', '右上腹隐痛{1..3}个月。'],
      exam: ['肝肋下{2..4}cm，质硬。', '巩膜轻度黄染。'],
      tests: ['增强MRI：肝右叶{3.1..8.5}cm占位。', '总胆红素{18..65}μmol/L。'],
      treatment: ['入院第{2..5}天行[经导管动脉化疗栓塞术|右半肝切除术|射频消融术]。', '术后予保肝支持治疗。'],
      medications: ['仑伐替尼8mg qd'],
    },
    codes: {
      'C22.0': {
        en: { tests: ['AFP {120..4800} ng/mL.', 'Enhanced MRI: arterial hyperenhancement with washout.'] },
        zh: { tests: ['AFP {120..4800}ng/mL。', '增强MRI：病灶动脉期明显强化，门脉期廓清。'] },
      },
      'C22.1': {
        en: { tests: ['CA19-9 {180..1200} U/mL; AFP normal.', 'MRI: ill-defined mass with peripheral enhancement and upstream bile duct dilatation.'] },
        zh: { tests: ['CA19-9 {180..1200}U/mL，AFP正常。', 'MRI：肝内边界不清肿块，周边强化，远端胆管扩张。'] },
      },
    },
  },
  C34: {
    onset: 'months',
    chronic: true,
    systems: ['lung'],
    en: {
      complaints: ['persistent cough', 'blood-streaked sputum', 'chest pain', 'lung nodule on CT'],
      story: ['Dry cough for {2..6} months not helped by antibiotics.', 'Occasional blood-streaked sputum.'],
      exam: ['Reduced breath sounds over the affected lobe.', 'No clubbing; no palpable supraclavicular nodes.'],
      tests: [
        'CT-guided biopsy: adenocarcinoma, EGFR [exon 19 deletion|L858R|wild type].',
        'CEA {5.5..40.0} ng/mL, CYFRA21-1 {3.6..12.0} ng/mL.',
        'PET-CT: no distant metastasis.',
      ],
      treatment: ['[Thoracoscopic lobectomy with lymph node dissection|Stereotactic radiotherapy] completed.', 'Started [osimertinib 80 mg daily|pemetrexed-carboplatin chemotherapy].'],
      medications: ['osimertinib 80 mg daily'],
    },
    zh: {
      complaints: ['咳嗽', '痰中带血', '胸痛', '体检发现肺结节'],
      story: ['刺激性干咳{2..6}个月，抗感染治疗无效。', '偶有痰中带血丝。'],
      exam: ['患侧呼吸音减低。', '无杵状指，锁骨上未触及肿大淋巴结。'],
      tests: ['CT引导下穿刺活检：腺癌，EGFR[19外显子缺失|L858R突变|野生型]。', 'CEA {5.5..40.0}ng/mL，CYFRA21-1 {3.6..12.0}ng/mL。', 'PET-CT：未见远处转移。'],
      treatment: ['行[胸腔镜肺叶切除+淋巴结清扫术|立体定向放疗]。', '开始[奥希替尼80mg qd|培美曲塞+卡铂化疗]。'],
      medications: ['奥希替尼80mg qd'],
    },
    codes: {
      'C34.1': {
        en: { tests: ['Chest CT: {2.1..4.8} cm spiculated mass in the [right|left] upper lobe.'] },
        zh: { tests: ['胸部CT：[右|左]肺上叶{2.1..4.8}cm分叶状肿块，可见毛刺。'] },
      },
      'C34.9': {
        en: { tests: ['Chest CT: {2.1..4.8} cm mass near the hilum.'] },
        zh: { tests: ['胸部CT：肺门旁{2.1..4.8}cm肿块。'] },
      },
    },
  },
  C50: {
    onset: 'months',
    chronic: true,
    systems: ['breast'],
    en: {
      complaints: ['breast lump', 'painless breast mass', 'abnormal mammogram'],
      story: ['Found a painless lump in the [left|right] breast {2..6} months ago.', 'The lump has grown slowly; no nipple discharge.'],
      exam: ['Firm, irregular {2..4} cm mass, poorly mobile.', 'Ipsilateral axillary node {1..2} cm, mobile.'],
      tests: [
        'Core biopsy: invasive carcinoma, ER [positive|negative], PR [positive|negative], HER2 [1+|2+|3+].',
        'Mammography: BI-RADS [4C|5] lesion with microcalcifications.',
      ],
      treatment: ['[Modified radical mastectomy|Breast-conserving surgery with sentinel node biopsy] on day {2..4}.', 'Adjuvant [EC-T|TC] chemotherapy planned.'],
      medications: ['letrozole 2.5 mg daily', 'tamoxifen 10 mg twice daily'],
    },
    zh: {
      complaints: ['乳房肿块', '无痛性乳腺包块', '钼靶检查异常'],
      story: ['{1..6}个月前无意中发现[左|右]乳无痛性肿块。', '肿块缓慢增大，无乳头溢液。'],
      exam: ['触及{2..4}cm质硬肿块，边界不清，活动度差。', '同侧腋窝可触及{1..2}cm淋巴结，活动。'],
      tests: ['空芯针穿刺病理：浸润性癌，ER[阳性|阴性]，PR[阳性|阴性]，HER2[1+|2+|3+]。', '钼靶：BI-RADS [4C|5]类，伴细小钙化。'],
      treatment: ['入院第{2..4}天行[乳腺癌改良根治术|保乳手术+前哨淋巴结活检]。', '拟行[EC-T|TC]方案辅助化疗。'],
      medications: ['来曲唑2.5mg qd', '他莫昔芬10mg bid'],
    },
    codes: {
      'C50.4': {
        en: { tests: ["Ultrasound: hypoechoic mass in the upper outer quadrant at {1..2} o'clock."] },
        zh: { tests: ['超声：外上象限{1..2}点钟方向低回声肿块。'] },
      },
      'C50.9': {
        en: { tests: ['Ultrasound: irregular hypoechoic mass, {1.8..3.9} cm, taller than wide.'] },
        zh: { tests: ['超声：低回声不规则肿块，约{1.8..3.9}cm，纵横比>1。'] },
      },
    },
  },
  D50: {
    onset: 'months',
    chronic: false,
    systems: ['blood'],
    en: {
      complaints: ['fatigue', 'dizziness on standing', 'pallor'],
      story: ['Increasing tiredness and breathlessness on stairs for {2..4} months.', 'Family noticed pale skin.'],
      exam: ['Pale conjunctivae and nail beds.', 'Soft systolic flow murmur at the apex.'],
      tests: ['Hb {68..98} g/L, MCV {62..76} fL.', 'Serum ferritin {3..12} μg/L.'],
      treatment: [
        'Oral [ferrous succinate 0.1 g three times daily|polysaccharide iron complex 150 mg daily] started.',
        'Transfused {2..3} units of red cells.',
        'Intravenous iron sucrose 200 mg on alternate days.',
      ],
      medications: ['ferrous succinate 0.1 g three times daily'],
    },
    zh: {
      complaints: ['乏力', '头晕', '面色苍白'],
      story: ['近{1..4}个月乏力加重，爬楼后气促。', '家属发现面色苍白。'],
      exam: ['睑结膜及甲床苍白。', '心尖区可闻及柔和收缩期杂音。'],
      tests: ['Hb {68..98}g/L，MCV {62..76}fL。', '血清铁蛋白{3..12}μg/L。'],
      treatment: ['予[琥珀酸亚铁0.1g tid|多糖铁复合物150mg qd]口服补铁。', '输注红细胞悬液{1..2}U。', '予蔗糖铁200mg隔日静滴。'],
      medications: ['琥珀酸亚铁0.1g tid'],
    },
    codes: {
      'D50.0': {
        en: { story: ['Intermittent black stools over the past weeks.'], tests: ['Faecal occult blood test positive.'] },
        zh: { story: ['近数周间断黑便。'], tests: ['粪便潜血阳性。'] },
      },
      'D50.9': {
        en: { story: ['Has eaten little meat for years.'], tests: ['Faecal occult blood test negative ×3.'] },
        zh: { story: ['长期素食。'], tests: ['粪便潜血连续3次阴性。'] },
      },
    },
  },
  E03: {
    onset: 'months',
    chronic: true,
    systems: ['thyroid'],
    en: {
      complaints: ['tiredness and weight gain', 'cold intolerance', 'puffy face'],
      story: ['Feels cold all the time and has gained {3..8} kg.', 'Constipation and slowed thinking noticed by family.'],
      exam: ['Dry skin, non-pitting oedema of the shins.', 'Delayed relaxation of ankle reflexes.'],
      tests: ['TSH {8.5..62.0} mIU/L, FT4 {4.2..9.8} pmol/L.', 'Anti-TPO antibody {180..900} IU/mL.'],
      treatment: ['Levothyroxine started at {25..50} μg daily and titrated.'],
      medications: ['levothyroxine {50..125} μg daily'],
    },
    zh: {
      complaints: ['乏力、体重增加', '怕冷', '颜面浮肿'],
      story: ['畏寒明显，体重增加{3..8}kg。', '家属发现其便秘、反应迟钝。'],
      exam: ['皮肤干燥，双胫前非凹陷性水肿。', '跟腱反射恢复期延长。'],
      tests: ['TSH {8.5..62.0}mIU/L，FT4 {4.2..9.8}pmol/L。', 'TPOAb {180..900}IU/mL。'],
      treatment: ['予左甲状腺素钠{25..50}μg qd起始，逐渐加量。'],
      medications: ['左甲状腺素钠{50..125}μg qd'],
    },
  },
  E05: {
    onset: 'months',
    chronic: true,
    systems: ['thyroid'],
    en: {
      complaints: ['palpitations and weight loss', 'heat intolerance', 'tremor'],
      story: ['Lost {4..10} kg despite a good appetite.', 'Sweats easily and feels restless.'],
      exam: ['Fine tremor of outstretched hands.', 'Resting heart rate {102..124}/min.'],
      tests: ['FT3 {9.8..28.0} pmol/L, FT4 {32..78} pmol/L, TSH <0.01 mIU/L.'],
      treatment: ['[Methimazole {10..30} mg daily|Propylthiouracil 100 mg three times daily] with propranolol for symptom control.'],
      medications: ['methimazole {5..20} mg daily'],
    },
    zh: {
      complaints: ['心悸、消瘦', '怕热多汗', '手抖'],
      story: ['食欲亢进但体重下降{4..10}kg。', '易出汗、烦躁。'],
      exam: ['双手平举细颤。', '静息心率{102..124}次/分。'],
      tests: ['FT3 {9.8..28.0}pmol/L，FT4 {32..78}pmol/L，TSH<0.01mIU/L。'],
      treatment: ['予[甲巯咪唑{10..30}mg qd|丙硫氧嘧啶100mg tid]，联合普萘洛尔控制心率。'],
      medications: ['甲巯咪唑{5..20}mg qd'],
    },
    codes: {
      'E05.0': {
        en: { exam: ['Diffusely enlarged, soft thyroid with a bruit.', 'Mild bilateral proptosis.'], tests: ['TRAb {5.2..30.0} IU/L.'] },
        zh: { exam: ['甲状腺弥漫性II度肿大，质软，可闻及血管杂音。', '双眼轻度突出。'], tests: ['TRAb {5.2..30.0}IU/L。'] },
      },
      'E05.9': {
        en: { tests: ['Thyroid ultrasound: no nodules; TRAb not measured.'] },
        zh: { tests: ['甲状腺超声未见结节，未查TRAb。'] },
      },
    },
  },
  E10: {
    onset: 'days',
    chronic: true,
    systems: ['glucose'],
    en: {
      complaints: ['thirst and frequent urination', 'vomiting and abdominal pain', 'high blood sugar'],
      story: ['Insulin-treated since age {8..25}.', 'Missed insulin doses for {2..3} days before admission.'],
      exam: ['Dry mucous membranes.'],
      tests: ['Fasting C-peptide {0.02..0.15} nmol/L.', 'HbA1c {8.2..12.5}%.', 'GAD antibody positive.'],
      treatment: ['Basal-bolus insulin adjusted, with diabetes education.'],
      medications: ['insulin glargine {12..24} U nightly with insulin aspart at meals'],
    },
    zh: {
      complaints: ['口干多饮多尿', '恶心呕吐伴腹痛', '血糖升高'],
      story: ['{8..25}岁起使用胰岛素治疗。', '入院前{1..3}天自行停用胰岛素。'],
      exam: ['口唇黏膜干燥。'],
      tests: ['空腹C肽{0.02..0.15}nmol/L。', 'HbA1c {8.2..12.5}%。', 'GAD抗体阳性。'],
      treatment: ['调整基础+餐时胰岛素方案，进行糖尿病教育。'],
      medications: ['甘精胰岛素{12..24}U qn联合门冬胰岛素餐时注射'],
    },
    codes: {
      'E10.1': {
        en: {
          story: ['Rapid deep breathing noticed by family.'],
          exam: ['Kussmaul breathing, fruity odour on the breath.'],
          tests: ['Blood glucose {22.4..33.0} mmol/L, pH {7.05..7.25}, bicarbonate {6..14} mmol/L, urine ketones 3+.'],
          treatment: ['Intravenous insulin infusion and fluid replacement until ketones cleared.'],
        },
        zh: {
          story: ['家属发现其呼吸深快。'],
          exam: ['呼吸深大，呼气有烂苹果味。'],
          tests: ['血糖{22.4..33.0}mmol/L，pH {7.05..7.25}，HCO3- {6..14}mmol/L，尿酮体3+。'],
          treatment: ['予小剂量胰岛素静脉泵入及补液，至酮体转阴。'],
        },
      },
      'E10.9': { en: { tests: ['Urine ketones negative.'] }, zh: { tests: ['尿酮体阴性。'] } },
    },
  },
  E11: {
    onset: 'years',
    chronic: true,
    systems: ['glucose'],
    en: {
      complaints: ['poorly controlled blood sugar', 'thirst and polyuria', 'high glucose readings'],
      story: ['Home glucose readings have run at {11..18} mmol/L.', 'Diet control has been poor.'],
      exam: ['BMI {26..33} kg/m2.'],
      tests: ['Fasting glucose {7.8..13.6} mmol/L, HbA1c {7.1..10.4}%.', 'Random blood glucose {11.2..19.8} mmol/L.'],
      treatment: ['Oral agents adjusted; [insulin glargine added at bedtime|dapagliflozin added].', 'Blood glucose monitored {4..7} times daily.'],
      medications: ['metformin 500 mg twice daily', 'metformin 0.85 g twice daily', 'gliclazide MR 60 mg daily', 'sitagliptin 100 mg daily'],
    },
    zh: {
      complaints: ['血糖控制不佳', '口干多饮多尿', '发现血糖升高'],
      story: ['自测血糖波动于{11..18}mmol/L。', '饮食控制欠佳。'],
      exam: ['BMI {26..33}kg/m2。'],
      tests: ['空腹血糖{7.8..13.6}mmol/L，HbA1c {7.1..10.4}%。', '随机血糖{11.2..19.8}mmol/L。'],
      treatment: ['调整口服降糖药，[睡前加用甘精胰岛素|加用达格列净]。', '每日监测血糖{4..7}次。'],
      medications: ['二甲双胍0.5g bid', '二甲双胍0.85g bid', '格列齐特缓释片60mg qd', '西格列汀100mg qd'],
    },
    codes: {
      'E11.2': {
        en: { tests: ['Urine albumin-creatinine ratio {45..620} mg/g.', 'eGFR {38..75} mL/min/1.73m2.'], treatment: ['ACE inhibitor continued for albuminuria.'] },
        zh: { tests: ['尿白蛋白/肌酐比{45..620}mg/g。', 'eGFR {38..75}mL/min/1.73m2。'], treatment: ['继续ACEI减少蛋白尿。'] },
      },
      'E11.4': {
        en: {
          complaints: ['numbness of both feet'],
          story: ['Burning pain and numbness in both feet at night.'],
          exam: ['Reduced vibration and monofilament sensation in both feet.'],
          tests: ['Nerve conduction: reduced sensory amplitudes in both legs.'],
          treatment: ['Mecobalamin and [pregabalin|alpha-lipoic acid] for neuropathic symptoms.'],
        },
        zh: {
          complaints: ['双足麻木'],
          story: ['夜间双足烧灼样疼痛、麻木。'],
          exam: ['双足振动觉及10g尼龙丝触觉减退。'],
          tests: ['肌电图：双下肢感觉神经波幅降低。'],
          treatment: ['予甲钴胺及[普瑞巴林|硫辛酸]营养神经。'],
        },
      },
      'E11.9': {
        en: { tests: ['Fundoscopy, urine albumin and nerve conduction unremarkable.'] },
        zh: { tests: ['眼底、尿微量白蛋白及神经传导检查未见异常。'] },
      },
    },
  },
  E78: {
    onset: 'years',
    chronic: true,
    systems: [],
    en: {
      complaints: ['raised cholesterol on screening'],
      story: ['Lipids were found raised at a health check.'],
      tests: ['Total cholesterol {5.9..8.4} mmol/L, LDL-C {3.6..5.9} mmol/L.'],
      treatment: ['Statin therapy intensified.', 'Low-fat diet advised.'],
      medications: ['atorvastatin 20 mg nightly', 'rosuvastatin 10 mg nightly'],
    },
    zh: {
      complaints: ['体检发现血脂升高'],
      story: ['体检发现血脂升高。'],
      tests: ['TC {5.9..8.4}mmol/L，LDL-C {3.6..5.9}mmol/L。'],
      treatment: ['强化他汀降脂治疗。', '低脂饮食。'],
      medications: ['阿托伐他汀20mg qn', '瑞舒伐他汀10mg qn'],
    },
    codes: {
      'E78.0': {
        en: { exam: ['Tendon xanthomas over the Achilles tendons.'], tests: ['Triglycerides {0.9..1.6} mmol/L (normal).'] },
        zh: { exam: ['双侧跟腱黄色瘤。'], tests: ['TG {0.9..1.6}mmol/L（正常）。'] },
      },
      'E78.5': { en: { tests: ['Triglycerides {2.3..5.6} mmol/L.'] }, zh: { tests: ['TG {2.3..5.6}mmol/L。'] } },
    },
  },
  E87: {
    onset: 'days',
    chronic: false,
    systems: ['electrolytes'],
    en: { complaints: ['weakness'], story: ['Generalised weakness over {2..5} days.'] },
    zh: { complaints: ['乏力'], story: ['全身乏力{2..5}天。'] },
    codes: {
      'E87.1': {
        en: {
          story: ['Drinking large amounts of water; mildly confused.'],
          tests: ['Serum sodium {118..129} mmol/L, serum osmolality {245..270} mOsm/kg.'],
          treatment: ['Fluid restriction and hypertonic saline; sodium corrected slowly.'],
        },
        zh: { story: ['大量饮水，轻度意识模糊。'], tests: ['血钠{118..129}mmol/L，血浆渗透压{245..270}mOsm/kg。'], treatment: ['限水，予高渗盐水缓慢纠正血钠。'] },
      },
      'E87.6': {
        en: {
          story: ['Muscle cramps and weakness.'],
          tests: ['Serum potassium {2.4..3.3} mmol/L.', 'ECG: U waves, flattened T waves.'],
          treatment: ['Potassium chloride replaced orally and intravenously.'],
        },
        zh: { story: ['肌肉痉挛、无力。'], tests: ['血钾{2.4..3.3}mmol/L。', '心电图：可见U波，T波低平。'], treatment: ['口服及静脉补钾。'] },
      },
    },
  },
  F32: {
    onset: 'months',
    chronic: true,
    systems: ['mood'],
    en: {
      complaints: ['feeling down', 'poor sleep and loss of interest', 'feelings of worthlessness'],
      story: ['Low mood most days for {2..8} months.', 'Lost interest in hobbies; wakes early.', 'Concentration at work has declined.'],
      exam: ['Affect flat, speech slow.', 'No psychotic features.'],
      tests: ['PHQ-9 score {10..19}.', 'HAMD-17 score {14..24}.'],
      treatment: ['[Sertraline 50 mg|Escitalopram 10 mg] daily started with supportive psychotherapy.', 'Sleep hygiene and CBT sessions arranged.'],
      medications: ['sertraline 50 mg daily', 'escitalopram 10 mg daily'],
    },
    zh: {
      complaints: ['心情差', '失眠、兴趣减退', '自我评价低'],
      story: ['心情差{2..8}个月，多数时间如此。', '兴趣减退，早醒。', '工作时注意力下降。'],
      exam: ['表情平淡，语速缓慢。', '未引出幻觉妄想。'],
      tests: ['PHQ-9评分{10..19}分。', 'HAMD-17评分{14..24}分。'],
      treatment: ['予[舍曲林50mg|艾司西酞普兰10mg] qd，辅以支持性心理治疗。', '安排睡眠卫生指导及认知行为治疗。'],
      medications: ['舍曲林50mg qd', '艾司西酞普兰10mg qd'],
    },
    codes: {
      'F32.1': { en: { tests: ['HAMD-17 score {18..23}, moderate range.'] }, zh: { tests: ['HAMD-17 {18..23}分，中度。'] } },
      'F32.9': { en: { tests: ['Screening questionnaires positive; severity not graded.'] }, zh: { tests: ['筛查量表阳性，严重程度未分级。'] } },
    },
  },
  I10: {
    onset: 'years',
    chronic: true,
    systems: ['bp'],
    en: {
      complaints: ['headache and dizziness', 'raised blood pressure readings'],
      story: ['Home blood pressure up to {160..190}/{95..110} mmHg.', 'Occasional occipital headache.'],
      tests: ['24-hour ambulatory BP: mean {142..156}/{88..96} mmHg.', 'Fundi: grade I arteriolar narrowing.'],
      treatment: ['Antihypertensives continued; blood pressure {120..138}/{70..85} mmHg at discharge.'],
      medications: ['amlodipine 5 mg daily', 'valsartan 80 mg daily', 'nifedipine controlled-release 30 mg daily', 'irbesartan 150 mg daily'],
    },
    zh: {
      complaints: ['头晕、头痛', '血压升高'],
      story: ['自测血压最高{160..190}/{95..110}mmHg。', '偶有枕部胀痛。'],
      tests: ['24小时动态血压：平均{142..156}/{88..96}mmHg。', '眼底：动脉I级变细。'],
      treatment: ['继续降压治疗，出院时血压{120..138}/{70..85}mmHg。'],
      medications: ['氨氯地平5mg qd', '缬沙坦80mg qd', '硝苯地平控释片30mg qd', '厄贝沙坦150mg qd'],
    },
  },
  I11: {
    onset: 'years',
    chronic: true,
    systems: ['heart', 'bp'],
    en: {
      complaints: ['breathlessness on exertion', 'ankle swelling'],
      story: ['Long-standing poorly controlled blood pressure.', 'Exercise tolerance down to {2..3} flights of stairs.'],
      exam: ['Apex beat displaced laterally.'],
      tests: ['Echocardiogram: concentric LV hypertrophy, septum {12..15} mm.', 'ECG: LVH voltage criteria with strain pattern.'],
      treatment: ['Blood pressure control optimised with [an ACE inhibitor|an ARB] and a diuretic.'],
      medications: ['perindopril 4 mg daily', 'indapamide 1.5 mg daily'],
    },
    zh: {
      complaints: ['活动后气促', '双下肢水肿'],
      story: ['长期血压控制不佳。', '活动耐量下降，仅能上{1..3}层楼。'],
      exam: ['心尖搏动向左下移位。'],
      tests: ['心脏彩超：左室向心性肥厚，室间隔{12..15}mm。', '心电图：左室高电压伴ST-T改变。'],
      treatment: ['予[ACEI|ARB]联合利尿剂优化降压。'],
      medications: ['培哚普利4mg qd', '吲达帕胺1.5mg qd'],
    },
    codes: {
      'I11.0': {
        en: {
          complaints: ['breathlessness lying flat'],
          story: ['Needs {2..3} pillows at night; woke up breathless.'],
          exam: ['Bibasal crackles, JVP raised {3..5} cm.'],
          tests: ['NT-proBNP {1800..9600} pg/mL, LVEF {35..48}%.'],
          treatment: ['Intravenous furosemide with daily weights; negative balance of {1..2} L/day.'],
        },
        zh: {
          complaints: ['夜间不能平卧'],
          story: ['夜间需高枕卧位，曾憋醒。'],
          exam: ['双下肺可闻及湿啰音，颈静脉怒张。'],
          tests: ['NT-proBNP {1800..9600}pg/mL，LVEF {35..48}%。'],
          treatment: ['予呋塞米静脉利尿，每日监测体重，出入量负平衡{1..2}L/天。'],
        },
      },
      'I11.9': { en: { tests: ['NT-proBNP {90..240} pg/mL, LVEF {56..68}%.'] }, zh: { tests: ['NT-proBNP {90..240}pg/mL，LVEF {56..68}%。'] } },
    },
  },
  I20: {
    onset: 'weeks',
    chronic: true,
    systems: ['heart'],
    en: {
      complaints: ['chest tightness', 'exertional chest pain', 'retrosternal pressure'],
      story: ['Retrosternal pressure radiating to the left arm, lasting {3..10} minutes.', 'Pain eased with rest or sublingual nitroglycerin.'],
      exam: ['Heart sounds normal, no murmurs.'],
      tests: ['Troponin I negative on serial testing.', 'Coronary angiography: {70..90}% stenosis of the [LAD|LCX|RCA].'],
      treatment: ['Dual antiplatelet therapy, statin and beta-blocker given.', 'PCI with [one drug-eluting stent|two drug-eluting stents] to the [LAD|LCX|RCA].'],
      medications: ['aspirin 100 mg daily', 'isosorbide mononitrate 40 mg daily', 'metoprolol succinate 47.5 mg daily'],
    },
    zh: {
      complaints: ['胸闷', '活动后胸痛', '胸骨后压榨感'],
      story: ['胸骨后压迫感，向左上肢放射，持续{3..10}分钟。', '休息或舌下含服硝酸甘油可缓解。'],
      exam: ['心音正常，未闻及杂音。'],
      tests: ['肌钙蛋白I多次检测阴性。', '冠脉造影：[前降支|回旋支|右冠]狭窄{70..90}%。'],
      treatment: ['予双抗、他汀及β受体阻滞剂治疗。', '于[前降支|回旋支|右冠]植入药物洗脱支架{1..2}枚。'],
      medications: ['阿司匹林100mg qd', '单硝酸异山梨酯40mg qd', '美托洛尔缓释片47.5mg qd'],
    },
    codes: {
      'I20.0': {
        en: { story: ['Episodes became more frequent and occurred at rest over the last {3..10} days.'], tests: ['ECG during pain: transient ST depression in V4–V6.'] },
        zh: { story: ['近{3..10}天发作频繁，静息时亦有发作。'], tests: ['胸痛发作时心电图V4–V6导联ST段一过性压低。'] },
      },
      'I20.9': {
        en: { story: ['Symptoms stable for months, brought on by walking uphill.'], tests: ['Treadmill test positive at {5..8} METs.'] },
        zh: { story: ['症状数月来稳定，上坡时诱发。'], tests: ['平板运动试验阳性（{5..8} METs）。'] },
      },
    },
  },
  I21: {
    onset: 'hours',
    chronic: false,
    systems: ['heart'],
    en: {
      complaints: ['severe chest pain', 'crushing chest pain with sweating', 'chest pain and vomiting'],
      story: ['Sudden crushing chest pain with profuse sweating, not relieved by nitroglycerin.', 'Arrived {2..8} hours after symptom onset.'],
      exam: ['Anxious and sweating.', 'No new murmur; lungs clear.'],
      tests: ['Peak troponin I {8.5..96.0} ng/mL.', 'CK-MB {48..310} U/L.'],
      treatment: ['Primary PCI: culprit lesion stented, TIMI 3 flow restored.', 'Dual antiplatelet therapy, high-dose statin, beta-blocker and ACE inhibitor.'],
      medications: ['ticagrelor 90 mg twice daily'],
    },
    zh: {
      complaints: ['剧烈胸痛', '胸痛伴大汗', '胸痛伴呕吐'],
      story: ['突发胸骨后压榨样疼痛，伴大汗，含服硝酸甘油不缓解。', '发病{2..8}小时后到达我院。'],
      exam: ['急性痛苦面容，大汗。', '未闻及新发杂音，双肺呼吸音清。'],
      tests: ['肌钙蛋白I峰值{8.5..96.0}ng/mL。', 'CK-MB {48..310}U/L。'],
      treatment: ['急诊PCI：于罪犯血管植入支架，TIMI血流3级。', '予双抗、强化他汀、β受体阻滞剂及ACEI治疗。'],
      medications: ['替格瑞洛90mg bid'],
    },
    codes: {
      'I21.0': {
        en: { tests: ['ECG: ST elevation {2..5} mm in V1–V5.', 'Angiography: proximal LAD occlusion.'] },
        zh: { tests: ['心电图：V1–V5导联ST段抬高{2..5}mm。', '造影：前降支近段闭塞。'] },
      },
      'I21.1': {
        en: { exam: ['Heart rate {48..56}/min.'], tests: ['ECG: ST elevation in II, III and aVF.', 'Angiography: RCA occlusion.'] },
        zh: { exam: ['心率{48..56}次/分。'], tests: ['心电图：II、III、aVF导联ST段抬高。', '造影：右冠闭塞。'] },
      },
      'I21.4': {
        en: { tests: ['ECG: ST depression in V4–V6 without ST elevation.', 'Angiography: severe LCX stenosis.'] },
        zh: { tests: ['心电图：V4–V6导联ST段压低，无ST段抬高。', '造影：回旋支重度狭窄。'] },
      },
    },
  },
  I25: {
    onset: 'months',
    chronic: true,
    systems: ['heart'],
    en: {
      complaints: ['chest tightness on exertion', 'exertional breathlessness'],
      story: ['Chest tightness after brisk walking, settling within minutes.'],
      exam: ['Heart rhythm regular, no murmurs.'],
      tests: ['Coronary CTA: calcified plaques with {50..70}% stenosis.', 'Echocardiogram: LVEF {50..62}%.'],
      treatment: ['Secondary prevention continued: antiplatelet, statin, beta-blocker.'],
      medications: ['aspirin 100 mg daily', 'atorvastatin 20 mg nightly', 'clopidogrel 75 mg daily'],
    },
    zh: {
      complaints: ['活动后胸闷', '活动后气短'],
      story: ['快走后胸闷，数分钟可缓解。'],
      exam: ['心律齐，未闻及杂音。'],
      tests: ['冠脉CTA：多发钙化斑块，狭窄{50..70}%。', '心脏彩超：LVEF {50..62}%。'],
      treatment: ['继续二级预防：抗血小板、他汀、β受体阻滞剂。'],
      medications: ['阿司匹林100mg qd', '阿托伐他汀20mg qn', '氯吡格雷75mg qd'],
    },
    codes: {
      'I25.1': {
        en: { tests: ['Coronary angiography: diffuse atherosclerosis, {50..70}% stenosis of the [LAD|RCA].'] },
        zh: { tests: ['冠脉造影：弥漫性粥样硬化，[前降支|右冠]狭窄{50..70}%。'] },
      },
      'I25.2': {
        en: { story: ['Had a stent after a heart attack {2..10} years ago.'], tests: ['ECG: pathological Q waves in [II, III, aVF|V1–V4].'] },
        zh: { story: ['{2..10}年前曾因心梗行支架植入。'], tests: ['心电图：[II、III、aVF|V1–V4]导联病理性Q波。'] },
      },
      'I25.9': {
        en: { story: ['Exercise capacity has declined gradually over years.'], tests: ['Echocardiogram: regional wall motion abnormality, LVEF {38..50}%.'] },
        zh: { story: ['多年来活动耐量逐渐下降。'], tests: ['心脏彩超：节段性室壁运动异常，LVEF {38..50}%。'] },
      },
    },
  },
  I48: {
    onset: 'days',
    chronic: true,
    systems: ['heart'],
    en: {
      complaints: ['palpitations', 'irregular pulse', 'racing heart'],
      story: ['Palpitations with an irregular pulse.'],
      exam: ['Irregularly irregular pulse, rate {96..142}/min, with a pulse deficit.'],
      tests: ['ECG: absent P waves, irregular RR intervals.', 'Echocardiogram: left atrium {40..52} mm.', 'CHA2DS2-VASc score {2..5}.'],
      treatment: ['Rate control with [metoprolol|diltiazem]; anticoagulation with [rivaroxaban 20 mg daily|dabigatran 110 mg twice daily|warfarin, INR 2–3].'],
      medications: ['rivaroxaban 20 mg daily', 'dabigatran 110 mg twice daily', 'warfarin with an INR target of 2–3'],
    },
    zh: {
      complaints: ['心悸', '心慌', '心跳不齐'],
      story: ['心悸，自觉脉搏不齐。'],
      exam: ['心律绝对不齐，心率{96..142}次/分，脉搏短绌。'],
      tests: ['心电图：P波消失，RR间期绝对不等。', '心脏彩超：左房内径{40..52}mm。', 'CHA2DS2-VASc评分{2..5}分。'],
      treatment: ['予[美托洛尔|地尔硫卓]控制心室率，[利伐沙班20mg qd|达比加群110mg bid|华法林（INR 2–3）]抗凝。'],
      medications: ['利伐沙班20mg qd', '达比加群110mg bid', '华法林（INR目标2–3）'],
    },
    codes: {
      'I48.0': {
        en: { story: ['Episodes last a few hours and stop on their own.'], tests: ['Holter: self-terminating runs, the longest {3..18} hours.'] },
        zh: { story: ['每次发作持续数小时，可自行终止。'], tests: ['动态心电图：阵发性房性快速心律失常，最长持续{3..18}小时。'] },
      },
      'I48.1': {
        en: { story: ['Continuous palpitations for more than {2..6} weeks.'], treatment: ['Electrical cardioversion restored sinus rhythm.'] },
        zh: { story: ['持续心悸超过{2..6}周。'], treatment: ['行电复律恢复窦律。'] },
      },
      'I48.9': { en: { tests: ['ECG: flutter waves with variable block.'] }, zh: { tests: ['心电图：可见F波，房室传导比例不等。'] } },
    },
  },
  I50: {
    onset: 'days',
    chronic: true,
    systems: ['heart', 'lung'],
    en: {
      complaints: ['shortness of breath', 'leg swelling', 'breathlessness at night'],
      story: ['Progressive breathlessness; now breathless after {20..100} metres.', 'Gained {2..5} kg in a week with swollen ankles.'],
      exam: ['Pitting oedema to mid-shin.', 'Crackles at both lung bases.'],
      tests: ['NT-proBNP {2100..14800} pg/mL.', 'Chest X-ray: cardiomegaly with upper lobe diversion.'],
      treatment: [
        'Intravenous furosemide {20..40} mg twice daily; weight fell by {2..5} kg.',
        'Started sacubitril-valsartan, bisoprolol, spironolactone and dapagliflozin.',
      ],
      medications: ['furosemide 20 mg daily', 'sacubitril-valsartan 50 mg twice daily', 'spironolactone 20 mg daily'],
    },
    zh: {
      complaints: ['气促', '双下肢水肿', '夜间阵发性呼吸困难'],
      story: ['气促进行性加重，步行{20..100}米即感气短。', '1周内体重增加{2..5}kg，伴踝部水肿。'],
      exam: ['双下肢凹陷性水肿至胫骨中段。', '双肺底可闻及湿啰音。'],
      tests: ['NT-proBNP {2100..14800}pg/mL。', '胸片：心影增大，肺淤血。'],
      treatment: ['予呋塞米{20..40}mg bid静推，体重下降{2..5}kg。', '加用沙库巴曲缬沙坦、比索洛尔、螺内酯及达格列净。'],
      medications: ['呋塞米20mg qd', '沙库巴曲缬沙坦50mg bid', '螺内酯20mg qd'],
    },
    codes: {
      'I50.0': { en: { exam: ['Raised JVP, hepatomegaly and sacral oedema.'] }, zh: { exam: ['颈静脉怒张，肝肋下可触及，骶尾部水肿。'] } },
      'I50.1': {
        en: { story: ['Woke suddenly at night gasping for air, with frothy pink sputum.'], exam: ['Widespread wet crackles; no peripheral oedema.'], tests: ['Chest X-ray: bilateral alveolar oedema.'] },
        zh: { story: ['夜间突发呼吸困难，端坐呼吸，咳粉红色泡沫痰。'], exam: ['双肺满布湿啰音，双下肢无水肿。'], tests: ['胸片：双肺蝶翼状阴影。'] },
      },
      'I50.9': { en: { tests: ['Echocardiogram: LVEF {25..40}%.'] }, zh: { tests: ['心脏彩超：LVEF {25..40}%。'] } },
    },
  },
  I61: {
    onset: 'hours',
    chronic: false,
    systems: ['neuro'],
    en: {
      complaints: ['sudden headache and vomiting', 'sudden weakness of one side', 'collapse with drowsiness'],
      story: ['Sudden severe headache while [at work|eating dinner|straining], followed by vomiting.', 'One-sided weakness developed within an hour.'],
      exam: ['GCS {9..14}.', 'Muscle power of the [left|right] limbs grade {1..3}/5, Babinski sign positive.'],
      tests: ['Haematoma volume about {12..38} mL, no intraventricular extension.'],
      treatment: ['Systolic pressure lowered below 140 mmHg with urapidil.', 'Mannitol for raised intracranial pressure; rehabilitation started on day {3..7}.'],
    },
    zh: {
      complaints: ['突发头痛伴呕吐', '突发一侧肢体无力', '突发意识障碍'],
      story: ['[工作时|进餐时|用力排便时]突发剧烈头痛，随后呕吐。', '1小时内出现一侧肢体无力。'],
      exam: ['GCS {9..14}分。', '[左|右]侧肢体肌力{1..3}级，巴氏征阳性。'],
      tests: ['血肿量约{12..38}mL，未破入脑室。'],
      treatment: ['予乌拉地尔控制收缩压<140mmHg。', '甘露醇降颅压，第{3..7}天开始康复训练。'],
    },
    codes: {
      'I61.0': { en: { tests: ['Head CT: hyperdense haematoma in the [left|right] basal ganglia.'] }, zh: { tests: ['头颅CT：[左|右]侧基底节区高密度影。'] } },
      'I61.9': { en: { tests: ['Head CT: intraparenchymal hyperdense haematoma.'] }, zh: { tests: ['头颅CT：脑实质内高密度血肿。'] } },
    },
  },
  I63: {
    onset: 'hours',
    chronic: false,
    systems: ['neuro'],
    en: {
      complaints: ['weakness of the [left|right] arm and leg', 'slurred speech', 'facial droop'],
      story: ['Woke with one-sided weakness and slurred speech.', 'Symptoms began {5..20} hours before arrival, outside the thrombolysis window.'],
      exam: ['NIHSS {3..14}.', 'Central facial palsy; [left|right] limb power grade {2..4}/5.'],
      tests: ['MRI DWI: acute infarct in the [left|right] middle cerebral artery territory.', 'Carotid ultrasound: plaques without significant stenosis.'],
      treatment: ['[Aspirin plus clopidogrel|Aspirin] and high-dose atorvastatin started.', 'Early rehabilitation and swallowing assessment.'],
      medications: ['aspirin 100 mg daily', 'atorvastatin 40 mg nightly'],
    },
    zh: {
      complaints: ['[左|右]侧肢体无力', '言语不清', '口角歪斜'],
      story: ['晨起发现一侧肢体无力、言语含糊。', '发病{5..20}小时后到院，超出溶栓时间窗。'],
      exam: ['NIHSS评分{3..14}分。', '中枢性面瘫，[左|右]侧肢体肌力{2..4}级。'],
      tests: ['头颅MRI DWI：[左|右]侧大脑中动脉供血区急性梗死灶。', '颈动脉超声：多发斑块，未见明显狭窄。'],
      treatment: ['予[阿司匹林联合氯吡格雷|阿司匹林]抗血小板及阿托伐他汀强化降脂。', '早期康复训练及吞咽功能评估。'],
      medications: ['阿司匹林100mg qd', '阿托伐他汀40mg qn'],
    },
    codes: {
      'I63.3': { en: { tests: ['CTA: severe stenosis of the [left|right] middle cerebral artery.'] }, zh: { tests: ['CTA：[左|右]侧大脑中动脉重度狭窄。'] } },
      'I63.4': {
        en: { tests: ['Holter: atrial fibrillation; echocardiogram without thrombus.', 'MRI: infarcts in several vascular territories.'], treatment: ['Anticoagulation started on day {4..12}.'] },
        zh: { tests: ['动态心电图：心房颤动；心脏彩超未见血栓。', 'MRI：多发不同血管供血区梗死灶。'], treatment: ['第{4..12}天启动抗凝治疗。'] },
      },
      'I63.9': { en: { tests: ['Aetiology workup incomplete at discharge.'] }, zh: { tests: ['病因学检查出院时尚未完成。'] } },
    },
  },
  J18: {
    onset: 'days',
    chronic: false,
    systems: ['lung', 'fever'],
    en: {
      complaints: ['cough and fever', 'productive cough', 'fever with pain on breathing'],
      story: ['Cough with yellow sputum and fever up to {38.2..39.6}°C for {2..7} days.', 'Oral antibiotics from a clinic did not help.'],
      exam: ['Bronchial breathing and crackles over the affected area.', 'Respiratory rate {20..28}/min, SpO2 {90..95}% on air.'],
      tests: ['WBC {11.2..18.6}×10^9/L, CRP {48..210} mg/L.', 'Sputum culture: [Streptococcus pneumoniae|normal flora|Haemophilus influenzae].'],
      treatment: [
        'Intravenous [ceftriaxone 2 g daily|amoxicillin-clavulanate 1.2 g every 8 hours|moxifloxacin 0.4 g daily] for {5..10} days.',
        'Fever settled by day {2..4}.',
      ],
    },
    zh: {
      complaints: ['咳嗽、发热', '咳嗽咳痰', '发热伴胸痛'],
      story: ['咳嗽、咳黄痰，伴发热，最高{38.2..39.6}℃，持续{2..7}天。', '诊所口服抗生素效果不佳。'],
      exam: ['患侧可闻及支气管呼吸音及湿啰音。', '呼吸{20..28}次/分，未吸氧SpO2 {90..95}%。'],
      tests: ['血常规：WBC {11.2..18.6}×10^9/L，CRP {48..210}mg/L。', '痰培养：[肺炎链球菌|正常菌群|流感嗜血杆菌]。'],
      treatment: ['予[头孢曲松2g qd|阿莫西林克拉维酸钾1.2g q8h|莫西沙星0.4g qd]静滴{5..10}天。', '第{2..4}天体温恢复正常。'],
    },
    codes: {
      'J18.0': { en: { tests: ['Chest CT: patchy peribronchial opacities in both lower lobes.'] }, zh: { tests: ['胸部CT：双下肺沿支气管分布斑片影。'] } },
      'J18.1': {
        en: { exam: ['Dull to percussion at the right base.'], tests: ['Chest CT: consolidation of the right lower lobe with air bronchogram.'] },
        zh: { exam: ['右下肺叩诊浊音。'], tests: ['胸部CT：右下肺叶实变，可见支气管充气征。'] },
      },
      'J18.9': { en: { tests: ['Chest X-ray: new infiltrate, pattern not characterised.'] }, zh: { tests: ['胸片：新发渗出影。'] } },
    },
  },
  J44: {
    onset: 'days',
    chronic: true,
    systems: ['lung'],
    en: {
      complaints: ['worsening breathlessness', 'cough with more sputum', 'wheeze'],
      story: ['Chronic cough and sputum for {10..30} years, worse every winter.', 'Breathless walking on level ground.', 'Smoked {20..40} cigarettes a day for {20..40} years.'],
      exam: ['Barrel chest, prolonged expiration, scattered wheeze.', 'Hyperresonant to percussion.'],
      tests: ['Spirometry: post-bronchodilator FEV1/FVC {0.45..0.68}, FEV1 {35..65}% predicted.', 'Chest CT: emphysematous changes in both lungs.'],
      treatment: ['Inhaled [tiotropium|budesonide-formoterol|umeclidinium-vilanterol] continued.', 'Pulmonary rehabilitation advice given.'],
      medications: ['tiotropium 18 μg inhaled daily', 'budesonide-formoterol inhaler twice daily'],
    },
    zh: {
      complaints: ['气促加重', '咳嗽咳痰加重', '喘息'],
      story: ['反复咳嗽咳痰{10..30}余年，每年冬季加重。', '平地行走即感气促。', '吸烟{20..40}年，每日{20..40}支。'],
      exam: ['桶状胸，呼气相延长，散在哮鸣音。', '叩诊呈过清音。'],
      tests: ['肺功能：吸入支气管舒张剂后FEV1/FVC {0.45..0.68}，FEV1占预计值{35..65}%。', '胸部CT：双肺肺气肿改变。'],
      treatment: ['继续吸入[噻托溴铵|布地奈德福莫特罗|乌美溴铵维兰特罗]。', '指导肺康复训练。'],
      medications: ['噻托溴铵18μg qd吸入', '布地奈德福莫特罗吸入剂 bid'],
    },
    codes: {
      'J44.0': {
        en: { story: ['Fever and purulent sputum for {2..5} days.'], tests: ['CRP {40..160} mg/L; chest CT shows new patchy infiltrates.'], treatment: ['Intravenous antibiotics for {5..10} days.'] },
        zh: { story: ['发热、咳脓痰{2..5}天。'], tests: ['CRP {40..160}mg/L；胸部CT：新发斑片状渗出影。'], treatment: ['予静脉抗感染治疗{5..10}天。'] },
      },
      'J44.1': {
        en: {
          story: ['More breathless and wheezy for {2..7} days after a cold.'],
          tests: ['Blood gas: PaO2 {52..68} mmHg, PaCO2 {46..58} mmHg.'],
          treatment: ['Nebulised salbutamol-ipratropium and methylprednisolone {40..80} mg daily for {3..5} days.'],
        },
        zh: { story: ['受凉后气促、喘息加重{2..7}天。'], tests: ['血气：PaO2 {52..68}mmHg，PaCO2 {46..58}mmHg。'], treatment: ['予沙丁胺醇异丙托溴铵雾化及甲泼尼龙{40..80}mg qd×{3..5}天。'] },
      },
      'J44.9': { en: { story: ['Symptoms stable between winters.'] }, zh: { story: ['平素症状稳定。'] } },
    },
  },
  J45: {
    onset: 'days',
    chronic: true,
    systems: ['lung'],
    en: {
      complaints: ['wheezing and chest tightness', 'night-time cough', 'breathlessness after a cold'],
      story: ['Recurrent wheeze since [childhood|early adulthood].', 'Symptoms worse at night and in cold air.'],
      exam: ['Widespread expiratory wheeze.', 'Speaks in full sentences; SpO2 {92..97}%.'],
      tests: ['FeNO {35..90} ppb.', 'Bronchodilator reversibility: FEV1 improved by {14..28}%.'],
      treatment: ['Nebulised salbutamol and systemic corticosteroids; stepped up to ICS-LABA.'],
      medications: ['budesonide-formoterol 160/4.5 μg two puffs twice daily', 'montelukast 10 mg nightly'],
    },
    zh: {
      complaints: ['喘息、胸闷', '夜间咳嗽', '感冒后气促'],
      story: ['[自幼|青年起]反复喘息。', '夜间及遇冷空气时症状加重。'],
      exam: ['双肺满布呼气相哮鸣音。', '能说完整句子，SpO2 {92..97}%。'],
      tests: ['FeNO {35..90}ppb。', '支气管舒张试验：FEV1改善{14..28}%。'],
      treatment: ['予沙丁胺醇雾化及全身激素，升级为ICS/LABA维持治疗。'],
      medications: ['布地奈德福莫特罗160/4.5μg 2吸 bid', '孟鲁司特10mg qn'],
    },
    codes: {
      'J45.0': {
        en: { story: ['Attacks triggered by pollen and house dust; has allergic rhinitis.'], tests: ['Total IgE {320..1200} IU/mL; skin prick test positive to dust mite.'] },
        zh: { story: ['花粉、尘螨诱发发作，合并过敏性鼻炎。'], tests: ['总IgE {320..1200}IU/mL，皮肤点刺试验尘螨阳性。'] },
      },
      'J45.9': { en: { tests: ['Allergy testing not performed.'] }, zh: { tests: ['未行过敏原检测。'] } },
    },
  },
  J96: {
    onset: 'days',
    chronic: false,
    systems: ['lung'],
    en: {
      complaints: ['severe breathlessness', 'drowsiness and breathlessness'],
      story: ['Increasing drowsiness and laboured breathing.'],
      exam: ['Using accessory muscles, respiratory rate {26..36}/min.'],
    },
    zh: { complaints: ['严重气促', '嗜睡伴气促'], story: ['逐渐出现嗜睡、呼吸费力。'], exam: ['辅助呼吸肌参与呼吸，呼吸{26..36}次/分。'] },
    codes: {
      'J96.0': {
        en: {
          tests: ['Arterial blood gas on air: PaO2 {42..58} mmHg, PaCO2 {30..44} mmHg.'],
          treatment: ['High-flow nasal oxygen at {40..60} L/min, FiO2 {0.4..0.7}.', 'Non-invasive ventilation for {2..4} days.'],
        },
        zh: { tests: ['未吸氧血气：PaO2 {42..58}mmHg，PaCO2 {30..44}mmHg。'], treatment: ['予经鼻高流量氧疗{40..60}L/min，FiO2 {0.4..0.7}。', '无创通气{1..4}天。'] },
      },
      'J96.1': {
        en: {
          tests: ['Arterial blood gas: PaO2 {48..58} mmHg, PaCO2 {52..72} mmHg, compensated pH {7.35..7.40}.'],
          treatment: ['Long-term home oxygen {1..2} L/min and nocturnal BiPAP.'],
          medications: ['home oxygen {1..2} L/min'],
        },
        zh: { tests: ['血气：PaO2 {48..58}mmHg，PaCO2 {52..72}mmHg，pH {7.35..7.40}（代偿）。'], treatment: ['长期家庭氧疗{1..2}L/min，夜间无创通气。'], medications: ['家庭氧疗{1..2}L/min'] },
      },
    },
  },
  K21: {
    onset: 'months',
    chronic: true,
    systems: ['abdomen'],
    en: {
      complaints: ['heartburn', 'acid regurgitation', 'burning behind the breastbone'],
      story: ['Burning behind the breastbone after meals and when lying down.', 'Sour taste in the mouth in the mornings.'],
      exam: ['Abdomen soft, non-tender.'],
      tests: ['24-hour pH monitoring: acid exposure time {6..14}%.'],
      treatment: ['[Omeprazole 20 mg|Esomeprazole 40 mg|Rabeprazole 10 mg] daily with lifestyle advice.'],
      medications: ['omeprazole 20 mg daily', 'esomeprazole 40 mg daily'],
    },
    zh: {
      complaints: ['烧心', '反酸', '胸骨后烧灼感'],
      story: ['餐后及平卧时胸骨后烧灼感。', '晨起口苦、口酸。'],
      exam: ['腹软，无压痛。'],
      tests: ['24小时pH监测：酸暴露时间{6..14}%。'],
      treatment: ['予[奥美拉唑20mg|艾司奥美拉唑40mg|雷贝拉唑10mg] qd，并进行生活方式指导。'],
      medications: ['奥美拉唑20mg qd', '艾司奥美拉唑40mg qd'],
    },
    codes: {
      'K21.0': {
        en: { tests: ['Gastroscopy: longitudinal mucosal breaks in the distal oesophagus, LA grade [A|B|C].'], treatment: ['PPI for 8 weeks, then review.'] },
        zh: { tests: ['胃镜：食管下段纵行黏膜破损，洛杉矶分级[A|B|C]级。'], treatment: ['PPI治疗8周后复查。'] },
      },
      'K21.9': { en: { tests: ['Gastroscopy: normal oesophageal mucosa.'] }, zh: { tests: ['胃镜：食管黏膜未见异常。'] } },
    },
  },
  K25: {
    onset: 'weeks',
    chronic: false,
    systems: ['abdomen'],
    en: {
      complaints: ['epigastric pain', 'upper abdominal pain after eating'],
      story: ['Gnawing epigastric pain, worse after meals, for {2..8} weeks.', 'Takes NSAIDs regularly for joint pain.'],
      exam: ['Epigastric tenderness without guarding.'],
      tests: ['Rapid urease test [positive|negative] for Helicobacter pylori.', 'Biopsy: no malignancy.'],
      treatment: ['Intravenous, then oral PPI.', 'Helicobacter eradication with quadruple therapy for 14 days.'],
      medications: ['pantoprazole 40 mg daily'],
    },
    zh: {
      complaints: ['上腹痛', '餐后上腹痛'],
      story: ['上腹部隐痛{2..8}周，餐后加重。', '因关节痛长期服用非甾体抗炎药。'],
      exam: ['上腹压痛，无反跳痛。'],
      tests: ['快速尿素酶试验幽门螺杆菌[阳性|阴性]。', '病理：未见恶性。'],
      treatment: ['予PPI静脉后改口服。', '四联疗法根除幽门螺杆菌14天。'],
      medications: ['泮托拉唑40mg qd'],
    },
    codes: {
      'K25.4': {
        en: {
          complaints: ['black tarry stools', 'vomiting blood'],
          story: ['Passed black tarry stools {2..5} times and felt faint.'],
          tests: ['Hb fell from {110..130} to {68..90} g/L.', 'Gastroscopy: ulcer at the gastric angle with a visible vessel, Forrest [IIa|IIb].'],
          treatment: ['Endoscopic haemostasis with clips and adrenaline injection.', 'Transfused {2..4} units of red cells.'],
        },
        zh: {
          complaints: ['黑便', '呕血'],
          story: ['解柏油样便{2..5}次，伴头晕乏力。'],
          tests: ['Hb由{110..130}g/L降至{68..90}g/L。', '胃镜：胃角溃疡，可见血管显露，Forrest [IIa|IIb]级。'],
          treatment: ['内镜下钛夹止血及肾上腺素注射。', '输注红细胞{2..4}U。'],
        },
      },
      'K25.9': { en: { tests: ['Gastroscopy: {0.6..1.5} cm clean-based ulcer at the gastric angle.'] }, zh: { tests: ['胃镜：胃角{0.6..1.5}cm溃疡，底覆白苔。'] } },
    },
  },
  K29: {
    onset: 'months',
    chronic: true,
    systems: ['abdomen'],
    en: {
      complaints: ['upper abdominal discomfort', 'bloating after meals', 'nausea'],
      story: ['Epigastric fullness and belching for {2..12} months.'],
      exam: ['Mild epigastric tenderness.'],
      tests: ['13C urea breath test [positive|negative].'],
      treatment: ['PPI and rebamipide prescribed.'],
      medications: ['rebamipide 0.1 g three times daily'],
    },
    zh: {
      complaints: ['上腹不适', '餐后腹胀', '恶心'],
      story: ['上腹饱胀、嗳气{1..12}个月。'],
      exam: ['上腹轻压痛。'],
      tests: ['13C尿素呼气试验[阳性|阴性]。'],
      treatment: ['予PPI及瑞巴派特保护胃黏膜。'],
      medications: ['瑞巴派特0.1g tid'],
    },
    codes: {
      'K29.5': {
        en: { tests: ['Gastroscopy: antral erythema and oedema; biopsy shows chronic inflammation.'] },
        zh: { tests: ['胃镜：胃窦黏膜充血水肿，病理示慢性炎症。'] },
      },
      'K29.7': {
        en: { story: ['Symptoms began after heavy drinking {2..3} days ago.'], tests: ['Gastroscopy: scattered erosions in the antrum.'] },
        zh: { story: ['{1..3}天前大量饮酒后出现症状。'], tests: ['胃镜：胃窦散在糜烂。'] },
      },
    },
  },
  K35: {
    onset: 'hours',
    chronic: false,
    systems: ['abdomen', 'fever'],
    en: {
      complaints: ['right lower abdominal pain', 'pain moving from the navel to the right lower abdomen', 'abdominal pain with vomiting'],
      story: ['Pain began around the navel {12..48} hours ago and moved to the right iliac fossa.', 'Loss of appetite and one episode of vomiting.'],
      exam: ["Tenderness at McBurney's point with rebound.", 'Temperature {37.6..38.6}°C.'],
      tests: ['WBC {11.5..19.0}×10^9/L, neutrophils {80..91}%.', 'Ultrasound: non-compressible appendix, diameter {8..14} mm.'],
      treatment: ['Laparoscopic appendicectomy on the day of admission.', 'Intravenous [cefuroxime|ceftriaxone] plus metronidazole for {2..5} days.'],
    },
    zh: {
      complaints: ['右下腹痛', '转移性右下腹痛', '腹痛伴呕吐'],
      story: ['{12..48}小时前出现脐周痛，后转移至右下腹。', '食欲下降，呕吐1次。'],
      exam: ['麦氏点压痛、反跳痛。', '体温{37.6..38.6}℃。'],
      tests: ['血常规：WBC {11.5..19.0}×10^9/L，中性粒细胞{80..91}%。', '超声：阑尾增粗，直径{8..14}mm，不可压缩。'],
      treatment: ['入院当天行腹腔镜阑尾切除术。', '予[头孢呋辛|头孢曲松]联合甲硝唑抗感染{2..5}天。'],
    },
    codes: {
      'K35.3': {
        en: {
          exam: ['Guarding in the right lower quadrant.'],
          tests: ['CT: periappendiceal fluid collection with an appendicolith.'],
          treatment: ['Perforation found at surgery; local pus washed out and a drain placed.'],
        },
        zh: { exam: ['右下腹肌紧张。'], tests: ['CT：阑尾周围积液，可见粪石。'], treatment: ['术中见阑尾穿孔，局部脓液冲洗并放置引流。'] },
      },
      'K35.8': { en: { treatment: ['Inflamed, non-perforated appendix removed.'] }, zh: { treatment: ['切除充血水肿阑尾，未见穿孔。'] } },
    },
  },
  K74: {
    onset: 'weeks',
    chronic: true,
    systems: ['liver', 'abdomen'],
    en: {
      complaints: ['abdominal swelling', 'yellow eyes', 'vomiting blood'],
      story: ['Abdomen has been swelling for {2..8} weeks.', 'Long-standing abnormal liver tests.'],
      exam: ['Spider naevi, palmar erythema, shifting dullness present.', 'Spleen palpable {2..4} cm below the costal margin.'],
      tests: ['Albumin {24..32} g/L, INR {1.3..1.9}, total bilirubin {28..76} μmol/L.', 'Ultrasound: nodular liver surface, splenomegaly, ascites.', 'Child-Pugh class [B|C].'],
      treatment: ['Spironolactone with furosemide, and albumin infusion.', 'Paracentesis of {3..5} L.'],
      medications: ['spironolactone 40 mg daily', 'propranolol 10 mg twice daily'],
    },
    zh: {
      complaints: ['腹胀', '眼黄', '呕血'],
      story: ['腹部膨隆{2..8}周。', '多年肝功能异常。'],
      exam: ['可见蜘蛛痣、肝掌，移动性浊音阳性。', '脾肋下{2..4}cm。'],
      tests: ['白蛋白{24..32}g/L，INR {1.3..1.9}，总胆红素{28..76}μmol/L。', '超声：肝表面结节状，脾大，腹水。', 'Child-Pugh [B|C]级。'],
      treatment: ['予螺内酯联合呋塞米利尿，输注白蛋白。', '腹腔穿刺放液{3..5}L。'],
      medications: ['螺内酯40mg qd', '普萘洛尔10mg bid'],
    },
  },
  K76: {
    onset: 'months',
    chronic: true,
    systems: ['liver'],
    en: {
      complaints: ['abnormal liver tests on screening'],
      story: ['Mildly raised liver enzymes at a health check.'],
      exam: ['Central obesity, waist {92..110} cm.'],
      tests: ['Ultrasound: diffusely increased liver echogenicity.', 'ALT {45..96} U/L.', 'Elastography CAP {280..340} dB/m.'],
      treatment: ['Weight loss and exercise advised.'],
    },
    zh: {
      complaints: ['体检发现转氨酶升高'],
      story: ['体检发现转氨酶轻度升高。'],
      exam: ['腹型肥胖，腰围{92..110}cm。'],
      tests: ['腹部超声：肝实质回声弥漫性增强，前场细密。', 'ALT {45..96}U/L。', '瞬时弹性成像CAP {280..340}dB/m。'],
      treatment: ['建议减重、运动。'],
    },
  },
  K80: {
    onset: 'days',
    chronic: false,
    systems: ['abdomen'],
    en: {
      complaints: ['right upper quadrant pain', 'pain after fatty meals', 'upper abdominal colic'],
      story: ['Colicky right upper abdominal pain after a fatty meal, radiating to the right shoulder.', 'Similar attacks {2..5} times over the past year.'],
      exam: ['Right upper quadrant tenderness.'],
      tests: ['Ultrasound: multiple echogenic foci with acoustic shadowing in the gallbladder, the largest {0.8..2.4} cm.'],
      treatment: ['Laparoscopic cholecystectomy on day {2..4}; home {2..3} days later.'],
    },
    zh: {
      complaints: ['右上腹痛', '进食油腻后腹痛', '上腹绞痛'],
      story: ['进食油腻后右上腹绞痛，放射至右肩背部。', '近1年类似发作{2..5}次。'],
      exam: ['右上腹压痛。'],
      tests: ['超声：胆囊内多发强回声伴声影，最大{0.8..2.4}cm。'],
      treatment: ['第{2..4}天行腹腔镜胆囊切除术，术后{1..3}天出院。'],
    },
    codes: {
      'K80.1': {
        en: {
          exam: ["Murphy's sign positive.", 'Temperature {37.8..38.7}°C.'],
          tests: ['Gallbladder wall thickened to {4..7} mm with pericholecystic fluid.', 'WBC {10.8..16.4}×10^9/L.'],
          treatment: ['Intravenous antibiotics before surgery.'],
        },
        zh: { exam: ['墨菲征阳性。', '体温{37.8..38.7}℃。'], tests: ['胆囊壁增厚{4..7}mm，周围积液。', 'WBC {10.8..16.4}×10^9/L。'], treatment: ['术前予静脉抗感染。'] },
      },
      'K80.2': {
        en: { exam: ["Murphy's sign negative."], tests: ['Gallbladder wall not thickened, no pericholecystic fluid.'] },
        zh: { exam: ['墨菲征阴性。'], tests: ['胆囊壁不厚，周围无积液。'] },
      },
    },
  },
  K85: {
    onset: 'hours',
    chronic: false,
    systems: ['abdomen'],
    en: {
      complaints: ['severe upper abdominal pain radiating to the back', 'abdominal pain with vomiting'],
      story: ['Sudden severe epigastric pain radiating to the back after a large meal.', 'Repeated vomiting; pain eased slightly leaning forward.'],
      exam: ['Epigastric tenderness, reduced bowel sounds.'],
      tests: ['Serum amylase {620..2400} U/L, lipase {880..5200} U/L.', 'CT: swollen pancreas with peripancreatic fat stranding.'],
      treatment: ['Nil by mouth, generous fluids, analgesia and PPI.', 'Oral intake resumed on day {3..6}.'],
    },
    zh: {
      complaints: ['上腹剧痛向腰背部放射', '腹痛伴呕吐'],
      story: ['暴饮暴食后突发上腹剧痛，向腰背部放射。', '反复呕吐，前倾位疼痛稍缓解。'],
      exam: ['上腹压痛，肠鸣音减弱。'],
      tests: ['血淀粉酶{620..2400}U/L，脂肪酶{880..5200}U/L。', 'CT：胰腺肿胀，周围脂肪间隙模糊。'],
      treatment: ['禁食、积极补液、镇痛及抑酸治疗。', '第{3..6}天恢复进食。'],
    },
    codes: {
      'K85.1': {
        en: { tests: ['Ultrasound: gallbladder stones, common bile duct {8..12} mm.', 'ALT {140..420} U/L.'], treatment: ['ERCP with stone extraction; cholecystectomy planned.'] },
        zh: { tests: ['超声：胆囊结石，胆总管{8..12}mm。', 'ALT {140..420}U/L。'], treatment: ['行ERCP取石，择期胆囊切除。'] },
      },
      'K85.9': { en: { tests: ['Triglycerides and calcium normal; no stones on ultrasound.'] }, zh: { tests: ['甘油三酯、血钙正常，超声未见结石。'] } },
    },
  },
  M17: {
    onset: 'years',
    chronic: true,
    systems: ['limbs'],
    en: {
      complaints: ['knee pain on walking', 'knee stiffness', 'difficulty climbing stairs'],
      story: ['Knee pain for {3..15} years, worse on stairs; can now walk only {200..800} m.', 'Analgesics and injections no longer help.'],
      exam: ['Crepitus on movement, varus deformity, flexion limited to {90..110}°.'],
      tests: ['X-ray: joint space narrowing with osteophytes, Kellgren-Lawrence grade [3|4].'],
      treatment: ['[Total knee arthroplasty|Unicompartmental knee replacement] on day {2..4}; walking the day after surgery.', 'Thromboprophylaxis with low-molecular-weight heparin.'],
      medications: ['celecoxib 200 mg daily', 'glucosamine'],
    },
    zh: {
      complaints: ['膝关节疼痛', '膝关节僵硬', '上下楼困难'],
      story: ['膝痛{3..15}年，上下楼加重，步行距离缩短至{200..800}米。', '口服止痛药及关节腔注射效果不佳。'],
      exam: ['活动时骨摩擦感，膝内翻畸形，屈曲受限至{90..110}°。'],
      tests: ['X线：关节间隙狭窄，骨赘形成，K-L [3|4]级。'],
      treatment: ['第{2..4}天行[全膝关节置换术|单髁置换术]，术后第1天下地。', '予低分子肝素预防血栓。'],
      medications: ['塞来昔布200mg qd', '氨基葡萄糖'],
    },
    codes: {
      'M17.0': { en: { exam: ['Both knees swollen with crepitus.'], tests: ['X-ray: medial joint space loss in both knees.'] }, zh: { exam: ['双膝肿胀，骨摩擦感。'], tests: ['X线：双膝内侧间隙变窄。'] } },
      'M17.1': {
        en: { exam: ['Effusion in one knee; the other knee normal.'], tests: ['X-ray: medial compartment collapse on one side; contralateral knee preserved.'] },
        zh: { exam: ['一侧膝关节积液，对侧膝关节正常。'], tests: ['X线：一侧膝内侧间室塌陷，对侧膝关节间隙正常。'] },
      },
    },
  },
  M81: {
    onset: 'years',
    chronic: true,
    systems: [],
    en: {
      complaints: ['back pain', 'loss of height'],
      story: ['Lost about {3..6} cm in height over recent years.'],
      exam: ['Thoracic kyphosis.'],
      tests: ['DXA: lumbar spine T-score {-3.8..-2.5}.', 'Serum 25-OH vitamin D {10..24} ng/mL.'],
      treatment: ['Calcium, vitamin D and [zoledronic acid 5 mg infusion|alendronate 70 mg weekly] started.'],
      medications: ['alendronate 70 mg weekly', 'calcium carbonate with vitamin D3'],
    },
    zh: {
      complaints: ['腰背痛', '身高变矮'],
      story: ['近年身高变矮约{3..6}cm。'],
      exam: ['胸椎后凸。'],
      tests: ['DXA：腰椎T值{-3.8..-2.5}。', '25-羟维生素D {10..24}ng/mL。'],
      treatment: ['予钙剂、维生素D及[唑来膦酸5mg静滴|阿仑膦酸钠70mg每周1次]。'],
      medications: ['阿仑膦酸钠70mg qw', '碳酸钙D3片'],
    },
    codes: {
      'M81.0': { en: { story: ['Menopause at {45..53}.'] }, zh: { story: ['{45..53}岁绝经。'] } },
      'M81.9': { en: { story: ['Long-standing low activity and little dairy in the diet.'] }, zh: { story: ['长期活动少，奶制品摄入少。'] } },
    },
  },
  N17: {
    onset: 'days',
    chronic: false,
    systems: ['kidney'],
    en: {
      complaints: ['reduced urine output', 'swelling and little urine'],
      story: ['Urine output fell to about {200..450} mL/day.', 'Diarrhoea and poor intake for several days.'],
      exam: ['Dry mucous membranes, reduced skin turgor.'],
      tests: ['Creatinine rose from {70..95} to {260..640} μmol/L within {2..5} days.', 'Potassium {5.2..6.4} mmol/L.'],
      treatment: ['Nephrotoxic drugs stopped; fluids guided by volume status.', 'Creatinine down to {110..160} μmol/L before discharge.'],
    },
    zh: {
      complaints: ['尿量减少', '水肿、少尿'],
      story: ['尿量减少至约{200..450}mL/天。', '腹泻、进食差数天。'],
      exam: ['口唇干燥，皮肤弹性差。'],
      tests: ['血肌酐{2..5}天内由{70..95}升至{260..640}μmol/L。', '血钾{5.2..6.4}mmol/L。'],
      treatment: ['停用肾毒性药物，根据容量状态补液。', '出院前肌酐降至{110..160}μmol/L。'],
    },
    codes: {
      'N17.0': {
        en: {
          story: ['Prolonged low blood pressure before admission; contrast given {2..4} days ago.'],
          tests: ['Urine: muddy brown granular casts; fractional sodium excretion {2.1..4.5}%.'],
          treatment: ['Haemodialysis, {2..4} sessions, during the oliguric phase.'],
        },
        zh: { story: ['入院前长时间低血压，{2..4}天前曾行增强造影。'], tests: ['尿沉渣见泥棕色颗粒管型，钠排泄分数{2.1..4.5}%。'], treatment: ['少尿期行血液透析{2..4}次。'] },
      },
      'N17.9': { en: { tests: ['Renal ultrasound: normal-sized kidneys, no hydronephrosis.'] }, zh: { tests: ['肾脏超声：双肾大小正常，无积水。'] } },
    },
  },
  N18: {
    onset: 'years',
    chronic: true,
    systems: ['kidney'],
    en: {
      complaints: ['fatigue and swelling', 'foamy urine', 'rising creatinine'],
      story: ['Creatinine has risen gradually over {2..10} years.', 'Passes urine {2..4} times a night.'],
      exam: ['Mild pitting oedema of both ankles.'],
      tests: ['Urine protein [1+|2+|3+].', 'Renal ultrasound: small kidneys with thinned cortex.'],
      treatment: ['Low-protein diet; blood pressure and anaemia managed.'],
      medications: ['sodium bicarbonate 1 g three times daily', 'calcitriol 0.25 μg daily'],
    },
    zh: {
      complaints: ['乏力、水肿', '泡沫尿', '肌酐升高'],
      story: ['{2..10}年来血肌酐逐渐升高。', '夜尿{2..4}次。'],
      exam: ['双踝轻度凹陷性水肿。'],
      tests: ['尿蛋白[1+|2+|3+]。', '肾脏超声：双肾缩小，皮质变薄。'],
      treatment: ['低蛋白饮食，控制血压，纠正贫血。'],
      medications: ['碳酸氢钠1g tid', '骨化三醇0.25μg qd'],
    },
    codes: {
      'N18.3': { en: { tests: ['Creatinine {130..190} μmol/L, eGFR {32..58} mL/min/1.73m2.'] }, zh: { tests: ['血肌酐{130..190}μmol/L，eGFR {32..58}mL/min/1.73m2。'] } },
      'N18.5': {
        en: {
          complaints: ['nausea and itching'],
          tests: ['Creatinine {620..1100} μmol/L, eGFR {5..13} mL/min/1.73m2.'],
          treatment: ['[Arteriovenous fistula created for future dialysis|Dialysis access planned with the patient|Renal replacement options discussed].'],
        },
        zh: {
          complaints: ['恶心、皮肤瘙痒'],
          tests: ['血肌酐{620..1100}μmol/L，eGFR {5..13}mL/min/1.73m2。'],
          treatment: ['[行动静脉内瘘成形术，为透析做准备|与患者商定透析通路|讨论肾脏替代治疗方案]。'],
        },
      },
      'N18.9': { en: { tests: ['Creatinine {140..260} μmol/L; stage not documented.'] }, zh: { tests: ['血肌酐{140..260}μmol/L，未分期。'] } },
    },
  },
  N20: {
    onset: 'hours',
    chronic: false,
    systems: ['urinary'],
    en: {
      complaints: ['loin pain', 'colicky flank pain', 'blood in urine'],
      story: ['Sudden colicky [left|right] flank pain radiating to the groin.', 'Nausea with the pain; passed red urine once.'],
      exam: ['[Left|Right] renal angle tenderness.'],
      tests: ['Urinalysis: RBC {20..180}/HPF.'],
      treatment: ['Analgesia with [diclofenac|ketorolac] and tamsulosin.'],
    },
    zh: {
      complaints: ['腰痛', '腰腹部绞痛', '血尿'],
      story: ['突发[左|右]侧腰部绞痛，向腹股沟放射。', '伴恶心，曾排肉眼血尿1次。'],
      exam: ['[左|右]肾区叩痛。'],
      tests: ['尿常规：RBC {20..180}/HP。'],
      treatment: ['予[双氯芬酸|酮咯酸]止痛及坦索罗辛排石。'],
    },
    codes: {
      'N20.0': {
        en: { tests: ['Non-contrast CT: {6..22} mm stone in the [left|right] renal pelvis.'], treatment: ['[Percutaneous nephrolithotomy|Flexible ureteroscopic lithotripsy] cleared the stone.'] },
        zh: { tests: ['CT平扫：[左|右]肾盂内{6..22}mm结石。'], treatment: ['行[经皮肾镜取石术|输尿管软镜碎石术]，结石清除。'] },
      },
      'N20.1': {
        en: { tests: ['Non-contrast CT: {4..9} mm stone in the [upper|lower] ureter with mild hydronephrosis.'], treatment: ['Ureteroscopic holmium laser lithotripsy with stent placement.'] },
        zh: { tests: ['CT平扫：[上|下]段输尿管{4..9}mm结石伴轻度积水。'], treatment: ['行输尿管镜钬激光碎石并留置双J管。'] },
      },
    },
  },
  N39: {
    onset: 'days',
    chronic: false,
    systems: ['urinary', 'fever'],
    en: {
      complaints: ['burning on passing urine', 'frequent urination', 'fever and painful urination'],
      story: ['Dysuria, frequency and urgency for {2..5} days.', 'Low-grade fever and suprapubic discomfort.'],
      exam: ['Suprapubic tenderness.'],
      tests: ['Urinalysis: WBC {80..500}/HPF, nitrite positive.', 'Urine culture: Escherichia coli >10^5 CFU/mL.'],
      treatment: ['[Nitrofurantoin|Ceftriaxone|Levofloxacin] adjusted to culture sensitivity.'],
    },
    zh: {
      complaints: ['尿痛', '尿频尿急', '发热伴尿痛'],
      story: ['尿频、尿急、尿痛{2..5}天。', '低热，伴耻骨上不适。'],
      exam: ['耻骨上区压痛。'],
      tests: ['尿常规：WBC {80..500}/HP，亚硝酸盐阳性。', '尿培养：大肠埃希菌>10^5 CFU/mL。'],
      treatment: ['根据药敏调整为[呋喃妥因|头孢曲松|左氧氟沙星]。'],
    },
  },
  N40: {
    onset: 'years',
    chronic: true,
    systems: ['urinary'],
    en: {
      complaints: ['difficulty passing urine', 'weak stream and getting up at night', 'unable to pass urine'],
      story: ['Weak stream, hesitancy and voiding {3..5} times a night for {2..8} years.', 'Acute retention {2..3} days ago relieved by a catheter.'],
      exam: ['Digital rectal examination: smooth, enlarged prostate, median sulcus obliterated.'],
      tests: ['Ultrasound: prostate volume {45..110} mL, post-void residual {80..260} mL.', 'PSA {1.8..6.5} ng/mL.', 'IPSS score {18..28}.'],
      treatment: ['[Transurethral resection|Holmium laser enucleation] of the prostate on day {2..3}; catheter out {2..4} days after surgery.'],
      medications: ['tamsulosin 0.2 mg nightly', 'finasteride 5 mg daily'],
    },
    zh: {
      complaints: ['排尿困难', '尿线细、夜尿增多', '不能自行排尿'],
      story: ['尿线细、排尿踌躇，夜尿{3..5}次，持续{2..8}年。', '{1..3}天前出现急性尿潴留，导尿后缓解。'],
      exam: ['直肠指诊：前列腺增大，表面光滑，中央沟消失。'],
      tests: ['超声：前列腺体积{45..110}mL，残余尿{80..260}mL。', 'PSA {1.8..6.5}ng/mL。', 'IPSS评分{18..28}分。'],
      treatment: ['第{2..3}天行[经尿道前列腺电切术|经尿道前列腺钬激光剜除术]，术后第{2..4}天拔除尿管。'],
      medications: ['坦索罗辛0.2mg qn', '非那雄胺5mg qd'],
    },
  },
  O14: {
    onset: 'days',
    chronic: false,
    systems: ['bp'],
    en: {
      complaints: ['raised blood pressure at {30..38} weeks of pregnancy', 'headache and swelling at {32..38} weeks of pregnancy'],
      story: ['[G1P0|G2P1|G2P0]; blood pressure found raised at an antenatal visit.', 'Swelling of the face and legs for {3..10} days.'],
      exam: ['Pitting oedema of both legs.', 'Fundal height matches dates; fetal heart rate {130..155}/min.'],
      tests: ['Urine protein [1+|2+|3+], 24-hour protein {0.4..3.8} g.'],
      treatment: ['Magnesium sulphate for seizure prophylaxis and [labetalol|nifedipine] for blood pressure.', 'Fetal monitoring twice daily; blood pressure settled.'],
    },
    zh: {
      complaints: ['孕{30..38}周，发现血压升高{2..10}天', '孕{32..38}周，头痛、水肿{2..7}天'],
      story: ['[G1P0|G2P1|G2P0]，产检发现血压升高。', '颜面及双下肢水肿{3..10}天。'],
      exam: ['双下肢凹陷性水肿。', '宫高与孕周相符，胎心{130..155}次/分。'],
      tests: ['尿蛋白[1+|2+|3+]，24小时尿蛋白{0.4..3.8}g。'],
      treatment: ['予硫酸镁解痉预防子痫，[拉贝洛尔|硝苯地平]降压。', '每日监测胎心2次，血压渐平稳。'],
    },
    codes: {
      'O14.0': { en: { tests: ['Platelets, liver enzymes and creatinine normal.'] }, zh: { tests: ['血小板、肝酶及肌酐正常。'] } },
      'O14.1': {
        en: { complaints: ['severe headache and blurred vision at {32..37} weeks of pregnancy'], exam: ['Blood pressure repeatedly above 160/110 mmHg.'], tests: ['Platelets {78..120}×10^9/L, ALT {60..180} U/L.'] },
        zh: { complaints: ['孕{32..37}周，剧烈头痛、视物模糊{1..3}天'], exam: ['血压多次>160/110mmHg。'], tests: ['血小板{78..120}×10^9/L，ALT {60..180}U/L。'] },
      },
    },
  },
  O24: {
    onset: 'weeks',
    chronic: false,
    systems: ['glucose'],
    en: {
      complaints: ['abnormal glucose test at {24..28} weeks of pregnancy'],
      story: ['Blood sugar managed with diet and home monitoring during pregnancy.'],
      tests: ['Fasting glucose {5.3..6.8} mmol/L in pregnancy.', 'Fetal ultrasound: estimated weight {3400..4200} g.'],
      treatment: ['Glucose checked 7 times daily; [insulin detemir|diet alone] used.'],
      medications: ['insulin detemir {4..10} U at bedtime'],
    },
    zh: {
      complaints: ['孕{24..28}周，发现血糖升高'],
      story: ['孕期通过饮食控制及监测血糖。'],
      tests: ['孕期空腹血糖{5.3..6.8}mmol/L。', '胎儿超声：估计体重{3400..4200}g。'],
      treatment: ['每日监测血糖7次，[地特胰岛素|单纯饮食]控制。'],
      medications: ['地特胰岛素{4..10}U qn'],
    },
    codes: {
      'O24.4': {
        en: { tests: ['75 g OGTT at {24..28} weeks: {5.2..6.0}/{10.1..12.5}/{8.6..10.8} mmol/L.'] },
        zh: { tests: ['孕{24..28}周75g OGTT：{5.2..6.0}/{10.1..12.5}/{8.6..10.8}mmol/L。'] },
      },
      'O24.9': { en: { story: ['Blood sugar was raised before pregnancy; type not documented.'] }, zh: { story: ['孕前即发现血糖升高，分型不详。'] } },
    },
  },
  O82: {
    onset: 'hours',
    chronic: false,
    systems: [],
    en: {
      complaints: ['term pregnancy at {37..40} weeks', 'regular contractions at {37..40} weeks'],
      story: ['[G1P0|G2P1|G2P0|G3P1], singleton pregnancy.'],
      exam: ['Fetal heart rate {128..152}/min.'],
      tests: ['Ultrasound: single live fetus, amniotic fluid index {8..16} cm.'],
      treatment: ['Lower segment operation under spinal anaesthesia.', 'Blood loss {300..600} mL; oxytocin given.'],
    },
    zh: {
      complaints: ['停经{37..40}周，入院待产', '停经{37..40}周，规律腹痛{2..10}小时'],
      story: ['[G1P0|G2P1|G2P0|G3P1]，单胎妊娠。'],
      exam: ['胎心{128..152}次/分。'],
      tests: ['超声：单活胎，羊水指数{8..16}cm。'],
      treatment: ['腰麻下行子宫下段手术。', '术中出血{300..600}mL，予缩宫素。'],
    },
    codes: {
      'O82.0': {
        en: { story: ['Operative delivery planned at {38..39} weeks.'], treatment: ['Scheduled surgery at {38..39} weeks.'] },
        zh: { story: ['孕{38..39}周计划手术分娩。'], treatment: ['孕{38..39}周按计划手术。'] },
      },
      'O82.1': {
        en: { story: ['In labour, [fetal heart decelerations|failure to progress|cord prolapse] led to urgent surgery.'], tests: ['CTG: recurrent late decelerations.'] },
        zh: { story: ['产程中出现[胎心减速|产程停滞|脐带脱垂]，急诊手术。'], tests: ['胎心监护：反复晚期减速。'] },
      },
    },
  },
  S72: {
    onset: 'hours',
    chronic: false,
    systems: ['limbs'],
    en: {
      complaints: ['hip pain after a fall', 'unable to stand after a fall'],
      story: ['Could not stand or bear weight afterwards.', 'Groin pain on one side since the fall.'],
      exam: ['Affected leg shortened and externally rotated.', 'Tenderness over the hip; distal pulses present.'],
      treatment: ['Thromboprophylaxis and analgesia; walking with a frame {2..3} days after surgery.'],
    },
    zh: {
      complaints: ['摔倒后髋部疼痛', '摔伤后不能站立'],
      story: ['伤后不能站立及行走。', '摔倒后一侧腹股沟疼痛。'],
      exam: ['患肢短缩、外旋畸形。', '髋部压痛，足背动脉搏动可。'],
      treatment: ['予抗凝、镇痛，术后第{1..3}天扶助行器下地。'],
    },
    codes: {
      'S72.0': {
        en: { tests: ['X-ray: displaced fracture through the [left|right] femoral neck, Garden [III|IV].'], treatment: ['[Hemiarthroplasty|Total hip arthroplasty] on day {1..3}.'] },
        zh: { tests: ['X线：[左|右]侧股骨颈移位骨折，Garden [III|IV]型。'], treatment: ['第{1..3}天行[人工股骨头置换术|全髋关节置换术]。'] },
      },
      'S72.1': {
        en: { tests: ['X-ray: comminuted fracture through the [left|right] trochanteric region.'], treatment: ['Proximal femoral nail fixation on day {1..3}.'] },
        zh: { tests: ['X线：[左|右]侧股骨转子区粉碎性骨折。'], treatment: ['第{1..3}天行股骨近端髓内钉内固定术。'] },
      },
    },
  },
  I12: {
    onset: 'years',
    chronic: true,
    systems: ['bp', 'kidney'],
    en: {
      complaints: ['raised blood pressure and swelling', 'headache and foamy urine'],
      story: ['Blood pressure has been high for {5..20} years and the kidney function has declined with it.', 'Home blood pressure up to {160..190}/{95..110} mmHg.'],
      tests: ['Renal ultrasound: symmetrically small kidneys with smooth outlines.', 'Urine albumin-to-creatinine ratio {35..280} mg/g.'],
      treatment: ['Antihypertensives adjusted for the kidney function; blood pressure {124..138}/{72..86} mmHg at discharge.'],
      medications: ['amlodipine 5 mg daily', 'nifedipine controlled-release 30 mg daily', 'valsartan 80 mg daily'],
    },
    zh: {
      complaints: ['血压升高伴水肿', '头痛、泡沫尿'],
      story: ['血压升高{5..20}年，肾功能随之逐渐下降。', '自测血压最高{160..190}/{95..110}mmHg。'],
      tests: ['肾脏超声：双肾对称性缩小，轮廓光滑。', '尿白蛋白/肌酐比值{35..280}mg/g。'],
      treatment: ['根据肾功能调整降压药物，出院时血压{124..138}/{72..86}mmHg。'],
      medications: ['氨氯地平5mg qd', '硝苯地平控释片30mg qd', '缬沙坦80mg qd'],
    },
  },
  O32: {
    onset: 'weeks',
    chronic: false,
    systems: [],
    en: {
      complaints: ['fetus lying bottom first at {36..38} weeks'],
      story: ['Ultrasound at {36..38} weeks: the fetus lies bottom first.', 'External cephalic version was declined.'],
      exam: ['Fetal head palpable at the fundus.'],
      tests: ['Ultrasound: fetal buttocks over the pelvic inlet.'],
    },
    zh: {
      complaints: ['孕{36..38}周，超声示胎儿臀部先露'],
      story: ['孕{36..38}周超声提示胎儿臀部先露。', '拒绝外倒转术。'],
      exam: ['宫底触及胎头。'],
      tests: ['超声：胎臀位于骨盆入口。'],
    },
  },
  O34: {
    onset: 'years',
    chronic: false,
    systems: [],
    en: {
      complaints: ['term pregnancy after a previous caesarean'],
      story: ['Delivered by caesarean section {2..6} years ago; operative delivery planned again because of the old scar.'],
      exam: ['Healed transverse lower abdominal scar.'],
      tests: ['Ultrasound: lower segment {2..4} mm thick at the old scar.'],
    },
    zh: {
      complaints: ['剖宫产术后再次妊娠足月'],
      story: ['{2..6}年前行剖宫产术，本次因子宫原切口再次计划手术分娩。'],
      exam: ['下腹部见陈旧性横切口瘢痕。'],
      tests: ['超声：子宫下段原切口处肌层厚{2..4}mm。'],
    },
  },
  R57: {
    onset: 'hours',
    chronic: false,
    systems: ['bp'],
    en: {
      exam: ['Cold, clammy peripheries; capillary refill {3..5} seconds.', 'Mottled skin over both knees.'],
      tests: ['Lactate {4.1..7.9} mmol/L.'],
    },
    zh: {
      exam: ['四肢湿冷，毛细血管再充盈时间{3..5}秒。', '双膝皮肤可见花斑。'],
      tests: ['血乳酸{4.1..7.9}mmol/L。'],
    },
    codes: {
      'R57.0': {
        en: { story: ['Blood pressure fell to {70..85}/{40..50} mmHg with cold extremities after the infarction.'], treatment: ['Intra-aortic balloon pump and dobutamine for {2..4} days.'] },
        zh: { story: ['心梗后血压降至{70..85}/{40..50}mmHg，四肢湿冷。'], treatment: ['予主动脉内球囊反搏及多巴酚丁胺{2..4}天。'] },
      },
      'R57.1': {
        en: { story: ['Blood pressure fell to {70..88}/{40..52} mmHg after a large haematemesis.'], treatment: ['{2..4} units of red cells and {1500..2500} mL of fluid given for the blood loss.'] },
        zh: { story: ['大量呕血后血压降至{70..88}/{40..52}mmHg。'], treatment: ['予输红细胞{2..4}U、补液{1500..2500}mL纠正失血。'] },
      },
      'R57.2': {
        en: { story: ['Despite {2..3} L of fluid the blood pressure stayed below {80..88}/{40..50} mmHg.'], treatment: ['Noradrenaline infusion needed for {2..3} days.'] },
        zh: { story: ['补液{2..3}L后血压仍低于{80..88}/{40..50}mmHg。'], treatment: ['予去甲肾上腺素维持血压{2..3}天。'] },
      },
    },
  },
  W01: {
    onset: 'hours',
    chronic: false,
    circumstance: true,
    systems: [],
    en: { story: ['Slipped [on a wet bathroom floor|on an icy pavement|over a loose rug] and landed on the hip.'] },
    zh: { story: ['[在湿滑的卫生间|在结冰的路面|被地毯]滑倒，髋部着地。'] },
  },
  W10: {
    onset: 'hours',
    chronic: false,
    circumstance: true,
    systems: [],
    en: { story: ['Missed a step and fell down [the stairs at home|several steps outside the house].'] },
    zh: { story: ['[在家下楼梯时|出门下台阶时]踩空，从楼梯上摔下。'] },
  },
  W19: {
    onset: 'hours',
    chronic: false,
    circumstance: true,
    systems: [],
    en: { story: ['Found on the floor at home by [a neighbour|a daughter|a carer]; how the fall happened is not known.'] },
    zh: { story: ['被[邻居|女儿|护工]发现倒在家中地上，跌倒经过不详。'] },
  },
  Z37: {
    onset: 'hours',
    chronic: false,
    circumstance: true,
    systems: [],
    en: {
      story: ['A live [boy|girl] was delivered, {2800..4100} g.'],
      tests: ['Newborn Apgar score {8..10} at 1 minute and {9..10} at 5 minutes.'],
      treatment: ['Mother and baby well; the baby is rooming in and breastfeeding.'],
    },
    zh: {
      story: ['娩出活[男|女]婴，体重{2800..4100}g。'],
      tests: ['新生儿Apgar评分1分钟{8..10}分，5分钟{9..10}分。'],
      treatment: ['母婴情况良好，母婴同室，母乳喂养。'],
    },
  },
  Z99: {
    onset: 'years',
    chronic: true,
    systems: ['kidney'],
    en: {
      treatment: ['Regular haemodialysis continued three times a week during the stay.'],
      medications: ['haemodialysis three times a week through an arteriovenous fistula', 'peritoneal dialysis, four exchanges a day'],
    },
    zh: {
      treatment: ['住院期间继续规律血液透析每周3次。'],
      medications: ['经动静脉内瘘规律血液透析每周3次', '腹膜透析每日4次交换'],
    },
  },
}

const MERGED_PHRASES = new Map<string, CodePhrases>()

/** The phrases for a demo code in one language: its category's, plus those written for the code itself. */
export function codePhrases(code: string, language: DemoLanguage): CodePhrases {
  const key = `${code} ${language}`
  const cached = MERGED_PHRASES.get(key)
  if (cached !== undefined) return cached
  const merged = mergePhrases(code, language)
  MERGED_PHRASES.set(key, merged)
  return merged
}

function mergePhrases(code: string, language: DemoLanguage): CodePhrases {
  const category = code.slice(0, 3)
  const book = PHRASEBOOK[category]
  if (book === undefined) throw new Error(`No demo phrases for ${code}`)
  const own = book.codes?.[code]?.[language] ?? {}
  const shared = book[language]
  const merged = {} as Phrases
  for (const field of PHRASE_FIELDS) merged[field] = [...(shared[field] ?? []), ...(own[field] ?? [])]
  return { ...merged, onset: book.onset, chronic: book.chronic, circumstance: book.circumstance ?? false, systems: book.systems }
}
