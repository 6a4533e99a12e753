import { resolve } from 'node:path'
import { exportCheckpoint, readExportedCheckpoint } from '../../audit/checkpoints.js'
import type { ExportedCheckpoint } from '../../audit/checkpoints.js'
import { describeVerification, verifyAudit } from '../../audit/verify-audit.js'
import type { AuditVerification } from '../../audit/verify-audit.js'
import type { AuditQuery } from '../../../contract/supervision.js'
import { appendAudit, countAudit, listAudit } from '../../audit/audit-log.js'
import type { AuditRecord } from '../../audit/audit-log.js'
import { dayAfter } from '../../records/list-records.js'
import { buildReport } from '../../reports/supervision-reports.js'
import { JSON_OPTION, WORKSPACE_OPTION, actorOf, optionalString, requireNumber, requireString } from '../command.js'
import type { Command, ParsedOptions } from '../command.js'
import { FORMAT_OPTIONS, dateOption, writeReport } from './report.js'
import { auditUnlessReadOnly } from '../sign-in.js'
import { withWorkspace, withWorkspaceWritableIfPossible } from './with-workspace.js'

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
    return withWorkspaceWritableIfPossible(options, ({ database }) => {
      // The trail is read as found, then the verification itself is recorded with its verdict.
      const verification = verifyAudit(database, exported ? { exported } : {})
      auditUnlessReadOnly(database, () =>
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

const AUDIT_FILTERS = {
  user: { type: 'string', description: 'who acted' },
  record: { type: 'string', description: 'a record id (or any entity id)' },
  action: { type: 'string', description: 'an action, or a family with a trailing dot (review.)' },
  from: { type: 'string', description: 'first day, YYYY-MM-DD' },
  to: { type: 'string', description: 'last day, inclusive' },
} as const

function auditQuery(options: ParsedOptions): AuditQuery {
  const from = dateOption(options, 'from')
  const to = dateOption(options, 'to')
  const user = optionalString(options, 'user')
  const record = optionalString(options, 'record')
  const action = optionalString(options, 'action')
  return { ...(user ? { actor: user } : {}), ...(record ? { entityId: record } : {}), ...(action ? { action } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) }
}

export const auditListCommand: Command<{ total: number; items: AuditRecord[] }> = {
  name: ['audit', 'list'],
  access: 'read-audit',
  summary: 'Browse the audit trail, newest first: filter by user, record, action and days.',
  options: { workspace: WORKSPACE_OPTION, ...AUDIT_FILTERS, limit: { type: 'string', description: 'rows to show', default: '50' }, json: JSON_OPTION },
  run: (options) =>
    withWorkspace(options, ({ database }) => {
      const query = auditQuery(options)
      // Days are inclusive: "to 2026-03-02" keeps the whole of that day.
      const filter = { ...query, ...(query.to ? { to: dayAfter(query.to) } : {}) }
      const limit = requireNumber(options, 'limit', { min: 1, max: 10_000, whole: true })
      return { total: countAudit(database, filter), items: listAudit(database, { ...filter, newestFirst: true, limit }) }
    }),
  describe: (result) => [
    ...result.items.map((row) => `${String(row.id).padStart(6)} ${row.at} ${row.actor.padEnd(12)} ${row.action.padEnd(22)} ${row.entity} ${row.entityId}`),
    `(${result.items.length} of ${result.total})`,
  ],
}

export const auditExportCommand: Command<{ out: string; format: string; rows: number }> = {
  name: ['audit', 'export'],
  access: 'read-audit',
  summary: 'Export the audit trail (filtered as `audit list`) as CSV or XLSX.',
  options: { workspace: WORKSPACE_OPTION, ...AUDIT_FILTERS, ...FORMAT_OPTIONS, json: JSON_OPTION },
  run: (options) => withWorkspace(options, ({ database }) => writeReport(buildReport(database, 'audit', { audit: auditQuery(options) }), options)),
  describe: (result) => [`Wrote ${result.rows} audit rows (${result.format}) to ${result.out}.`],
}
