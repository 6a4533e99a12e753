/**
 * The API's supervision methods: work batches, figures, agreement, the review
 * desk, the audit trail browser and reports. The call gate has checked the
 * caller's role; each change here is audited by the module that makes it.
 */
import { AppFailure } from '../../contract/result.js'
import { countAudit, listAudit } from '../audit/audit-log.js'
import type { AuditFilter } from '../audit/audit-log.js'
import { auditRecordRead } from '../audit/record-reads.js'
import { verifyAudit } from '../audit/verify-audit.js'
import type { ModelHolder } from '../coding/workspace-model.js'
import { dayAfter } from '../records/list-records.js'
import { buildReport } from '../reports/supervision-reports.js'
import type { ReportTable } from '../reports/report-table.js'
import { tableToCsv, tablesToXlsx } from '../reports/report-table.js'
import type { SqliteDatabase } from '../store/database.js'
import { coderDashboard } from '../supervision/coder-dashboard.js'
import { doubleCodingAgreement } from '../supervision/double-coding-agreement.js'
import { modelConfidence } from '../supervision/record-confidence.js'
import { getReviewCase, listReviewQueue, reviewDecision } from '../supervision/reviews.js'
import { closeWorkBatch, createWorkBatch, listWorkBatches } from '../supervision/work-batches.js'
import type { Emit, Handlers } from './handlers.js'

type SupervisionMethods =
  | 'createWorkBatch'
  | 'listWorkBatches'
  | 'closeWorkBatch'
  | 'getCoderFigures'
  | 'getAgreement'
  | 'listReviewQueue'
  | 'getReviewCase'
  | 'reviewDecision'
  | 'listAudit'
  | 'verifyAudit'
  | 'exportReport'
  | 'exportAudit'

export interface SupervisionContext {
  database: SqliteDatabase
  userId: string
  model: ModelHolder
  emit: Emit
}

export function createSupervisionHandlers(context: SupervisionContext): Pick<Handlers, SupervisionMethods> {
  const { database, userId } = context
  return {
    createWorkBatch: async (input) => {
      const model = await context.model.get().catch(() => null)
      return createWorkBatch(database, input, userId, model ? modelConfidence(database, model) : null)
    },
    listWorkBatches: () => ({ items: listWorkBatches(database) }),
    closeWorkBatch: (input) => closeWorkBatch(database, input.batchId, input.reason, userId),
    getCoderFigures: (input) => ({ items: coderDashboard(database, input) }),
    getAgreement: () => doubleCodingAgreement(database),
    listReviewQueue: (input) => listReviewQueue(database, input),
    getReviewCase: (input) => {
      const reviewCase = getReviewCase(database, input.recordId, input.language, undefined)
      auditRecordRead(database, { actor: userId, recordId: input.recordId, purpose: 'review' })
      return reviewCase
    },
    reviewDecision: (input) => {
      const review = reviewDecision(database, { ...input, reviewer: userId })
      context.emit('reviewRecorded', { recordId: input.recordId, review })
      return review
    },
    listAudit: (input) => {
      const filter = auditFilter(input)
      return {
        total: countAudit(database, filter),
        items: listAudit(database, { ...filter, newestFirst: true, offset: input.offset, limit: input.limit }),
      }
    },
    verifyAudit: () => {
      const verification = verifyAudit(database)
      return {
        intact: verification.intact,
        rows: verification.rows,
        keyedRows: verification.keyedRows,
        decisionsChecked: verification.decisionsChecked,
        checkpointsChecked: verification.checkpointsChecked,
        firstBrokenId: verification.firstBrokenId,
        problems: verification.problems,
      }
    },
    exportReport: async (input) => {
      const range = { ...(input.from ? { from: input.from } : {}), ...(input.to ? { to: input.to } : {}) }
      return reportFile(`clinicoco-${input.report}`, buildReport(database, input.report, range), input.format, input.encoding)
    },
    exportAudit: async (input) => {
      const { format, encoding, ...query } = input
      return reportFile('clinicoco-audit', buildReport(database, 'audit', { audit: query }), format, encoding)
    },
  }
}

function auditFilter(input: { actor?: string; entity?: string; entityId?: string; action?: string; from?: string; to?: string }): AuditFilter {
  return {
    ...(input.actor ? { actor: input.actor } : {}),
    ...(input.entity ? { entity: input.entity } : {}),
    ...(input.entityId ? { entityId: input.entityId } : {}),
    ...(input.action ? { action: input.action } : {}),
    ...(input.from ? { from: input.from } : {}),
    ...(input.to ? { to: dayAfter(input.to) } : {}),
  }
}

async function reportFile(stem: string, tables: ReportTable[], format: 'csv' | 'xlsx', encoding: 'utf-8' | 'gb18030') {
  const first = tables[0]
  if (!first) throw new AppFailure('internal', 'A report without a table.')
  const date = new Date().toISOString().slice(0, 10)
  if (format === 'xlsx') {
    const bytes = await tablesToXlsx(tables)
    return {
      fileName: `${stem}-${date}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: Buffer.from(bytes).toString('base64'),
      rows: tables.reduce((sum, table) => sum + table.rows.length, 0),
    }
  }
  // CSV holds one table: the detailed one (for agreement, the per-code kappas).
  const table = tables.at(-1) ?? first
  return {
    fileName: `${stem}-${date}${encoding === 'gb18030' ? '-gb18030' : ''}.csv`,
    mimeType: `text/csv; charset=${encoding}`,
    base64: Buffer.from(tableToCsv(table, encoding)).toString('base64'),
    rows: table.rows.length,
  }
}

