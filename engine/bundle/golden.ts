/**
 * The golden check: a bundle's `golden.json` holds PyTorch's outputs for a few
 * token-id batches; ONNX Runtime in Node must reproduce them. It proves the
 * exported graph is the trained model (no op lost or changed in export,
 * padding handled alike).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppFailure } from '../../contract/result.js'

export interface GoldenReport {
  cases: number
  /** Largest absolute difference over every output value. */
  maxAbsDifference: number
  tolerance: number
  passed: boolean
}

/** Runs a batch of token ids ([rows][tokens]) through the ONNX graph, returning its outputs by name. */
export type RunTokenIds = (data: BigInt64Array, dims: [number, number]) => Promise<Record<string, { data: unknown } | undefined>>

export async function checkGoldenOutputs(bundleDir: string, outputs: readonly string[], run: RunTokenIds): Promise<GoldenReport> {
  const path = join(bundleDir, 'golden.json')
  let golden: { tolerance?: number; cases: Array<Record<string, unknown> & { token_ids: number[][] }> }
  try {
    golden = JSON.parse(readFileSync(path, 'utf8')) as typeof golden
  } catch (error) {
    throw new AppFailure('model-invalid', `${path}: unreadable (${(error as Error).message}).`)
  }
  if (!Array.isArray(golden.cases) || golden.cases.length === 0) throw new AppFailure('model-invalid', `${path}: no cases.`)
  const tolerance = golden.tolerance ?? 1e-4
  let maxAbsDifference = 0
  for (const [index, goldenCase] of golden.cases.entries()) {
    const rows = goldenCase.token_ids
    const data = BigInt64Array.from(rows.flat(), (id) => BigInt(id))
    const result = await run(data, [rows.length, rows[0]?.length ?? 0])
    for (const name of outputs) {
      const expected = ((goldenCase[name] ?? []) as unknown[]).flat(2) as number[]
      const actual = result[name]?.data as Float32Array | undefined
      if (!actual || actual.length !== expected.length) {
        throw new AppFailure('model-invalid', `${path}: case ${index + 1}: ${name} has ${actual?.length ?? 0} values, golden.json ${expected.length}.`)
      }
      for (let position = 0; position < expected.length; position += 1) {
        maxAbsDifference = Math.max(maxAbsDifference, Math.abs((actual[position] as number) - (expected[position] as number)))
      }
    }
  }
  return { cases: golden.cases.length, maxAbsDifference, tolerance, passed: maxAbsDifference <= tolerance }
}
