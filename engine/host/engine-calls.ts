/**
 * One call into the engine, as every host makes it: check the session and the
 * caller's role (call-gate.ts), then validate and run the handler (dispatch.ts).
 * Handlers are built per call for the caller, so each one knows who acts.
 */
import { isMethodName } from '../../contract/names.js'
import { err } from '../../contract/result.js'
import type { Result } from '../../contract/result.js'
import { writeCheckpoint } from '../audit/checkpoints.js'
import { gateCall } from './call-gate.js'
import { dispatch } from './dispatch.js'
import { createHandlers } from './handlers.js'
import type { EngineContext } from './handlers.js'

export type EngineBase = Omit<EngineContext, 'userId' | 'caller'>

export type EngineCall = (method: string, input: unknown, sessionToken?: string | null) => Promise<Result<unknown>>

export function createEngineCalls(base: EngineBase): EngineCall {
  return async (method, input, sessionToken) => {
    if (!isMethodName(method)) return err('invalid-input', `Unknown method "${method}".`)
    const gate = gateCall(base.workspace.database, base.sessions, method, sessionToken)
    if (!gate.ok) return gate.refusal
    const handlers = createHandlers({ ...base, userId: gate.caller?.userId ?? '', caller: gate.caller })
    const result = await dispatch(handlers, method, input)
    // At most every CHECKPOINT_INTERVAL_MS while busy; the engine forces one when it stops.
    try {
      writeCheckpoint(base.workspace.database)
    } catch (error) {
      console.error('[engine] audit checkpoint failed:', error)
    }
    return result
  }
}
