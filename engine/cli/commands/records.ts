import type { RecordSummary } from '../../../contract/domain.js'
import { listRecords } from '../../records/list-records.js'
import { JSON_OPTION, WORKSPACE_OPTION, choiceOption, requireNumber } from '../command.js'
import type { Command } from '../command.js'
import { READ_ONLY, withWorkspace } from './with-workspace.js'

export const recordsListCommand: Command<{ total: number; items: RecordSummary[] }> = {
  name: ['records', 'list'],
  access: 'read-records',
  summary: 'List the records of the queue.',
  options: {
    workspace: WORKSPACE_OPTION,
    status: { type: 'string', description: 'todo | submitted | re-review (coded, but re-imported with changed content) (default: all)' },
    offset: { type: 'string', description: 'skip this many records', default: '0' },
    limit: { type: 'string', description: 'at most this many records', default: '50' },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, ({ database }) => {
      return listRecords(database, {
        status: choiceOption(options, 'status', ['todo', 'submitted', 're-review'] as const),
        offset: requireNumber(options, 'offset', { min: 0, max: Number.MAX_SAFE_INTEGER, whole: true }),
        limit: requireNumber(options, 'limit', { min: 1, max: 100_000, whole: true }),
      })
    }, READ_ONLY),
  describe: (result) => [
    ...result.items.map((item) => `${item.id.padEnd(28)} ${item.status.padEnd(10)} ${item.headline}`),
    `${result.items.length} of ${result.total} records`,
  ],
}
