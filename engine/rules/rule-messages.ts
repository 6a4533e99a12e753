/**
 * The words of each rule warning, in English and Simplified Chinese: which
 * rule, why it applies to these codes, and what to do. The rule set supplies
 * the why and the action of its own rules; the structural rules are worded here.
 */
import type { LocalizedText } from '../../contract/coding-rules.js'
import type { CodeFact } from './code-facts.js'

export type MessageLanguage = 'en' | 'zh'

export function messageLanguage(language: string | undefined): MessageLanguage {
  return language?.toLowerCase().startsWith('zh') ? 'zh' : 'en'
}

export function localized(text: LocalizedText, language: MessageLanguage): string {
  return language === 'zh' ? (text.zh ?? text.en) : text.en
}

function named(fact: CodeFact): string {
  return `${fact.code} (${fact.title})`
}

const SEX_WORDS = { en: { female: 'female', male: 'male' }, zh: { female: '女性', male: '男性' } } as const

export const messages = {
  notInCodeSet: (code: string, language: MessageLanguage) =>
    language === 'zh'
      ? { message: `${code} 不在当前编码集中。`, action: '请通过编码检索选择编码。' }
      : { message: `${code} is not in the active code set.`, action: 'Choose a code from the code search.' },
  heading: (fact: CodeFact, language: MessageLanguage) =>
    language === 'zh'
      ? { message: `${named(fact)} 是类目标题，不是可分配的编码。`, action: '请选择其下的一个编码。' }
      : { message: `${named(fact)} is a heading, not a code that can be assigned.`, action: 'Choose one of the codes under it.' },
  ancestor: (broader: CodeFact, specific: CodeFact, language: MessageLanguage) =>
    language === 'zh'
      ? { message: `${named(broader)} 是 ${named(specific)} 的上级编码：同一情况编码了两次。`, action: `保留更具体的 ${specific.code}，删除 ${broader.code}。` }
      : {
          message: `${named(broader)} is the broader code above ${named(specific)}: the same condition is coded twice.`,
          action: `Keep the more specific ${specific.code} and remove ${broader.code}.`,
        },
  unspecifiedSibling: (unspecified: CodeFact, specific: CodeFact, language: MessageLanguage) =>
    language === 'zh'
      ? {
          message: `${named(unspecified)} 是其类目中未特指的编码，而 ${named(specific)} 已说明得更具体。`,
          action: `删除 ${unspecified.code}；如果 ${specific.code} 没有记载，则删除 ${specific.code}。`,
        }
      : {
          message: `${named(unspecified)} is the unspecified code of its category, and ${named(specific)} already says more.`,
          action: `Remove ${unspecified.code}, or remove ${specific.code} if the record does not document it.`,
        },
  exclusive: (first: CodeFact, second: CodeFact, why: string, language: MessageLanguage) =>
    language === 'zh' ? `${named(first)} 与 ${named(second)}：${why}` : `${named(first)} with ${named(second)}: ${why}`,
  sex: (fact: CodeFact, ruleSex: 'female' | 'male', recordSex: 'female' | 'male', why: string, language: MessageLanguage) =>
    language === 'zh'
      ? `${named(fact)} 仅用于${SEX_WORDS.zh[ruleSex]}患者，而本病历记载为${SEX_WORDS.zh[recordSex]}：${why}`
      : `${named(fact)} is for ${SEX_WORDS.en[ruleSex]} patients; this record says ${SEX_WORDS.en[recordSex]}: ${why}`,
  age: (fact: CodeFact, range: { minYears?: number | undefined; maxYears?: number | undefined }, age: number, why: string, language: MessageLanguage) => {
    const { minYears, maxYears } = range
    if (language === 'zh') {
      const span = minYears !== undefined && maxYears !== undefined ? `${minYears}–${maxYears} 岁` : minYears !== undefined ? `${minYears} 岁及以上` : `${maxYears} 岁及以下`
      return `${named(fact)} 适用于 ${span} 的患者，本患者 ${age} 岁：${why}`
    }
    const span =
      minYears !== undefined && maxYears !== undefined
        ? `aged ${minYears}–${maxYears}`
        : minYears !== undefined
          ? `aged ${minYears} or over`
          : maxYears === 0
            ? 'under one year old'
            : `aged ${maxYears} or under`
    return `${named(fact)} is for patients ${span}; this patient is ${age}: ${why}`
  },
  notPrimary: (fact: CodeFact, why: string, language: MessageLanguage) =>
    language === 'zh' ? `${named(fact)} 不能作为主要诊断：${why}` : `${named(fact)} may not be the primary diagnosis: ${why}`,
  manifestation: (fact: CodeFact, language: MessageLanguage) =>
    language === 'zh'
      ? { message: `${named(fact)} 是疾病的表现（星号）编码，不能作为主要诊断。`, action: '以原发疾病（剑号编码）为主要诊断，此编码作为附加编码。' }
      : {
          message: `${named(fact)} is a manifestation code (a condition "in diseases classified elsewhere") and may not be the primary diagnosis.`,
          action: 'Make the underlying disease primary and keep this code as an additional one.',
        },
}
