/**
 * The name encoder in the engine: its bundle is checked like a model bundle
 * (schema, sha256 of every file, vocabulary hash), names are tokenized by the
 * one tokenizer (`engine/text`) and embedded by ONNX Runtime into unit vectors.
 */
import { join } from 'node:path'
import { NameEncoderManifest } from '../../contract/name-encoder-manifest.js'
import { AppFailure } from '../../contract/result.js'
import { openOnnxSession, type OnnxSession } from '../../native/onnx.js'
import { readCheckedBundle } from '../bundle/checked-bundle.js'
import { checkGoldenOutputs, type GoldenReport } from '../bundle/golden.js'
import { createTokenizer, type Tokenizer } from '../text/tokenizer.js'
import type { Vocabulary } from '../text/vocabulary.js'

export interface NameEncoderBundle {
  dir: string
  manifest: NameEncoderManifest
  vocabulary: Vocabulary
  encoderPath: string
  /** sha256 of the ONNX file: names the encoder in caches of embedded terms. */
  encoderSha256: string
}

export interface NameEncoder {
  bundle: NameEncoderBundle
  tokenizer: Tokenizer
  session: OnnxSession
  dimensions: number
}

// Rows per ONNX run: large enough to amortise the call, small enough that padding stays cheap.
const BATCH_ROWS = 256

export function readNameEncoderBundle(dir: string): NameEncoderBundle {
  const bundle = readCheckedBundle(dir, {
    schema: NameEncoderManifest,
    missingHint: 'not a name-encoder bundle. Train one with `clinicoco normalize train-encoder`.',
    requiredFiles: (manifest) => [manifest.encoder.file, manifest.tokenizer.vocabFile],
    tokenizer: (manifest) => manifest.tokenizer,
  })
  const { manifest } = bundle
  return { ...bundle, encoderPath: join(bundle.dir, manifest.encoder.file), encoderSha256: manifest.files[manifest.encoder.file] ?? '' }
}

export async function openNameEncoder(dir: string): Promise<NameEncoder> {
  const bundle = readNameEncoderBundle(dir)
  const session = await openOnnxSession(bundle.encoderPath)
  return { bundle, tokenizer: createTokenizer(bundle.vocabulary), session, dimensions: bundle.manifest.encoder.embeddingDim }
}

/** Token ids of a text as the encoder reads them: at most maxTokens, never a padding id. */
export function encoderTokenIds(encoder: NameEncoder, text: string): number[] {
  return encoder.tokenizer
    .tokenize(text)
    .slice(0, encoder.bundle.manifest.encoder.maxTokens)
    .map((token) => token.id)
}

/**
 * Unit vectors for the texts, in order; a text with no tokens (empty, only
 * spaces) gets null. Rows are batched by length so padding stays small.
 */
export async function encodeTexts(encoder: NameEncoder, texts: readonly string[]): Promise<Array<Float32Array | null>> {
  const rows = texts.map((text) => encoderTokenIds(encoder, text))
  const vectors: Array<Float32Array | null> = texts.map(() => null)
  const order = rows.map((_, index) => index).filter((index) => (rows[index]?.length ?? 0) > 0)
  order.sort((a, b) => (rows[a]?.length ?? 0) - (rows[b]?.length ?? 0))
  const { dimensions } = encoder
  for (let start = 0; start < order.length; start += BATCH_ROWS) {
    const batch = order.slice(start, start + BATCH_ROWS)
    const width = Math.max(...batch.map((index) => rows[index]?.length ?? 0))
    const data = new BigInt64Array(batch.length * width)
    batch.forEach((index, row) => (rows[index] ?? []).forEach((id, column) => (data[row * width + column] = BigInt(id))))
    const output = (await encoder.session.run({ token_ids: { data, dims: [batch.length, width] } })).embedding?.data as Float32Array | undefined
    if (!output || output.length !== batch.length * dimensions) throw new AppFailure('model-invalid', `${encoder.bundle.encoderPath}: the encoder returned ${output?.length ?? 0} values for ${batch.length} names.`)
    batch.forEach((index, row) => (vectors[index] = output.slice(row * dimensions, (row + 1) * dimensions)))
  }
  return vectors
}

export type EncoderGoldenReport = GoldenReport

/** PyTorch's embeddings in `golden.json` against ONNX Runtime in Node. */
export function checkEncoderGolden(encoder: NameEncoder): Promise<EncoderGoldenReport> {
  return checkGoldenOutputs(encoder.bundle.dir, ['embedding'], (data, dims) => encoder.session.run({ token_ids: { data, dims } }))
}

export function closeNameEncoder(encoder: NameEncoder): Promise<void> {
  return encoder.session.close()
}
