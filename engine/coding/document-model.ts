/**
 * The document model of a bundle, run through ONNX Runtime: token ids in,
 * per-code logits, per-code attention over tokens and the document embedding out.
 *
 * Records longer than the model's `maxTokens` are never silently cut: they are
 * read in overlapping chunks (each starting with `[CLS]`), run as one padded
 * batch, and combined — a code's logit is its best chunk's (a diagnosis
 * mentioned once anywhere counts), its attention comes from that chunk, and
 * the embedding is the normalised mean of the chunks'.
 */
import { AppFailure } from '../../contract/result.js'
import { openOnnxSession, type OnnxSession } from '../../native/onnx.js'
import { CLS_ID, PAD_ID } from '../text/vocabulary.js'

export interface DocumentOutput {
  /** One per code, in manifest order. */
  logits: Float32Array
  /** `attention[code * tokens + position]` over the record's tokens (sums to 1 per code). */
  attention: Float32Array
  embedding: Float32Array
  tokens: number
  chunks: number
}

export interface DocumentModel {
  readonly codeCount: number
  readonly embeddingDim: number
  readonly maxTokens: number
  run(tokenIds: readonly number[]): Promise<DocumentOutput>
  close(): Promise<void>
}

// Chunks overlap so a phrase cut at a boundary is whole in one of them.
const CHUNK_OVERLAP = 64

export async function openDocumentModel(
  path: string,
  shape: { codeCount: number; embeddingDim: number; maxTokens: number },
  options: { threads?: number } = {},
): Promise<DocumentModel> {
  const session = await openOnnxSession(path, { intraOpThreads: options.threads ?? 1 })
  for (const name of ['logits', 'attention', 'embedding']) {
    if (!session.outputNames.includes(name)) throw new AppFailure('model-invalid', `${path}: the model has no output "${name}" (outputs: ${session.outputNames.join(', ')}).`)
  }
  return {
    ...shape,
    run: (tokenIds) => runChunked(session, shape, tokenIds),
    close: () => session.close(),
  }
}

export function chunkStarts(length: number, maxTokens: number): number[] {
  // Positions 1… hold the text ([CLS] is position 0); each chunk holds [CLS] + maxTokens − 1 text tokens.
  const body = maxTokens - 1
  const stride = Math.max(1, body - CHUNK_OVERLAP)
  const starts = [1]
  while ((starts.at(-1) as number) + body < length) starts.push((starts.at(-1) as number) + stride)
  return starts
}

async function runChunked(
  session: OnnxSession,
  shape: { codeCount: number; embeddingDim: number; maxTokens: number },
  tokenIds: readonly number[],
): Promise<DocumentOutput> {
  const length = tokenIds.length
  if (length === 0) throw new Error('A record needs at least one token ([CLS]).')
  const { codeCount, embeddingDim, maxTokens } = shape
  const starts = length <= maxTokens ? [1] : chunkStarts(length, maxTokens)
  const width = Math.min(length, maxTokens)
  const batch = new BigInt64Array(starts.length * width).fill(BigInt(PAD_ID))
  const spans = starts.map((start, chunk) => {
    const end = Math.min(length, start + width - 1)
    batch[chunk * width] = BigInt(CLS_ID)
    for (let position = start; position < end; position += 1) batch[chunk * width + 1 + position - start] = BigInt(tokenIds[position] as number)
    return { start, end }
  })
  const outputs = await session.run({ token_ids: { data: batch, dims: [starts.length, width] } })
  const logitsOut = outputs.logits?.data as Float32Array
  const attentionOut = outputs.attention?.data as Float32Array
  const embeddingOut = outputs.embedding?.data as Float32Array
  if (logitsOut.length !== starts.length * codeCount) {
    throw new AppFailure('model-invalid', `The model returned ${logitsOut.length / starts.length} logits per record; the manifest lists ${codeCount} codes.`)
  }
  const logits = new Float32Array(codeCount).fill(-Infinity)
  const bestChunk = new Int32Array(codeCount)
  for (let chunk = 0; chunk < starts.length; chunk += 1) {
    for (let code = 0; code < codeCount; code += 1) {
      const value = logitsOut[chunk * codeCount + code] as number
      if (value > (logits[code] as number)) {
        logits[code] = value
        bestChunk[code] = chunk
      }
    }
  }
  const attention = new Float32Array(codeCount * length)
  for (let code = 0; code < codeCount; code += 1) {
    const chunk = bestChunk[code] as number
    const { start, end } = spans[chunk] as { start: number; end: number }
    const row = (chunk * codeCount + code) * width
    attention[code * length] = attentionOut[row] as number
    for (let position = start; position < end; position += 1) attention[code * length + position] = attentionOut[row + 1 + position - start] as number
  }
  const embedding = new Float32Array(embeddingDim)
  for (let chunk = 0; chunk < starts.length; chunk += 1) {
    for (let dim = 0; dim < embeddingDim; dim += 1) embedding[dim] = (embedding[dim] as number) + (embeddingOut[chunk * embeddingDim + dim] as number)
  }
  const norm = Math.hypot(...embedding) || 1
  for (let dim = 0; dim < embeddingDim; dim += 1) embedding[dim] = (embedding[dim] as number) / norm
  return { logits, attention, embedding, tokens: length, chunks: starts.length }
}
