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
 * stream and packed into typed arrays, chunks run through ONNX `CHUNK_BATCH` at
 * a time, and only each code's best chunk so far is kept (its attention row and
 * its tokens). Running every
 * chunk as one batch once took a 10 MB record to 17 GB resident; peak RSS
 * per record size is printed by `npm run bench` (docs/safety.md).
 */
import { AppFailure } from '../../contract/result.js'
import { openOnnxSession, type OnnxSession } from '../../native/onnx.js'
import { CLS_ID, PAD_ID } from '../text/vocabulary.js'

/** A token as the document model reads it: its id, and where it came from (for evidence). */
export interface ModelToken {
  id: number
  /** Section index; -1 for `[CLS]` and `[SEP]`. */
  section: number
  start: number
  end: number
}

/** A code's attention over the chunk that gave its logit. */
export interface AttentionWindow {
  /** That chunk's tokens, in record order ([CLS] left out). */
  tokens: readonly ModelToken[]
  /** `weights[i]` is the code's attention on `tokens[i]`. */
  weights: Float32Array
}

export interface DocumentOutput {
  /** One per code, in manifest order. */
  logits: Float32Array
  /** One window per code, in manifest order (codes whose best chunk is the same share its tokens). */
  attention: AttentionWindow[]
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
  run(tokens: Iterable<ModelToken>): Promise<DocumentOutput>
  close(): Promise<void>
}

// Chunks overlap so a phrase cut at a boundary is whole in one of them.
const CHUNK_OVERLAP = 64
/**
 * Chunks per ONNX run. Batching buys nothing on the CPU (demo model, one thread,
 * 1,024-token chunks: 54 ms a chunk one at a time, 56 ms in fours, 61 ms in
 * eights) and costs memory (peak RSS of the runs alone 133, 170, 222 MB).
 */
export const CHUNK_BATCH = 1

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

/** A chunk's tokens packed into typed arrays: a long record's tokens never pile up as objects. */
export interface PackedChunk {
  /** Record position of the chunk's first token. */
  start: number
  ids: Int32Array
  sections: Int32Array
  starts: Int32Array
  ends: Int32Array
  last: boolean
}

/**
 * Cuts a token stream into the chunks `chunkStarts` describes, without knowing
 * its length in advance: a chunk is let go once a token past its end arrives
 * (so another chunk must follow) or the stream ends. The record's own `[CLS]`
 * (position 0) is skipped; each chunk gets its own.
 */
export function* streamChunks(tokens: Iterable<ModelToken>, maxTokens: number): Generator<PackedChunk> {
  const body = maxTokens - 1
  const stride = Math.max(1, body - CHUNK_OVERLAP)
  const window = { ids: new Int32Array(body + 1), sections: new Int32Array(body + 1), starts: new Int32Array(body + 1), ends: new Int32Array(body + 1) }
  const columns = Object.values(window)
  const take = (count: number, last: boolean): PackedChunk => ({
    start,
    ids: window.ids.slice(0, count),
    sections: window.sections.slice(0, count),
    starts: window.starts.slice(0, count),
    ends: window.ends.slice(0, count),
    last,
  })
  let length = 0
  let start = 1
  let position = 0
  for (const token of tokens) {
    position += 1
    if (position === 1) continue
    window.ids[length] = token.id
    window.sections[length] = token.section
    window.starts[length] = token.start
    window.ends[length] = token.end
    length += 1
    if (length === body + 1) {
      yield take(body, false)
      for (const column of columns) column.copyWithin(0, stride, length)
      length -= stride
      start += stride
    }
  }
  if (position === 0) throw new Error('A record needs at least one token ([CLS]).')
  yield take(length, true)
}

interface PendingChunk {
  index: number
  chunk: PackedChunk
}

async function runChunked(
  session: OnnxSession,
  shape: { codeCount: number; embeddingDim: number; maxTokens: number },
  tokens: Iterable<ModelToken>,
): Promise<DocumentOutput> {
  const { codeCount, embeddingDim, maxTokens } = shape
  const logits = new Float32Array(codeCount).fill(-Infinity)
  const bestChunk = new Int32Array(codeCount).fill(-1)
  const embedding = new Float32Array(embeddingDim)
  /** The chunks that are some code's best, by chunk index: all that evidence needs. */
  const kept = new Map<number, PackedChunk>()
  let weights: Float32Array | null = null
  let width = 0
  let chunks = 0
  let tokenCount = 1
  let pending: PendingChunk[] = []

  const runBatch = async (): Promise<void> => {
    const batch = new BigInt64Array(pending.length * width).fill(BigInt(PAD_ID))
    pending.forEach(({ chunk }, row) => {
      batch[row * width] = BigInt(CLS_ID)
      chunk.ids.forEach((id, offset) => {
        batch[row * width + 1 + offset] = BigInt(id)
      })
    })
    const outputs = await session.run({ token_ids: { data: batch, dims: [pending.length, width] } })
    const logitsOut = outputs.logits?.data as Float32Array
    const attentionOut = outputs.attention?.data as Float32Array
    const embeddingOut = outputs.embedding?.data as Float32Array
    if (logitsOut.length !== pending.length * codeCount) {
      throw new AppFailure('model-invalid', `The model returned ${logitsOut.length / pending.length} logits per record; the manifest lists ${codeCount} codes.`)
    }
    weights ??= new Float32Array(codeCount * width)
    pending.forEach(({ index, chunk }, row) => {
      for (let code = 0; code < codeCount; code += 1) {
        const value = logitsOut[row * codeCount + code] as number
        if (value > (logits[code] as number)) {
          logits[code] = value
          bestChunk[code] = index
          const from = (row * codeCount + code) * width
          ;(weights as Float32Array).set(attentionOut.subarray(from, from + width), code * width)
        }
      }
      for (let dim = 0; dim < embeddingDim; dim += 1) embedding[dim] = (embedding[dim] as number) + (embeddingOut[row * embeddingDim + dim] as number)
      kept.set(index, chunk)
    })
    const needed = new Set(bestChunk)
    for (const index of kept.keys()) if (!needed.has(index)) kept.delete(index)
    pending = []
  }

  for (const chunk of streamChunks(tokens, maxTokens)) {
    tokenCount = chunk.start + chunk.ids.length
    // One chunk that fits runs at its own length; chunks of a longer record are padded to maxTokens.
    if (chunks === 0) width = chunk.last ? chunk.ids.length + 1 : maxTokens
    pending.push({ index: chunks, chunk })
    chunks += 1
    if (pending.length === CHUNK_BATCH || chunk.last) await runBatch()
  }
  const norm = Math.hypot(...embedding) || 1
  for (let dim = 0; dim < embeddingDim; dim += 1) embedding[dim] = (embedding[dim] as number) / norm
  const rows = weights as Float32Array | null
  const unpacked = new Map([...kept].map(([index, chunk]) => [index, unpack(chunk)]))
  const attention = Array.from({ length: codeCount }, (_, code) => {
    const windowTokens = unpacked.get(bestChunk[code] as number) ?? []
    const start = code * width + 1
    return { tokens: windowTokens, weights: rows ? rows.subarray(start, start + windowTokens.length) : new Float32Array(0) }
  })
  return { logits, attention, embedding, tokens: tokenCount, chunks }
}

function unpack(chunk: PackedChunk): ModelToken[] {
  return Array.from(chunk.ids, (id, offset) => ({
    id,
    section: chunk.sections[offset] as number,
    start: chunk.starts[offset] as number,
    end: chunk.ends[offset] as number,
  }))
}
