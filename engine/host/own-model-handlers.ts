/**
 * Handlers of the contract's issue-18 group: splits, the annotation plan and
 * queues, training jobs and their reports, the model registry with promote and
 * roll back (a model switch through model trust, as `models use`:
 * engine/model-trust/promote-model.ts). Training runs in its own process (engine/jobs): these handlers only start, signal and read it,
 * so the engine host's event loop never trains.
 *
 * Roles are checked here, in the engine, whatever the client: changes need an
 * admin (the annotation plan: a supervisor or an admin). Once accounts and
 * per-method permissions land they replace `requireRole`.
 */
import { AppFailure } from '../../contract/result.js'
import { annotationQueue } from '../annotate/annotation-queue.js'
import { annotationStatus } from '../annotate/annotation-status.js'
import { planAnnotationPatch } from '../annotate/plan-annotation-patch.js'
import { cancelTrainingJob, listTrainingJobs, resumeTrainingJob, startTrainingJob, trainingJobReport, trainingJobStatus } from '../jobs/control-training-jobs.js'
import { modelSwitchHistory, type ModelSwitch } from '../coding/model-switches.js'
import { modelCatalogue, promoteModel } from '../model-trust/promote-model.js'
import type { ModelUseResult } from '../model-trust/use-model.js'
import { defaultPolicy } from '../policy/machine-policy.js'
import { assignSplits } from '../splits/assign-splits.js'
import { activeCodeSetId, getUser, type Role } from '../workspace/workspace.js'
import type { EngineContext, Handlers } from './handlers.js'

type OwnModelMethods =
  | 'assignSplits'
  | 'getAnnotationStatus'
  | 'planAnnotationPatch'
  | 'listAnnotationQueue'
  | 'startTraining'
  | 'listTrainingJobs'
  | 'getTrainingJob'
  | 'cancelTraining'
  | 'resumeTraining'
  | 'getTrainingReport'
  | 'listModels'
  | 'getModelHistory'
  | 'promoteModel'
  | 'rollbackModel'

export function createOwnModelHandlers(context: EngineContext): Pick<Handlers, OwnModelMethods> {
  const { workspace } = context
  const { database } = workspace
  const requireRole = (roles: readonly Role[], what: string): string => {
    const user = getUser(database, context.userId)
    if (!roles.includes(user.role)) throw new AppFailure('forbidden', `${what} needs the ${roles.join(' or ')} role; ${user.id} is a ${user.role}.`)
    return user.id
  }
  const modelPolicy = () => (context.policy?.policy ?? defaultPolicy()).models
  return {
    assignSplits: (input) => assignSplits(database, { ...input, actor: requireRole(['admin'], 'Assigning splits'), codeSetId: activeCodeSetId(database) }),
    getAnnotationStatus: () => annotationStatus(database, activeCodeSetId(database)),
    planAnnotationPatch: (input) =>
      planAnnotationPatch(database, { ...input, actor: requireRole(['supervisor', 'admin'], 'Planning annotation'), codeSetId: activeCodeSetId(database) }),
    listAnnotationQueue: (input) => {
      const coder = input.coder ?? context.userId
      if (coder !== context.userId) requireRole(['supervisor', 'admin'], "Reading another coder's queue")
      return { coder, tasks: annotationQueue(database, coder) }
    },
    startTraining: (input) => startTrainingJob(workspace, { actor: requireRole(['admin'], 'Training a model'), settings: input }),
    listTrainingJobs: () => ({ jobs: listTrainingJobs(workspace) }),
    getTrainingJob: (input) => trainingJobStatus(workspace, input.jobId),
    cancelTraining: (input) => cancelTrainingJob(workspace, { actor: requireRole(['admin'], 'Cancelling a training'), jobId: input.jobId }),
    resumeTraining: (input) => resumeTrainingJob(workspace, { actor: requireRole(['admin'], 'Resuming a training'), jobId: input.jobId }),
    getTrainingReport: (input) => trainingJobReport(workspace, input.jobId),
    listModels: () => ({ models: modelCatalogue(workspace) }),
    getModelHistory: () => ({ switches: modelSwitchHistory(database).map(switchView) }),
    // A model switch like `models use`: the engine's model holder sees the new switch and reopens (workspace-model.ts).
    promoteModel: async (input) =>
      promotionView(await promoteModel(workspace, { modelVersion: input.modelVersion, actor: requireRole(['admin'], 'Promoting a model'), policy: modelPolicy() })),
    rollbackModel: async (input) =>
      promotionView(
        await promoteModel(workspace, { modelVersion: input.modelVersion, actor: requireRole(['admin'], 'Rolling back the model'), policy: modelPolicy(), rollback: { reason: input.reason } }),
      ),
  }
}

function switchView(entry: ModelSwitch) {
  return {
    modelVersion: entry.modelVersion,
    bundleDir: entry.bundleDir,
    manifestSha256: entry.manifestSha256,
    signature: entry.signature,
    signer: entry.signer,
    kind: entry.kind,
    reason: entry.reason,
    actor: entry.actor,
    at: entry.at,
  }
}

function promotionView(result: ModelUseResult) {
  return { changed: result.changed, switch: switchView(result.switch), knnSize: result.knnSize }
}
