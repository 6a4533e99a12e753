/**
 * The document model of a bundle, run through ONNX Runtime: token ids in,
 * per-code logits, per-code attention over tokens and the document embedding out.
 *
 * Records longer than the model's `maxTokens` are never silently cut: they are
 * read in overlapping chunks (each starting with `[CLS]`) and combined — a
 * code's logit is its best chunk's (a diagnosis mentioned once anywhere
 * counts), its attention comes from that chunk, and the embedding is the
 * normalised mean of the chunks'.
 *
 * Memory stays bounded whatever the record's length: tokens are read as a
 * stream, chunks run through ONNX `CHUNK_BATCH` at a time, and only each code's
 * best chunk so far is kept (its attention row and its tokens). Running every
 * chunk as one batch once took a 10 MB record to 17 GB resident; peak RSS
 * per record size is printed by `npm run bench` (docs/safety.md).
 */
import { openOnnxSession, type OnnxSession } from '../../native/onnx.js'
import { CLS_ID, PAD_ID } from '../text/vocabulary.js'

/** A code's attention over the chunk that gave its logit. */
export interface AttentionWindow<T> {
  /** That chunk's tokens, in record order ([CLS] left out). */
  tokens: readonly T[]
  /** `weights[i]` is the code's attention on `tokens[i]`. */
  weights: Float32Array
}

export interface DocumentOutput<T = { id: number }> {
  /** One per code, in manifest order. */
  logits: Float32Array
  /** One window per code, in manifest order (codes whose best chunk is the same share its tokens). */
  attention: Array<AttentionWindow<T>>
  embedding: Float32Array
  /** Tokens in the record, [CLS] and [SEP] included. */
  tokens: number
  chunks: number
}

export interface DocumentModel {
  readonly codeCount: number
  readonly embeddingDim: number
  readonly maxTokens: number
  /** `tokens` starts with the record's `[CLS]`; it is read once, front to back. */
  run<T extends { id: number }>(tokens: Iterable<T>): Promise<DocumentOutput<T>>
  close(): Promise<void>
}

// Chunks overlap so a phrase cut at a boundary is whole in one of them.
const CHUNK_OVERLAP = 64
/**
 * Chunks per ONNX run: enough to keep the runtime busy, few enough that a run's
 * activations stay small (docs/safety.md: peak RSS by record size).
 */
export const CHUNK_BATCH = 4

export async function openDocumentModel(
  path: string,
  shape: { codeCount: number; embeddingDim: number; maxTokens: number },
  options: { threads?: number } = {},
): Promise<DocumentModel> {
  const session = await openOnnxSession(path, { intraOpThreads: options.threads ?? 1 })
  for (const name of ['logits', 'attention', 'embedding']) {
    if (!session.outputNames.includes(name)) throw new Error(`${path}: the model has no output "${name}" (outputs: ${session.outputNames.join(', ')}).`)
  }
  return {
    ...shape,
    run: (tokens) => runChunked(session, shape, tokens),
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

/**
 * Cuts a token stream into the chunks `chunkStarts` describes, without knowing
 * its length in advance: a chunk is let go once a token past its end arrives
 * (so another chunk must follow) or the stream ends. The record's own `[CLS]`
 * (position 0) is skipped; each chunk gets its own.
 */
export function* streamChunks<T>(tokens: Iterable<T>, maxTokens: number): Generator<{ start: number; tokens: T[]; last: boolean }> {
  const body = maxTokens - 1
  const stride = Math.max(1, body - CHUNK_OVERLAP)
  let window: T[] = []
  let start = 1
  let position = 0
  for (const token of tokens) {
    position += 1
    if (position === 1) continue
    window.push(token)
    if (window.length === body + 1) {
      yield { start, tokens: window.slice(0, body), last: false }
      window = window.slice(stride)
      start += stride
    }
  }
  if (position === 0) throw new Error('A record needs at least one token ([CLS]).')
  yield { start, tokens: window, last: true }
}

interface PendingChunk<T> {
  index: number
  tokens: T[]
}

async function runChunked<T extends { id: number }>(
  session: OnnxSession,
  shape: { codeCount: number; embeddingDim: number; maxTokens: number },
  tokens: Iterable<T>,
): Promise<DocumentOutput<T>> {
  const { codeCount, embeddingDim, maxTokens } = shape
  const logits = new Float32Array(codeCount).fill(-Infinity)
  const bestChunk = new Int32Array(codeCount).fill(-1)
  const embedding = new Float32Array(embeddingDim)
  /** Tokens of the chunks that are some code's best, by chunk index: all that evidence needs. */
  const kept = new Map<number, T[]>()
  let weights: Float32Array | null = null
  let width = 0
  let chunks = 0
  let tokenCount = 1
  let pending: Array<PendingChunk<T>> = []

  const runBatch = async (): Promise<void> => {
    const batch = new BigInt64Array(pending.length * width).fill(BigInt(PAD_ID))
    pending.forEach((chunk, row) => {
      batch[row * width] = BigInt(CLS_ID)
      chunk.tokens.forEach((token, offset) => {
        batch[row * width + 1 + offset] = BigInt(token.id)
      })
    })
    const outputs = await session.run({ token_ids: { data: batch, dims: [pending.length, width] } })
    const logitsOut = outputs.logits?.data as Float32Array
    const attentionOut = outputs.attention?.data as Float32Array
    const embeddingOut = outputs.embedding?.data as Float32Array
    if (logitsOut.length !== pending.length * codeCount) {
      throw new Error(`The model returned ${logitsOut.length / pending.length} logits per record; the manifest lists ${codeCount} codes.`)
    }
    weights ??= new Float32Array(codeCount * width)
    pending.forEach((chunk, row) => {
      for (let code = 0; code < codeCount; code += 1) {
        const value = logitsOut[row * codeCount + code] as number
        if (value > (logits[code] as number)) {
          logits[code] = value
          bestChunk[code] = chunk.index
          const from = (row * codeCount + code) * width
          ;(weights as Float32Array).set(attentionOut.subarray(from, from + width), code * width)
        }
      }
      for (let dim = 0; dim < embeddingDim; dim += 1) embedding[dim] = (embedding[dim] as number) + (embeddingOut[row * embeddingDim + dim] as number)
      kept.set(chunk.index, chunk.tokens)
    })
    const needed = new Set(bestChunk)
    for (const index of kept.keys()) if (!needed.has(index)) kept.delete(index)
    pending = []
  }

  for (const chunk of streamChunks(tokens, maxTokens)) {
    tokenCount = chunk.start + chunk.tokens.length
    // One chunk that fits runs at its own length; chunks of a longer record are padded to maxTokens.
    if (chunks === 0) width = chunk.last ? chunk.tokens.length + 1 : maxTokens
    pending.push({ index: chunks, tokens: chunk.tokens })
    chunks += 1
    if (pending.length === CHUNK_BATCH || chunk.last) await runBatch()
  }
  const norm = Math.hypot(...embedding) || 1
  for (let dim = 0; dim < embeddingDim; dim += 1) embedding[dim] = (embedding[dim] as number) / norm
  const rows = weights as Float32Array | null
  const attention = Array.from({ length: codeCount }, (_, code) => {
    const windowTokens = kept.get(bestChunk[code] as number) ?? []
    const start = code * width + 1
    return { tokens: windowTokens, weights: rows ? rows.subarray(start, start + windowTokens.length) : new Float32Array(0) }
  })
  return { logits, attention, embedding, tokens: tokenCount, chunks }
}
