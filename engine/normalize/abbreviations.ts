/**
 * Abbreviations and short forms clinicians write in diagnosis names, with the
 * wording a code title uses. General clinical usage, not fitted to any data
 * set: the pairs coders confirm teach the rest (see `pair-memory.ts`).
 * Latin keys match whole words; Han keys match anywhere in the name.
 */
import { isHan, normaliseText } from './text-features.js'

export const ABBREVIATIONS: ReadonlyArray<readonly [string, string]> = [
  ['htn', 'essential hypertension'],
  ['t2dm', 'type 2 diabetes mellitus'],
  ['t1dm', 'type 1 diabetes mellitus'],
  ['niddm', 'type 2 diabetes mellitus'],
  ['iddm', 'type 1 diabetes mellitus'],
  ['dm', 'diabetes mellitus'],
  ['copd', 'chronic obstructive pulmonary disease'],
  ['epoc', 'enfermedad pulmonar obstructiva cronica'],
  ['chf', 'congestive heart failure'],
  ['cad', 'coronary artery disease atherosclerotic heart disease'],
  ['mi', 'myocardial infarction'],
  ['ami', 'acute myocardial infarction'],
  ['iam', 'infarto agudo de miocardio'],
  ['af', 'atrial fibrillation'],
  ['afib', 'atrial fibrillation'],
  ['fa', 'fibrilacion auricular'],
  ['ckd', 'chronic kidney disease'],
  ['erc', 'enfermedad renal cronica'],
  ['aki', 'acute kidney failure'],
  ['uti', 'urinary tract infection'],
  ['itu', 'infeccion del tracto urinario'],
  ['dvt', 'deep vein thrombosis'],
  ['tvp', 'trombosis venosa profunda'],
  ['pe', 'pulmonary embolism'],
  ['tep', 'tromboembolismo pulmonar'],
  ['tia', 'transient ischemic attack'],
  ['cva', 'cerebral infarction stroke'],
  ['gerd', 'gastro-esophageal reflux disease'],
  ['bph', 'benign prostatic hyperplasia'],
  ['hbp', 'hypertension'],
  ['hta', 'hipertension arterial'],
  ['vih', 'virus de la inmunodeficiencia humana'],
  ['hiv', 'human immunodeficiency virus disease'],
  ['tb', 'tuberculosis'],
  ['ra', 'rheumatoid arthritis'],
  ['oa', 'osteoarthritis'],
  ['慢阻肺', '慢性阻塞性肺疾病'],
  ['冠心病', '冠状动脉粥样硬化性心脏病'],
  ['高心病', '高血压性心脏病'],
  ['肺心病', '肺源性心脏病'],
  ['风心病', '风湿性心脏病'],
  ['心梗', '心肌梗死'],
  ['脑梗', '脑梗死'],
  ['房颤', '心房颤动'],
  ['房扑', '心房扑动'],
  ['室早', '室性早搏'],
  ['房早', '房性早搏'],
  ['心衰', '心力衰竭'],
  ['肾衰', '肾衰竭'],
  ['慢支', '慢性支气管炎'],
  ['上感', '上呼吸道感染'],
  ['甲亢', '甲状腺功能亢进症'],
  ['甲减', '甲状腺功能减退症'],
  ['高血脂', '高脂血症'],
  ['脑出血', '脑内出血'],
  ['尿毒症', '慢性肾脏病5期'],
  ['乙肝', '慢性乙型病毒性肝炎'],
  ['丙肝', '丙型病毒性肝炎'],
  ['腰突', '腰椎间盘突出'],
  ['尿路感染', '泌尿道感染'],
  ['肺感染', '肺部感染'],
  ['支扩', '支气管扩张'],
  ['心功不全', '心功能不全'],
  ['脑梗塞', '脑梗死'],
  ['腔梗', '腔隙性脑梗死'],
  ['急性肾损伤', '急性肾衰竭'],
  ['慢性肾功能不全', '慢性肾衰竭'],
  ['双膝骨关节炎', '双侧膝关节骨性关节病'],
  ['骨关节炎', '骨性关节病'],
  ['高血压病', '高血压'],
  ['糖尿病肾病', '糖尿病性肾病'],
  ['冠脉', '冠状动脉'],
  ['pci术后', '冠状动脉支架植入后状态'],
]

export interface AbbreviationTable {
  latin: Map<string, string>
  han: Array<readonly [string, string]>
}

export function buildAbbreviationTable(entries: ReadonlyArray<readonly [string, string]> = ABBREVIATIONS): AbbreviationTable {
  const latin = new Map<string, string>()
  const han: Array<readonly [string, string]> = []
  for (const [short, long] of entries) {
    const key = normaliseText(short)
    if ([...key].some(isHan)) han.push([key, normaliseText(long)])
    else latin.set(key, normaliseText(long))
  }
  // Longest first, so that 慢阻肺 is expanded before a shorter key inside it.
  han.sort((a, b) => b[0].length - a[0].length)
  return { latin, han }
}

/**
 * The name with its abbreviations written out, or null when it has none.
 * Input and output are normalised text.
 */
export function expandAbbreviations(normalised: string, table: AbbreviationTable): string | null {
  let changed = false
  let expanded = normalised.replace(/[\p{L}\p{N}]+/gu, (word) => {
    const long = table.latin.get(word)
    if (long === undefined) return word
    changed = true
    return long
  })
  for (const [short, long] of table.han) {
    // The long form is there already (心力衰竭 holds no 心衰, but 冠心病 may sit beside its long form).
    if (!expanded.includes(short) || expanded.includes(long)) continue
    expanded = expanded.split(short).join(long)
    changed = true
  }
  return changed ? expanded : null
}
