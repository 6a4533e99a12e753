import { initWorkspace } from '../../workspace/init-workspace.js'
import type { InitSummary } from '../../workspace/init-workspace.js'
import { JSON_OPTION, optionalString, requireString } from '../command.js'
import type { Command } from '../command.js'

export const initCommand: Command<InitSummary> = {
  name: ['init'],
  summary: 'Create a new, empty workspace (database, first admin user); no other command creates one.',
  options: {
    workspace: { type: 'string', description: 'folder for the new workspace (must not hold one already)' },
    name: { type: 'string', description: "the hospital or department name shown in the app's header" },
    admin: { type: 'string', description: 'user id of the first admin', default: 'admin' },
    'admin-name': { type: 'string', description: 'display name of the first admin', default: 'Administrator' },
    json: JSON_OPTION,
  },
  run: (options) =>
    initWorkspace({
      dir: requireString(options, 'workspace'),
      ...(optionalString(options, 'name') ? { name: optionalString(options, 'name') } : {}),
      adminId: requireString(options, 'admin'),
      adminName: requireString(options, 'admin-name'),
    }),
  describe: (result) => [
    `New workspace ${result.name} in ${result.workspace} (database ${result.database}); first admin: ${result.admin}.`,
    'Next: install a code set (`clinicoco codes import`) and import records (`clinicoco import`).',
  ],
}
