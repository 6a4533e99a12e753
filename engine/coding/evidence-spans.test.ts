import { describe, expect, it } from 'vitest'
import { preTokenize } from '../text/pre-tokenize.js'
import type { RecordToken } from '../text/tokenizer.js'
import { evidenceSpans, type TermLexicon } from './evidence-spans.js'

/** Tokens as the tokenizer cuts them (words, numbers, single characters), each given the attention its text names. */
function attended(sections: string[], weights: Record<string, number>) {
  const tokens: RecordToken[] = [{ id: 1, start: 0, end: 0, section: -1 }]
  sections.forEach((text, section) => {
    for (const piece of preTokenize(text)) tokens.push({ id: 2, start: piece.start, end: piece.end, section })
  })
  const attention = tokens.map((token) => (token.section < 0 ? 0 : (weights[sections[token.section]?.slice(token.start, token.end).toLowerCase() ?? ''] ?? 0)))
  return { sections, tokens, attention }
}

const shown = (sections: string[], spans: ReturnType<typeof evidenceSpans>) => spans.map((span) => sections[span.section]?.slice(span.start, span.end))

function lexicon(terms: string[]): TermLexicon {
  const set = new Set(terms)
  return { has: (term) => set.has(term), maxLength: Math.max(...terms.map((term) => term.length)) }
}

describe('evidence spans', () => {
  it('paints whole words and lets a lab value ride with its attended analyte, never a number alone', () => {
    const sections = ['Known T2DM for 10 years.', 'Fasting glucose 17 mmol/L; HbA1c 7.9 %. Temperature 39 degrees; smoked 25 a day.']
    const input = attended(sections, { dm: 1, glucose: 0.4, '17': 0.8, mmol: 0.5, hba: 0.3, '7': 0.6, '10': 0.9, '39': 0.7, '25': 0.9 })
    const spans = evidenceSpans({ ...input, support: 1 })
    // "Temperature 39" and "smoked 25": the model looked at the number only, which is no evidence.
    expect(shown(sections, spans)).toEqual(['T2DM', 'glucose 17 mmol/L', 'HbA1c 7.9 %'])
  })

  it('never shows digits, punctuation or a function word on its own ("High" of "High fever", "10" of "for 10 years")', () => {
    const sections = ['High fever for 2 days, 39.4 C.']
    const spans = evidenceSpans({ ...attended(sections, { high: 1, '2': 0.9, '39': 0.8, c: 0.7, ',': 0.6 }), support: 0.9 })
    expect(spans).toEqual([])
  })

  it('grows a Chinese character to its word and to the code-set term around it, and drops a lone character', () => {
    const sections = ['患者3天前出现胸痛，伴气促。既往高血压病史10年，急性脑梗死。']
    const input = attended(sections, { 出: 1, 高: 0.9, 梗: 0.8, 伴: 0.7, '3': 0.6, '10': 0.5, 胸: 0.4 })
    const spans = evidenceSpans({ ...input, support: 1, terms: lexicon(['高血压', '脑梗死', '急性脑梗死']) })
    const texts = shown(sections, spans)
    expect(texts).toEqual(['胸痛', '高血压', '急性脑梗死'])
    for (const text of texts) expect([...(text ?? '')].length).toBeGreaterThan(1)
  })

  it('joins characters the model attended together, even where the dictionary cut them apart', () => {
    const sections = ['伴气促。']
    const spans = evidenceSpans({ ...attended(sections, { 气: 1, 促: 0.9 }), support: 1 })
    expect(shown(sections, spans)).toEqual(['气促'])
  })

  it('scales the colour by the text support: a code the text supports at 20 % is painted at most 0.2', () => {
    const sections = ['Chronic kidney disease with proteinuria.']
    const strong = evidenceSpans({ ...attended(sections, { kidney: 1, proteinuria: 0.5 }), support: 0.95 })
    const weak = evidenceSpans({ ...attended(sections, { kidney: 1, proteinuria: 0.5 }), support: 0.2 })
    expect(strong.map((span) => span.weight)).toEqual([0.95, 0.475])
    expect(weak.map((span) => span.weight)).toEqual([0.2, 0.1])
    expect(evidenceSpans({ ...attended(sections, { kidney: 1 }), support: 0 })).toEqual([])
  })

  it('merges touching words into one passage with the stronger weight', () => {
    const sections = ['Acute kidney injury after contrast.']
    const spans = evidenceSpans({ ...attended(sections, { kidney: 1, injury: 0.6, acute: 0.3 }), support: 1 })
    expect(shown(sections, spans)).toEqual(['Acute kidney injury'])
    expect(spans[0]?.weight).toBe(1)
  })
})
