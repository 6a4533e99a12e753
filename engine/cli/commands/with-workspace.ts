import { openWorkspace } from '../../workspace/workspace.js'
import type { OpenWorkspaceOptions, Workspace } from '../../workspace/workspace.js'
import { requireString } from '../command.js'
import type { ParsedOptions } from '../command.js'

/**
 * Opens the existing workspace named by `--workspace`, runs `work`, and always
 * closes it. Commands that only read pass `{ readonly: true }`: they write
 * nothing, and work on a workspace that cannot be written (a copy on read-only
 * media, a folder IT made read-only).
 */
export async function withWorkspace<T>(
  options: ParsedOptions,
  work: (workspace: Workspace) => T | Promise<T>,
  open: OpenWorkspaceOptions = {},
): Promise<T> {
  const workspace = openWorkspace(requireString(options, 'workspace'), open)
  try {
    return await work(workspace)
  } finally {
    workspace.close()
  }
}

/** For commands that only read. */
export const READ_ONLY: OpenWorkspaceOptions = { readonly: true }
