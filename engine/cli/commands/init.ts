import { createAccount } from '../../auth/accounts.js'
import { initWorkspace } from '../../workspace/init-workspace.js'
import type { InitSummary } from '../../workspace/init-workspace.js'
import { openWorkspace } from '../../workspace/workspace.js'
import { JSON_OPTION, optionalString, requireString } from '../command.js'
import type { Command } from '../command.js'
import { canPrompt, readNewPassword } from '../prompt.js'

export const initCommand: Command<InitSummary & { adminCanSignIn: boolean }> = {
  name: ['init'],
  // Makes a new workspace only (it refuses a folder that holds one), so there is no account yet to sign in with.
  access: 'none',
  summary:
    "Create a new, empty workspace (database, first admin user); no other command creates one. The admin's password is asked at a terminal (or read with --password-stdin); without one, `clinicoco users init` sets it.",
  options: {
    workspace: { type: 'string', description: 'folder for the new workspace (must not hold one already)' },
    name: { type: 'string', description: "the hospital or department name shown in the app's header" },
    admin: { type: 'string', description: 'user id of the first admin', default: 'admin' },
    'admin-name': { type: 'string', description: 'display name of the first admin', default: 'Administrator' },
    'password-stdin': { type: 'boolean', description: "read the admin's password from the first line of standard input (scripts)" },
    json: JSON_OPTION,
  },
  run: async (options) => {
    const adminId = requireString(options, 'admin')
    // Asked before anything is made: a mistyped second password leaves no half-made workspace behind.
    const withPassword = options['password-stdin'] === true || canPrompt()
    const password = withPassword ? await readNewPassword(options['password-stdin'] === true, adminId) : undefined
    const summary = initWorkspace({
      dir: requireString(options, 'workspace'),
      ...(optionalString(options, 'name') ? { name: optionalString(options, 'name') } : {}),
      adminId,
      adminName: requireString(options, 'admin-name'),
    })
    if (password === undefined) return { ...summary, adminCanSignIn: false }
    const workspace = openWorkspace(summary.workspace)
    try {
      // The admin made by initWorkspace has no password yet: this gives it one (audited as the admin's own first run).
      await createAccount(workspace.database, { id: adminId, displayName: requireString(options, 'admin-name'), role: 'admin', password }, adminId)
    } finally {
      workspace.close()
    }
    return { ...summary, adminCanSignIn: true }
  },
  describe: (result) => [
    `New workspace ${result.name} in ${result.workspace} (database ${result.database}); first admin: ${result.admin}.`,
    result.adminCanSignIn
      ? 'Next: install a code set (`clinicoco codes import`) and import records (`clinicoco import`), signed in as the admin.'
      : `Next: give ${result.admin} a password with \`clinicoco users init --workspace ${result.workspace} --id ${result.admin}\`, then install a code set and import records.`,
  ],
}
