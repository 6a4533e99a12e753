/**
 * Handlers of the contract's issue-18 group: splits, the annotation plan and
 * queues, training jobs and their reports, the model registry with promote and
 * roll back (a model switch through model trust, as `models use`:
 * engine/model-trust/promote-model.ts). Training runs in its own process (engine/jobs): these handlers only start, signal and read it,
 * so the engine host's event loop never trains.
 *
 * Who may call each method is checked before any handler runs, by the engine's
 * door (call-gate.ts against engine/auth/method-access.ts); every change here is
 * made as the signed-in caller, never as a user the request names. The one check
 * left to a handler: another coder's annotation queue needs 'plan-annotation'.
 */
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import { annotationQueue } from '../annotate/annotation-queue.js'
import { annotationStatus } from '../annotate/annotation-status.js'
import { planAnnotationPatch } from '../annotate/plan-annotation-patch.js'
import { cancelTrainingJob, listTrainingJobs, resumeTrainingJob, startTrainingJob, trainingJobReport, trainingJobStatus } from '../jobs/control-training-jobs.js'
import { modelSwitchHistory, type ModelSwitch } from '../coding/model-switches.js'
import { modelCatalogue, promoteModel } from '../model-trust/promote-model.js'
import type { ModelUseResult } from '../model-trust/use-model.js'
import { defaultPolicy } from '../policy/machine-policy.js'
import { assignSplits } from '../splits/assign-splits.js'
import { roleMay, rolesWith } from '../auth/roles.js'
import { activeCodeSetId } from '../workspace/workspace.js'
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
  // The gate guarantees a signed-in caller for every method of this group.
  const actor = context.userId
  const modelPolicy = () => (context.policy?.policy ?? defaultPolicy()).models
  return {
    assignSplits: (input) => assignSplits(database, { ...input, actor, codeSetId: activeCodeSetId(database) }),
    getAnnotationStatus: () => annotationStatus(database, activeCodeSetId(database)),
    planAnnotationPatch: (input) =>
      planAnnotationPatch(database, { ...input, actor, codeSetId: activeCodeSetId(database) }),
    listAnnotationQueue: (input) => {
      const coder = input.coder ?? actor
      if (coder !== actor) requireAnotherQueue(context, coder)
      return { coder, tasks: annotationQueue(database, coder) }
    },
    startTraining: (input) => startTrainingJob(workspace, { actor, settings: input }),
    listTrainingJobs: () => ({ jobs: listTrainingJobs(workspace) }),
    getTrainingJob: (input) => trainingJobStatus(workspace, input.jobId),
    cancelTraining: (input) => cancelTrainingJob(workspace, { actor, jobId: input.jobId }),
    resumeTraining: (input) => resumeTrainingJob(workspace, { actor, jobId: input.jobId }),
    getTrainingReport: (input) => trainingJobReport(workspace, input.jobId),
    listModels: () => ({ models: modelCatalogue(workspace) }),
    getModelHistory: () => ({ switches: modelSwitchHistory(database).map(switchView) }),
    // A model switch like `models use`: the engine's model holder sees the new switch and reopens (workspace-model.ts).
    promoteModel: async (input) =>
      promotionView(await promoteModel(workspace, { modelVersion: input.modelVersion, actor, policy: modelPolicy() })),
    rollbackModel: async (input) =>
      promotionView(
        await promoteModel(workspace, { modelVersion: input.modelVersion, actor, policy: modelPolicy(), rollback: { reason: input.reason } }),
      ),
  }
}

/** Another coder's queue is the planner's view (supervisor, admin); a refusal is kept in the trail as the gate keeps its own. */
function requireAnotherQueue(context: EngineContext, coder: string): void {
  const role = context.caller?.role
  if (role && roleMay(role, 'plan-annotation')) return
  appendAudit(context.workspace.database, {
    actor: context.userId,
    action: 'access.denied',
    entity: 'method',
    entityId: 'listAnnotationQueue',
    detail: { role: role ?? null, needs: 'plan-annotation', coder },
  })
  throw new AppFailure(
    'forbidden',
    `Not allowed: another coder's annotation queue needs the "plan-annotation" permission, which a ${role ?? 'caller without a role'} does not have (${rolesWith('plan-annotation').join(', ')} do).`,
  )
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
