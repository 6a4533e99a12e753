/** Which workspace the app opens, and as whom. */
import { join, resolve } from 'node:path'
import type { EngineStartOptions } from '../../engine/host/protocol.js'

const WORKSPACE_FLAG = '--workspace='
export const DEFAULT_USER_ID = 'coder'

/**
 * The workspace is `--workspace=DIR` on the command line, else
 * `CLINICOCO_WORKSPACE`, else the machine policy's `workspaceDir`, else
 * `<userData>/workspace`; the user is `CLINICOCO_USER`, else "coder".
 */
export function resolveStartOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  userDataDir: string,
  policyWorkspaceDir?: string,
): EngineStartOptions {
  const flag = argv.find((argument) => argument.startsWith(WORKSPACE_FLAG))?.slice(WORKSPACE_FLAG.length)
  const workspaceDir = nonEmpty(flag) ?? nonEmpty(env.CLINICOCO_WORKSPACE) ?? nonEmpty(policyWorkspaceDir) ?? join(userDataDir, 'workspace')
  return { workspaceDir: resolve(workspaceDir), userId: nonEmpty(env.CLINICOCO_USER) ?? DEFAULT_USER_ID }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}
