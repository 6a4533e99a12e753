import { AppFailure } from '../../../contract/result.js'
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

/**
 * For commands that read and then record that they did (`audit verify`): read-write where the
 * workspace can be written, else read-only, where their own audit row is left out (sign-in.ts).
 */
export async function withWorkspaceWritableIfPossible<T>(options: ParsedOptions, work: (workspace: Workspace) => T | Promise<T>): Promise<T> {
  const dir = requireString(options, 'workspace')
  let workspace: Workspace
  try {
    workspace = openWorkspace(dir)
  } catch (error) {
    if (!(error instanceof AppFailure && error.code === 'read-only')) throw error
    workspace = openWorkspace(dir, READ_ONLY)
  }
  try {
    return await work(workspace)
  } finally {
    workspace.close()
  }
}
