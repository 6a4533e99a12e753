/**
 * Who may call each API method, checked in the engine before any handler runs,
 * whatever the client (the Electron window, browser mode, a test over HTTP).
 * `satisfies Record<Method, Access>`: a method added to the contract without an
 * entry here is a type error, so nobody ships an unguarded method by forgetting.
 */
import type { Method } from '../../contract/api.js'
import type { Permission } from '../../contract/auth.js'

/**
 * - `public`: no session needed (the sign-in screen's own calls);
 * - `own-session`: any session, also a locked one or one whose password must change
 *   (lock, unlock, sign out, change password: they act on the caller's own session);
 * - `signed-in`: an unlocked session of any role;
 * - a permission: an unlocked session whose role holds it (engine/auth/roles.ts).
 */
export type Access = 'public' | 'own-session' | 'signed-in' | Permission

export const METHOD_ACCESS = {
  getWorkspace: 'signed-in',
  listRecords: 'read-records',
  openRecord: 'read-records',
  searchCodes: 'read-records',
  suggest: 'code',
  submitDecision: 'code',
  // Issue 14: a rule check reads the record and code set only (a reviewer may run it too);
  // drafts are a coder's own unsubmitted work.
  checkCoding: 'read-records',
  saveDraft: 'code',
  discardDraft: 'code',
  // Issue 16b: the machine policy, read-only (the header's Policy dialog); every role may see what IT set, nobody
  // changes it here. Not public: the sign-in screen does not need it.
  getMachinePolicy: 'signed-in',
  getSignInState: 'public',
  createFirstAdmin: 'public',
  signIn: 'public',
  signOut: 'own-session',
  lockSession: 'own-session',
  unlockSession: 'own-session',
  changePassword: 'own-session',
  listUsers: 'view-users',
  createUser: 'manage-users',
  setUserRole: 'manage-users',
  setUserDisabled: 'manage-users',
  resetPassword: 'manage-users',
  unlockUser: 'manage-users',
  setCoderSettings: 'set-study',
  createWorkBatch: 'assign',
  listWorkBatches: 'assign',
  closeWorkBatch: 'assign',
  getCoderFigures: 'reports',
  getAgreement: 'reports',
  listReviewQueue: 'review',
  getReviewCase: 'review',
  reviewDecision: 'review',
  listAudit: 'read-audit',
  verifyAudit: 'read-audit',
  exportReport: 'reports',
  exportAudit: 'read-audit',
  // Issue 18: a hospital grows its own model. The training data's splits and training jobs are the
  // administrator's (they decide what a model learns from); planning the annotation queue is the
  // supervisor's or administrator's; promoting or rolling back is a model switch, so it takes
  // `models use`'s permission. Reading the plan, jobs, reports and registry is open to every role.
  assignSplits: 'train-models',
  getAnnotationStatus: 'signed-in',
  planAnnotationPatch: 'plan-annotation',
  // One's own queue for every role; another coder's needs 'plan-annotation' (checked in the handler).
  listAnnotationQueue: 'signed-in',
  startTraining: 'train-models',
  listTrainingJobs: 'signed-in',
  getTrainingJob: 'signed-in',
  cancelTraining: 'train-models',
  resumeTraining: 'train-models',
  getTrainingReport: 'signed-in',
  listModels: 'signed-in',
  getModelHistory: 'signed-in',
  promoteModel: 'switch-model',
  rollbackModel: 'switch-model',
} as const satisfies Record<Method, Access>
