/**
 * The name bundle: what the Python name-encoder trainer reads (token ids, never
 * text — the one tokenizer is this TypeScript one). `names.json` holds the texts
 * for unsupervised SimCSE and the (name, title, code) pairs for the supervised
 * step; `vocab.txt` the vocabulary both sides use.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTokenizer } from '../text/tokenizer.js'
import { learnVocabulary, vocabularyText, type Vocabulary } from '../text/vocabulary.js'
import { normaliseText } from './text-features.js'

export interface NamePair {
  name: string
  title: string
  /** The code: pairs of one code are not each other's negatives. */
  code: string
}

export interface NameBundleInput {
  /** Code titles, synonyms, diagnosis names: the unsupervised step's texts. */
  texts: readonly string[]
  pairs: readonly NamePair[]
  /** A vocabulary to reuse (an installed document model's); learned from the texts when absent. */
  vocabulary?: Vocabulary
}

export interface NameBundleSummary {
  dir: string
  texts: number
  pairs: number
  vocabularySize: number
}

/** Longer names are cut: diagnosis names and titles are short, and the encoder reads at most this many tokens. */
export const NAME_MAX_TOKENS = 32
export const NAME_VOCABULARY_SIZE = 16_000

export function learnNameVocabulary(texts: readonly string[]): Vocabulary {
  return learnVocabulary(texts.map(normaliseText), { maxSize: NAME_VOCABULARY_SIZE, minWordCount: 2 })
}

export function exportNameBundle(outDir: string, input: NameBundleInput): NameBundleSummary {
  const vocabulary = input.vocabulary ?? learnNameVocabulary([...input.texts, ...input.pairs.map((pair) => pair.name)])
  const tokenizer = createTokenizer(vocabulary)
  const ids = (text: string): number[] =>
    tokenizer
      .tokenize(normaliseText(text))
      .slice(0, NAME_MAX_TOKENS)
      .map((token) => token.id)
  const seen = new Set<string>()
  const texts: number[][] = []
  for (const text of input.texts) {
    const row = ids(text)
    const key = row.join(' ')
    if (row.length === 0 || seen.has(key)) continue
    seen.add(key)
    texts.push(row)
  }
  const groups = new Map<string, number>()
  const pairs: Array<[number[], number[], number]> = []
  for (const pair of input.pairs) {
    const name = ids(pair.name)
    const title = ids(pair.title)
    if (name.length === 0 || title.length === 0) continue
    let group = groups.get(pair.code)
    if (group === undefined) {
      group = groups.size
      groups.set(pair.code, group)
    }
    pairs.push([name, title, group])
  }
  mkdirSync(outDir, { recursive: true })
  writeFileSync(join(outDir, 'vocab.txt'), vocabularyText(vocabulary.tokens), 'utf8')
  const names = { format: 'clinicoco-name-bundle', formatVersion: 1, vocabSha256: vocabulary.sha256, maxTokens: NAME_MAX_TOKENS, texts, pairs }
  writeFileSync(join(outDir, 'names.json'), JSON.stringify(names), 'utf8')
  return { dir: outDir, texts: texts.length, pairs: pairs.length, vocabularySize: vocabulary.tokens.length }
}
