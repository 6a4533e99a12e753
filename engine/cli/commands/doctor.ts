import { checkNativeModules } from '../../../native/smoke.js'
import type { NativeReport } from '../../../native/smoke.js'
import { JSON_OPTION } from '../command.js'
import type { Command } from '../command.js'

export const doctorCommand: Command<NativeReport & { node: string }> = {
  name: ['doctor'],
  access: 'none',
  summary: 'Check that the native modules (SQLite, HNSW, ONNX Runtime) load and compute correctly.',
  options: { json: JSON_OPTION },
  run: async () => ({ node: process.version, ...(await checkNativeModules()) }),
  describe: (result) => [`Node ${result.node}`, result.sqlite, result.hnsw, result.onnx, 'All native modules work.'],
}
