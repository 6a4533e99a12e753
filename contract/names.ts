/**
 * The contract's method and event names as plain data, for code that needs the
 * names but not the schemas: the renderer's client and the sandboxed preload.
 * `api.ts` builds zod schemas at load time; importing it there would bundle zod.
 * `satisfies Record<…, true>` keeps the lists exact: a method added to or removed
 * from the contract is a type error here (and names.test.ts checks at run time).
 */
import type { EventName, Method } from './api.js'

const METHOD_FLAGS = {
  getWorkspace: true,
  listRecords: true,
  openRecord: true,
  searchCodes: true,
  suggest: true,
  submitDecision: true,
  getMachinePolicy: true,
  checkCoding: true,
  saveDraft: true,
  discardDraft: true,
  // Issue 18: splits, annotation plan, training jobs, model registry.
  assignSplits: true,
  getAnnotationStatus: true,
  planAnnotationPatch: true,
  listAnnotationQueue: true,
  startTraining: true,
  listTrainingJobs: true,
  getTrainingJob: true,
  cancelTraining: true,
  resumeTraining: true,
  getTrainingReport: true,
  listModels: true,
  getModelHistory: true,
  promoteModel: true,
  rollbackModel: true,
  getSignInState: true,
  createFirstAdmin: true,
  signIn: true,
  signOut: true,
  lockSession: true,
  unlockSession: true,
  changePassword: true,
  listUsers: true,
  createUser: true,
  setUserRole: true,
  setUserDisabled: true,
  resetPassword: true,
  unlockUser: true,
  setCoderSettings: true,
  createWorkBatch: true,
  listWorkBatches: true,
  closeWorkBatch: true,
  getCoderFigures: true,
  getAgreement: true,
  listReviewQueue: true,
  getReviewCase: true,
  reviewDecision: true,
  listAudit: true,
  verifyAudit: true,
  exportReport: true,
  exportAudit: true,
} as const satisfies Record<Method, true>

const EVENT_FLAGS = {
  decisionSubmitted: true,
  engineRestarted: true,
  reviewRecorded: true,
} as const satisfies Record<EventName, true>

export const methodNames = Object.keys(METHOD_FLAGS) as Method[]
export const eventNames = Object.keys(EVENT_FLAGS) as EventName[]

export function isMethodName(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(METHOD_FLAGS, name)
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(EVENT_FLAGS, name)
}
