import { checkNativeModules } from '../../../native/smoke.js'
import type { NativeReport } from '../../../native/smoke.js'
import { checkWorkspaceIntegrity } from '../../workspace/workspace-integrity.js'
import type { WorkspaceIntegrity } from '../../workspace/workspace-integrity.js'
import { JSON_OPTION, optionalString } from '../command.js'
import type { Command } from '../command.js'
import { EXIT_CODES } from '../exit-codes.js'

type DoctorReport = NativeReport & { node: string; workspace?: WorkspaceIntegrity }

export const doctorCommand: Command<DoctorReport> = {
  name: ['doctor'],
  summary: 'Check that the native modules (SQLite, HNSW, ONNX Runtime) load and compute; with --workspace, the database integrity too.',
  options: {
    workspace: { type: 'string', description: 'also check this workspace (read-only): full SQLite integrity check, schema, limits' },
    json: JSON_OPTION,
  },
  run: async (options) => {
    const report: DoctorReport = { node: process.version, ...(await checkNativeModules()) }
    const workspace = optionalString(options, 'workspace')
    if (workspace) report.workspace = checkWorkspaceIntegrity(workspace)
    return report
  },
  describe: (result) => [`Node ${result.node}`, result.sqlite, result.hnsw, result.onnx, 'All native modules work.', ...(result.workspace ? integrityLines(result.workspace) : [])],
  exitCode: (result) => ((result.workspace?.problems.length ?? 0) > 0 ? EXIT_CODES.failed : EXIT_CODES.ok),
}

function integrityLines(report: WorkspaceIntegrity): string[] {
  if (report.problems.length > 0) return [`Workspace ${report.workspace}: DAMAGED`, ...report.problems.map((problem) => `  ${problem}`)]
  return [
    `Workspace ${report.database}: integrity check passed (${(report.bytes / 1024 / 1024).toFixed(1)} MiB, schema ${report.schemaVersion}, ${report.elapsedMs.toFixed(0)} ms)`,
    ...report.limits.map((limit) => `  limit ${limit.key} = ${limit.value.toLocaleString('en-US')} (${limit.source})`),
  ]
}
