/**
 * The golden check: `golden.json` holds PyTorch's outputs for a few inputs;
 * ONNX Runtime in Node must reproduce them. It proves the exported graph is
 * the trained model (no op lost or changed in export, padding handled alike).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppFailure } from '../../contract/result.js'
import { openOnnxSession } from '../../native/onnx.js'
import type { ModelBundle } from './model-bundle.js'

interface GoldenCase {
  token_ids: number[][]
  logits: number[][]
  embedding: number[][]
  attention: number[][][]
}

export interface GoldenReport {
  cases: number
  /** Largest absolute difference over every output value. */
  maxAbsDifference: number
  tolerance: number
  passed: boolean
}

export async function checkGolden(bundle: ModelBundle): Promise<GoldenReport> {
  const path = join(bundle.dir, 'golden.json')
  let golden: { tolerance?: number; cases: GoldenCase[] }
  try {
    golden = JSON.parse(readFileSync(path, 'utf8')) as typeof golden
  } catch (error) {
    throw new AppFailure('model-invalid', `${path}: unreadable (${(error as Error).message}).`)
  }
  if (!Array.isArray(golden.cases) || golden.cases.length === 0) throw new AppFailure('model-invalid', `${path}: no cases.`)
  const tolerance = golden.tolerance ?? 1e-4
  const session = await openOnnxSession(bundle.documentModelPath)
  let maxAbsDifference = 0
  try {
    for (const [index, golden_case] of golden.cases.entries()) {
      const rows = golden_case.token_ids
      const width = rows[0]?.length ?? 0
      const data = BigInt64Array.from(rows.flat(), (id) => BigInt(id))
      const outputs = await session.run({ token_ids: { data, dims: [rows.length, width] } })
      for (const name of ['logits', 'embedding', 'attention'] as const) {
        const expected = (golden_case[name] as unknown[]).flat(2) as number[]
        const actual = outputs[name]?.data as Float32Array | undefined
        if (!actual || actual.length !== expected.length) {
          throw new AppFailure('model-invalid', `${path}: case ${index + 1}: ${name} has ${actual?.length ?? 0} values, golden.json ${expected.length}.`)
        }
        for (let position = 0; position < expected.length; position += 1) {
          maxAbsDifference = Math.max(maxAbsDifference, Math.abs((actual[position] as number) - (expected[position] as number)))
        }
      }
    }
  } finally {
    await session.close()
  }
  return { cases: golden.cases.length, maxAbsDifference, tolerance, passed: maxAbsDifference <= tolerance }
}
