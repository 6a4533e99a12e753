import { openWorkspace } from '../../workspace/workspace.js'
import type { Workspace } from '../../workspace/workspace.js'
import { requireString } from '../command.js'
import type { ParsedOptions } from '../command.js'

/** Opens the workspace named by `--workspace`, runs `work`, and always closes it. */
export async function withWorkspace<T>(options: ParsedOptions, work: (workspace: Workspace) => T | Promise<T>): Promise<T> {
  const workspace = openWorkspace(requireString(options, 'workspace'))
  try {
    return await work(workspace)
  } finally {
    workspace.close()
  }
}
