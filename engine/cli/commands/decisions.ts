import type { Decision } from '../../../contract/domain.js'
import { listDecisions } from '../../decisions/decision-queries.js'
import { recordRowId } from '../../records/record-row-id.js'
import { JSON_OPTION, WORKSPACE_OPTION, requireString } from '../command.js'
import type { Command } from '../command.js'
import { READ_ONLY, withWorkspace } from './with-workspace.js'

export const decisionsListCommand: Command<{ recordId: string; decisions: Decision[] }> = {
  name: ['decisions', 'list'],
  access: 'read-records',
  summary: "Show every submitted version of a record's coding, newest first.",
  options: { workspace: WORKSPACE_OPTION, record: { type: 'string', description: 'record id' }, json: JSON_OPTION },
  run: (options) =>
    withWorkspace(options, ({ database }) => {
      const recordId = requireString(options, 'record')
      return { recordId, decisions: listDecisions(database, recordRowId(database, recordId)) }
    }, READ_ONLY),
  describe: (result) =>
    result.decisions.length === 0
      ? [`${result.recordId} has not been coded yet.`]
      : result.decisions.map(
          (decision) =>
            `v${decision.version} ${decision.submittedAt} ${decision.coder}: ${decision.codes
              .map((code) => (code.isPrimary ? `${code.code}*` : code.code))
              .join(' ')}`,
        ),
}
