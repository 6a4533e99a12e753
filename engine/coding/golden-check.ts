/**
 * The coding model's golden check: logits, document embedding and per-label
 * attention from PyTorch (`golden.json`) reproduced by ONNX Runtime in Node
 * (`engine/bundle/golden.ts` says why).
 */
import { openOnnxSession } from '../../native/onnx.js'
import { checkGoldenOutputs, type GoldenReport } from '../bundle/golden.js'
import type { ModelBundle } from './model-bundle.js'

export type { GoldenReport } from '../bundle/golden.js'

export async function checkGolden(bundle: ModelBundle): Promise<GoldenReport> {
  const session = await openOnnxSession(bundle.documentModelPath)
  try {
    return await checkGoldenOutputs(bundle.dir, ['logits', 'embedding', 'attention'], (data, dims) => session.run({ token_ids: { data, dims } }))
  } finally {
    await session.close()
  }
}
