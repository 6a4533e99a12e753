/** Which workspace the app opens. Who works in it is whoever signs in at the app's sign-in screen. */
import { join, resolve } from 'node:path'
import type { EngineStartOptions } from '../../engine/host/protocol.js'

const WORKSPACE_FLAG = '--workspace='

/**
 * The workspace is `--workspace=DIR` on the command line, else
 * `CLINICOCO_WORKSPACE`, else the machine policy's `workspaceDir`, else
 * `<userData>/workspace`. Whoever works signs in at the app's sign-in screen;
 * the idle lock is the machine policy's (the engine reads it).
 */
export function resolveStartOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  userDataDir: string,
  policyWorkspaceDir?: string,
): EngineStartOptions {
  const flag = argv.find((argument) => argument.startsWith(WORKSPACE_FLAG))?.slice(WORKSPACE_FLAG.length)
  const workspaceDir = nonEmpty(flag) ?? nonEmpty(env.CLINICOCO_WORKSPACE) ?? nonEmpty(policyWorkspaceDir) ?? join(userDataDir, 'workspace')
  return { workspaceDir: resolve(workspaceDir) }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}
