/**
 * Encoder retrieval for the normaliser: every title and synonym of the code
 * set embedded in an HNSW index (kept on disk per code set terms + encoder, so
 * a restart reads it instead of embedding 200k terms again), the confirmed
 * names embedded in a second, small index, and a cache of the name parts'
 * vectors. ONNX Runtime is asynchronous and the normaliser is not: callers
 * embed the names first (`encodeNames`), then normalise them as before.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { createVectorIndex, loadVectorIndex, type VectorIndex } from '../../native/hnsw.js'
import type { Lexicon } from './lexicon.js'
import { encodeTexts, type NameEncoder } from './name-encoder.js'
import type { PairMemory } from './pair-memory.js'
import { splitDiagnosisName, type SegmentationDictionary } from './split-name.js'

export interface EncoderMatcher {
  encoder: NameEncoder
  /** Labels are lexicon term numbers. */
  terms: VectorIndex
  /** Labels are document numbers of `memory`; null when there are no confirmed names. */
  names: VectorIndex | null
  memory: PairMemory | null
  /** Normalised text → its vector (null: no tokens). Filled by `encodeNames`. */
  vectors: Map<string, Float32Array | null>
}

// Graph degree 16, construction ef 40: on 30k ICD-10-CM title vectors the build took
// 2.7 s against 8.6 s at ef 100, and a search 0.12 ms; name-encoder.test.ts checks
// recall@10 against brute force at these settings.
const HNSW_M = 16
const HNSW_EF_CONSTRUCTION = 40
// The query cache is dropped when it grows past this (a long-lived workspace process).
const MAX_CACHED_VECTORS = 100_000

/** The term index of a lexicon for an encoder, read from `cacheDir` when there, else embedded, built and saved. */
export async function loadTermIndex(encoder: NameEncoder, lexicon: Lexicon, cacheDir: string | null): Promise<{ index: VectorIndex; fromCache: boolean }> {
  const key = createHash('sha256').update(encoder.bundle.encoderSha256).update('\u0000').update(lexicon.termNormalised.join('\n')).digest('hex').slice(0, 24)
  const path = cacheDir === null ? null : join(cacheDir, `terms-${key}.hnsw`)
  if (path !== null && existsSync(path)) {
    const index = await loadVectorIndex(path, encoder.dimensions, 'ip')
    if (index.size() === lexicon.termNormalised.length) return { index, fromCache: true }
  }
  const index = await buildIndex(encoder, lexicon.termNormalised)
  if (path !== null && cacheDir !== null) {
    mkdirSync(cacheDir, { recursive: true })
    // Written aside and renamed: a half-written index is never read as a whole one.
    await index.save(`${path}.partial`)
    renameSync(`${path}.partial`, path)
  }
  return { index, fromCache: false }
}

async function buildIndex(encoder: NameEncoder, texts: readonly string[]): Promise<VectorIndex> {
  const index = createVectorIndex({ dimensions: encoder.dimensions, metric: 'ip', capacity: Math.max(16, texts.length), m: HNSW_M, efConstruction: HNSW_EF_CONSTRUCTION })
  const vectors = await encodeTexts(encoder, texts)
  vectors.forEach((vector, label) => {
    if (vector) index.add(label, vector)
  })
  return index
}

export async function createEncoderMatcher(encoder: NameEncoder, lexicon: Lexicon, memory: PairMemory | null, cacheDir: string | null): Promise<EncoderMatcher> {
  const { index } = await loadTermIndex(encoder, lexicon, cacheDir)
  return withMemory({ encoder, terms: index, names: null, memory: null, vectors: new Map() }, memory)
}

/** The same encoder and term index, with the confirmed names of `memory` embedded (a memory rebuilt after new confirmations). */
export async function withMemory(matcher: EncoderMatcher, memory: PairMemory | null): Promise<EncoderMatcher> {
  if (!memory || memory.names.length === 0) return { ...matcher, names: null, memory }
  return { ...matcher, names: await buildIndex(matcher.encoder, memory.names), memory }
}

/** The texts the normaliser searches the encoder's indexes for: the same parts `candidates.ts` searches, less the pieces. */
export function nameQueryTexts(name: string, dictionary: SegmentationDictionary): string[] {
  return splitDiagnosisName(name, dictionary)
    .parts.filter((part) => part.kind !== 'piece')
    .map((part) => part.text)
}

/** Embeds every query text of the names not embedded yet, in batches. */
export async function encodeNames(
  context: { encoder: EncoderMatcher | null; dictionary: SegmentationDictionary },
  names: readonly string[],
): Promise<void> {
  const matcher = context.encoder
  if (!matcher) return
  if (matcher.vectors.size > MAX_CACHED_VECTORS) matcher.vectors.clear()
  const missing = new Set<string>()
  for (const name of names) for (const text of nameQueryTexts(name, context.dictionary)) if (!matcher.vectors.has(text)) missing.add(text)
  if (missing.size === 0) return
  const texts = [...missing]
  const vectors = await encodeTexts(matcher.encoder, texts)
  texts.forEach((text, position) => matcher.vectors.set(text, vectors[position] ?? null))
}
