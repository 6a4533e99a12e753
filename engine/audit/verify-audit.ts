/**
 * `audit verify`: the trail proves itself or names what broke.
 * 1. The chain: each row follows the one before it, and its hash recomputes
 *    (HMAC under the workspace key; plain SHA-256 only for the rows written
 *    before the trail was keyed, which the key file counts).
 * 2. The content: each submitted decision recomputes to the hash its audit row
 *    recorded, and no decision exists without an audit row.
 * 3. The checkpoints: each signed checkpoint (in the workspace, and an exported
 *    one if given) still matches the row it names, and no row before it is gone.
 * Every problem is listed; the first bad row is the lowest row id among them.
 */
import { AppFailure } from '../../contract/result.js'
import type { SqliteDatabase } from '../store/database.js'
import { existingAuditKeys } from './audit-keys.js'
import type { AuditKeys } from './audit-keys.js'
import { GENESIS_HASH, chainHash, rowFields, sha256 } from './audit-log.js'
import type { AuditRow } from './audit-log.js'
import { readCheckpoints, signatureHolds } from './checkpoints.js'
import type { Checkpoint, ExportedCheckpoint } from './checkpoints.js'
import { decisionContentHash, readStoredDecision, storedReviewHash, storedSecondCodingHash } from './decision-content.js'
import type { StoredDecision } from './decision-content.js'

export type AuditProblemKind = 'chain' | 'content' | 'unaudited' | 'checkpoint' | 'keys'

export interface AuditProblem {
  kind: AuditProblemKind
  /** The audit row at fault, where there is one. */
  rowId: number | null
  message: string
}

export interface AuditVerification {
  intact: boolean
  rows: number
  keyedRows: number
  legacyRows: number
  lastRowId: number | null
  decisionsChecked: number
  checkpointsChecked: number
  latestCheckpoint: { rowId: number; rows: number; at: string } | null
  /** The lowest audit row id any problem names; null when intact or when no problem names a row. */
  firstBrokenId: number | null
  /** The problems, first bad row first (at most MAX_PROBLEMS). */
  problems: AuditProblem[]
}

const MAX_PROBLEMS = 200
const SUBMIT_ACTION = 'decision.submit'

export function verifyAudit(
  database: SqliteDatabase,
  /** `keys`: verify with these keys, not the ones beside the database (a backup's copy lies apart from its keys/ folder). */
  options: { exported?: ExportedCheckpoint; keys?: AuditKeys | null } = {},
): AuditVerification {
  const problems: AuditProblem[] = []
  const report = (problem: AuditProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem)
  }
  const keys = options.keys !== undefined ? options.keys : existingAuditKeys(database)
  const kinds = versionedContent()

  // 1 + 2a: the chain, and the content each row records.
  let previous = GENESIS_HASH
  let rows = 0
  let keyedRows = 0
  let lastRowId: number | null = null
  let missingKeyReported = false
  const auditedDecisions = new Set<number>()
  let decisionsChecked = 0
  for (const row of database.prepare<AuditRow>('SELECT * FROM audit_log ORDER BY id').iterate()) {
    rows += 1
    lastRowId = row.id
    if (row.prev_hash !== previous) {
      report({ kind: 'chain', rowId: row.id, message: `row ${row.id} does not follow the row before it: a row was deleted or changed there` })
    }
    if (row.scheme === 'sha256') {
      if (keys && rows > keys.legacyRows) {
        report({ kind: 'chain', rowId: row.id, message: `row ${row.id} uses the unkeyed hash although the trail was keyed after row ${keys.legacyRows}: it was re-chained` })
      } else if (row.hash !== chainHash('sha256', rowFields(row, row.prev_hash), null)) {
        report({ kind: 'chain', rowId: row.id, message: `row ${row.id} (${row.action} ${row.entity_id}) was changed: its hash no longer matches its content` })
      }
    } else {
      keyedRows += 1
      if (!keys) {
        if (!missingKeyReported) report({ kind: 'keys', rowId: row.id, message: `row ${row.id} is keyed but the workspace's audit key (keys/audit-keys.json) is missing` })
        missingKeyReported = true
      } else if (row.hash !== chainHash('hmac-sha256', rowFields(row, row.prev_hash), keys.chainKey)) {
        report({ kind: 'chain', rowId: row.id, message: `row ${row.id} (${row.action} ${row.entity_id}) was changed or re-chained: its keyed hash does not verify` })
      }
    }
    const versioned = kinds.find((kind) => kind.actions.includes(row.action))
    if (row.action === SUBMIT_ACTION) {
      decisionsChecked += 1
      const problem = checkDecisionRow(database, row, auditedDecisions)
      if (problem) report(problem)
    } else if (versioned) {
      const problem = checkVersionedRow(database, row, versioned)
      if (problem) report(problem)
    } else if (row.scheme === 'hmac-sha256' && row.content_hash !== sha256(row.detail)) {
      report({ kind: 'content', rowId: row.id, message: `row ${row.id} (${row.action}): its detail no longer matches the content hash it recorded` })
    }
    previous = row.hash
  }

  // 2b: no decision without its audit row.
  for (const decision of database.prepare<{ id: number; external_id: string; version: number }>(
    'SELECT d.id, r.external_id, d.version FROM decisions d JOIN records r ON r.id = d.record_id ORDER BY d.id',
  ).iterate()) {
    if (!auditedDecisions.has(decision.id)) {
      report({ kind: 'unaudited', rowId: null, message: `decision ${decision.id} (record ${decision.external_id}, version ${decision.version}) has no audit row: it was written behind the app's back` })
    }
  }

  for (const kind of kinds) {
    for (const { id } of database.prepare<{ id: number }>(`SELECT id FROM ${kind.table} ORDER BY id`).iterate()) {
      if (!kind.audited.has(id)) report({ kind: 'unaudited', rowId: null, message: `${kind.label} ${id} has no audit row: it was written behind the app's back` })
    }
  }

  // 3: checkpoints, the workspace's own and an exported one.
  const { checkpoints, unreadable } = readCheckpoints(database)
  for (const line of unreadable) report({ kind: 'checkpoint', rowId: null, message: `checkpoint line ${line} cannot be read` })
  let checkpointsChecked = 0
  const rowAt = database.prepare<{ hash: string; before: number }>('SELECT hash, (SELECT count(*) FROM audit_log WHERE id <= ?) AS before FROM audit_log WHERE id = ?')
  const checkCheckpoint = (checkpoint: Checkpoint, publicKeyPem: string, origin: string) => {
    checkpointsChecked += 1
    if (!keys) {
      report({ kind: 'keys', rowId: null, message: `${origin} cannot be checked: the workspace's audit key is missing` })
      return
    }
    if (checkpoint.workspaceId !== keys.workspaceId) {
      report({ kind: 'checkpoint', rowId: null, message: `${origin} belongs to another workspace (${checkpoint.workspaceId})` })
      return
    }
    if (checkpoint.keyId !== keys.keyId) {
      report({ kind: 'keys', rowId: null, message: `${origin} was signed with another key: the workspace's signing key was replaced` })
      return
    }
    if (!signatureHolds(checkpoint, publicKeyPem)) {
      report({ kind: 'checkpoint', rowId: null, message: `${origin}: its signature does not verify (the checkpoint was edited)` })
      return
    }
    const row = rowAt.get(checkpoint.rowId, checkpoint.rowId)
    if (!row) {
      // Ids are never reused (AUTOINCREMENT): the first missing one is right after the last row kept before it.
      const kept = database.prepare<{ id: number | null }>('SELECT max(id) AS id FROM audit_log WHERE id < ?').get(checkpoint.rowId)?.id ?? 0
      const ending = lastRowId === null ? 'the log is empty' : lastRowId < checkpoint.rowId ? `the log ends at row ${lastRowId}` : `rows ${kept + 1}–${checkpoint.rowId} are gone`
      report({ kind: 'checkpoint', rowId: kept + 1, message: `${origin} recorded ${checkpoint.rows} rows up to row ${checkpoint.rowId}, but ${ending}: rows were deleted` })
      return
    }
    if (row.hash !== checkpoint.head) {
      report({ kind: 'checkpoint', rowId: checkpoint.rowId, message: `row ${checkpoint.rowId} differs from ${origin}: the log was edited or re-chained up to it` })
    } else if (row.before !== checkpoint.rows) {
      report({ kind: 'checkpoint', rowId: checkpoint.rowId, message: `${origin} counted ${checkpoint.rows} rows up to row ${checkpoint.rowId}, the log now has ${row.before}: rows were deleted` })
    }
  }
  for (const checkpoint of checkpoints) checkCheckpoint(checkpoint, keys?.publicKeyPem ?? '', `the checkpoint of ${checkpoint.at}`)
  if (options.exported) checkCheckpoint(options.exported.checkpoint, options.exported.publicKeyPem, `the exported checkpoint of ${options.exported.checkpoint.at}`)

  const rowIds = problems.map((problem) => problem.rowId).filter((id): id is number => id !== null)
  const firstBrokenId = rowIds.length > 0 ? Math.min(...rowIds) : null
  problems.sort((a, b) => (a.rowId ?? Number.MAX_SAFE_INTEGER) - (b.rowId ?? Number.MAX_SAFE_INTEGER))
  const latest = checkpoints.at(-1) ?? null
  return {
    intact: problems.length === 0,
    rows,
    keyedRows,
    legacyRows: rows - keyedRows,
    lastRowId,
    decisionsChecked,
    checkpointsChecked,
    latestCheckpoint: latest ? { rowId: latest.rowId, rows: latest.rows, at: latest.at } : null,
    firstBrokenId,
    problems,
  }
}

/** Other versioned content whose audit rows carry its stored hash: second codings and reviews. */
interface VersionedContent {
  actions: string[]
  table: string
  idKey: string
  label: string
  hash: (database: SqliteDatabase, id: number) => string | null
  audited: Set<number>
}

function versionedContent(): VersionedContent[] {
  return [
  { actions: ['second-coding.submit'], table: 'second_codings', idKey: 'secondCodingId', label: 'second coding', hash: storedSecondCodingHash, audited: new Set() },
  { actions: ['review.approve', 'review.return'], table: 'reviews', idKey: 'reviewId', label: 'review', hash: storedReviewHash, audited: new Set() },
  ]
}

function checkVersionedRow(database: SqliteDatabase, row: AuditRow, kind: VersionedContent): AuditProblem | null {
  const detail = JSON.parse(row.detail) as Record<string, unknown>
  const id = detail[kind.idKey]
  if (typeof id !== 'number') return { kind: 'content', rowId: row.id, message: `row ${row.id} (${row.action}) does not name its ${kind.label}` }
  kind.audited.add(id)
  const stored = kind.hash(database, id)
  if (stored === null) return { kind: 'content', rowId: row.id, message: `row ${row.id} (${row.action} ${row.entity_id}): the ${kind.label} it recorded is gone` }
  if (stored !== row.content_hash) return { kind: 'content', rowId: row.id, message: `row ${row.id} (${row.action} ${row.entity_id}): the stored ${kind.label} no longer matches what was recorded` }
  return null
}

/** The decision a submit row recorded still is what it recorded. */
function checkDecisionRow(database: SqliteDatabase, row: AuditRow, audited: Set<number>): AuditProblem | null {
  let detail: Record<string, unknown>
  try {
    detail = JSON.parse(row.detail) as Record<string, unknown>
  } catch {
    return { kind: 'content', rowId: row.id, message: `row ${row.id}: its detail is not JSON` }
  }
  const decisionId =
    typeof detail.decisionId === 'number'
      ? detail.decisionId
      : database
          .prepare<{ id: number }>('SELECT d.id FROM decisions d JOIN records r ON r.id = d.record_id WHERE r.external_id = ? AND d.version = ?')
          .get(row.entity_id, Number(detail.version))?.id
  const stored = decisionId === undefined ? null : readStoredDecision(database, decisionId)
  const label = `row ${row.id} (decision of record ${row.entity_id}, version ${String(detail.version)})`
  if (!stored) return { kind: 'content', rowId: row.id, message: `${label}: the decision it recorded is gone` }
  audited.add(stored.id)
  const changed = changedFields(detail, row.actor, stored)
  if (row.scheme === 'hmac-sha256') {
    if (decisionContentHash(stored) !== row.content_hash) {
      return { kind: 'content', rowId: row.id, message: `${label}: the stored decision no longer matches what was recorded${changed.length ? ` (${changed.join('; ')})` : ''}` }
    }
  } else if (changed.length > 0) {
    return { kind: 'content', rowId: row.id, message: `${label}: the stored decision no longer matches what was recorded (${changed.join('; ')})` }
  }
  return null
}

function changedFields(detail: Record<string, unknown>, actor: string, stored: StoredDecision): string[] {
  const changes: string[] = []
  const compare = (name: string, recorded: unknown, now: unknown) => {
    if (recorded !== undefined && JSON.stringify(recorded) !== JSON.stringify(now)) changes.push(`${name} ${JSON.stringify(recorded)} → ${JSON.stringify(now)}`)
  }
  compare('coder', actor, stored.coder)
  compare('version', detail.version, stored.version)
  compare('mode', detail.mode, stored.mode)
  compare('comment', detail.comment, stored.comment)
  compare('active time', detail.activeMs, stored.activeMs)
  compare('code set', detail.codeSetId, stored.codeSetId)
  if (Array.isArray(detail.codes)) {
    const recorded = (detail.codes as Array<{ code: string; isPrimary: boolean }>).map((code) => `${code.code}${code.isPrimary ? '*' : ''}`).sort()
    compare('codes', recorded, stored.codes.map((code) => `${code.code}${code.isPrimary ? '*' : ''}`).sort())
  }
  // Issue 14's facts, as the submit row recorded them: the primary decision, and each rule override with its reason.
  const primary = detail.primary as { suggested?: unknown; confirmed?: unknown; differs?: unknown } | undefined
  if (primary && typeof primary === 'object') {
    const now = stored.primary ? { suggested: stored.primary.suggested, confirmed: stored.primary.confirmed, differs: stored.primary.differs } : null
    compare('primary', { suggested: primary.suggested, confirmed: primary.confirmed, differs: primary.differs }, now)
  }
  if (primary !== undefined || Array.isArray(detail.ruleOverrides)) {
    // A submit row written with issue 14 lists its overrides, or has none: then none may have appeared since.
    const recorded = Array.isArray(detail.ruleOverrides)
      ? (detail.ruleOverrides as Array<{ ruleId: string; codes: string[]; reason: string }>).map((entry) => `${entry.ruleId} [${entry.codes.join(',')}]: ${entry.reason}`).sort()
      : []
    compare('rule overrides', recorded, stored.ruleOverrides.map((entry) => `${entry.ruleId} [${entry.codes}]: ${entry.reason}`).sort())
  }
  return changes
}

/** The one-line verdict the CLI prints, naming the first problem. */
export function describeVerification(verification: AuditVerification): string {
  if (verification.intact) {
    return `Audit trail intact: ${verification.rows} rows (${verification.keyedRows} keyed), ${verification.decisionsChecked} decisions recomputed, ${verification.checkpointsChecked} checkpoints verified.`
  }
  const first = verification.problems[0]
  if (!first) throw new AppFailure('internal', 'A failed verification without a problem.')
  const more = verification.problems.length - 1
  return `Audit trail NOT intact: ${first.message}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}.`
}
