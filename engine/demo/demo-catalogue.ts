/**
 * The demo code set: 120 common inpatient ICD-10 codes (WHO-style numbering) in
 * 16 chapters, with chapters, blocks and 3-character categories above them:
 * every condition the demo records document has a code (the outcome of a
 * delivery, a scarred uterus, septic shock, dialysis, the fall behind a
 * fracture…), and each has neighbours a coder could confuse it with.
 * Titles and informal names are our own wording, in English and Simplified
 * Chinese; no code-set file was copied.
 *
 * Informal names are what clinicians write on a discharge summary ("HTN",
 * "慢阻肺"). The generator writes diagnosis names from them, and the noise
 * injector needs them one level up too: a *vague* error replaces a code's name
 * with its category's name ("diabetes" for T2DM), so every category — and every
 * block above an assignable category, such as `I10-I15` above `I10` — has names.
 * Each name belongs to exactly one entry, so a name can be resolved back to its code.
 */
import type { CodeEntry, CodeLevel, CodeSetData, CodeTerm } from '../taxonomy/code-set-data.js'

export type DemoLanguage = 'en' | 'zh'

export const DEMO_LANGUAGES: readonly DemoLanguage[] = ['en', 'zh']

interface CatalogueNode {
  code: string
  titleEn: string
  titleZh: string
  namesEn: readonly string[]
  namesZh: readonly string[]
  children: readonly CatalogueNode[]
}

interface CatalogueEntry {
  code: string
  level: CodeLevel
  parent: string | null
  assignable: boolean
  title: Record<DemoLanguage, string>
  names: Record<DemoLanguage, readonly string[]>
}

const LEVEL_BY_DEPTH: readonly CodeLevel[] = ['chapter', 'block', 'category', 'code']

function entry(
  code: string,
  titleEn: string,
  titleZh: string,
  namesEn: readonly string[],
  namesZh: readonly string[],
  children: readonly CatalogueNode[] = [],
): CatalogueNode {
  return { code, titleEn, titleZh, namesEn, namesZh, children }
}

const CATALOGUE: readonly CatalogueNode[] = [
  entry('I', 'Certain infectious and parasitic diseases', '某些传染病和寄生虫病', ['infectious disease'], ['传染病'], [
    entry('A30-A49', 'Other bacterial diseases', '其他细菌性疾病', ['bacterial infection'], ['细菌感染'], [
      entry('A41', 'Other sepsis', '其他脓毒症', ['sepsis', 'septicaemia'], ['脓毒症', '败血症'], [
        entry('A41.5', 'Sepsis due to other Gram-negative organisms', '其他革兰阴性菌引起的脓毒症',
          ['Gram-negative sepsis', 'E. coli sepsis', 'GNB sepsis'], ['革兰阴性菌脓毒症', '大肠埃希菌脓毒症', 'G-菌败血症']),
        entry('A41.9', 'Sepsis, unspecified', '脓毒症，未特指', ['sepsis NOS', 'severe sepsis', 'bloodstream infection'], ['脓毒血症', '严重脓毒症', '全身性感染']),
      ]),
    ]),
    entry('B15-B19', 'Viral hepatitis', '病毒性肝炎', ['hepatitis'], ['肝炎'], [
      entry('B18', 'Chronic viral hepatitis', '慢性病毒性肝炎', ['chronic hepatitis', 'CVH'], ['慢性肝炎', '慢肝'], [
        entry('B18.1', 'Chronic viral hepatitis B', '慢性乙型病毒性肝炎', ['chronic HBV', 'CHB', 'hepatitis B', 'HBV infection'], ['慢性乙型肝炎', '慢乙肝', '乙肝', '乙型肝炎病毒感染']),
        entry('B18.2', 'Chronic viral hepatitis C', '慢性丙型病毒性肝炎', ['chronic HCV', 'hepatitis C', 'CHC'], ['慢性丙型肝炎', '丙肝', '慢丙肝']),
      ]),
    ]),
  ]),
  entry('II', 'Neoplasms', '肿瘤', ['cancer', 'malignancy'], ['癌症', '恶性肿瘤'], [
    entry('C15-C26', 'Malignant neoplasms of digestive organs', '消化器官恶性肿瘤', ['GI cancer'], ['消化道肿瘤'], [
      entry('C16', 'Malignant neoplasm of stomach', '胃恶性肿瘤', ['gastric cancer', 'stomach cancer'], ['胃癌', '胃Ca'], [
        entry('C16.0', 'Malignant neoplasm of cardia', '贲门恶性肿瘤', ['cardia cancer', 'gastric cardia carcinoma', 'GEJ cancer'], ['贲门癌', '贲门Ca', '胃贲门癌']),
        entry('C16.9', 'Malignant neoplasm of stomach, unspecified', '胃恶性肿瘤，未特指', ['gastric carcinoma', 'gastric adenocarcinoma', 'Ca stomach'], ['胃腺癌', '胃体癌', '进展期胃癌']),
      ]),
      entry('C18', 'Malignant neoplasm of colon', '结肠恶性肿瘤', ['colon cancer', 'bowel cancer'], ['结肠癌', '肠癌'], [
        entry('C18.7', 'Malignant neoplasm of sigmoid colon', '乙状结肠恶性肿瘤', ['sigmoid cancer', 'sigmoid colon carcinoma', 'Ca sigmoid'], ['乙状结肠癌', '乙状结肠腺癌']),
        entry('C18.9', 'Malignant neoplasm of colon, unspecified', '结肠恶性肿瘤，未特指', ['colonic adenocarcinoma', 'colon carcinoma', 'Ca colon'], ['结肠腺癌', '结肠Ca']),
      ]),
      entry('C22', 'Malignant neoplasm of liver and intrahepatic bile ducts', '肝和肝内胆管恶性肿瘤', ['liver cancer', 'primary liver cancer'], ['肝癌', '原发性肝癌'], [
        entry('C22.0', 'Liver cell carcinoma', '肝细胞癌', ['HCC', 'hepatocellular carcinoma', 'hepatoma'], ['肝细胞肝癌', 'HCC', '原发性肝细胞癌']),
        entry('C22.1', 'Intrahepatic bile duct carcinoma', '肝内胆管癌', ['cholangiocarcinoma', 'ICC', 'intrahepatic cholangiocarcinoma'], ['胆管细胞癌', '肝内胆管细胞癌', 'ICC']),
      ]),
    ]),
    entry('C30-C39', 'Malignant neoplasms of respiratory and intrathoracic organs', '呼吸和胸腔内器官恶性肿瘤', ['thoracic malignancy'], ['胸部肿瘤'], [
      entry('C34', 'Malignant neoplasm of bronchus and lung', '支气管和肺恶性肿瘤', ['lung cancer', 'bronchogenic carcinoma'], ['肺癌', '支气管肺癌'], [
        entry('C34.1', 'Malignant neoplasm of upper lobe, bronchus or lung', '上叶支气管或肺恶性肿瘤', ['upper lobe lung cancer', 'RUL adenocarcinoma', 'LUL carcinoma'], ['右肺上叶癌', '左肺上叶腺癌', '肺上叶癌']),
        entry('C34.9', 'Malignant neoplasm of bronchus or lung, unspecified', '支气管或肺恶性肿瘤，未特指', ['NSCLC', 'lung adenocarcinoma', 'Ca lung'], ['非小细胞肺癌', '肺腺癌', '肺鳞癌']),
      ]),
    ]),
    entry('C50-C50', 'Malignant neoplasm of breast', '乳房恶性肿瘤', ['breast malignancy'], ['乳房恶性病变'], [
      entry('C50', 'Malignant neoplasm of breast', '乳房恶性肿瘤', ['breast cancer', 'Ca breast'], ['乳腺癌', '乳癌'], [
        entry('C50.4', 'Malignant neoplasm of upper-outer quadrant of breast', '乳房外上象限恶性肿瘤', ['UOQ breast cancer', 'upper outer quadrant breast carcinoma'], ['乳腺外上象限癌', '左乳外上象限癌']),
        entry('C50.9', 'Malignant neoplasm of breast, unspecified', '乳房恶性肿瘤，未特指', ['invasive ductal carcinoma', 'IDC breast', 'breast carcinoma'], ['乳腺浸润性导管癌', '乳腺恶性肿瘤', '乳腺Ca']),
      ]),
    ]),
  ]),
  entry('III', 'Diseases of the blood and blood-forming organs', '血液及造血器官疾病', ['blood disorder'], ['血液病'], [
    entry('D50-D53', 'Nutritional anaemias', '营养性贫血', ['nutritional anaemia'], ['营养性贫血'], [
      entry('D50', 'Iron deficiency anaemia', '缺铁性贫血', ['anaemia', 'anemia', 'low haemoglobin'], ['贫血', '血红蛋白低'], [
        entry('D50.0', 'Iron deficiency anaemia secondary to chronic blood loss', '继发于慢性失血的缺铁性贫血', ['chronic blood loss anaemia', 'anaemia due to GI bleeding', 'posthaemorrhagic IDA'], ['失血性贫血', '慢性失血性贫血', '消化道出血后贫血']),
        entry('D50.9', 'Iron deficiency anaemia, unspecified', '缺铁性贫血，未特指', ['IDA', 'iron deficiency anemia', 'iron-deficiency anaemia'], ['缺铁性贫血', '缺铁贫', 'IDA']),
      ]),
    ]),
  ]),
  entry('IV', 'Endocrine, nutritional and metabolic diseases', '内分泌、营养和代谢疾病', ['metabolic disease'], ['代谢病'], [
    entry('E00-E07', 'Disorders of thyroid gland', '甲状腺疾患', ['thyroid disease'], ['甲状腺病'], [
      entry('E03', 'Other hypothyroidism', '其他甲状腺功能减退症', ['underactive thyroid', 'low thyroid'], ['甲减', '甲状腺功能低下'], [
        entry('E03.9', 'Hypothyroidism, unspecified', '甲状腺功能减退症，未特指', ['hypothyroidism', 'hypothyroid', 'primary hypothyroidism'], ['甲状腺功能减退症', '原发性甲减', '甲低']),
      ]),
      entry('E05', 'Thyrotoxicosis', '甲状腺毒症', ['hyperthyroidism', 'overactive thyroid'], ['甲亢', '甲状腺功能亢进'], [
        entry('E05.0', 'Thyrotoxicosis with diffuse goitre', '甲状腺毒症伴弥漫性甲状腺肿', ["Graves' disease", 'Graves disease', 'diffuse toxic goitre'], ['Graves病', '弥漫性毒性甲状腺肿', '格雷夫斯病']),
        entry('E05.9', 'Thyrotoxicosis, unspecified', '甲状腺毒症，未特指', ['thyrotoxicosis', 'thyrotoxic state'], ['甲状腺毒症', '甲状腺功能亢进症']),
      ]),
    ]),
    entry('E10-E14', 'Diabetes mellitus', '糖尿病', ['glucose disorder'], ['血糖异常'], [
      entry('E10', 'Type 1 diabetes mellitus', '1型糖尿病', ['insulin-dependent diabetes', 'juvenile-onset diabetes'], ['胰岛素依赖型糖尿病', '青少年糖尿病'], [
        entry('E10.1', 'Type 1 diabetes mellitus with ketoacidosis', '1型糖尿病伴有酮症酸中毒', ['DKA', 'diabetic ketoacidosis', 'T1DM with DKA'], ['糖尿病酮症酸中毒', '酮症酸中毒', 'DKA']),
        entry('E10.9', 'Type 1 diabetes mellitus without complications', '1型糖尿病不伴有并发症', ['T1DM', 'type 1 diabetes', 'IDDM'], ['1型糖尿病', 'I型糖尿病', '1型DM']),
      ]),
      entry('E11', 'Type 2 diabetes mellitus', '2型糖尿病', ['diabetes', 'DM', 'diabetes mellitus'], ['糖尿病', '血糖高'], [
        entry('E11.2', 'Type 2 diabetes mellitus with kidney complications', '2型糖尿病伴有肾并发症', ['diabetic nephropathy', 'DKD', 'T2DM with nephropathy'], ['糖尿病肾病', '2型糖尿病肾病', '糖肾']),
        entry('E11.4', 'Type 2 diabetes mellitus with neurological complications', '2型糖尿病伴有神经并发症', ['diabetic neuropathy', 'DPN', 'diabetic peripheral neuropathy'], ['糖尿病周围神经病变', '糖尿病神经病变', '2型糖尿病周围神经病']),
        entry('E11.9', 'Type 2 diabetes mellitus without complications', '2型糖尿病不伴有并发症', ['T2DM', 'type 2 diabetes', 'NIDDM'], ['2型糖尿病', '非胰岛素依赖型糖尿病', 'II型糖尿病']),
      ]),
    ]),
    entry('E70-E90', 'Metabolic disorders', '代谢紊乱', ['metabolic disorder'], ['代谢紊乱'], [
      entry('E78', 'Disorders of lipoprotein metabolism and other lipidaemias', '脂蛋白代谢紊乱和其他脂血症', ['dyslipidaemia', 'lipid disorder', 'abnormal lipids'], ['血脂异常', '血脂紊乱'], [
        entry('E78.0', 'Pure hypercholesterolaemia', '单纯性高胆固醇血症', ['hypercholesterolaemia', 'high cholesterol', 'familial hypercholesterolaemia'], ['高胆固醇血症', '胆固醇高']),
        entry('E78.5', 'Hyperlipidaemia, unspecified', '高脂血症，未特指', ['hyperlipidaemia', 'HLD', 'hyperlipidemia'], ['高脂血症', '高血脂', '血脂高']),
      ]),
      entry('E87', 'Other disorders of fluid, electrolyte and acid-base balance', '其他体液、电解质和酸碱平衡紊乱', ['electrolyte imbalance', 'electrolyte disturbance'], ['电解质紊乱', '水电解质紊乱'], [
        entry('E87.1', 'Hypo-osmolality and hyponatraemia', '低渗透压和低钠血症', ['hyponatraemia', 'low sodium', 'hyponatremia'], ['低钠血症', '低钠', '血钠低']),
        entry('E87.6', 'Hypokalaemia', '低钾血症', ['hypokalaemia', 'low potassium', 'hypokalemia'], ['低钾血症', '低血钾', '低钾']),
      ]),
    ]),
  ]),
  entry('V', 'Mental and behavioural disorders', '精神和行为障碍', ['mental illness'], ['精神疾病'], [
    entry('F30-F39', 'Mood disorders', '心境障碍', ['mood disorder'], ['情感障碍'], [
      entry('F32', 'Depressive episode', '抑郁发作', ['depression', 'low mood'], ['抑郁', '情绪低落'], [
        entry('F32.1', 'Moderate depressive episode', '中度抑郁发作', ['moderate depression', 'moderate depressive episode', 'MDD moderate'], ['中度抑郁', '中度抑郁症']),
        entry('F32.9', 'Depressive episode, unspecified', '抑郁发作，未特指', ['depressive disorder', 'major depression', 'MDD'], ['抑郁症', '抑郁状态']),
      ]),
    ]),
  ]),
  entry('IX', 'Diseases of the circulatory system', '循环系统疾病', ['heart disease', 'cardiovascular disease'], ['心脏病', '心血管病'], [
    entry('I10-I15', 'Hypertensive diseases', '高血压性疾病', ['hypertensive disorder', 'blood pressure problem'], ['高血压性疾病', '血压问题'], [
      entry('I10', 'Essential (primary) hypertension', '特发性（原发性）高血压', ['HTN', 'hypertension', 'essential hypertension', 'high BP'], ['高血压', '高血压病', '原发性高血压']),
      entry('I11', 'Hypertensive heart disease', '高血压性心脏病', ['hypertensive heart disease', 'HHD'], ['高血压性心脏病', '高心病'], [
        entry('I11.0', 'Hypertensive heart disease with heart failure', '高血压性心脏病伴有心力衰竭', ['HHD with heart failure', 'hypertensive heart failure', 'hypertensive CHF'], ['高血压心脏病心衰', '高血压性心衰', '高心病伴心衰']),
        entry('I11.9', 'Hypertensive heart disease without heart failure', '高血压性心脏病不伴有心力衰竭', ['HHD without heart failure', 'hypertensive LVH', 'LVH due to hypertension'], ['高血压心脏病', '高血压性左室肥厚', '高血压心肌肥厚']),
      ]),
      entry('I12', 'Hypertensive renal disease', '高血压性肾脏病', ['hypertensive kidney disease', 'hypertensive nephropathy'], ['高血压肾病', '高血压性肾病'], [
        entry('I12.0', 'Hypertensive renal disease with renal failure', '高血压性肾脏病伴有肾衰竭', ['hypertensive renal failure', 'hypertensive ESRD', 'hypertensive CKD with renal failure'], ['高血压性肾衰竭', '高血压肾病尿毒症期', '高血压肾病肾衰竭']),
        entry('I12.9', 'Hypertensive renal disease without renal failure', '高血压性肾脏病不伴有肾衰竭', ['hypertensive CKD', 'hypertensive nephrosclerosis', 'benign nephrosclerosis'], ['高血压肾损害', '高血压性肾硬化', '良性小动脉性肾硬化']),
      ]),
    ]),
    entry('I20-I25', 'Ischaemic heart diseases', '缺血性心脏病', ['IHD', 'ischaemic heart disease'], ['缺血性心脏病', '心肌缺血'], [
      entry('I20', 'Angina pectoris', '心绞痛', ['angina', 'anginal chest pain'], ['心绞痛', '心绞痛发作'], [
        entry('I20.0', 'Unstable angina', '不稳定型心绞痛', ['unstable angina', 'crescendo angina', 'UAP'], ['不稳定型心绞痛', '不稳定心绞痛', '初发劳力型心绞痛']),
        entry('I20.9', 'Angina pectoris, unspecified', '心绞痛，未特指', ['stable angina', 'exertional angina', 'angina of effort'], ['稳定型心绞痛', '劳力性心绞痛']),
      ]),
      entry('I21', 'Acute myocardial infarction', '急性心肌梗死', ['heart attack', 'acute MI', 'AMI'], ['心梗', '急性心梗'], [
        entry('I21.0', 'Acute transmural myocardial infarction of anterior wall', '急性前壁透壁性心肌梗死', ['anterior STEMI', 'acute anterior MI', 'anterior wall MI'], ['急性前壁心梗', '急性前壁心肌梗死', '前壁STEMI']),
        entry('I21.1', 'Acute transmural myocardial infarction of inferior wall', '急性下壁透壁性心肌梗死', ['inferior STEMI', 'acute inferior MI', 'inferior wall MI'], ['急性下壁心梗', '急性下壁心肌梗死', '下壁STEMI']),
        entry('I21.4', 'Acute subendocardial myocardial infarction', '急性心内膜下心肌梗死', ['NSTEMI', 'non-ST elevation MI', 'subendocardial MI'], ['非ST段抬高型心肌梗死', '急性非ST段抬高心梗', 'NSTEMI']),
      ]),
      entry('I25', 'Chronic ischaemic heart disease', '慢性缺血性心脏病', ['chronic IHD', 'coronary disease'], ['慢性冠脉病', '冠脉病变'], [
        entry('I25.1', 'Atherosclerotic heart disease', '动脉粥样硬化性心脏病', ['CAD', 'coronary artery disease', 'CHD', 'coronary heart disease'], ['冠心病', '冠状动脉粥样硬化性心脏病', '冠脉粥样硬化']),
        entry('I25.2', 'Old myocardial infarction', '陈旧性心肌梗死', ['old MI', 'previous MI', 'healed myocardial infarction'], ['陈旧性心梗', '陈旧性心肌梗死', '陈旧心梗']),
        entry('I25.9', 'Chronic ischaemic heart disease, unspecified', '慢性缺血性心脏病，未特指', ['ischaemic cardiomyopathy', 'chronic myocardial ischaemia'], ['缺血性心肌病', '慢性心肌缺血']),
      ]),
    ]),
    entry('I30-I52', 'Other forms of heart disease', '其他类型的心脏病', ['cardiac disorder'], ['心脏疾患'], [
      entry('I48', 'Atrial fibrillation and flutter', '心房颤动和心房扑动', ['AF', 'atrial fibrillation', 'irregular heartbeat'], ['房颤', '心房颤动'], [
        entry('I48.0', 'Paroxysmal atrial fibrillation', '阵发性心房颤动', ['PAF', 'paroxysmal AF', 'paroxysmal atrial fibrillation'], ['阵发性房颤', '阵发性心房颤动']),
        entry('I48.1', 'Persistent atrial fibrillation', '持续性心房颤动', ['persistent AF', 'persistent atrial fibrillation', 'PersAF'], ['持续性房颤', '持续性心房颤动']),
        entry('I48.9', 'Atrial fibrillation and atrial flutter, unspecified', '心房颤动和心房扑动，未特指', ['AFib', 'atrial flutter', 'A-fib'], ['房扑', '心房扑动', '房颤房扑']),
      ]),
      entry('I50', 'Heart failure', '心力衰竭', ['heart failure', 'HF', 'cardiac failure'], ['心衰', '心力衰竭', '心功能不全'], [
        entry('I50.0', 'Congestive heart failure', '充血性心力衰竭', ['CHF', 'congestive heart failure', 'congestive cardiac failure'], ['充血性心衰', '全心衰', '充血性心力衰竭']),
        entry('I50.1', 'Left ventricular failure', '左心室衰竭', ['LVF', 'left heart failure', 'left ventricular failure'], ['左心衰', '左心功能不全', '急性左心衰']),
        entry('I50.9', 'Heart failure, unspecified', '心力衰竭，未特指', ['HFrEF', 'chronic heart failure', 'HFpEF'], ['慢性心衰', '慢性心功能不全']),
      ]),
    ]),
    entry('I60-I69', 'Cerebrovascular diseases', '脑血管病', ['stroke', 'CVA'], ['中风', '脑卒中'], [
      entry('I61', 'Intracerebral haemorrhage', '脑内出血', ['brain haemorrhage', 'ICH', 'haemorrhagic stroke'], ['脑出血', '脑溢血', '出血性卒中'], [
        entry('I61.0', 'Intracerebral haemorrhage in hemisphere, subcortical', '大脑半球皮质下脑内出血', ['basal ganglia haemorrhage', 'subcortical ICH', 'putaminal haemorrhage'], ['基底节区脑出血', '基底节出血', '皮质下出血']),
        entry('I61.9', 'Intracerebral haemorrhage, unspecified', '脑内出血，未特指', ['intracerebral bleed', 'hypertensive ICH', 'spontaneous ICH'], ['高血压脑出血', '自发性脑出血', '脑实质出血']),
      ]),
      entry('I63', 'Cerebral infarction', '脑梗死', ['ischaemic stroke', 'cerebral infarct'], ['脑梗', '缺血性脑卒中'], [
        entry('I63.3', 'Cerebral infarction due to thrombosis of cerebral arteries', '大脑动脉血栓形成引起的脑梗死', ['atherothrombotic stroke', 'cerebral thrombosis', 'large artery atherosclerotic stroke'], ['脑血栓', '脑血栓形成', '动脉粥样硬化性脑梗死']),
        entry('I63.4', 'Cerebral infarction due to embolism of cerebral arteries', '大脑动脉栓塞引起的脑梗死', ['cardioembolic stroke', 'cerebral embolism', 'embolic stroke'], ['脑栓塞', '心源性脑栓塞', '心源性脑梗死']),
        entry('I63.9', 'Cerebral infarction, unspecified', '脑梗死，未特指', ['acute ischaemic stroke', 'AIS', 'cerebral infarction'], ['脑梗死', '急性脑梗死', '急性缺血性脑卒中']),
      ]),
    ]),
  ]),
  entry('X', 'Diseases of the respiratory system', '呼吸系统疾病', ['lung disease', 'chest disease'], ['肺病', '呼吸道疾病'], [
    entry('J09-J18', 'Influenza and pneumonia', '流行性感冒和肺炎', ['flu or pneumonia'], ['流感或肺炎'], [
      entry('J18', 'Pneumonia, organism unspecified', '肺炎，病原体未特指', ['chest infection', 'LRTI', 'lung infection'], ['肺部感染', '肺感染', '下呼吸道感染'], [
        entry('J18.0', 'Bronchopneumonia, unspecified', '支气管肺炎，未特指', ['bronchopneumonia', 'lobular pneumonia'], ['支气管肺炎', '小叶性肺炎']),
        entry('J18.1', 'Lobar pneumonia, unspecified', '大叶性肺炎，未特指', ['lobar pneumonia', 'RLL pneumonia', 'right lower lobe pneumonia'], ['大叶性肺炎', '右下肺炎', '右肺下叶肺炎']),
        entry('J18.9', 'Pneumonia, unspecified', '肺炎，未特指', ['pneumonia', 'CAP', 'community-acquired pneumonia'], ['肺炎', '社区获得性肺炎', 'CAP']),
      ]),
    ]),
    entry('J40-J47', 'Chronic lower respiratory diseases', '慢性下呼吸道疾病', ['chronic airway disease'], ['慢性气道疾病'], [
      entry('J44', 'Other chronic obstructive pulmonary disease', '其他慢性阻塞性肺病', ['chronic lung disease', 'obstructive airway disease'], ['慢性肺病', '阻塞性肺病'], [
        entry('J44.0', 'Chronic obstructive pulmonary disease with acute lower respiratory infection', '慢性阻塞性肺病伴有急性下呼吸道感染', ['COPD with chest infection', 'infective exacerbation of COPD', 'COPD with LRTI'], ['慢阻肺合并感染', '慢阻肺伴肺部感染', '慢性阻塞性肺疾病合并感染']),
        entry('J44.1', 'Chronic obstructive pulmonary disease with acute exacerbation', '慢性阻塞性肺病伴有急性加重', ['AECOPD', 'COPD exacerbation', 'acute exacerbation of COPD'], ['慢阻肺急性加重', 'AECOPD', '慢阻肺急性加重期']),
        entry('J44.9', 'Chronic obstructive pulmonary disease, unspecified', '慢性阻塞性肺病，未特指', ['COPD', 'chronic obstructive pulmonary disease', 'chronic bronchitis with emphysema'], ['慢阻肺', '慢性阻塞性肺疾病', '老慢支']),
      ]),
      entry('J45', 'Asthma', '哮喘', ['asthma', 'wheezy chest'], ['哮喘', '气喘病'], [
        entry('J45.0', 'Predominantly allergic asthma', '变应性哮喘', ['allergic asthma', 'atopic asthma', 'extrinsic asthma'], ['过敏性哮喘', '变应性哮喘', '外源性哮喘']),
        entry('J45.9', 'Asthma, unspecified', '哮喘，未特指', ['bronchial asthma', 'asthma NOS', 'acute asthma'], ['支气管哮喘', '哮喘急性发作']),
      ]),
    ]),
    entry('J95-J99', 'Other diseases of the respiratory system', '呼吸系统的其他疾病', ['respiratory disorder'], ['呼吸系统疾患'], [
      entry('J96', 'Respiratory failure, not elsewhere classified', '呼吸衰竭，不可归类在他处者', ['respiratory failure', 'resp failure'], ['呼吸衰竭', '呼衰'], [
        entry('J96.0', 'Acute respiratory failure', '急性呼吸衰竭', ['acute respiratory failure', 'type 1 respiratory failure', 'acute hypoxaemic respiratory failure'], ['急性呼吸衰竭', 'I型呼吸衰竭', '急性呼衰']),
        entry('J96.1', 'Chronic respiratory failure', '慢性呼吸衰竭', ['chronic respiratory failure', 'type 2 respiratory failure', 'chronic hypercapnic respiratory failure'], ['慢性呼吸衰竭', 'II型呼吸衰竭', '慢性呼衰']),
      ]),
    ]),
  ]),
  entry('XI', 'Diseases of the digestive system', '消化系统疾病', ['digestive disease', 'GI disease'], ['消化病', '胃肠病'], [
    entry('K20-K31', 'Diseases of oesophagus, stomach and duodenum', '食管、胃和十二指肠疾病', ['upper GI disease'], ['上消化道疾病'], [
      entry('K21', 'Gastro-oesophageal reflux disease', '胃食管反流病', ['reflux', 'acid reflux'], ['反流', '胃酸反流'], [
        entry('K21.0', 'Gastro-oesophageal reflux disease with oesophagitis', '胃食管反流病伴有食管炎', ['reflux oesophagitis', 'erosive oesophagitis', 'GERD with esophagitis'], ['反流性食管炎', '糜烂性食管炎']),
        entry('K21.9', 'Gastro-oesophageal reflux disease without oesophagitis', '胃食管反流病不伴有食管炎', ['GORD', 'GERD', 'NERD'], ['胃食管反流病', '非糜烂性反流病', 'GERD']),
      ]),
      entry('K25', 'Gastric ulcer', '胃溃疡', ['stomach ulcer', 'peptic ulcer'], ['胃溃疡', '消化性溃疡'], [
        entry('K25.4', 'Gastric ulcer, chronic or unspecified, with haemorrhage', '慢性或未特指的胃溃疡伴有出血', ['bleeding gastric ulcer', 'gastric ulcer with bleeding', 'GU with haemorrhage'], ['胃溃疡伴出血', '胃溃疡出血', '出血性胃溃疡']),
        entry('K25.9', 'Gastric ulcer, unspecified, without haemorrhage or perforation', '胃溃疡，不伴有出血或穿孔', ['gastric ulcer', 'GU', 'benign gastric ulcer'], ['胃角溃疡', '胃窦溃疡', '良性胃溃疡']),
      ]),
      entry('K29', 'Gastritis and duodenitis', '胃炎和十二指肠炎', ['gastritis', 'stomach inflammation'], ['胃炎', '胃病'], [
        entry('K29.5', 'Chronic gastritis, unspecified', '慢性胃炎，未特指', ['chronic gastritis', 'chronic superficial gastritis', 'CSG'], ['慢性胃炎', '慢性浅表性胃炎', '慢性非萎缩性胃炎']),
        entry('K29.7', 'Gastritis, unspecified', '胃炎，未特指', ['gastritis NOS', 'erosive gastritis'], ['糜烂性胃炎', '胃黏膜炎症']),
      ]),
    ]),
    entry('K35-K38', 'Diseases of appendix', '阑尾疾病', ['appendix disease'], ['阑尾病'], [
      entry('K35', 'Acute appendicitis', '急性阑尾炎', ['appendicitis', 'appy'], ['阑尾炎', '盲肠炎'], [
        entry('K35.3', 'Acute appendicitis with localized peritonitis', '急性阑尾炎伴有局限性腹膜炎', ['perforated appendicitis', 'appendicitis with localised peritonitis', 'appendiceal abscess'], ['阑尾炎穿孔', '化脓性阑尾炎伴局限性腹膜炎', '阑尾周围脓肿']),
        entry('K35.8', 'Acute appendicitis, other and unspecified', '急性阑尾炎，其他和未特指的', ['acute appendicitis', 'acute suppurative appendicitis', 'simple appendicitis'], ['急性阑尾炎', '急性化脓性阑尾炎', '急性单纯性阑尾炎']),
      ]),
    ]),
    entry('K70-K77', 'Diseases of liver', '肝疾病', ['liver disease'], ['肝病'], [
      entry('K74', 'Fibrosis and cirrhosis of liver', '肝纤维化和肝硬化', ['liver scarring', 'chronic liver disease'], ['肝纤维化', '肝硬变'], [
        entry('K74.6', 'Other and unspecified cirrhosis of liver', '肝硬化，其他和未特指的', ['cirrhosis', 'liver cirrhosis', 'decompensated cirrhosis'], ['肝硬化', '失代偿期肝硬化', '肝硬化失代偿']),
      ]),
      entry('K76', 'Other diseases of liver', '肝的其他疾病', ['liver problem'], ['肝脏病变'], [
        entry('K76.0', 'Fatty liver, not elsewhere classified', '脂肪肝，不可归类在他处者', ['fatty liver', 'NAFLD', 'hepatic steatosis'], ['脂肪肝', '非酒精性脂肪肝', '脂肪性肝病']),
      ]),
    ]),
    entry('K80-K87', 'Disorders of gallbladder, biliary tract and pancreas', '胆囊、胆道和胰腺疾患', ['biliary disease'], ['胆胰疾病'], [
      entry('K80', 'Cholelithiasis', '胆石症', ['gallstones', 'gallstone disease'], ['胆结石', '胆石症'], [
        entry('K80.1', 'Calculus of gallbladder with other cholecystitis', '胆囊结石伴有其他胆囊炎', ['calculous cholecystitis', 'gallstones with cholecystitis', 'chronic calculous cholecystitis'], ['结石性胆囊炎', '胆囊结石伴胆囊炎', '慢性结石性胆囊炎']),
        entry('K80.2', 'Calculus of gallbladder without cholecystitis', '胆囊结石不伴有胆囊炎', ['cholecystolithiasis', 'gallbladder stones', 'asymptomatic gallstones'], ['胆囊结石', '胆囊多发结石']),
      ]),
      entry('K85', 'Acute pancreatitis', '急性胰腺炎', ['pancreatitis', 'inflamed pancreas'], ['胰腺炎', '胰腺炎症'], [
        entry('K85.1', 'Biliary acute pancreatitis', '胆源性急性胰腺炎', ['gallstone pancreatitis', 'biliary pancreatitis', 'ABP'], ['胆源性胰腺炎', '胆源性急性胰腺炎']),
        entry('K85.9', 'Acute pancreatitis, unspecified', '急性胰腺炎，未特指', ['acute pancreatitis', 'acute oedematous pancreatitis'], ['急性胰腺炎', '急性水肿型胰腺炎']),
      ]),
    ]),
  ]),
  entry('XIII', 'Diseases of the musculoskeletal system and connective tissue', '肌肉骨骼系统和结缔组织疾病', ['bone and joint disease'], ['骨关节病'], [
    entry('M15-M19', 'Arthrosis', '关节病', ['arthritis'], ['关节炎'], [
      entry('M17', 'Gonarthrosis', '膝关节病', ['knee arthritis', 'knee OA'], ['膝关节炎', '老寒腿'], [
        entry('M17.0', 'Primary gonarthrosis, bilateral', '原发性双侧膝关节病', ['bilateral knee OA', 'bilateral knee osteoarthritis', 'osteoarthritis of both knees'], ['双膝骨关节炎', '双侧膝关节骨性关节炎']),
        entry('M17.1', 'Other primary gonarthrosis', '其他原发性膝关节病', ['unilateral knee OA', 'right knee osteoarthritis', 'left knee osteoarthritis'], ['右膝骨关节炎', '左膝骨关节炎', '单侧膝骨关节炎']),
      ]),
    ]),
    entry('M80-M85', 'Disorders of bone density and structure', '骨密度和骨结构疾患', ['bone density disorder'], ['骨代谢病'], [
      entry('M81', 'Osteoporosis without pathological fracture', '骨质疏松不伴有病理性骨折', ['osteoporosis', 'thin bones'], ['骨质疏松', '骨松'], [
        entry('M81.0', 'Postmenopausal osteoporosis', '绝经后骨质疏松', ['postmenopausal osteoporosis', 'PMO', 'post-menopausal bone loss'], ['绝经后骨质疏松症', '绝经后骨松']),
        entry('M81.9', 'Osteoporosis, unspecified', '骨质疏松，未特指', ['age-related osteoporosis', 'osteoporosis NOS', 'primary osteoporosis'], ['骨质疏松症', '原发性骨质疏松']),
      ]),
    ]),
  ]),
  entry('XIV', 'Diseases of the genitourinary system', '泌尿生殖系统疾病', ['genitourinary disease'], ['泌尿生殖系统病'], [
    entry('N17-N19', 'Renal failure', '肾衰竭', ['kidney failure'], ['肾衰竭'], [
      entry('N17', 'Acute renal failure', '急性肾衰竭', ['acute renal impairment', 'acute kidney problem'], ['急性肾功能不全', '急性肾损害'], [
        entry('N17.0', 'Acute renal failure with tubular necrosis', '急性肾衰竭伴有肾小管坏死', ['ATN', 'acute tubular necrosis'], ['急性肾小管坏死', 'ATN']),
        entry('N17.9', 'Acute renal failure, unspecified', '急性肾衰竭，未特指', ['AKI', 'acute kidney injury', 'ARF'], ['急性肾损伤', 'AKI', '急性肾衰']),
      ]),
      entry('N18', 'Chronic kidney disease', '慢性肾脏病', ['kidney disease', 'renal impairment'], ['肾病', '肾功能不全'], [
        entry('N18.3', 'Chronic kidney disease, stage 3', '慢性肾脏病3期', ['CKD 3', 'CKD stage 3', 'stage 3 CKD'], ['慢性肾脏病3期', 'CKD3期', 'CKD 3期']),
        entry('N18.5', 'Chronic kidney disease, stage 5', '慢性肾脏病5期', ['ESRD', 'CKD 5', 'end-stage renal disease'], ['尿毒症', '终末期肾病', 'CKD5期']),
        entry('N18.9', 'Chronic kidney disease, unspecified', '慢性肾脏病，未特指', ['CKD', 'chronic kidney disease', 'chronic renal failure'], ['慢性肾脏病', '慢性肾衰', '慢性肾功能不全']),
      ]),
    ]),
    entry('N20-N23', 'Urolithiasis', '尿石病', ['urinary stones'], ['尿路结石'], [
      entry('N20', 'Calculus of kidney and ureter', '肾和输尿管结石', ['kidney stones', 'stone disease'], ['泌尿系结石', '结石病'], [
        entry('N20.0', 'Calculus of kidney', '肾结石', ['nephrolithiasis', 'renal calculus', 'renal stone'], ['肾结石', '肾石']),
        entry('N20.1', 'Calculus of ureter', '输尿管结石', ['ureteric stone', 'ureterolithiasis', 'ureteral calculus'], ['输尿管结石', '输尿管石']),
      ]),
    ]),
    entry('N30-N39', 'Other diseases of urinary system', '泌尿系统的其他疾病', ['urinary tract disorder'], ['泌尿道疾病'], [
      entry('N39', 'Other disorders of urinary system', '泌尿系统的其他疾患', ['urinary complaint', 'waterworks problem'], ['泌尿系问题', '尿路问题'], [
        entry('N39.0', 'Urinary tract infection, site not specified', '泌尿道感染，部位未特指', ['UTI', 'urinary tract infection', 'urine infection'], ['尿路感染', '泌尿系感染', '尿感']),
      ]),
    ]),
    entry('N40-N51', 'Diseases of male genital organs', '男性生殖器官疾病', ['prostate problem', 'prostate trouble'], ['前列腺疾病', '前列腺问题'], [
      entry('N40', 'Hyperplasia of prostate', '前列腺增生', ['BPH', 'enlarged prostate', 'prostatic hyperplasia'], ['前列腺增生症', '前列腺肥大', 'BPH']),
    ]),
  ]),
  entry('XV', 'Pregnancy, childbirth and the puerperium', '妊娠、分娩和产褥期', ['pregnancy complication'], ['妊娠并发症'], [
    entry('O10-O16', 'Oedema, proteinuria and hypertensive disorders in pregnancy', '妊娠期水肿、蛋白尿和高血压疾患', ['pregnancy blood pressure disorder'], ['妊娠期高血压疾病'], [
      entry('O14', 'Pre-eclampsia', '子痫前期', ['pregnancy hypertension', 'PIH'], ['妊娠高血压', '妊高症'], [
        entry('O14.0', 'Mild to moderate pre-eclampsia', '轻度至中度子痫前期', ['mild pre-eclampsia', 'pre-eclampsia without severe features', 'mild PET'], ['轻度子痫前期', '子痫前期轻度']),
        entry('O14.1', 'Severe pre-eclampsia', '重度子痫前期', ['severe pre-eclampsia', 'severe PET', 'pre-eclampsia with severe features'], ['重度子痫前期', '子痫前期重度']),
      ]),
    ]),
    entry('O20-O29', 'Other maternal disorders predominantly related to pregnancy', '主要与妊娠有关的其他孕产妇疾患', ['maternal disorder'], ['孕产妇疾患'], [
      entry('O24', 'Diabetes mellitus in pregnancy', '妊娠合并糖尿病', ['diabetes in pregnancy', 'pregnancy diabetes'], ['妊娠期糖代谢异常', '孕期糖尿病'], [
        entry('O24.4', 'Diabetes mellitus arising in pregnancy', '妊娠期发生的糖尿病', ['GDM', 'gestational diabetes', 'gestational diabetes mellitus'], ['妊娠期糖尿病', 'GDM', '妊娠糖尿病']),
        entry('O24.9', 'Diabetes mellitus in pregnancy, unspecified', '妊娠合并糖尿病，未特指', ['pre-existing diabetes in pregnancy', 'diabetes complicating pregnancy'], ['糖尿病合并妊娠', '孕前糖尿病']),
      ]),
    ]),
    entry('O30-O48', 'Maternal care related to the fetus and amniotic cavity and possible delivery problems', '与胎儿和羊膜腔及可能的分娩问题有关的孕产妇医疗', ['antenatal problem'], ['产前问题'], [
      entry('O32', 'Maternal care for known or suspected malpresentation of fetus', '为已知或可疑胎位异常给予的孕产妇医疗', ['malpresentation', 'abnormal fetal lie'], ['胎位异常', '胎位不正'], [
        entry('O32.1', 'Maternal care for breech presentation', '为臀先露给予的孕产妇医疗', ['breech presentation', 'breech', 'frank breech'], ['臀位', '臀先露', '单臀先露']),
        entry('O32.2', 'Maternal care for transverse and oblique lie', '为横位和斜位给予的孕产妇医疗', ['transverse lie', 'oblique lie'], ['横位', '斜位']),
      ]),
      entry('O34', 'Maternal care for known or suspected abnormality of pelvic organs', '为已知或可疑盆腔器官异常给予的孕产妇医疗', ['pelvic abnormality in pregnancy'], ['妊娠合并盆腔器官异常'], [
        entry('O34.2', 'Maternal care due to uterine scar from previous surgery', '为以前的手术瘢痕给予的孕产妇医疗', ['previous caesarean section', 'scarred uterus', 'uterine scar'], ['瘢痕子宫', '剖宫产术后再孕', '子宫瘢痕']),
        entry('O34.3', 'Maternal care for cervical incompetence', '为宫颈机能不全给予的孕产妇医疗', ['cervical incompetence', 'cervical insufficiency'], ['宫颈机能不全', '宫颈功能不全']),
      ]),
    ]),
    entry('O80-O84', 'Delivery', '分娩', ['childbirth'], ['生产'], [
      entry('O82', 'Single delivery by caesarean section', '经剖宫产术的单胎分娩', ['C-section', 'caesarean delivery'], ['剖宫产', '剖腹产'], [
        entry('O82.0', 'Delivery by elective caesarean section', '经选择性剖宫产术的分娩', ['elective caesarean', 'elective C-section', 'planned caesarean section'], ['择期剖宫产', '选择性剖宫产']),
        entry('O82.1', 'Delivery by emergency caesarean section', '经急症剖宫产术的分娩', ['emergency caesarean', 'emergency C-section', 'urgent LSCS'], ['急诊剖宫产', '紧急剖宫产']),
      ]),
    ]),
  ]),
  entry('XVI', 'Certain conditions originating in the perinatal period', '起源于围生期的某些情况', ['perinatal condition'], ['围生期疾病'], [
    entry('P50-P61', 'Haemorrhagic and haematological disorders of fetus and newborn', '胎儿和新生儿的出血性和血液疾患', ['neonatal blood disorder'], ['新生儿血液病'], [
      entry('P59', 'Neonatal jaundice from other and unspecified causes', '其他和未特指原因所致的新生儿黄疸', ['neonatal jaundice', 'newborn jaundice'], ['新生儿黄疸', '新生儿高胆红素血症'], [
        entry('P59.0', 'Neonatal jaundice associated with preterm delivery', '与早产有关的新生儿黄疸', ['jaundice of prematurity', 'preterm jaundice'], ['早产儿黄疸', '早产儿高胆红素血症']),
        entry('P59.9', 'Neonatal jaundice, unspecified', '新生儿黄疸，未特指', ['physiological jaundice', 'neonatal hyperbilirubinaemia'], ['生理性黄疸', '新生儿胆红素升高']),
      ]),
    ]),
  ]),
  entry('XVIII', 'Symptoms, signs and abnormal clinical and laboratory findings, not elsewhere classified', '症状、体征和临床与实验室异常所见，不可归类在他处者', ['abnormal finding'], ['异常所见'], [
    entry('R50-R69', 'General symptoms and signs', '全身症状和体征', ['general symptom'], ['全身症状'], [
      entry('R57', 'Shock, not elsewhere classified', '休克，不可归类在他处者', ['shock', 'circulatory collapse'], ['休克', '循环衰竭'], [
        entry('R57.0', 'Cardiogenic shock', '心源性休克', ['cardiogenic shock', 'pump failure'], ['心源性休克', '泵衰竭']),
        entry('R57.1', 'Hypovolaemic shock', '低血容量性休克', ['hypovolaemic shock', 'haemorrhagic shock'], ['低血容量性休克', '失血性休克']),
        entry('R57.2', 'Septic shock', '脓毒性休克', ['septic shock', 'endotoxic shock'], ['脓毒性休克', '感染性休克', '脓毒症休克']),
        entry('R57.9', 'Shock, unspecified', '休克，未特指', ['shock NOS', 'circulatory shock'], ['休克状态', '循环性休克']),
      ]),
    ]),
  ]),
  entry('XIX', 'Injury, poisoning and certain other consequences of external causes', '损伤、中毒和外因的某些其他后果', ['injury', 'trauma'], ['外伤', '损伤'], [
    entry('S70-S79', 'Injuries to the hip and thigh', '髋和大腿损伤', ['hip injury'], ['髋部外伤'], [
      entry('S72', 'Fracture of femur', '股骨骨折', ['hip fracture', 'broken hip', 'femoral fracture'], ['股骨骨折', '髋部骨折'], [
        entry('S72.0', 'Fracture of neck of femur', '股骨颈骨折', ['NOF fracture', 'fractured neck of femur', 'femoral neck fracture'], ['股骨颈骨折', '股骨颈部骨折']),
        entry('S72.1', 'Pertrochanteric fracture', '经转子骨折', ['intertrochanteric fracture', 'pertrochanteric fracture', 'IT fracture'], ['股骨转子间骨折', '粗隆间骨折', '股骨粗隆间骨折']),
      ]),
    ]),
  ]),
  // The demo leaves out the place-of-occurrence characters of W00–W19 (home, street…): W01 is assigned as it stands.
  entry('XX', 'External causes of morbidity and mortality', '疾病和死亡的外因', ['external cause'], ['外因'], [
    entry('W00-W19', 'Falls', '跌倒', ['fall'], ['跌倒'], [
      entry('W01', 'Fall on same level from slipping, tripping and stumbling', '在同一平面上滑倒、绊倒和摔倒', ['slipped and fell', 'tripped and fell', 'fall on level ground'], ['滑倒', '绊倒', '平地摔倒']),
      entry('W10', 'Fall on and from stairs and steps', '在楼梯和台阶上跌倒或从楼梯和台阶上跌落', ['fall on stairs', 'fell down stairs'], ['楼梯跌倒', '从楼梯摔下']),
      entry('W19', 'Unspecified fall', '未特指的跌倒', ['fall NOS', 'fell at home', 'found on the floor'], ['跌倒后', '在家跌倒', '摔倒']),
    ]),
  ]),
  entry('XXI', 'Factors influencing health status and contact with health services', '影响健康状态和与保健机构接触的因素', ['health status factor'], ['健康状况因素'], [
    entry('Z30-Z39', 'Persons encountering health services in circumstances related to reproduction', '与生殖有关情况下接受医疗保健服务的人', ['reproductive care'], ['生殖保健'], [
      entry('Z37', 'Outcome of delivery', '分娩结局', ['delivery outcome', 'birth outcome'], ['分娩结局', '生产结局'], [
        entry('Z37.0', 'Single live birth', '单胎活产', ['single live birth', 'liveborn infant', 'live birth'], ['单胎活产', '单活婴', '活产']),
        entry('Z37.1', 'Single stillbirth', '单胎死产', ['stillbirth', 'single stillbirth'], ['单胎死产', '死产']),
        entry('Z37.2', 'Twins, both liveborn', '双胎，均为活产', ['twins both liveborn', 'live twins'], ['双胎活产', '双活婴']),
      ]),
    ]),
    entry('Z80-Z99', 'Persons with potential health hazards related to family and personal history and certain conditions influencing health status', '与家族史和个人史以及某些影响健康状态的情况有关的潜在健康危害的人', ['history or status'], ['既往状态'], [
      entry('Z99', 'Dependence on enabling machines and devices, not elsewhere classified', '依赖于促动机器和装置，不可归类在他处者', ['machine dependence'], ['器械依赖'], [
        entry('Z99.1', 'Dependence on respirator', '依赖呼吸机', ['ventilator dependence', 'respirator dependence', 'home ventilation'], ['呼吸机依赖', '依赖呼吸机', '家庭机械通气']),
        entry('Z99.2', 'Dependence on renal dialysis', '依赖肾透析', ['dialysis dependence', 'maintenance haemodialysis', 'on dialysis'], ['维持性血液透析', '透析依赖', '规律透析']),
      ]),
    ]),
  ]),
]

const ENTRIES: ReadonlyMap<string, CatalogueEntry> = flattenCatalogue(CATALOGUE)
const CHILDREN: ReadonlyMap<string, readonly string[]> = childrenByParent(ENTRIES)
const CODE_BY_NAME: Record<DemoLanguage, ReadonlyMap<string, string>> = {
  en: codeByName(ENTRIES, 'en'),
  zh: codeByName(ENTRIES, 'zh'),
}

export function demoCodeSet(): CodeSetData {
  const codes: CodeEntry[] = []
  const terms: CodeTerm[] = []
  for (const catalogueEntry of ENTRIES.values()) {
    const { code, level, parent, assignable, title, names } = catalogueEntry
    codes.push({ code, title: title.en, parent, level, assignable })
    terms.push({ code, term: title.zh, language: 'zh', kind: 'title' })
    for (const language of DEMO_LANGUAGES) {
      for (const name of names[language]) terms.push({ code, term: name, language, kind: 'synonym' })
    }
  }
  return { name: 'demo-icd10', version: '2026.1', language: 'en', label: 'Demo ICD-10 (bilingual)', codes, terms }
}

/** The informal names clinicians write for an entry of any level; empty for an unknown code. */
export function informalNames(code: string, language: DemoLanguage): readonly string[] {
  return ENTRIES.get(code)?.names[language] ?? []
}

export function demoTitle(code: string, language: DemoLanguage): string | undefined {
  return ENTRIES.get(code)?.title[language]
}

export function demoParent(code: string): string | null {
  return ENTRIES.get(code)?.parent ?? null
}

export function isAssignableDemoCode(code: string): boolean {
  return ENTRIES.get(code)?.assignable ?? false
}

/**
 * Codes no demo record is coded with: neighbours a coder could confuse with the
 * codes in use (wrong-name noise draws from them), and the perinatal codes the
 * age rules need (the demo hospital admits no newborns).
 */
export const NEIGHBOUR_ONLY_DEMO_CODES: readonly string[] = ['O32.2', 'O34.3', 'P59.0', 'P59.9', 'R57.9', 'Z37.1', 'Z37.2', 'Z99.1']

export function assignableDemoCodes(): string[] {
  return [...ENTRIES.values()].filter((catalogueEntry) => catalogueEntry.assignable).map((catalogueEntry) => catalogueEntry.code)
}

/**
 * Assignable codes a coder could confuse with `code`: those under its parent
 * (`I25.2` for `I25.1`), or, where the parent holds no other, under the nearest
 * ancestor that does (`I11.0` for `I10`, whose block `I10-I15` holds `I11`).
 */
export function demoSiblings(code: string): string[] {
  for (let ancestor = demoParent(code); ancestor !== null; ancestor = demoParent(ancestor)) {
    const candidates = assignableDescendants(ancestor).filter((candidate) => candidate !== code)
    if (candidates.length > 0) return candidates
  }
  return []
}

/** The entry an informal name belongs to, matched exactly, then ignoring case; null if no entry has it. */
export function findDemoCodeByName(name: string, language: DemoLanguage): string | null {
  const index = CODE_BY_NAME[language]
  return index.get(name) ?? index.get(name.toLowerCase()) ?? null
}

function assignableDescendants(code: string): string[] {
  const found: string[] = []
  for (const child of CHILDREN.get(code) ?? []) {
    if (isAssignableDemoCode(child)) found.push(child)
    found.push(...assignableDescendants(child))
  }
  return found
}

function flattenCatalogue(chapters: readonly CatalogueNode[]): Map<string, CatalogueEntry> {
  const entries = new Map<string, CatalogueEntry>()
  const visit = (node: CatalogueNode, parent: string | null, depth: number): void => {
    const level = LEVEL_BY_DEPTH[depth]
    if (level === undefined) throw new Error(`Demo catalogue nests too deep at ${node.code}`)
    if (entries.has(node.code)) throw new Error(`Demo catalogue lists ${node.code} twice`)
    entries.set(node.code, {
      code: node.code,
      level,
      parent,
      // A category without subdivisions (I10, N40) is itself the code a coder assigns.
      assignable: level === 'code' || (level === 'category' && node.children.length === 0),
      title: { en: node.titleEn, zh: node.titleZh },
      names: { en: node.namesEn, zh: node.namesZh },
    })
    for (const child of node.children) visit(child, node.code, depth + 1)
  }
  for (const chapter of chapters) visit(chapter, null, 0)
  return entries
}

function childrenByParent(entries: ReadonlyMap<string, CatalogueEntry>): Map<string, string[]> {
  const children = new Map<string, string[]>()
  for (const { code, parent } of entries.values()) {
    if (parent === null) continue
    const siblings = children.get(parent) ?? []
    siblings.push(code)
    children.set(parent, siblings)
  }
  return children
}

function codeByName(entries: ReadonlyMap<string, CatalogueEntry>, language: DemoLanguage): Map<string, string> {
  const index = new Map<string, string>()
  for (const { code, names } of entries.values()) {
    for (const name of names[language]) {
      index.set(name, code)
      if (!index.has(name.toLowerCase())) index.set(name.toLowerCase(), code)
    }
  }
  return index
}
