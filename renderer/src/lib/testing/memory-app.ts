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
  const drafts = new Map<string, NonNullable<RecordView['draft']>>()
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
    // The engine's filters, in memory: ids and names ignore case, dates compare by day, undated records last.
    listRecords: ({ status, department, language, query, dischargedFrom, dischargedTo, code, coder, mode, sort = 'id', offset = 0, limit = 50 }) => {
      const records = [...byId.values()]
      const needle = query?.trim().toLowerCase() ?? ''
      // The current coding is the newest version: its code (or one under it), coder and mode.
      const wantedCode = code?.trim().toUpperCase() ?? ''
      const currentCodingMatches = (record: RecordView) => {
        const current = record.decisions[0]
        if (wantedCode === '' && coder === undefined && mode === undefined) return true
        if (!current) return false
        return (
          (wantedCode === '' || current.codes.some((entry) => entry.code.toUpperCase() === wantedCode || entry.code.toUpperCase().startsWith(`${wantedCode}.`))) &&
          (coder === undefined || current.coder === coder) &&
          (mode === undefined || current.mode === mode)
        )
      }
      const dischargedInRange = (record: RecordView) => {
        const day = record.dischargedAt?.slice(0, 10) ?? null
        return (dischargedFrom === undefined || (day !== null && day >= dischargedFrom)) && (dischargedTo === undefined || (day !== null && day <= dischargedTo))
      }
      const matching = records.filter(
        (record) =>
          (!status || statusOf(record) === status) &&
          (department === undefined || record.department === department) &&
          (language === undefined || record.language === language) &&
          (needle === '' ||
            record.id.toLowerCase().includes(needle) ||
            record.diagnosisNames.some((name) => name.text.toLowerCase().includes(needle))) &&
          dischargedInRange(record) &&
          currentCodingMatches(record),
      )
      // Reversed before a stable sort: ties in discharge date come newest import first, as the engine lists them.
      const ordered = sort === 'id' ? matching : [...matching].reverse().sort((a, b) => newestFirst(a.dischargedAt, b.dischargedAt))
      return ok({
        total: ordered.length,
        items: ordered.slice(offset, offset + limit).map((record) => ({
          id: record.id,
          language: record.language,
          department: record.department,
          dischargedAt: record.dischargedAt,
          status: statusOf(record),
          headline: record.diagnosisNames[0]?.text ?? '',
          codeCount: record.decisions[0]?.codes.length ?? 0,
        })),
        facets: {
          departments: distinct(records.map((record) => record.department)),
          languages: distinct(records.map((record) => record.language)),
          coders: [...new Map(records.flatMap((record) => record.decisions.map((entry) => [entry.coder, entry.coderName] as const))).entries()]
            .map(([id, displayName]) => ({ id, displayName }))
            .sort((a, b) => a.displayName.localeCompare(b.displayName)),
        },
      })
    },
    openRecord: ({ recordId }) => {
      const record = byId.get(recordId)
      return record ? ok({ ...record, status: statusOf(record), draft: drafts.get(recordId) ?? null }) : failure('not-found', `No record "${recordId}".`)
    },
    // The engine keeps drafts per user and record; one user here.
    saveDraft: ({ recordId, draft }) => {
      const savedAt = '2024-03-09T10:00:00.000Z'
      drafts.set(recordId, { ...draft, savedAt })
      return ok({ savedAt })
    },
    discardDraft: ({ recordId }) => ok({ discarded: drafts.delete(recordId) }),
    // No rule applies in memory but one: a code and its own unspecified sibling (E11.9 with E11.x).
    checkCoding: ({ codes }) => {
      const present = codes.map((entry) => entry.code)
      const clash = present.includes('E11.9') ? present.find((code) => code.startsWith('E11.') && code !== 'E11.9') : undefined
      return ok({
        ruleSet: { name: 'memory', version: 1 },
        unchecked: [],
        titles: Object.fromEntries(present.map((code) => [code, CODE_TITLES[code] ?? code])),
        warnings: clash
          ? [{ ruleId: 'unspecified-sibling', family: 'unspecified-sibling' as const, codes: ['E11.9', clash], message: `E11.9 is the unspecified code beside ${clash}.`, action: 'Remove E11.9.', overridable: true, choices: [] }]
          : [],
      })
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
    submitDecision: ({ recordId, codes, comment = '', baseVersion, activeMs = 0, mode = 'assisted', ruleOverrides, primary }) => {
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
        ruleOverrides: ruleOverrides ?? [],
        suggestedPrimary: primary?.suggested ?? null,
      }
      drafts.delete(recordId)
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

function newestFirst(left: string | null, right: string | null): number {
  if (left === right) return 0
  if (left === null) return 1
  if (right === null) return -1
  return left < right ? 1 : -1
}

function distinct(values: Array<string | null>): string[] {
  return [...new Set(values.filter((value): value is string => value !== null && value !== ''))].sort()
}
