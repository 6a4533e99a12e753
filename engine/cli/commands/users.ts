import { CodingMode } from '../../../contract/domain.js'
import { AppFailure } from '../../../contract/result.js'
import { setCodingMode } from '../../workspace/coding-mode.js'
import { JSON_OPTION, WORKSPACE_OPTION, requireString } from '../command.js'
import type { Command } from '../command.js'
import { actorOption, resolveActor } from './actor.js'
import { READ_ONLY, withWorkspace } from './with-workspace.js'

interface UserRow {
  id: string
  displayName: string
  role: string
  mode: string
}

export const usersListCommand: Command<{ users: UserRow[] }> = {
  name: ['users', 'list'],
  summary: 'List the workspace users with their role and coding mode.',
  options: { workspace: WORKSPACE_OPTION, json: JSON_OPTION },
  run: (options) =>
    withWorkspace(options, ({ database }) => ({
      users: database
        .prepare<UserRow>('SELECT id, display_name AS displayName, role, coding_mode AS mode FROM users ORDER BY id')
        .all(),
    }), READ_ONLY),
  describe: (result) => result.users.map((user) => `${user.id.padEnd(16)} ${user.role.padEnd(11)} ${user.mode.padEnd(10)} ${user.displayName}`),
}

export const usersModeCommand: Command<{ user: string; from: string; to: string }> = {
  name: ['users', 'mode'],
  summary: "Set a coder's mode: assisted (all decision support), black-box (suggestions only) or manual (no AI).",
  options: {
    workspace: WORKSPACE_OPTION,
    coder: { type: 'string', description: 'the coder whose mode changes' },
    mode: { type: 'string', description: 'assisted | black-box | manual' },
    user: actorOption,
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, ({ database }) => {
      const parsed = CodingMode.safeParse(options.mode)
      if (!parsed.success) throw new AppFailure('invalid-input', '--mode must be assisted, black-box or manual.')
      const coder = requireString(options, 'coder')
      const from = setCodingMode(database, { userId: coder, mode: parsed.data, actor: resolveActor(database, options) })
      return { user: coder, from, to: parsed.data }
    }),
  describe: (result) => [`${result.user}: ${result.from} → ${result.to}`],
}
