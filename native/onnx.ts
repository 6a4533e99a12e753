/**
 * The only importer of onnxruntime-node. Sessions take and return plain typed
 * arrays with their shapes, so engine code never sees ORT's Tensor class.
 */
import * as ort from 'onnxruntime-node'

export interface NamedTensor {
  data: Float32Array | BigInt64Array | Int32Array
  dims: readonly number[]
}

export interface OnnxSession {
  inputNames: readonly string[]
  outputNames: readonly string[]
  run(inputs: Record<string, NamedTensor>): Promise<Record<string, NamedTensor>>
  close(): Promise<void>
}

export interface OnnxSessionOptions {
  /** One intra-op thread by default: the pool otherwise takes every core and starves the UI's process. */
  intraOpThreads?: number
}

export async function openOnnxSession(modelPath: string, options: OnnxSessionOptions = {}): Promise<OnnxSession> {
  const session = await ort.InferenceSession.create(modelPath, {
    intraOpNumThreads: options.intraOpThreads ?? 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  })
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(inputs) {
      const feeds: Record<string, ort.Tensor> = {}
      for (const [name, tensor] of Object.entries(inputs)) {
        const type = tensor.data instanceof Float32Array ? 'float32' : tensor.data instanceof BigInt64Array ? 'int64' : 'int32'
        feeds[name] = new ort.Tensor(type, tensor.data, tensor.dims)
      }
      const outputs = await session.run(feeds)
      const result: Record<string, NamedTensor> = {}
      for (const [name, tensor] of Object.entries(outputs)) {
        result[name] = { data: tensor.data as NamedTensor['data'], dims: tensor.dims }
      }
      return result
    },
    close: () => session.release(),
  }
}

export function onnxRuntimeVersion(): string {
  return ort.env.versions.common ?? 'unknown'
}
