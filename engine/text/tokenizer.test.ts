import { describe, expect, it } from 'vitest'
import { preTokenize } from './pre-tokenize.js'
import { createTokenizer, tokenizeRecord } from './tokenizer.js'
import { CLS_ID, NUM_ID, SEP_ID, UNK_ID, learnVocabulary, parseVocabulary, vocabularyOf, vocabularyText } from './vocabulary.js'

const NOTES = [
  'Paciente con diabetes mellitus tipo 2 y hipertensión arterial.',
  'Diabetes mellitus con hipertension; glucemia 180 mg/dl.',
  'Se diagnostica hepatomegalia y esplenomegalia.',
  '患者高血压病史10年，糖尿病。',
  '高血压，糖尿病。',
]

function spelled(text: string, vocabulary = learnVocabulary(NOTES, { minWordCount: 2, minCharacterCount: 1 })): string[] {
  return createTokenizer(vocabulary)
    .tokenize(text)
    .map((token) => vocabulary.tokens[token.id] as string)
}

describe('preTokenize', () => {
  it('lower-cases, folds full-width forms and strips Latin diacritics, keeping original offsets', () => {
    const pieces = preTokenize('Ｈipertensión ﬁbrosis')
    expect(pieces.map((piece) => piece.text)).toEqual(['hipertension', 'fibrosis'])
    expect(pieces.map((piece) => [piece.start, piece.end])).toEqual([
      [0, 12],
      [13, 20],
    ])
    // "ﬁ" is one original character that became two units: both map to it.
    expect(pieces[1]?.unitStarts.slice(0, 2)).toEqual([13, 13])
    expect(pieces[1]?.unitEnds.slice(0, 3)).toEqual([14, 14, 15])
  })

  it('makes each Han character, punctuation mark and digit run its own piece, never mixing letters and digits', () => {
    expect(preTokenize('高血压10年, t2dm').map((piece) => `${piece.kind}:${piece.text}`)).toEqual([
      'character:高',
      'character:血',
      'character:压',
      'number:10',
      'character:年',
      'character:,',
      'word:t',
      'number:2',
      'word:dm',
    ])
  })

  it('treats control characters as space, so no vocabulary line can hold one', () => {
    expect(preTokenize('a\u0085b\u0000c').map((piece) => piece.text)).toEqual(['a', 'b', 'c'])
  })
})

describe('learnVocabulary', () => {
  it('starts with the fixed special ids and is the same for the same texts', () => {
    const first = learnVocabulary(NOTES)
    const second = learnVocabulary([...NOTES])
    expect(first.tokens.slice(0, 5)).toEqual(['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[NUM]'])
    expect(second.sha256).toBe(first.sha256)
    expect(learnVocabulary([...NOTES, 'otro texto']).sha256).not.toBe(first.sha256)
  })

  it('keeps frequent words whole and spells rare ones from pieces, never [UNK] for known letters', () => {
    expect(spelled('diabetes mellitus')).toEqual(['diabetes', 'mellitus'])
    const rare = spelled('hepatoesplenomegalia')
    expect(rare.length).toBeGreaterThan(1)
    expect(rare.slice(1).every((piece) => piece.startsWith('##'))).toBe(true)
    expect(rare.join('').replaceAll('##', '')).toBe('hepatoesplenomegalia')
  })

  it('respects the size limit', () => {
    expect(learnVocabulary(NOTES, { maxSize: 40 }).tokens).toHaveLength(40)
  })

  it('round-trips through vocab.txt with the same hash, and refuses a damaged file with its line', () => {
    const vocabulary = learnVocabulary(NOTES)
    const reread = parseVocabulary(vocabularyText(vocabulary.tokens))
    expect(reread.tokens).toEqual(vocabulary.tokens)
    expect(reread.sha256).toBe(vocabulary.sha256)
    expect(() => parseVocabulary('[PAD]\n[UNK]\n[CLS]\n[SEP]\n[NUM]\nabc\nabc\n')).toThrow(/line 7 repeats "abc" \(line 6\)/)
    expect(() => vocabularyOf(['[UNK]'])).toThrow(/line 1 must be \[PAD\]/)
  })
})

describe('tokenize', () => {
  it('maps numbers to [NUM], unknown symbols to [UNK], and gives every token its original span', () => {
    const vocabulary = learnVocabulary(NOTES, { minWordCount: 2, minCharacterCount: 1 })
    const text = 'Glucemia 180 ☃ Diabetes'
    const tokens = createTokenizer(vocabulary).tokenize(text)
    expect(tokens.map((token) => token.id).slice(-3, -1)).toEqual([NUM_ID, UNK_ID])
    expect(tokens.map((token) => text.slice(token.start, token.end)).join('|')).toMatch(/^Gluc.*\|180\|☃\|Diabetes$/)
    for (const token of tokens) expect(token.end).toBeGreaterThan(token.start)
  })

  it('gives subword pieces the offsets of their own letters', () => {
    const vocabulary = learnVocabulary(NOTES, { minWordCount: 2, minCharacterCount: 1 })
    const text = 'la Esplenomegalia'
    const tokens = createTokenizer(vocabulary)
      .tokenize(text)
      .filter((token) => token.start >= 3)
    expect(tokens.length).toBeGreaterThan(1)
    expect(tokens.map((token) => text.slice(token.start, token.end)).join('')).toBe('Esplenomegalia')
  })

  it('reads Chinese character by character, full-width punctuation folded', () => {
    expect(spelled('高血压，糖尿病')).toEqual(['高', '血', '压', ',', '糖', '尿', '病'])
  })
})

describe('tokenizeRecord', () => {
  it('starts with [CLS] and separates sections with [SEP], remembering each token’s section', () => {
    const tokenizer = createTokenizer(learnVocabulary(NOTES))
    const tokens = tokenizeRecord(tokenizer, [{ text: 'diabetes' }, { text: '高血压' }])
    expect(tokens.map((token) => token.id)[0]).toBe(CLS_ID)
    expect(tokens.filter((token) => token.id === SEP_ID)).toHaveLength(1)
    expect(tokens.map((token) => token.section)).toEqual([-1, 0, -1, 1, 1, 1])
  })
})
