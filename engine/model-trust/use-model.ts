/**
 * Making a workspace code with a model bundle: model trust's acceptance
 * (accept-model.ts) with the kNN datastore filled before the switch lands, so
 * the first suggestion after it does not wait. The one path for `models use`,
 * `train --use`, and the registry's promote and roll back (promote-model.ts).
 */
import { resolve } from 'node:path'
import type { ModelPolicy } from '../../contract/policy.js'
import type { ModelSwitch } from '../coding/model-switches.js'
import { fillDatastore, openWorkspaceModel } from '../coding/workspace-model.js'
import type { Workspace } from '../workspace/workspace.js'
import { acceptModelBundle } from './accept-model.js'

export interface ModelUseResult {
  modelDir: string
  modelVersion: string
  changed: boolean
  switch: ModelSwitch
  knnSize: number | null
}

export async function useModel(
  workspace: Workspace,
  bundleDir: string,
  options: { actor: string; policy: ModelPolicy; rollback?: { reason: string } },
): Promise<ModelUseResult> {
  let knnSize: number | null = null
  const accepted = await acceptModelBundle(workspace.database, resolve(bundleDir), {
    actor: options.actor,
    policy: options.policy,
    ...(options.rollback ? { rollback: options.rollback } : {}),
    prepare: async ({ bundle }) => {
      const model = await openWorkspaceModel(workspace, bundle.dir, { threads: 2 })
      try {
        await fillDatastore(workspace.database, model)
        knnSize = model.datastore.size()
      } finally {
        await model.close()
      }
    },
  })
  return { modelDir: accepted.switch.bundleDir, modelVersion: accepted.switch.modelVersion, changed: accepted.changed, switch: accepted.switch, knnSize }
}
