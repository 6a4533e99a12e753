import { verifyAuditChain } from '../../audit/audit-log.js'
import type { AuditVerification } from '../../audit/audit-log.js'
import { AppFailure } from '../../../contract/result.js'
import { JSON_OPTION, WORKSPACE_OPTION } from '../command.js'
import type { Command } from '../command.js'
import { READ_ONLY, withWorkspace } from './with-workspace.js'

export const auditVerifyCommand: Command<AuditVerification & { intact: boolean }> = {
  name: ['audit', 'verify'],
  summary: "Check the audit log's hash chain: an edited or deleted row breaks it.",
  options: { workspace: WORKSPACE_OPTION, json: JSON_OPTION },
  run: (options) =>
    withWorkspace(options, ({ database }) => {
      const verification = verifyAuditChain(database)
      if (verification.firstBrokenId !== null && options.json !== true) {
        throw new AppFailure('conflict', `The audit chain is broken at row ${verification.firstBrokenId} of ${verification.rows}.`)
      }
      return { ...verification, intact: verification.firstBrokenId === null }
    }, READ_ONLY),
  describe: (result) => [`Audit log intact: ${result.rows} rows, hash chain verified.`],
}
