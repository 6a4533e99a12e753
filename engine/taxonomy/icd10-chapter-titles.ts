/**
 * The 22 ICD-10 chapters with their code ranges and titles (WHO ICD-10 in
 * English; the Chinese titles of the national edition), for reports laid out
 * per chapter as the CliniCoCo paper's Table 4. Keys match `icd10Chapter`.
 */
export interface Icd10ChapterInfo {
  chapter: string
  range: string
  title: { en: string; zh: string }
}

export const ICD10_CHAPTERS: readonly Icd10ChapterInfo[] = [
  { chapter: 'I', range: 'A00–B99', title: { en: 'Certain infectious and parasitic diseases', zh: '某些传染病和寄生虫病' } },
  { chapter: 'II', range: 'C00–D48', title: { en: 'Neoplasms', zh: '肿瘤' } },
  { chapter: 'III', range: 'D50–D89', title: { en: 'Diseases of the blood and blood-forming organs and certain disorders involving the immune mechanism', zh: '血液及造血器官疾病和某些涉及免疫机制的疾患' } },
  { chapter: 'IV', range: 'E00–E90', title: { en: 'Endocrine, nutritional and metabolic diseases', zh: '内分泌、营养和代谢疾病' } },
  { chapter: 'V', range: 'F00–F99', title: { en: 'Mental and behavioural disorders', zh: '精神和行为障碍' } },
  { chapter: 'VI', range: 'G00–G99', title: { en: 'Diseases of the nervous system', zh: '神经系统疾病' } },
  { chapter: 'VII', range: 'H00–H59', title: { en: 'Diseases of the eye and adnexa', zh: '眼和附器疾病' } },
  { chapter: 'VIII', range: 'H60–H95', title: { en: 'Diseases of the ear and mastoid process', zh: '耳和乳突疾病' } },
  { chapter: 'IX', range: 'I00–I99', title: { en: 'Diseases of the circulatory system', zh: '循环系统疾病' } },
  { chapter: 'X', range: 'J00–J99', title: { en: 'Diseases of the respiratory system', zh: '呼吸系统疾病' } },
  { chapter: 'XI', range: 'K00–K93', title: { en: 'Diseases of the digestive system', zh: '消化系统疾病' } },
  { chapter: 'XII', range: 'L00–L99', title: { en: 'Diseases of the skin and subcutaneous tissue', zh: '皮肤和皮下组织疾病' } },
  { chapter: 'XIII', range: 'M00–M99', title: { en: 'Diseases of the musculoskeletal system and connective tissue', zh: '肌肉骨骼系统和结缔组织疾病' } },
  { chapter: 'XIV', range: 'N00–N99', title: { en: 'Diseases of the genitourinary system', zh: '泌尿生殖系统疾病' } },
  { chapter: 'XV', range: 'O00–O99', title: { en: 'Pregnancy, childbirth and the puerperium', zh: '妊娠、分娩和产褥期' } },
  { chapter: 'XVI', range: 'P00–P96', title: { en: 'Certain conditions originating in the perinatal period', zh: '起源于围生期的某些情况' } },
  { chapter: 'XVII', range: 'Q00–Q99', title: { en: 'Congenital malformations, deformations and chromosomal abnormalities', zh: '先天性畸形、变形和染色体异常' } },
  { chapter: 'XVIII', range: 'R00–R99', title: { en: 'Symptoms, signs and abnormal clinical and laboratory findings, not elsewhere classified', zh: '症状、体征和临床与实验室异常所见，不可归类在他处者' } },
  { chapter: 'XIX', range: 'S00–T98', title: { en: 'Injury, poisoning and certain other consequences of external causes', zh: '损伤、中毒和外因的某些其他后果' } },
  { chapter: 'XX', range: 'V01–Y98', title: { en: 'External causes of morbidity and mortality', zh: '疾病和死亡的外因' } },
  { chapter: 'XXI', range: 'Z00–Z99', title: { en: 'Factors influencing health status and contact with health services', zh: '影响健康状态和与保健机构接触的因素' } },
  { chapter: 'XXII', range: 'U00–U85', title: { en: 'Codes for special purposes', zh: '用于特殊目的的编码' } },
]

/** Chapters in book order (I … XXII): the order of a per-chapter table. */
export function chapterOrder(chapter: string): number {
  const index = ICD10_CHAPTERS.findIndex((entry) => entry.chapter === chapter)
  return index < 0 ? ICD10_CHAPTERS.length : index
}
