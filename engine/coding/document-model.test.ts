import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openOnnxSession } from '../../native/onnx.js'
import { modelsDirectory } from '../bundle/run-trainer.js'
import { CLS_ID, PAD_ID } from '../text/vocabulary.js'
import { CHUNK_BATCH, chunkStarts, openDocumentModel, streamChunks } from './document-model.js'
import { readModelBundle } from './model-bundle.js'

describe('chunkStarts', () => {
  it('reads a record that fits in one chunk from position 1 ([CLS] is position 0)', () => {
    expect(chunkStarts(10, 16)).toEqual([1])
    expect(chunkStarts(16, 16)).toEqual([1])
  })

  it('covers every token of a long record with overlapping chunks, never dropping the tail', () => {
    const maxTokens = 128
    for (const length of [129, 200, 1000, 4097]) {
      const starts = chunkStarts(length, maxTokens)
      const body = maxTokens - 1
      expect(starts[0]).toBe(1)
      // Consecutive chunks overlap, so a phrase cut by one boundary is whole in the next chunk.
      for (let index = 1; index < starts.length; index += 1) expect((starts[index] as number) - (starts[index - 1] as number)).toBeLessThan(body)
      expect((starts.at(-1) as number) + body).toBeGreaterThanOrEqual(length)
    }
  })
})

describe('streamChunks', () => {
  it('cuts a stream of unknown length into exactly the chunks chunkStarts plans', () => {
    const maxTokens = 128
    for (const length of [1, 2, 127, 128, 129, 191, 192, 193, 1000, 4097]) {
      const positions = Array.from({ length }, (_, position) => position)
      const tokens = positions.map((position) => ({ id: position, section: position % 3, start: position * 2, end: position * 2 + 1 }))
      const chunks = [...streamChunks(tokens, maxTokens)]
      const planned = chunkStarts(length, maxTokens)
      expect(chunks.map((chunk) => chunk.start)).toEqual(planned)
      chunks.forEach((chunk, index) => {
        const expected = positions.slice(chunk.start, Math.min(length, chunk.start + maxTokens - 1))
        expect([...chunk.ids]).toEqual(expected)
        expect([...chunk.sections]).toEqual(expected.map((position) => position % 3))
        expect([...chunk.starts]).toEqual(expected.map((position) => position * 2))
        expect([...chunk.ends]).toEqual(expected.map((position) => position * 2 + 1))
        expect(chunk.last).toBe(index === chunks.length - 1)
      })
    }
  })
})

describe('the document model on a long record', () => {
  const bundle = readModelBundle(join(modelsDirectory(), 'demo'))
  const { manifest } = bundle
  const shape = { codeCount: manifest.codes.length, embeddingDim: manifest.documentModel.embeddingDim, maxTokens: manifest.documentModel.maxTokens }

  it(`gives, running ${CHUNK_BATCH} chunks at a time, what one batch of every chunk gives`, async () => {
    // A fixed pseudo-random text (a linear congruential sequence): ids spread over the vocabulary.
    let state = 5
    const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
    const vocabularySize = 2_000
    const length = shape.maxTokens * 6 + 37
    const ids = [CLS_ID, ...Array.from({ length: length - 1 }, () => 5 + Math.floor(random() * vocabularySize))]
    const tokens = ids.map((id, position) => ({ id, section: 0, start: position, end: position + 1 }))

    // The reference: every chunk padded into one batch, as inference once ran it.
    const starts = chunkStarts(length, shape.maxTokens)
    expect(starts.length).toBeGreaterThan(CHUNK_BATCH + 1)
    const width = shape.maxTokens
    const batch = new BigInt64Array(starts.length * width).fill(BigInt(PAD_ID))
    starts.forEach((start, chunk) => {
      batch[chunk * width] = BigInt(CLS_ID)
      for (let position = start; position < Math.min(length, start + width - 1); position += 1) batch[chunk * width + 1 + position - start] = BigInt(ids[position] as number)
    })
    const session = await openOnnxSession(bundle.documentModelPath)
    const reference = await session.run({ token_ids: { data: batch, dims: [starts.length, width] } })
    await session.close()
    const referenceLogits = reference.logits?.data as Float32Array
    const referenceAttention = reference.attention?.data as Float32Array

    const model = await openDocumentModel(bundle.documentModelPath, shape)
    const output = await model.run(tokens)
    await model.close()
    expect(output.tokens).toBe(length)
    expect(output.chunks).toBe(starts.length)
    for (let code = 0; code < shape.codeCount; code += 1) {
      let best = -Infinity
      let bestChunk = 0
      starts.forEach((_, chunk) => {
        const value = referenceLogits[chunk * shape.codeCount + code] as number
        if (value > best) [best, bestChunk] = [value, chunk]
      })
      expect(output.logits[code]).toBeCloseTo(best, 4)
      // The code's evidence window is its best chunk: the same tokens, the same attention.
      const window = output.attention[code]
      const start = starts[bestChunk] as number
      expect(window?.tokens).toEqual(tokens.slice(start, Math.min(length, start + width - 1)))
      const row = (bestChunk * shape.codeCount + code) * width
      window?.weights.forEach((weight, offset) => expect(weight).toBeCloseTo(referenceAttention[row + 1 + offset] as number, 5))
    }
    const embedding = reference.embedding?.data as Float32Array
    const mean = Array.from({ length: shape.embeddingDim }, (_, dim) => starts.reduce((sum, _start, chunk) => sum + (embedding[chunk * shape.embeddingDim + dim] as number), 0))
    const norm = Math.hypot(...mean)
    output.embedding.forEach((value, dim) => expect(value).toBeCloseTo((mean[dim] as number) / norm, 5))
  })

  it('reads a record that fits in one chunk at its own length, unpadded', async () => {
    const model = await openDocumentModel(bundle.documentModelPath, shape)
    const output = await model.run([CLS_ID, 7, 8, 9].map((id, position) => ({ id, section: 0, start: position, end: position + 1 })))
    await model.close()
    expect(output).toMatchObject({ tokens: 4, chunks: 1 })
    expect(output.attention.every((window) => window.tokens.length === 3 && window.weights.length === 3)).toBe(true)
  })
})
