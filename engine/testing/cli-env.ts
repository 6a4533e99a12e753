/**
 * Test support for tests that run the built CLI in its own process: the
 * environment a script of a workspace's user would have (a CLI token in
 * `CLINICOCO_TOKEN`), one token per workspace and user.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DATABASE_FILE, openWorkspace } from '../workspace/workspace.js'
import { cliTokenFor } from './signed-in.js'

const tokens = new Map<string, string>()

/** `process.env` plus a token acting as `userId`; without a workspace there yet, `process.env` alone. */
export function cliEnvAs(workspaceDir: string | undefined, userId = 'admin'): NodeJS.ProcessEnv {
  if (workspaceDir === undefined || !existsSync(join(resolve(workspaceDir), DATABASE_FILE))) return { ...process.env, CLINICOCO_TOKEN: '' }
  const key = `${resolve(workspaceDir)}\u0000${userId}`
  let token = tokens.get(key)
  if (token === undefined) {
    let workspace
    try {
      workspace = openWorkspace(workspaceDir)
    } catch {
      // An emptied or damaged database: the command under test meets it without a token.
      return { ...process.env, CLINICOCO_TOKEN: '' }
    }
    try {
      token = cliTokenFor(workspace, userId)
    } finally {
      workspace.close()
    }
    tokens.set(key, token)
  }
  return { ...process.env, CLINICOCO_TOKEN: token }
}

/** The workspace named by `--workspace` in a CLI argument list. */
export function workspaceArgument(args: readonly string[]): string | undefined {
  const at = args.indexOf('--workspace')
  return at >= 0 ? args[at + 1] : undefined
}
