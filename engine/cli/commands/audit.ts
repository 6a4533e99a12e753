import { resolve } from 'node:path'
import { exportCheckpoint, readExportedCheckpoint } from '../../audit/checkpoints.js'
import type { ExportedCheckpoint } from '../../audit/checkpoints.js'
import { describeVerification, verifyAudit } from '../../audit/verify-audit.js'
import type { AuditVerification } from '../../audit/verify-audit.js'
import { appendAudit } from '../../audit/audit-log.js'
import { JSON_OPTION, WORKSPACE_OPTION, actorOf, optionalString, requireString } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'

export const auditVerifyCommand: Command<AuditVerification> = {
  name: ['audit', 'verify'],
  access: 'read-audit',
  summary: "Prove the audit trail: its keyed hash chain, every decision recomputed against its row, the signed checkpoints (exits 1 on any failure, naming the first bad row).",
  options: {
    workspace: WORKSPACE_OPTION,
    checkpoint: { type: 'string', description: 'also check against a checkpoint exported earlier (`audit checkpoint --out`)' },
    json: JSON_OPTION,
  },
  auditsItself: true,
  run: (options, _positionals, context) => {
    const exportedPath = optionalString(options, 'checkpoint')
    const exported = exportedPath ? readExportedCheckpoint(resolve(exportedPath)) : undefined
    return withWorkspace(options, ({ database }) => {
      // The trail is read as found, then the verification itself is recorded with its verdict.
      const verification = verifyAudit(database, exported ? { exported } : {})
      database.transaction(() =>
        appendAudit(database, {
          actor: actorOf(context).id,
          action: 'audit.verify',
          entity: 'audit',
          entityId: 'trail',
          detail: { intact: verification.intact, rows: verification.rows, firstBrokenId: verification.firstBrokenId, problems: verification.problems.length },
        }),
      )
      return verification
    })
  },
  exitCode: (result) => (result.intact ? 0 : 1),
  describe: (result) => [
    describeVerification(result),
    ...result.problems.slice(1, 20).map((problem) => `  also: ${problem.message}`),
    ...(result.latestCheckpoint ? [`Latest checkpoint: row ${result.latestCheckpoint.rowId} at ${result.latestCheckpoint.at}.`] : []),
  ],
}

export const auditCheckpointCommand: Command<ExportedCheckpoint & { out: string }> = {
  name: ['audit', 'checkpoint'],
  access: 'read-audit',
  summary: "Sign a checkpoint of the audit trail's head now and export it with its public key, to keep apart from the workstation (verify against it with `audit verify --checkpoint FILE`).",
  options: { workspace: WORKSPACE_OPTION, out: { type: 'string', description: 'file to write (JSON)' }, json: JSON_OPTION },
  run: (options) =>
    withWorkspace(options, ({ database }) => {
      const out = resolve(requireString(options, 'out'))
      return { out, ...exportCheckpoint(database, out) }
    }),
  describe: (result) => [`Checkpoint of row ${result.checkpoint.rowId} (${result.checkpoint.rows} rows, ${result.checkpoint.at}) written to ${result.out}.`],
}
