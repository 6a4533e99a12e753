import type { Account } from '../../../contract/auth.js'
import { Role } from '../../../contract/auth.js'
import { CodingMode } from '../../../contract/domain.js'
import { AppFailure } from '../../../contract/result.js'
import { createAccount, listAccounts, requireAccount, setDisabled, setPassword, setRole, unlockAccount } from '../../auth/accounts.js'
import { MAX_TOKEN_DAYS } from '../../auth/auth-policy.js'
import { issueCliToken, revokeCliTokens } from '../../auth/cli-tokens.js'
import type { IssuedToken } from '../../auth/cli-tokens.js'
import { roleMay } from '../../auth/roles.js'
import { setCoderSettings } from '../../workspace/coder-settings.js'
import { JSON_OPTION, WORKSPACE_OPTION, actorOf, optionalString, requireNumber, requireString } from '../command.js'
import type { Command, OptionSpec, ParsedOptions } from '../command.js'
import { readNewPassword } from '../prompt.js'
import { READ_ONLY, withWorkspace } from './with-workspace.js'

const ID_OPTION: OptionSpec = { type: 'string', description: 'the user id' }
const PASSWORD_STDIN_OPTION: OptionSpec = { type: 'boolean', description: 'read the password from the first line of standard input (scripts); else it is asked at the terminal' }

function roleOption(options: ParsedOptions): Role {
  const parsed = Role.safeParse(options.role)
  if (!parsed.success) throw new AppFailure('invalid-input', `--role must be one of ${Role.options.join(', ')}.`)
  return parsed.data
}

function describeAccount(account: Account): string {
  const state = account.disabled ? 'disabled' : account.lockedUntil ? `locked until ${account.lockedUntil}` : account.hasPassword ? 'active' : 'no password'
  return `${account.id.padEnd(16)} ${account.role.padEnd(11)} ${account.mode.padEnd(10)} ${state.padEnd(12)} ${account.displayName}`
}

export const usersListCommand: Command<{ users: Account[] }> = {
  name: ['users', 'list'],
  access: 'view-users',
  summary: 'List the workspace accounts: role, coding mode, state.',
  options: { workspace: WORKSPACE_OPTION, json: JSON_OPTION },
  run: (options) => withWorkspace(options, ({ database }) => ({ users: listAccounts(database) }), READ_ONLY),
  describe: (result) => result.users.map(describeAccount),
}

export const usersModeCommand: Command<{ user: string; from: string; to: string }> = {
  name: ['users', 'mode'],
  access: 'set-study',
  summary: "Set a coder's mode: assisted (all decision support), black-box (suggestions only) or manual (no AI). Supervisors only; audited.",
  options: {
    workspace: WORKSPACE_OPTION,
    coder: { type: 'string', description: 'the coder whose mode changes' },
    mode: { type: 'string', description: 'assisted | black-box | manual' },
    json: JSON_OPTION,
  },
  run: (options, _positionals, context) =>
    withWorkspace(options, ({ database }) => {
      const parsed = CodingMode.safeParse(options.mode)
      if (!parsed.success) throw new AppFailure('invalid-input', '--mode must be assisted, black-box or manual.')
      const coder = requireString(options, 'coder')
      const from = requireAccount(database, coder).mode
      setCoderSettings(database, { userId: coder, mode: parsed.data }, actorOf(context).id)
      return { user: coder, from, to: parsed.data }
    }),
  describe: (result) => [`${result.user}: ${result.from} → ${result.to}`],
}

export const usersInitCommand: Command<Account> = {
  name: ['users', 'init'],
  access: 'first-run',
  summary: 'First run: give the workspace made by `clinicoco init` its administrator with a password (while no account can sign in; afterwards an administrator makes another).',
  options: {
    workspace: WORKSPACE_OPTION,
    id: { type: 'string', description: 'the administrator user id', default: 'admin' },
    name: { type: 'string', description: 'display name', default: 'Administrator' },
    'password-stdin': PASSWORD_STDIN_OPTION,
    json: JSON_OPTION,
  },
  run: async (options, _positionals, context) => {
    // Run again by an administrator, `first-run` access means: make another administrator.
    const id = requireString(options, 'id')
    const password = await readNewPassword(options['password-stdin'] === true, id)
    return withWorkspace(options, ({ database }) =>
      createAccount(database, { id, displayName: requireString(options, 'name'), role: 'admin', password }, context.actor?.id ?? id),
    )
  },
  describe: (account) => [`Administrator ${account.id} created. Sign in to the app with it, or use it at the terminal.`],
}

export const usersAddCommand: Command<Account> = {
  name: ['users', 'add'],
  access: 'manage-users',
  summary: 'Create an account (coder, supervisor, admin or auditor); the user changes the first password at the first sign-in.',
  options: {
    workspace: WORKSPACE_OPTION,
    id: ID_OPTION,
    name: { type: 'string', description: 'display name (default: the id)' },
    role: { type: 'string', description: Role.options.join(' | ') },
    'password-stdin': PASSWORD_STDIN_OPTION,
    json: JSON_OPTION,
  },
  run: async (options, _positionals, context) => {
    const id = requireString(options, 'id')
    const role = roleOption(options)
    const password = await readNewPassword(options['password-stdin'] === true, id)
    return withWorkspace(options, ({ database }) =>
      createAccount(database, { id, displayName: optionalString(options, 'name') ?? id, role, password, mustChangePassword: true }, actorOf(context).id),
    )
  },
  describe: (account) => [`Created ${account.role} ${account.id} (${account.displayName}); the first sign-in asks for a new password.`],
}

export const usersPasswdCommand: Command<{ user: string; reset: boolean }> = {
  name: ['users', 'passwd'],
  access: 'signed-in',
  summary: "Change your own password, or (administrators) reset another user's: they choose a new one at their next sign-in.",
  options: { workspace: WORKSPACE_OPTION, id: { type: 'string', description: 'whose password (default: your own)' }, 'password-stdin': PASSWORD_STDIN_OPTION, json: JSON_OPTION },
  run: async (options, _positionals, context) => {
    const actor = actorOf(context)
    const id = optionalString(options, 'id') ?? actor.id
    const reset = id !== actor.id
    if (reset && !roleMay(actor.role, 'manage-users')) throw new AppFailure('forbidden', `Not allowed: only an administrator sets another user's password; ${actor.id} is a ${actor.role}.`)
    const password = await readNewPassword(options['password-stdin'] === true, id)
    await withWorkspace(options, ({ database }) => setPassword(database, { userId: id, password, mustChange: reset }, actor.id))
    return { user: id, reset }
  },
  describe: (result) => [result.reset ? `Password of ${result.user} reset: they choose a new one at their next sign-in.` : 'Password changed.'],
}

export const usersRoleCommand: Command<{ user: string; from: Role; to: Role }> = {
  name: ['users', 'role'],
  access: 'manage-users',
  summary: "Change a user's role (audited); the last administrator keeps theirs.",
  options: { workspace: WORKSPACE_OPTION, id: ID_OPTION, role: { type: 'string', description: Role.options.join(' | ') }, json: JSON_OPTION },
  run: (options, _positionals, context) =>
    withWorkspace(options, ({ database }) => {
      const id = requireString(options, 'id')
      const to = roleOption(options)
      return { user: id, from: setRole(database, id, to, actorOf(context).id), to }
    }),
  describe: (result) => [`${result.user}: ${result.from} → ${result.to}`],
}

export const usersDisableCommand: Command<Account> = {
  name: ['users', 'disable'],
  access: 'manage-users',
  summary: 'Disable an account (it cannot sign in, its CLI tokens stop working; its history stays), or --enable it again.',
  options: { workspace: WORKSPACE_OPTION, id: ID_OPTION, enable: { type: 'boolean', description: 'enable instead' }, json: JSON_OPTION },
  run: (options, _positionals, context) =>
    withWorkspace(options, ({ database }) => {
      const id = requireString(options, 'id')
      const actor = actorOf(context).id
      if (options.enable !== true && id === actor) throw new AppFailure('conflict', 'You cannot disable your own account.')
      setDisabled(database, id, options.enable !== true, actor)
      return requireAccount(database, id)
    }),
  describe: (account) => [`${account.id} is ${account.disabled ? 'disabled' : 'enabled'}.`],
}

export const usersUnlockCommand: Command<Account> = {
  name: ['users', 'unlock'],
  access: 'manage-users',
  summary: 'Lift the lock that repeated failed sign-ins put on an account.',
  options: { workspace: WORKSPACE_OPTION, id: ID_OPTION, json: JSON_OPTION },
  run: (options, _positionals, context) =>
    withWorkspace(options, ({ database }) => {
      const id = requireString(options, 'id')
      unlockAccount(database, id, actorOf(context).id)
      return requireAccount(database, id)
    }),
  describe: (account) => [`${account.id} is unlocked.`],
}

export const usersTokenCommand: Command<IssuedToken | { user: string; revoked: number }> = {
  name: ['users', 'token'],
  access: 'manage-users',
  summary: 'Issue a CLI token that acts as a user (for scripts: export CLINICOCO_TOKEN=…), or --revoke all of theirs.',
  options: {
    workspace: WORKSPACE_OPTION,
    id: ID_OPTION,
    days: { type: 'string', description: 'days until it expires', default: '30' },
    label: { type: 'string', description: 'what the token is for' },
    revoke: { type: 'boolean', description: "revoke every live token of the user instead" },
    json: JSON_OPTION,
  },
  run: (options, _positionals, context) =>
    withWorkspace(options, ({ database }) => {
      const id = requireString(options, 'id')
      if (options.revoke === true) return { user: id, revoked: revokeCliTokens(database, id, actorOf(context).id) }
      // 0 parses, and issueCliToken refuses it with the lifetime rule in words.
      const days = requireNumber(options, 'days', { min: 0, max: MAX_TOKEN_DAYS })
      return issueCliToken(database, { userId: id, days, label: optionalString(options, 'label') }, actorOf(context).id)
    }),
  describe: (result) =>
    'token' in result
      ? [result.token, `(token ${result.id} acts as ${result.userId} until ${result.expiresAt}; shown once: keep it like a password)`]
      : [`Revoked ${result.revoked} token(s) of ${result.user}.`],
}
