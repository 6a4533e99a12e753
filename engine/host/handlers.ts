/**
 * The engine's implementation of the contract: one handler per API method.
 * `satisfies Handlers` makes a missing handler a type error, not a silent no-op.
 */
import type { EventName, EventPayload, Method, Output, ParsedInput } from '../../contract/api.js'
import type { EffectivePolicy } from '../../contract/policy.js'
import { AppFailure } from '../../contract/result.js'
import { auditRecordRead } from '../audit/record-reads.js'
import type { HashOptions } from '../auth/accounts.js'
import type { SessionStore } from '../auth/session-store.js'
import { toSuggestions } from '../coding/suggestions.js'
import type { ModelHolder } from '../coding/workspace-model.js'
import { discardDraft, saveDraft } from '../decisions/drafts.js'
import { submitDecision } from '../decisions/submit-decision.js'
import { confirmNamesOfDecision } from '../normalize/decision-pairs.js'
import { defaultPolicy, policyLocation, policyView } from '../policy/machine-policy.js'
import { createOwnModelHandlers } from './own-model-handlers.js'
import { listRecords } from '../records/list-records.js'
import { recordRowId } from '../records/record-row-id.js'
import { submitSecondCoding } from '../supervision/second-coding.js'
import { checkRecordCodes } from '../rules/check-record.js'
import { searchCodes } from '../taxonomy/search-codes.js'
import { activeCodeSetId, getSetting, getUser } from '../workspace/workspace.js'
import type { Workspace } from '../workspace/workspace.js'
import { createAccountHandlers } from './account-handlers.js'
import { blindAssignment, viewRecordAs } from './record-view.js'
import { createSupervisionHandlers } from './supervision-handlers.js'
import type { Caller } from './call-gate.js'

export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Output<M> | Promise<Output<M>> }
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export interface EngineContext {
  workspace: Workspace
  /** The signed-in caller's user id ('' on a public call, which never reads it). */
  userId: string
  emit: Emit
  model: ModelHolder
  /** The machine policy the engine applies (engine-main reads it at start); without one, the built-in defaults. */
  policy?: EffectivePolicy
  sessions: SessionStore
  /** The session the call carried, checked by the call gate; null on a public call without one. */
  caller: Caller | null
  /** Test workspaces hash passwords cheaply; the product never sets this. */
  hashing?: HashOptions
}

export function createHandlers(context: EngineContext): Handlers {
  const { database } = context.workspace
  return {
    ...createAccountHandlers({ database, workspaceDir: context.workspace.dir, sessions: context.sessions, caller: context.caller, hashing: context.hashing }),
    ...createSupervisionHandlers({ database, userId: context.userId, model: context.model, emit: context.emit }),
    getWorkspace: async () => {
      const activeId = activeCodeSetIdOrNull(context)
      const codeSets = database
        .prepare<{ id: number; name: string; version: string; language: string; label: string; code_count: number }>(
          'SELECT id, name, version, language, label, code_count FROM code_sets ORDER BY id',
        )
        .all()
      const counts = database
        .prepare<{ records: number; submitted: number }>(
          'SELECT (SELECT count(*) FROM records) AS records, (SELECT count(DISTINCT record_id) FROM decisions) AS submitted',
        )
        .get()
      return {
        name: getSetting(database, 'workspace_name') ?? context.workspace.dir,
        user: getUser(database, context.userId),
        recordCount: counts?.records ?? 0,
        submittedCount: counts?.submitted ?? 0,
        codeSets: codeSets.map((row) => ({
          id: row.id,
          name: row.name,
          version: row.version,
          language: row.language,
          label: row.label,
          codeCount: row.code_count,
          active: row.id === activeId,
        })),
        model: await modelInfo(context),
      }
    },
    listRecords: (input) => listRecords(database, { ...input, viewer: context.userId }),
    openRecord: (input) => {
      const view = viewRecordAs(database, context.userId, input.recordId, input.language)
      // Who opened which record, when (ISO 27789): reads of a record are audited like changes.
      auditRecordRead(database, { actor: context.userId, recordId: input.recordId })
      return view
    },
    searchCodes: (input) => {
      const started = performance.now()
      const items = searchCodes(database, {
        codeSetId: input.codeSetId ?? activeCodeSetId(database),
        query: input.query,
        limit: input.limit,
        assignableOnly: input.assignableOnly,
        language: input.language,
      })
      return { items, elapsedMs: performance.now() - started }
    },
    suggest: async (input) => {
      const model = await context.model.get()
      if (!model) {
        throw new AppFailure('model-missing', 'No coding model is installed in this workspace: IT installs one with `clinicoco models use`.')
      }
      const scores = await model.scoreRecord(recordRowId(database, input.recordId))
      return toSuggestions(database, model, scores, { recordId: input.recordId, language: input.language })
    },
    submitDecision: async (input) => {
      // The decision records the mode the supervisor set, not one the client claims.
      const mode = getUser(database, context.userId).mode
      if (input.mode !== undefined && input.mode !== mode) {
        throw new AppFailure('conflict', `Your coding mode is now "${mode}", not "${input.mode}": reopen the record.`)
      }
      // A record dealt to this coder for double coding takes their blind second coding, apart from the record's own.
      const blind = blindAssignment(database, context.userId, input.recordId)
      if (blind) {
        const second = submitSecondCoding(database, {
          assignmentId: blind.assignmentId,
          recordRowId: recordRowId(database, input.recordId),
          recordId: input.recordId,
          codes: input.codes,
          comment: input.comment,
          baseVersion: input.baseVersion,
          coder: context.userId,
          codeSetId: activeCodeSetId(database),
          activeMs: input.activeMs,
          mode,
        })
        // The draft the second coding came from is done with, as after a first coding.
        discardDraft(database, context.userId, recordRowId(database, input.recordId))
        return second
      }
      const decision = submitDecision(database, {
        recordId: input.recordId,
        codes: input.codes,
        comment: input.comment,
        baseVersion: input.baseVersion,
        activeMs: input.activeMs,
        mode,
        suggestions: input.suggestions,
        ...(input.sourceVersion === undefined ? {} : { sourceVersion: input.sourceVersion }),
        ruleOverrides: input.ruleOverrides,
        primary: input.primary,
        flagDismissals: input.flagDismissals,
        coder: context.userId,
        codeSetId: activeCodeSetId(database),
      })
      const rowId = recordRowId(database, input.recordId)
      confirmNamesOfDecision(database, { recordRowId: rowId, codeSetId: activeCodeSetId(database), codes: decision.codes.map((code) => code.code), actor: context.userId })
      // The submission joins the kNN datastore before the call returns: the next similar record finds it.
      const model = await context.model.get().catch(() => null)
      if (model) await model.remember(rowId, decision.codes.map((code) => code.code), 'decision')
      context.emit('decisionSubmitted', decision)
      return decision
    },
    getMachinePolicy: () => policyView(context.policy ?? { source: null, searched: policyLocation().path, policy: defaultPolicy() }),
    checkCoding: (input) =>
      checkRecordCodes(database, {
        recordRowId: recordRowId(database, input.recordId),
        codeSetId: activeCodeSetId(database),
        codes: input.codes,
        language: input.language,
      }),
    saveDraft: (input) => {
      const rowId = recordRowId(database, input.recordId)
      return { savedAt: saveDraft(database, context.userId, rowId, input.draft) }
    },
    discardDraft: (input) => ({ discarded: discardDraft(database, context.userId, recordRowId(database, input.recordId)) }),
    ...createOwnModelHandlers(context),
  } satisfies Handlers
}

async function modelInfo(context: EngineContext): Promise<Output<'getWorkspace'>['model']> {
  const model = await context.model.get().catch(() => null)
  if (!model) return null
  const { manifest } = model.bundle
  return { version: manifest.modelVersion, codeCount: manifest.codes.length, threshold: manifest.threshold, knnSize: model.datastore.size() }
}

function activeCodeSetIdOrNull(context: EngineContext): number | null {
  try {
    return activeCodeSetId(context.workspace.database)
  } catch {
    return null
  }
}
