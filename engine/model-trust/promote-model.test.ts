/**
 * The registry's promote and roll back are model trust's switches: on copies of
 * the committed demo model (real ONNX, golden outputs), a model signed with the
 * workspace's training key and registered as a training job does is promoted
 * under a policy that requires signatures, rolled back with a reason, refused
 * when edited after registration or when IT does not allow workspace keys — and
 * every switch is in the one history `models history` lists.
 */
import { type KeyObject } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ModelPolicy } from '../../contract/policy.js'
import { listAudit } from '../audit/audit-log.js'
import { verifyAudit } from '../audit/verify-audit.js'
import { signBundle } from '../bundle/bundle-signature.js'
import { modelsDirectory } from '../bundle/run-trainer.js'
import { currentModelSwitch, modelSwitchHistory } from '../coding/model-switches.js'
import { holdWorkspaceModel } from '../coding/workspace-model.js'
import { createDemoWorkspace } from '../demo/create-demo-workspace.js'
import { registerTrainedModel } from '../registry/model-registry.js'
import { openWorkspace, type Workspace } from '../workspace/workspace.js'
import { modelCatalogue, promoteModel } from './promote-model.js'
import { useModel } from './use-model.js'
import { verifyPinnedModel } from './verify-pinned-model.js'
import { ensureTrainingKey, readTrainingKey, TRAINING_KEY_NAME } from './workspace-training-key.js'

const DEMO_MODEL = join(modelsDirectory(), 'demo')
const SIGNED_WORKSPACE_KEYS: ModelPolicy = { trustedKeys: [], requireSigned: true, allowWorkspaceKeys: true }
const IT_KEYS_ONLY: ModelPolicy = { trustedKeys: [], requireSigned: true, allowWorkspaceKeys: false }

let root: string
let workspace: Workspace
let bundles = 0

/** A copy of the demo bundle under a new version and date, signed with `key` when given: what a training job leaves. */
function bundle(options: { version: string; createdAt: string; key?: KeyObject | null }): string {
  bundles += 1
  const dir = join(root, `bundle-${bundles}`)
  cpSync(DEMO_MODEL, dir, { recursive: true })
  rmSync(join(dir, 'signature.json'), { force: true })
  const manifestPath = join(dir, 'manifest.json')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>
  manifest.modelVersion = options.version
  manifest.createdAt = options.createdAt
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2))
  if (options.key) signBundle(dir, options.key)
  return dir
}

/** A bundle signed with the workspace's training key and registered, as run-training-job.ts does. */
function trained(version: string, createdAt: string): string {
  const dir = bundle({ version, createdAt, key: readTrainingKey(workspace.dir) })
  registerTrainedModel(workspace.database, { dir, actor: 'admin', jobId: null, trainingRecords: { clean: 10 }, report: null })
  return dir
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'clinicoco-promote-'))
})

beforeEach(() => {
  workspace?.close()
  const dir = join(root, `ws-${Date.now()}-${Math.random().toString(36).slice(2)}`)
  createDemoWorkspace(dir, { seed: 3, recordCount: 20, noiseRatio: 0.2, chineseShare: 0.5 })
  workspace = openWorkspace(dir)
  ensureTrainingKey(workspace, 'admin')
})

afterAll(() => {
  workspace?.close()
  rmSync(root, { recursive: true, force: true })
})

describe("the workspace's training key", () => {
  it('is made once, owner-only, and trusted as a workspace key by the admin who started training (audited)', () => {
    const again = ensureTrainingKey(workspace, 'someone-else')
    expect(again.created).toBe(false)
    expect(statSync(again.privateKeyFile).mode & 0o777).toBe(0o600)
    const trusts = listAudit(workspace.database, { entity: 'model-key' })
    expect(trusts.map((row) => [row.action, row.actor, row.entityId])).toEqual([['model-key.trust', 'admin', again.keyId]])
    expect(trusts[0]?.detail).toMatchObject({ name: TRAINING_KEY_NAME })
  })
})

describe('promote and roll back through model trust', () => {
  it('promotes a locally trained model where signatures are required: one switch, signed by the training key, in the one history', async () => {
    const dir = trained('hospital-1', '2027-02-01T00:00:00.000Z')
    const promoted = await promoteModel(workspace, { modelVersion: 'hospital-1', actor: 'admin', policy: SIGNED_WORKSPACE_KEYS })
    expect(promoted.changed).toBe(true)
    expect(promoted.switch).toMatchObject({ bundleDir: dir, modelVersion: 'hospital-1', kind: 'use', signature: 'trusted', signer: { name: TRAINING_KEY_NAME }, actor: 'admin' })
    expect(promoted.knnSize).toBeGreaterThan(0)
    expect(modelSwitchHistory(workspace.database).map((entry) => [entry.kind, entry.modelVersion])).toEqual([['use', 'hospital-1']])
    const catalogue = modelCatalogue(workspace)
    expect(catalogue.map((model) => [model.modelVersion, model.source, model.inUse])).toEqual([['hospital-1', 'trained', true]])
    expect(catalogue[0]?.signerKeyId).toBe(promoted.switch.signer?.keyId)
    expect(listAudit(workspace.database, { entity: 'model' }).map((row) => row.action)).toEqual(['model.register', 'model.use'])
    // Promoting the model in use again changes nothing.
    const again = await promoteModel(workspace, { modelVersion: 'hospital-1', actor: 'admin', policy: SIGNED_WORKSPACE_KEYS })
    expect(again.changed).toBe(false)
    expect(modelSwitchHistory(workspace.database)).toHaveLength(1)
  })

  it('goes back to an older model only as a reasoned rollback, which the history and the audit log keep', async () => {
    trained('hospital-1', '2027-02-01T00:00:00.000Z')
    trained('hospital-2', '2027-03-01T00:00:00.000Z')
    await promoteModel(workspace, { modelVersion: 'hospital-1', actor: 'admin', policy: SIGNED_WORKSPACE_KEYS })
    await promoteModel(workspace, { modelVersion: 'hospital-2', actor: 'admin', policy: SIGNED_WORKSPACE_KEYS })
    await expect(promoteModel(workspace, { modelVersion: 'hospital-1', actor: 'admin', policy: SIGNED_WORKSPACE_KEYS })).rejects.toMatchObject({ code: 'conflict' })
    await expect(
      promoteModel(workspace, { modelVersion: 'hospital-1', actor: 'admin', policy: SIGNED_WORKSPACE_KEYS, rollback: { reason: '  ' } }),
    ).rejects.toMatchObject({ code: 'invalid-input' })
    const back = await promoteModel(workspace, {
      modelVersion: 'hospital-1',
      actor: 'admin',
      policy: SIGNED_WORKSPACE_KEYS,
      rollback: { reason: 'hospital-2 misses 肺炎 codes on the ward audit' },
    })
    expect(back.switch).toMatchObject({ kind: 'rollback', modelVersion: 'hospital-1', reason: 'hospital-2 misses 肺炎 codes on the ward audit' })
    expect(modelSwitchHistory(workspace.database).map((entry) => [entry.kind, entry.modelVersion])).toEqual([
      ['use', 'hospital-1'],
      ['use', 'hospital-2'],
      ['rollback', 'hospital-1'],
    ])
    expect(modelCatalogue(workspace).filter((model) => model.inUse).map((model) => model.modelVersion)).toEqual(['hospital-1'])
    const rollback = listAudit(workspace.database, { entity: 'model' }).find((row) => row.action === 'model.rollback')
    expect(rollback?.detail).toMatchObject({ from: { modelVersion: 'hospital-2' }, reason: 'hospital-2 misses 肺炎 codes on the ward audit' })
    expect(verifyAudit(workspace.database)).toMatchObject({ intact: true, firstBrokenId: null })
  })

  it('refuses a registered model whose bundle changed after registration, even re-signed, and keeps the model in use', async () => {
    trained('hospital-1', '2027-02-01T00:00:00.000Z')
    const edited = trained('hospital-2', '2027-03-01T00:00:00.000Z')
    await promoteModel(workspace, { modelVersion: 'hospital-1', actor: 'admin', policy: SIGNED_WORKSPACE_KEYS })
    const manifestPath = join(edited, 'manifest.json')
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { threshold: number }
    manifest.threshold = 0.05
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2))
    signBundle(edited, readTrainingKey(workspace.dir) as KeyObject)
    await expect(promoteModel(workspace, { modelVersion: 'hospital-2', actor: 'admin', policy: SIGNED_WORKSPACE_KEYS })).rejects.toThrow(/changed after it was trained/)
    expect(currentModelSwitch(workspace.database)?.modelVersion).toBe('hospital-1')
    await expect(promoteModel(workspace, { modelVersion: 'no-such-model', actor: 'admin', policy: SIGNED_WORKSPACE_KEYS })).rejects.toMatchObject({ code: 'not-found' })
  })

  it('refuses a locally trained model where IT trusts only the policy keys, naming the key', async () => {
    trained('hospital-1', '2027-02-01T00:00:00.000Z')
    const { keyId } = ensureTrainingKey(workspace, 'admin')
    await expect(promoteModel(workspace, { modelVersion: 'hospital-1', actor: 'admin', policy: IT_KEYS_ONLY })).rejects.toMatchObject({
      code: 'model-untrusted',
      message: expect.stringContaining(keyId) as unknown,
    })
    expect(currentModelSwitch(workspace.database)).toBeNull()
  })

  it('lists a model installed with `models use` beside the trained ones, and promotes it back by version', async () => {
    const installed = bundle({ version: 'board-2027-01', createdAt: '2027-01-01T00:00:00.000Z' })
    const open: ModelPolicy = { trustedKeys: [], requireSigned: false, allowWorkspaceKeys: true }
    await useModel(workspace, installed, { actor: 'it-admin', policy: open })
    trained('hospital-1', '2027-02-01T00:00:00.000Z')
    await promoteModel(workspace, { modelVersion: 'hospital-1', actor: 'admin', policy: open })
    expect(modelCatalogue(workspace).map((model) => [model.modelVersion, model.source, model.inUse])).toEqual([
      ['hospital-1', 'trained', true],
      ['board-2027-01', 'installed', false],
    ])
    const back = await promoteModel(workspace, { modelVersion: 'board-2027-01', actor: 'admin', policy: open, rollback: { reason: 'back to the board model' } })
    expect(back.switch).toMatchObject({ kind: 'rollback', bundleDir: installed, signature: 'unsigned' })
  })

  it("moves the engine's open model to the promoted one at the next suggestion", async () => {
    trained('hospital-1', '2027-02-01T00:00:00.000Z')
    trained('hospital-2', '2027-03-01T00:00:00.000Z')
    await promoteModel(workspace, { modelVersion: 'hospital-1', actor: 'admin', policy: SIGNED_WORKSPACE_KEYS })
    const holder = holdWorkspaceModel(workspace, async () => (await verifyPinnedModel(workspace, SIGNED_WORKSPACE_KEYS))?.bundle.dir ?? null, { closeAfterMs: 0 })
    try {
      expect((await holder.get())?.bundle.manifest.modelVersion).toBe('hospital-1')
      expect(await holder.get()).toBe(holder.current())
      await promoteModel(workspace, { modelVersion: 'hospital-2', actor: 'admin', policy: SIGNED_WORKSPACE_KEYS })
      expect((await holder.get())?.bundle.manifest.modelVersion).toBe('hospital-2')
    } finally {
      await holder.close()
    }
  })
})
