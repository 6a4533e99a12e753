/**
 * The native modules load and compute under the running runtime's ABI
 * (native/smoke.ts); the ABI is named so IT can match it to a build.
 */
import { checkNativeModules } from '../../native/smoke.js'
import type { CheckFinding } from './doctor-check.js'

export async function checkNative(): Promise<CheckFinding[]> {
  const report = await checkNativeModules()
  const runtime = `${process.versions.electron ? `Electron ${process.versions.electron}` : `Node ${process.version}`} (NODE_MODULE_VERSION ${process.versions.modules}, ${process.platform}-${process.arch})`
  return [
    { check: 'runtime', status: 'ok', detail: runtime },
    { check: 'native modules', status: 'ok', detail: `${report.sqlite}; ${report.hnsw}; ${report.onnx}` },
  ]
}
