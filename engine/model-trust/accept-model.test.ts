/**
 * Model trust on the committed demo model (a real ONNX bundle with its golden
 * outputs): copies of it signed, unsigned, edited, older, signed by a stranger —
 * each accepted or refused for the reason an IT engineer would expect, and an
 * edit after acceptance refused at the next load.
 */
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ModelPolicy } from '../../contract/policy.js'
import { listAudit } from '../audit/audit-log.js'
import { verifyAudit } from '../audit/verify-audit.js'
import { signBundle } from '../bundle/bundle-signature.js'
import { currentModelSwitch, modelSwitchHistory } from '../coding/model-switches.js'
import { publicKeyBase64 } from '../crypto/ed25519.js'
import { modelsDirectory } from '../bundle/run-trainer.js'
import { createDemoWorkspace } from '../demo/create-demo-workspace.js'
import { openWorkspace, setSetting, type Workspace } from '../workspace/workspace.js'
import { acceptModelBundle } from './accept-model.js'
import { trustWorkspaceKey, revokeWorkspaceKey } from './trusted-keys.js'
import { verifyPinnedModel } from './verify-pinned-model.js'

const DEMO_MODEL = join(modelsDirectory(), 'demo')

let root: string
let workspace: Workspace
let boardKey: KeyObject
let strangerKey: KeyObject
let board: ModelPolicy
let requireBoard: ModelPolicy
const OPEN: ModelPolicy = { trustedKeys: [], requireSigned: false, allowWorkspaceKeys: true }

function newKey(): KeyObject {
  return generateKeyPairSync('ed25519').privateKey
}

let bundles = 0
/** A copy of the demo bundle, its manifest changed by `edit` (version, date…); signed with `key` when given. */
function bundle(options: { version?: string; createdAt?: string; key?: KeyObject; edit?: (manifest: Record<string, unknown>) => void } = {}): string {
  bundles += 1
  const dir = join(root, `bundle-${bundles}`)
  cpSync(DEMO_MODEL, dir, { recursive: true })
  rmSync(join(dir, 'signature.json'), { force: true })
  const manifestPath = join(dir, 'manifest.json')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>
  manifest.modelVersion = options.version ?? `demo-copy-${bundles}`
  manifest.createdAt = options.createdAt ?? `2027-01-${String(bundles).padStart(2, '0')}T00:00:00.000Z`
  options.edit?.(manifest)
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2))
  if (options.key) signBundle(dir, options.key)
  return dir
}

function rehash(dir: string, file: string): void {
  const manifestPath = join(dir, 'manifest.json')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<string, string> }
  manifest.files[file] = createHash('sha256').update(readFileSync(join(dir, file))).digest('hex')
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2))
}

function flipGoldenValue(dir: string): void {
  const path = join(dir, 'golden.json')
  const golden = JSON.parse(readFileSync(path, 'utf8')) as { cases: Array<{ logits: number[][] }> }
  const row = golden.cases[0]?.logits[0] as number[]
  row[0] = (row[0] as number) + 0.5
  writeFileSync(path, JSON.stringify(golden))
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'clinicoco-trust-'))
  boardKey = newKey()
  strangerKey = newKey()
  board = { trustedKeys: [{ name: 'Model board', publicKey: publicKeyBase64(boardKey) }], requireSigned: false, allowWorkspaceKeys: false }
  requireBoard = { ...board, requireSigned: true }
}, 120_000)

beforeEach(() => {
  // A fresh workspace per test: each starts with no model in use.
  workspace?.close()
  const dir = join(root, `ws-${Date.now()}-${Math.random().toString(36).slice(2)}`)
  createDemoWorkspace(dir, { seed: 3, recordCount: 20, noiseRatio: 0.2, chineseShare: 0.5 })
  workspace = openWorkspace(dir)
})

afterAll(() => {
  workspace?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('accepting a model bundle', () => {
  it('accepts a bundle signed by a key the policy trusts, pins its manifest hash and audits the switch', async () => {
    const dir = bundle({ key: boardKey, version: 'demo-signed-by-board' })
    const accepted = await acceptModelBundle(workspace.database, dir, { actor: 'it-admin', policy: requireBoard })
    expect(accepted.changed).toBe(true)
    expect(accepted.switch).toMatchObject({
      bundleDir: dir,
      modelVersion: 'demo-signed-by-board',
      manifestSha256: createHash('sha256').update(readFileSync(join(dir, 'manifest.json'))).digest('hex'),
      signature: 'trusted',
      signer: { name: 'Model board' },
      kind: 'use',
      actor: 'it-admin',
    })
    expect(accepted.switch.goldenMaxDifference).toBeLessThan(1e-4)
    const audit = listAudit(workspace.database, { entity: 'model' })
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: 'it-admin', action: 'model.use', entityId: accepted.switch.modelVersion })
    expect(audit[0]?.detail).toMatchObject({ from: null, signature: 'trusted', to: { manifestSha256: accepted.switch.manifestSha256 } })
    expect(verifyAudit(workspace.database).firstBrokenId).toBeNull()
  })

  it('refuses an unsigned bundle where the policy requires signatures, and uses it, marked unsigned, where not', async () => {
    const dir = bundle()
    await expect(acceptModelBundle(workspace.database, dir, { actor: 'it', policy: requireBoard })).rejects.toThrow(
      /refused, it is not signed and the machine policy requires signed models/,
    )
    expect(currentModelSwitch(workspace.database)).toBeNull()
    const accepted = await acceptModelBundle(workspace.database, dir, { actor: 'it', policy: OPEN })
    expect(accepted.switch.signature).toBe('unsigned')
  })

  it('refuses a bundle signed by a key nobody here trusts, naming the key', async () => {
    const dir = bundle({ key: strangerKey })
    const strangerId = createHash('sha256').update(Buffer.from(publicKeyBase64(strangerKey), 'base64')).digest('hex').slice(0, 16)
    await expect(acceptModelBundle(workspace.database, dir, { actor: 'it', policy: requireBoard })).rejects.toMatchObject({
      code: 'model-untrusted',
      message: expect.stringContaining(`signed by key ${strangerId}, which this machine does not trust`),
    })
    // Without requireSigned it may code, but the switch says whose unknown key signed it.
    const accepted = await acceptModelBundle(workspace.database, dir, { actor: 'it', policy: board })
    expect(accepted.switch).toMatchObject({ signature: 'untrusted', signer: { keyId: strangerId, name: null } })
  })

  it('refuses a bundle whose manifest was edited after signing, whatever the policy', async () => {
    const dir = bundle({ key: boardKey })
    const manifestPath = join(dir, 'manifest.json')
    writeFileSync(manifestPath, readFileSync(manifestPath, 'utf8').replace(/"threshold": [0-9.]+/, '"threshold": 0.01'))
    for (const policy of [requireBoard, OPEN]) {
      await expect(acceptModelBundle(workspace.database, dir, { actor: 'it', policy })).rejects.toThrow(/its signature does not hold: manifest.json was changed after it was signed/)
    }
  })

  it('refuses an edited file the manifest does not vouch for, and one re-hashed into the manifest once signed', async () => {
    const edited = bundle({ key: boardKey })
    flipGoldenValue(edited)
    await expect(acceptModelBundle(workspace.database, edited, { actor: 'it', policy: board })).rejects.toThrow(/golden.json has sha256 .* the bundle was changed or damaged/)
    rehash(edited, 'golden.json')
    await expect(acceptModelBundle(workspace.database, edited, { actor: 'it', policy: board })).rejects.toThrow(/signature does not hold/)
  })

  it('refuses an unsigned bundle that fails its golden check', async () => {
    const dir = bundle()
    flipGoldenValue(dir)
    rehash(dir, 'golden.json')
    await expect(acceptModelBundle(workspace.database, dir, { actor: 'it', policy: OPEN })).rejects.toThrow(/ONNX Runtime's outputs differ from golden.json by 5\.00e-1/)
  })

  it('refuses a model older than the one in use unless rolled back on purpose, with the reason audited', async () => {
    const newer = bundle({ key: boardKey, version: 'demo-2027-03', createdAt: '2027-03-01T00:00:00.000Z' })
    const older = bundle({ key: boardKey, version: 'demo-2027-02', createdAt: '2027-02-01T00:00:00.000Z' })
    await acceptModelBundle(workspace.database, newer, { actor: 'it', policy: requireBoard })
    await expect(acceptModelBundle(workspace.database, older, { actor: 'it', policy: requireBoard })).rejects.toThrow(
      /demo-2027-02 \(created 2027-02-01T00:00:00.000Z\) is older than the model in use, demo-2027-03 .* roll back/,
    )
    await expect(acceptModelBundle(workspace.database, older, { actor: 'it', policy: requireBoard, rollback: { reason: '  ' } })).rejects.toThrow(/needs a reason/)
    const rolledBack = await acceptModelBundle(workspace.database, older, { actor: 'supervisor', policy: requireBoard, rollback: { reason: 'March model over-codes sepsis' } })
    expect(rolledBack.switch).toMatchObject({ kind: 'rollback', reason: 'March model over-codes sepsis', modelVersion: 'demo-2027-02' })
    const rows = listAudit(workspace.database, { entity: 'model' })
    expect(rows.map((row) => row.action)).toEqual(['model.use', 'model.rollback'])
    expect(rows[1]?.detail).toMatchObject({ reason: 'March model over-codes sepsis', from: { modelVersion: 'demo-2027-03' }, to: { modelVersion: 'demo-2027-02' } })
    // A "rollback" to a newer model is an operator's mistake, said so.
    await expect(acceptModelBundle(workspace.database, newer, { actor: 'it', policy: requireBoard, rollback: { reason: 'x' } })).rejects.toThrow(/is not older than the model in use/)
  })

  it('refuses a different bundle under the version in use, and changes nothing for the bundle already in use', async () => {
    const first = bundle({ key: boardKey, version: 'demo-v1' })
    const impostor = bundle({ key: boardKey, version: 'demo-v1', edit: (manifest) => (manifest.threshold = 0.2) })
    await acceptModelBundle(workspace.database, first, { actor: 'it', policy: board })
    await expect(acceptModelBundle(workspace.database, impostor, { actor: 'it', policy: board })).rejects.toThrow(/a different bundle under demo-v1, the version in use/)
    const again = await acceptModelBundle(workspace.database, first, { actor: 'it', policy: board })
    expect(again.changed).toBe(false)
    expect(modelSwitchHistory(workspace.database)).toHaveLength(1)
  })

  it('lets the workspace trust a key where the policy allows workspace keys, and not where it does not', async () => {
    const dir = bundle({ key: strangerKey })
    const allowing: ModelPolicy = { ...requireBoard, allowWorkspaceKeys: true }
    const trusted = trustWorkspaceKey(workspace.database, { publicKey: publicKeyBase64(strangerKey), name: 'Ward 7 pilot', actor: 'it' })
    await expect(acceptModelBundle(workspace.database, dir, { actor: 'it', policy: requireBoard })).rejects.toThrow(/does not trust/)
    const accepted = await acceptModelBundle(workspace.database, dir, { actor: 'it', policy: allowing })
    expect(accepted.switch.signer).toEqual({ keyId: trusted.keyId, name: 'Ward 7 pilot' })
    expect(listAudit(workspace.database, { entity: 'model-key' }).map((row) => row.action)).toEqual(['model-key.trust'])
  })
})

describe('the check at every load of the model in use', () => {
  it('passes for the accepted bundle, with its signer', async () => {
    const dir = bundle({ key: boardKey })
    await acceptModelBundle(workspace.database, dir, { actor: 'it', policy: requireBoard })
    const verified = await verifyPinnedModel(workspace, requireBoard)
    expect(verified?.bundle.dir).toBe(dir)
    expect(verified?.verdict).toMatchObject({ signature: 'trusted', signer: { name: 'Model board' } })
    expect(verified?.golden.passed).toBe(true)
  })

  it('refuses a bundle edited and re-hashed after acceptance, even where unsigned models are allowed', async () => {
    const dir = bundle()
    await acceptModelBundle(workspace.database, dir, { actor: 'it', policy: OPEN })
    flipGoldenValue(dir)
    rehash(dir, 'golden.json')
    await expect(verifyPinnedModel(workspace, OPEN)).rejects.toThrow(/is refused: its manifest changed after it was accepted .* accepts the bundle again with `clinicoco models use`/)
  })

  it('refuses at the next load a model whose signing key was revoked where signatures are required', async () => {
    const allowing: ModelPolicy = { trustedKeys: [], requireSigned: true, allowWorkspaceKeys: true }
    const key = trustWorkspaceKey(workspace.database, { publicKey: publicKeyBase64(strangerKey), name: 'Pilot', actor: 'it' })
    await acceptModelBundle(workspace.database, bundle({ key: strangerKey }), { actor: 'it', policy: allowing })
    await expect(verifyPinnedModel(workspace, allowing)).resolves.not.toBeNull()
    revokeWorkspaceKey(workspace.database, { keyId: key.keyId, actor: 'it' })
    await expect(verifyPinnedModel(workspace, allowing)).rejects.toMatchObject({ code: 'model-untrusted' })
  })

  it('pins, audited, the model a workspace from before pinning named in its settings', async () => {
    const dir = bundle()
    setSetting(workspace.database, 'model_bundle', dir)
    const verified = await verifyPinnedModel(workspace, OPEN)
    expect(verified?.switch).toMatchObject({ kind: 'pin-existing', actor: 'system', bundleDir: dir })
    expect(listAudit(workspace.database, { entity: 'model' }).map((row) => row.action)).toEqual(['model.pin-existing'])
  })

  it('is null when the workspace has no model', async () => {
    await expect(verifyPinnedModel(workspace, OPEN)).resolves.toBeNull()
  })
})
