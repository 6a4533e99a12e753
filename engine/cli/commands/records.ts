import type { RecordSummary } from '../../../contract/domain.js'
import { AppFailure } from '../../../contract/result.js'
import { listRecords } from '../../records/list-records.js'
import { JSON_OPTION, WORKSPACE_OPTION, optionalString } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'

export const recordsListCommand: Command<{ total: number; items: RecordSummary[] }> = {
  name: ['records', 'list'],
  access: 'read-records',
  summary: 'List the records of the queue.',
  options: {
    workspace: WORKSPACE_OPTION,
    status: { type: 'string', description: 'todo | submitted (default: all)' },
    offset: { type: 'string', description: 'skip this many records', default: '0' },
    limit: { type: 'string', description: 'at most this many records', default: '50' },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, ({ database }) => {
      const status = optionalString(options, 'status')
      if (status !== undefined && status !== 'todo' && status !== 'submitted') {
        throw new AppFailure('invalid-input', `--status must be todo or submitted, not "${status}".`)
      }
      return listRecords(database, {
        status,
        offset: Number(options.offset),
        limit: Number(options.limit),
      })
    }),
  describe: (result) => [
    ...result.items.map((item) => `${item.id.padEnd(28)} ${item.status.padEnd(10)} ${item.headline}`),
    `${result.items.length} of ${result.total} records`,
  ],
}
