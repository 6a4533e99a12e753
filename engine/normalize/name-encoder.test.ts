/**
 * The name encoder end to end at toy size: a name bundle exported by the
 * TypeScript tokenizer → PyTorch (SimCSE, then supervised pairs) → ONNX →
 * golden check in Node → the encoder finds the title of a paraphrase that
 * shares no word with it, for codes it never saw a pair of.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createVectorIndex } from '../../native/hnsw.js'
import { buildLexicon } from './lexicon.js'
import { createEncoderMatcher, encodeNames } from './encoder-matcher.js'
import { checkEncoderGolden, closeNameEncoder, encodeTexts, openNameEncoder, readNameEncoderBundle, type NameEncoder } from './name-encoder.js'
import { createNormalizer, normalizeName } from './normalizer.js'
import { searchSparseIndex } from './sparse-index.js'
import { textFeatures } from './text-features.js'
import { trainNameEncoder, type TrainNameEncoderSummary } from './train-name-encoder.js'

const TRAINING_TIMEOUT_MS = 300_000

// Titles "<condition> of <organ>"; names say the same with other words ("renal insufficiency").
const ORGANS: Array<[string, string]> = [
  ['heart', 'cardiac'],
  ['lung', 'pulmonary'],
  ['kidney', 'renal'],
  ['liver', 'hepatic'],
  ['brain', 'cerebral'],
  ['bone', 'osseous'],
]
const CONDITIONS: Array<[string, string]> = [
  ['failure', 'insufficiency'],
  ['infection', 'sepsis'],
  ['tumour', 'neoplasm'],
  ['injury', 'trauma'],
  ['inflammation', 'itis'],
]

interface ToyCode {
  code: string
  title: string
  name: string
  heldOut: boolean
}

function toyCodes(): ToyCode[] {
  const codes: ToyCode[] = []
  ORGANS.forEach(([organ, organWord], organIndex) =>
    CONDITIONS.forEach(([condition, conditionWord], conditionIndex) => {
      codes.push({
        code: `T${organIndex}${conditionIndex}`,
        title: `${condition} of the ${organ}`,
        name: `${organWord} ${conditionWord}`,
        // One combination per organ is never paired: the encoder must compose the words it learned.
        heldOut: conditionIndex === organIndex % CONDITIONS.length,
      })
    }),
  )
  return codes
}

describe('name encoder, trained tiny end to end', () => {
  let root: string
  let trained: TrainNameEncoderSummary
  let encoder: NameEncoder
  const codes = toyCodes()

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clinicoco-names-'))
    const seen = codes.filter((code) => !code.heldOut)
    trained = await trainNameEncoder({
      outDir: join(root, 'encoder'),
      texts: codes.map((code) => code.title),
      pairs: seen.flatMap((code) => [
        { name: code.name, title: code.title, code: code.code },
        { name: code.name.split(' ').reverse().join(' '), title: code.title, code: code.code },
      ]),
      tiny: true,
      seed: 5,
      extraArgs: ['--unsupervised-epochs', '5', '--supervised-epochs', '150', '--lr', '1e-2'],
    })
    encoder = await openNameEncoder(trained.encoderDir)
  }, TRAINING_TIMEOUT_MS)

  afterAll(async () => {
    if (encoder) await closeNameEncoder(encoder)
    rmSync(root, { recursive: true, force: true })
  })

  it('exports token ids from the TypeScript tokenizer and passes the golden check within 1e-4', async () => {
    expect(trained.bundle.pairs).toBe(2 * codes.filter((code) => !code.heldOut).length)
    expect(trained.bundle.texts).toBe(codes.length)
    expect(trained.golden.passed).toBe(true)
    expect(trained.golden.maxAbsDifference).toBeLessThan(1e-4)
    const again = await checkEncoderGolden(encoder)
    expect(again.cases).toBe(3)
    expect(again.maxAbsDifference).toBe(trained.golden.maxAbsDifference)
  })

  it('finds the title of a paraphrase sharing no word with it, for codes never seen in a pair, far above chance', async () => {
    const titles = await encodeTexts(encoder, codes.map((code) => code.title))
    const heldOut = codes.filter((code) => code.heldOut)
    const names = await encodeTexts(encoder, heldOut.map((code) => code.name))
    let right = 0
    heldOut.forEach((code, position) => {
      const name = names[position] as Float32Array
      const ranked = titles.map((title, index) => ({ index, similarity: dot(name, title as Float32Array) })).sort((a, b) => b.similarity - a.similarity)
      if (codes[ranked[0]?.index ?? -1]?.code === code.code) right += 1
    })
    // Chance is 1 in 30; the lexical index finds none of these (no shared word).
    const lexicon = buildLexicon(
      codes.map((code) => ({ code: code.code, title: code.title, parent: null, level: 'code' as const, assignable: true })),
      [],
    )
    const lexical = heldOut.filter((code) => {
      const hit = searchSparseIndex(lexicon.titleIndex, textFeatures(code.name), 1)[0]
      return hit !== undefined && lexicon.codes[lexicon.termCode[hit.document] ?? -1]?.code === code.code
    })
    expect(lexical).toHaveLength(0)
    expect(right / heldOut.length).toBeGreaterThanOrEqual(0.5)
  })

  it('embeds bad input safely: empty and blank names get no vector, long and mixed-script names a unit vector', async () => {
    const vectors = await encodeTexts(encoder, ['', '   ', 'cardiac '.repeat(500), '高血压 renal insufficiency ß 😀 \u0000', 'x'])
    expect(vectors[0]).toBeNull()
    expect(vectors[1]).toBeNull()
    for (const vector of vectors.slice(2)) {
      expect(vector).toBeInstanceOf(Float32Array)
      const norm = Math.sqrt(dot(vector as Float32Array, vector as Float32Array))
      expect(norm).toBeCloseTo(1, 4)
    }
  })

  it('fuses encoder candidates into the normaliser: a paraphrase with no shared word gets its code, and bad names do not throw', async () => {
    const lexicon = buildLexicon(
      codes.map((code) => ({ code: code.code, title: code.title, parent: null, level: 'code' as const, assignable: true })),
      [],
    )
    const lexical = createNormalizer(lexicon, [])
    const matcher = await createEncoderMatcher(encoder, lexicon, lexical.memory, join(root, 'cache'))
    const normalizer = { ...lexical, encoder: matcher }
    const heldOut = codes.filter((code) => code.heldOut)
    const names = [...heldOut.map((code) => code.name), '', 'cardiac '.repeat(500), '高血压 renal ß']
    await encodeNames(normalizer, names)
    const inTopThree = (used: typeof lexical, code: ToyCode): boolean => normalizeName(used, code.name).codes.slice(0, 3).some((entry) => entry.code === code.code)
    const found = heldOut.filter((code) => inTopThree(normalizer, code))
    expect(found.length / heldOut.length).toBeGreaterThanOrEqual(0.5)
    expect(found.length).toBeGreaterThan(heldOut.filter((code) => inTopThree(lexical, code)).length)
    expect(normalizeName(normalizer, '').codes).toEqual([])
    expect(() => normalizeName(normalizer, 'cardiac '.repeat(500))).not.toThrow()
    expect(() => normalizeName(normalizer, '高血压 renal ß')).not.toThrow()
    // The term index was written to the cache and is read back, not rebuilt.
    const again = await createEncoderMatcher(encoder, lexicon, null, join(root, 'cache'))
    expect(again.terms.size()).toBe(lexicon.termText.length)
  })

  it('refuses an encoder bundle whose files were changed, naming the file', () => {
    const copy = join(root, 'tampered')
    rmSync(copy, { recursive: true, force: true })
    const files = ['manifest.json', 'name-encoder.onnx', 'golden.json', 'vocab.txt']
    mkdirSync(copy, { recursive: true })
    for (const file of files) writeFileSync(join(copy, file), readFileSync(join(trained.encoderDir, file)))
    writeFileSync(join(copy, 'vocab.txt'), readFileSync(join(copy, 'vocab.txt'), 'utf8') + 'extra\n')
    expect(() => readNameEncoderBundle(copy)).toThrow(/vocab\.txt has sha256 .* the manifest says/)
  })
})

describe('encoder term index', () => {
  it('finds the exact nearest neighbours of clustered unit vectors (HNSW at the settings used, against brute force)', () => {
    let state = 11
    const random = (): number => {
      state = (state * 1_664_525 + 1_013_904_223) >>> 0
      return state / 2 ** 32 - 0.5
    }
    const dimensions = 32
    const centres = Array.from({ length: 50 }, () => Float32Array.from({ length: dimensions }, random))
    const vectors = Array.from({ length: 5_000 }, (_, index) => unit(Float32Array.from(centres[index % 50] as Float32Array, (value) => value + random() * 0.6)))
    const index = createVectorIndex({ dimensions, metric: 'ip', capacity: vectors.length, m: 16, efConstruction: 40 })
    vectors.forEach((vector, label) => index.add(label, vector))
    let found = 0
    for (let query = 0; query < 100; query += 1) {
      const vector = vectors[query * 37] as Float32Array
      const exact = vectors.map((other, label) => ({ label, similarity: dot(vector, other) })).sort((a, b) => b.similarity - a.similarity).slice(0, 10)
      const approximate = new Set(index.search(vector, 10, 40).map((hit) => hit.label))
      found += exact.filter((hit) => approximate.has(hit.label)).length
    }
    expect(found / 1000).toBeGreaterThanOrEqual(0.95)
  })
})

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0
  for (let index = 0; index < a.length; index += 1) sum += (a[index] ?? 0) * (b[index] ?? 0)
  return sum
}

function unit(vector: Float32Array): Float32Array {
  const norm = Math.sqrt(dot(vector, vector))
  return vector.map((value) => value / norm)
}
