/**
 * The CLI acts as a named, signed-in user, never as a silent default: with a
 * token an administrator issued (`CLINICOCO_TOKEN`, for scripts), or with a
 * password typed at a terminal. The command's declared access is checked here,
 * before it runs; a refusal exits non-zero and is audited.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Account } from '../../contract/auth.js'
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import { authenticate, needsFirstAdmin } from '../auth/accounts.js'
import { resolveCliToken } from '../auth/cli-tokens.js'
import { roleMay, rolesWith } from '../auth/roles.js'
import { DATABASE_FILE, openWorkspace } from '../workspace/workspace.js'
import type { Command, ParsedOptions } from './command.js'
import { canPrompt, promptLine, promptPassword } from './prompt.js'

export const TOKEN_VARIABLE = 'CLINICOCO_TOKEN'
export const USER_VARIABLE = 'CLINICOCO_USER'

export async function signInForCommand(
  command: Command,
  options: ParsedOptions,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<Account | null> {
  if (command.access === 'none') return null
  const name = `clinicoco ${command.name.join(' ')}`
  const dir = typeof options.workspace === 'string' && options.workspace.length > 0 ? resolve(options.workspace) : null
  if (dir === null) throw new AppFailure('invalid-input', '--workspace is required.')
  const exists = existsSync(join(dir, DATABASE_FILE))
  if (!exists && command.access !== 'first-run') {
    throw new AppFailure('not-found', `No workspace database at ${join(dir, DATABASE_FILE)}: create a workspace with \`clinicoco init --workspace ${dir}\` (or \`clinicoco demo\`), or check the path.`)
  }
  if (!exists) return null
  const workspace = openForSignIn(dir)
  try {
    const { database } = workspace
    if (needsFirstAdmin(database)) {
      if (command.access === 'first-run') return null
      throw new AppFailure('unauthenticated', `No account of this workspace can sign in yet: give the administrator a password with \`clinicoco users init --workspace ${dir}\`.`)
    }
    const account = await identify(database, env)
    const needs = command.access === 'first-run' ? 'manage-users' : command.access
    if (needs !== 'signed-in' && !roleMay(account.role, needs)) {
      auditUnlessReadOnly(database, () =>
        appendAudit(database, { actor: account.id, action: 'access.denied', entity: 'command', entityId: command.name.join(' '), detail: { role: account.role, needs } }),
      )
      throw new AppFailure(
        'forbidden',
        `Not allowed: \`${name}\` needs the "${needs}" permission; ${account.id} is a ${account.role} (${rolesWith(needs).join(', ')} may).`,
      )
    }
    if (command.auditsItself !== true) {
      auditUnlessReadOnly(database, () =>
        appendAudit(database, { actor: account.id, action: 'cli.run', entity: 'command', entityId: command.name.join(' '), detail: {} }),
      )
    }
    return account
  } finally {
    workspace.close()
  }
}

/**
 * A workspace on read-only media (a copy IT made read-only, a DVD) can take no audit row: the run is
 * not recorded there, and the command cannot write anything either (a write fails naming the file).
 */
export function auditUnlessReadOnly(database: Parameters<typeof needsFirstAdmin>[0], write: () => unknown): void {
  if (database.readonly) return
  try {
    database.transaction(write)
  } catch (error) {
    if (!(error instanceof AppFailure && error.code === 'read-only')) throw error
  }
}

/** Read-write, so the run is audited; a workspace on read-only media opens read-only (see auditUnlessReadOnly). */
function openForSignIn(dir: string): ReturnType<typeof openWorkspace> {
  try {
    return openWorkspace(dir)
  } catch (error) {
    if (error instanceof AppFailure && error.code === 'read-only') return openWorkspace(dir, { readonly: true })
    throw error
  }
}

async function identify(database: Parameters<typeof needsFirstAdmin>[0], env: Readonly<Record<string, string | undefined>>): Promise<Account> {
  const token = env[TOKEN_VARIABLE]?.trim()
  if (token) return resolveCliToken(database, token)
  if (!canPrompt()) {
    throw new AppFailure(
      'unauthenticated',
      `Sign in: run this at a terminal to be asked for your password, or set ${TOKEN_VARIABLE} to a token an administrator issued with \`clinicoco users token --id USER\`.`,
    )
  }
  const userId = env[USER_VARIABLE]?.trim() || (await promptLine('User: '))
  const password = await promptPassword(`Password for ${userId}: `)
  return authenticate(database, userId, password, 'cli')
}
