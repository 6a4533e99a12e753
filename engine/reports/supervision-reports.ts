/** The supervisor's reports as tables: per-coder figures, double-coding agreement, review verdicts, the audit trail. */
import type { AuditQuery, ReportKind } from '../../contract/supervision.js'
import { listAudit } from '../audit/audit-log.js'
import { dayAfter } from '../records/list-records.js'
import type { SqliteDatabase } from '../store/database.js'
import { coderDashboard } from '../supervision/coder-dashboard.js'
import { doubleCodingAgreement } from '../supervision/double-coding-agreement.js'
import type { ReportTable } from './report-table.js'

/** An audit export is bounded, like every list the app hands out. */
export const MAX_AUDIT_EXPORT_ROWS = 200_000

export interface ReportParameters {
  from?: string
  to?: string
  audit?: AuditQuery
}

export function buildReport(database: SqliteDatabase, kind: ReportKind, parameters: ReportParameters): ReportTable[] {
  switch (kind) {
    case 'coders':
      return [codersTable(database, parameters)]
    case 'agreement':
      return agreementTables(database)
    case 'reviews':
      return [reviewsTable(database, parameters)]
    case 'audit':
      return [auditTable(database, parameters.audit ?? {})]
  }
}

function codersTable(database: SqliteDatabase, range: ReportParameters): ReportTable {
  const rows = coderDashboard(database, range)
  const share = (part: number, whole: number) => (whole === 0 ? null : part / whole)
  return {
    name: 'coders',
    columns: [
      { header: 'coder', kind: 'text' },
      { header: 'name', kind: 'text' },
      { header: 'study_group', kind: 'text' },
      { header: 'mode', kind: 'text' },
      { header: 'records', kind: 'number' },
      { header: 'median_active_seconds', kind: 'number' },
      { header: 'total_active_minutes', kind: 'number' },
      { header: 'suggestions_shown', kind: 'number' },
      { header: 'accepted_share', kind: 'share' },
      { header: 'rejected_share', kind: 'share' },
      { header: 'ignored_share', kind: 'share' },
      { header: 'codes_added_beyond_suggestions', kind: 'number' },
      { header: 'gold_records', kind: 'number' },
      { header: 'micro_f1_vs_gold', kind: 'share' },
      { header: 'precision_vs_gold', kind: 'share' },
      { header: 'recall_vs_gold', kind: 'share' },
      { header: 'primary_agreement_vs_gold', kind: 'share' },
      { header: 'records_with_lost_name', kind: 'number' },
      { header: 'missing_codes_caught_recall', kind: 'share' },
      { header: 'double_coded_records', kind: 'number' },
      { header: 'micro_f1_vs_second_coder', kind: 'share' },
      { header: 'approved', kind: 'number' },
      { header: 'returned', kind: 'number' },
    ],
    rows: rows.map((row) => [
      row.coder,
      row.coderName,
      row.studyGroup,
      row.mode,
      row.records,
      row.medianActiveMs === null ? null : Math.round(row.medianActiveMs / 100) / 10,
      Math.round(row.totalActiveMs / 6_000) / 10,
      row.suggestions.shown,
      share(row.suggestions.accepted, row.suggestions.shown),
      share(row.suggestions.rejected, row.suggestions.shown),
      share(row.suggestions.ignored, row.suggestions.shown),
      row.addedBeyondSuggestions,
      row.gold?.records ?? null,
      row.gold?.microF1 ?? null,
      row.gold?.precision ?? null,
      row.gold?.recall ?? null,
      row.gold?.primaryAgreement ?? null,
      row.missingCaught?.records ?? null,
      row.missingCaught?.recall ?? null,
      row.second?.records ?? null,
      row.second?.microF1 ?? null,
      row.reviews.approved,
      row.reviews.returned,
    ]),
  }
}

function agreementTables(database: SqliteDatabase): ReportTable[] {
  const agreement = doubleCodingAgreement(database)
  return [
    {
      name: 'agreement',
      columns: [
        { header: 'double_coded_records', kind: 'number' },
        { header: 'micro_f1', kind: 'share' },
        { header: 'primary_agreement', kind: 'share' },
        { header: 'mean_kappa', kind: 'number' },
      ],
      rows: [[agreement.records, agreement.microF1, agreement.primaryAgreement, agreement.meanKappa]],
    },
    {
      name: 'kappa per code',
      columns: [
        { header: 'code', kind: 'text' },
        { header: 'title', kind: 'text' },
        { header: 'both', kind: 'number' },
        { header: 'first_only', kind: 'number' },
        { header: 'second_only', kind: 'number' },
        { header: 'neither', kind: 'number' },
        { header: 'kappa', kind: 'number' },
      ],
      rows: agreement.codes.map((code) => [code.code, code.title, code.both, code.firstOnly, code.secondOnly, code.neither, code.kappa]),
    },
  ]
}

function reviewsTable(database: SqliteDatabase, range: ReportParameters): ReportTable {
  const rows = database
    .prepare<{ external_id: string; version: number; coder: string; reviewer: string; verdict: string; comment: string; reasons: string; reviewed_at: string }>(
      `SELECT r.external_id, d.version, d.coder, v.reviewer, v.verdict, v.comment, v.reasons, v.reviewed_at
       FROM reviews v JOIN decisions d ON d.id = v.decision_id JOIN records r ON r.id = d.record_id
       WHERE (:from IS NULL OR v.reviewed_at >= :from) AND (:to IS NULL OR v.reviewed_at < :to) ORDER BY v.id`,
    )
    .all({ from: range.from ?? null, to: range.to ? dayAfter(range.to) : null })
  return {
    name: 'reviews',
    columns: ['record_id', 'version', 'coder', 'reviewer', 'verdict', 'comment', 'reasons', 'reviewed_at'].map((header) => ({
      header,
      kind: header === 'version' ? ('number' as const) : ('text' as const),
    })),
    rows: rows.map((row) => [
      row.external_id,
      row.version,
      row.coder,
      row.reviewer,
      row.verdict,
      row.comment,
      (JSON.parse(row.reasons) as Array<{ kind: string }>).map((reason) => reason.kind).join(' '),
      row.reviewed_at,
    ]),
  }
}

function auditTable(database: SqliteDatabase, query: AuditQuery): ReportTable {
  const rows = listAudit(database, {
    ...(query.actor ? { actor: query.actor } : {}),
    ...(query.entity ? { entity: query.entity } : {}),
    ...(query.entityId ? { entityId: query.entityId } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: dayAfter(query.to) } : {}),
    limit: MAX_AUDIT_EXPORT_ROWS,
  })
  return {
    name: 'audit trail',
    columns: ['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'detail'].map((header) => ({ header, kind: header === 'id' ? ('number' as const) : ('text' as const) })),
    rows: rows.map((row) => [row.id, row.at, row.actor, row.action, row.entity, row.entityId, JSON.stringify(row.detail)]),
  }
}
