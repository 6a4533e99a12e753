/**
 * The registry's promote and roll back, through model trust's one door: a
 * registered model (or one the workspace used before) becomes the model in use
 * only as a model switch (`models use`'s checks: files, signature under the
 * machine policy, golden outputs, never older without a reasoned rollback),
 * audited as `model.use` / `model.rollback` and listed by `models history`.
 * There is no second notion of the model in use: the registry is the catalogue,
 * `model_switches` the history.
 *
 * Before that, the bundle on disk must still be the one registered (its
 * manifest's sha256 as the training job recorded it): a model edited after
 * training is refused by name, whatever its signature says.
 */
import { AppFailure } from '../../contract/result.js'
import type { ModelPolicy } from '../../contract/policy.js'
import { readModelBundle } from '../coding/model-bundle.js'
import { currentModelSwitch, manifestSha256, modelSwitchHistory, type ModelSwitch } from '../coding/model-switches.js'
import { listRegisteredModels, readRegisteredModel, type RegisteredModel } from '../registry/model-registry.js'
import type { Workspace } from '../workspace/workspace.js'
import { useModel, type ModelUseResult } from './use-model.js'

export interface CatalogueEntry extends RegisteredModel {
  inUse: boolean
}

/**
 * Every registered model, and every bundle the workspace switched to that the
 * registry does not hold (installed with `models use`, the demo's), newest
 * first; the one in use marked.
 */
export function modelCatalogue(workspace: Workspace): CatalogueEntry[] {
  const { database } = workspace
  const current = currentModelSwitch(database)
  const registered = listRegisteredModels(database)
  const known = new Set(registered.map((model) => model.manifestSha256))
  const installed: RegisteredModel[] = []
  for (const entry of modelSwitchHistory(database)) {
    if (known.has(entry.manifestSha256)) continue
    known.add(entry.manifestSha256)
    installed.push(installedEntry(entry))
  }
  return [...registered, ...installed]
    .sort((a, b) => (a.registeredAt < b.registeredAt ? 1 : a.registeredAt > b.registeredAt ? -1 : 0))
    .map((model) => ({ ...model, inUse: current !== null && current.manifestSha256 === model.manifestSha256 }))
}

/** A bundle known only from the switch history: what the switch pinned, and the bundle's manifest where it is still on disk. */
function installedEntry(entry: ModelSwitch): RegisteredModel {
  let codes = 0
  let trainer: Record<string, unknown> = {}
  let metrics: Record<string, unknown> = {}
  try {
    const { manifest } = readModelBundle(entry.bundleDir)
    codes = manifest.codes.length
    trainer = manifest.trainer as Record<string, unknown>
    metrics = manifest.metrics as Record<string, unknown>
  } catch {
    // Gone or damaged since: listed from its switch, and refused if promoted.
  }
  return {
    modelVersion: entry.modelVersion,
    dir: entry.bundleDir,
    manifestSha256: entry.manifestSha256,
    signerKeyId: entry.signer?.keyId ?? null,
    source: 'installed',
    registeredAt: entry.at,
    registeredBy: entry.actor,
    trainingJobId: null,
    provenance: { codeSet: entry.codeSet, codes, createdAt: entry.modelCreatedAt, trainingRecords: null, trainer, report: null, manifestMetrics: metrics },
  }
}

export interface PromoteRequest {
  modelVersion: string
  actor: string
  policy: ModelPolicy
  /** Going back to a model older than the one in use: the reason is audited. */
  rollback?: { reason: string }
}

/** Makes the catalogue's `modelVersion` the model in use, through `useModel` (model trust's checks, a new model switch). */
export async function promoteModel(workspace: Workspace, request: PromoteRequest): Promise<ModelUseResult> {
  const entry = readRegisteredModel(workspace.database, request.modelVersion) ?? modelCatalogue(workspace).find((model) => model.modelVersion === request.modelVersion)
  if (!entry) throw new AppFailure('not-found', `No model ${request.modelVersion} in this workspace's registry or model history.`)
  let sha256: string
  try {
    sha256 = manifestSha256(entry.dir)
  } catch (error) {
    throw new AppFailure('model-missing', `${entry.modelVersion}: its bundle ${entry.dir} cannot be read (${(error as Error).message}).`)
  }
  if (sha256 !== entry.manifestSha256) {
    throw new AppFailure(
      'model-invalid',
      `${entry.modelVersion} (${entry.dir}) is refused: its manifest changed after it was ${entry.source === 'trained' ? 'trained' : 'first used'} ` +
        `(sha256 ${sha256.slice(0, 12)}…, registered ${entry.manifestSha256.slice(0, 12)}…).`,
    )
  }
  return useModel(workspace, entry.dir, { actor: request.actor, policy: request.policy, ...(request.rollback ? { rollback: request.rollback } : {}) })
}
