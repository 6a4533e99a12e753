/**
 * A tiny in-memory app behind the fake client, for tests that walk a whole flow
 * (queue → record → code → submit → reload) and need answers that stay consistent.
 */
import type { CodingMode, Decision, RecordView } from '../../../../contract/domain.js'
import { createFakeClient } from './fake-client.js'
import type { FakeClient } from './fake-client.js'
import { codeHit, failure, ok, suggestions, workspaceInfo } from './fixtures.js'

const CODE_TITLES: Record<string, string> = {
  I10: 'Essential (primary) hypertension',
  'E11.9': 'Type 2 diabetes mellitus without complications',
  'E78.5': 'Hyperlipidaemia, unspecified',
  R51: 'Headache',
}

export interface MemoryAppOptions {
  /** The coder's mode, as a supervisor set it (default assisted). */
  mode?: CodingMode
  /** Whether a coding model is installed (default yes); without one `suggest` fails with model-missing, as the engine does. */
  model?: boolean
}

export function createMemoryApp(records: RecordView[], options: MemoryAppOptions = {}): FakeClient {
  const byId = new Map(records.map((record) => [record.id, record]))
  const hasModel = options.model ?? true
  const info = workspaceInfo()
  const fake: FakeClient = createFakeClient({
    getWorkspace: () =>
      ok(
        workspaceInfo({
          user: { ...info.user, mode: options.mode ?? 'assisted' },
          model: hasModel ? info.model : null,
          recordCount: byId.size,
          submittedCount: [...byId.values()].filter((record) => record.decisions.length > 0).length,
        }),
      ),
    listRecords: ({ status, offset = 0, limit = 50 }) => {
      const matching = [...byId.values()].filter((record) => !status || statusOf(record) === status)
      return ok({
        total: matching.length,
        items: matching.slice(offset, offset + limit).map((record) => ({
          id: record.id,
          language: record.language,
          department: record.department,
          dischargedAt: record.dischargedAt,
          status: statusOf(record),
          headline: record.diagnosisNames[0]?.text ?? '',
          codeCount: record.decisions[0]?.codes.length ?? 0,
        })),
      })
    },
    openRecord: ({ recordId }) => {
      const record = byId.get(recordId)
      return record ? ok({ ...record, status: statusOf(record) }) : failure('not-found', `No record "${recordId}".`)
    },
    searchCodes: ({ query }) => {
      const needle = query.toLowerCase()
      const items = Object.entries(CODE_TITLES)
        .filter(([code, title]) => code.toLowerCase().startsWith(needle) || title.toLowerCase().includes(needle) || (needle === '高血压' && code === 'I10'))
        .map(([code, title]) => codeHit(code, title, needle === '高血压' ? { matchedTerm: '高血压' } : {}))
      return ok({ items, elapsedMs: 1 })
    },
    suggest: ({ recordId }) => {
      if (!hasModel) return failure('model-missing', 'No coding model is installed in this workspace.')
      const record = byId.get(recordId)
      if (!record) return failure('not-found', `No record "${recordId}".`)
      const answer = suggestions({ recordId })
      // The engine's spans always lie inside the record's own sections; keep only those that fit this one.
      const fits = (span: { section: number; end: number }) => span.end <= (record.sections[span.section]?.text.length ?? -1)
      return ok({ ...answer, codes: answer.codes.map((code) => ({ ...code, evidence: code.evidence.filter(fits) })) })
    },
    submitDecision: ({ recordId, codes, comment = '', baseVersion, activeMs = 0, mode = 'assisted' }) => {
      const record = byId.get(recordId)
      if (!record) return failure('not-found', `No record "${recordId}".`)
      const current = record.decisions[0]?.version ?? 0
      if (current !== baseVersion) return failure('conflict', `Record ${recordId} was coded again (version ${current}).`)
      const decision: Decision = {
        recordId,
        version: current + 1,
        coder: 'coder1',
        coderName: 'Coder One',
        submittedAt: '2024-03-09T10:15:00.000Z',
        comment,
        activeMs,
        mode,
        codes: codes.map((code) => ({ ...code, title: CODE_TITLES[code.code] ?? code.code })),
      }
      byId.set(recordId, { ...record, decisions: [decision, ...record.decisions] })
      fake.emit('decisionSubmitted', decision)
      return ok(decision)
    },
  })
  return fake
}

function statusOf(record: RecordView) {
  return record.decisions.length > 0 ? ('submitted' as const) : ('todo' as const)
}
