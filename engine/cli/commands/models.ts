/**
 * `clinicoco models …`: the model in use and how it got there. `use` is the one
 * door into a workspace (checks, signature under the machine policy, golden
 * check, never older without `--rollback`, audited); `promote` does the same
 * for a model of the registry by version (checking it is still the bundle its
 * training job registered); `list` is the registry with every model used here;
 * `status` re-runs the load-time check; `history` lists every switch; `sign`
 * signs a bundle.
 */
import { AppFailure } from '../../../contract/result.js'
import { signBundle } from '../../bundle/bundle-signature.js'
import { readModelBundle } from '../../coding/model-bundle.js'
import { modelSwitchHistory, type ModelSwitch } from '../../coding/model-switches.js'
import { readPrivateKeyFile } from '../../crypto/ed25519.js'
import { modelCatalogue, promoteModel, type CatalogueEntry } from '../../model-trust/promote-model.js'
import { useModel, type ModelUseResult } from '../../model-trust/use-model.js'
import type { SignatureVerdict } from '../../model-trust/signature-verdict.js'
import { verifyPinnedModel } from '../../model-trust/verify-pinned-model.js'
import { machinePolicy } from '../../policy/machine-policy.js'
import { JSON_OPTION, WORKSPACE_OPTION, actorOf, optionalString, requireString } from '../command.js'
import type { Command, CommandContext, ParsedOptions } from '../command.js'
import { withWorkspace } from './with-workspace.js'

function signatureLine(entry: Pick<ModelSwitch, 'signature' | 'signer'>): string {
  if (entry.signature === 'trusted') return `signed by ${entry.signer?.name ?? '?'} (key ${entry.signer?.keyId ?? '?'})`
  if (entry.signature === 'untrusted') return `signed by an untrusted key ${entry.signer?.keyId ?? '?'}`
  return 'unsigned'
}

/** `models use` and `models promote` are both a model switch: the same options, the same checks. */
const SWITCH_OPTIONS = {
  workspace: WORKSPACE_OPTION,
  rollback: { type: 'boolean', description: 'go back to a model older than the one in use, on purpose (needs --reason)' },
  reason: { type: 'string', description: 'why the rollback (stored in the audit log)' },
  json: JSON_OPTION,
} as const

function switchRequest(options: ParsedOptions, context: CommandContext) {
  const reason = optionalString(options, 'reason')
  if (reason !== undefined && options.rollback !== true) throw new AppFailure('invalid-input', '--reason goes with --rollback.')
  return {
    actor: actorOf(context).id,
    policy: machinePolicy().policy.models,
    ...(options.rollback === true ? { rollback: { reason: reason ?? '' } } : {}),
  }
}

export const modelsUseCommand: Command<ModelUseResult> = {
  name: ['models', 'use'],
  access: 'switch-model',
  summary: 'Accept a model bundle for the workspace: hashes, signature (machine policy), golden outputs, never older without --rollback; pinned and audited.',
  positionals: 'BUNDLE',
  options: SWITCH_OPTIONS,
  run: (options, positionals, context) =>
    withWorkspace(options, async (workspace) => {
      const dir = positionals[0]
      if (!dir) throw new AppFailure('invalid-input', 'Give the model bundle folder.')
      return useModel(workspace, dir, switchRequest(options, context))
    }),
  describe: describeUse,
}

function describeUse(result: ModelUseResult): string[] {
  return result.changed
    ? [
        `The workspace now codes with ${result.modelVersion} (${result.modelDir})${result.switch.kind === 'rollback' ? `, rolled back: ${result.switch.reason}` : ''}.`,
        `  ${signatureLine(result.switch)}; golden check max |ONNX − PyTorch| ${result.switch.goldenMaxDifference.toExponential(2)}; manifest sha256 ${result.switch.manifestSha256} pinned`,
        `  ${result.knnSize ?? 0} records in its kNN datastore`,
      ]
    : [`${result.modelVersion} (${result.modelDir}) is already the model in use; nothing changed.`]
}

export const modelsPromoteCommand: Command<ModelUseResult> = {
  name: ['models', 'promote'],
  // A promotion or rollback is a model switch: the permission of `models use`.
  access: 'switch-model',
  summary: "Make a model of the registry the one in use, by version: still the bundle it was registered as, then `models use`'s checks; audited, in `models history`.",
  positionals: 'MODEL_VERSION',
  options: SWITCH_OPTIONS,
  run: (options, positionals, context) =>
    withWorkspace(options, async (workspace) => {
      const modelVersion = positionals[0]
      if (!modelVersion) throw new AppFailure('invalid-input', 'Give the model version (`clinicoco models list`).')
      return promoteModel(workspace, { modelVersion, ...switchRequest(options, context) })
    }),
  describe: describeUse,
}

export const modelsListCommand: Command<{ models: CatalogueEntry[] }> = {
  name: ['models', 'list'],
  access: 'signed-in',
  summary: 'The model registry: every model trained here (with its provenance and report figures) and every one used here, newest first; the one in use marked.',
  options: { workspace: WORKSPACE_OPTION, json: JSON_OPTION },
  run: (options) => withWorkspace(options, (workspace) => ({ models: modelCatalogue(workspace) })),
  describe: (result) =>
    result.models.length === 0
      ? ['No model was trained or used in this workspace.']
      : result.models.map((model) => {
          const report = model.provenance.report
          return (
            `${model.inUse ? '*' : ' '} ${model.modelVersion}  ${model.source}  ${model.registeredAt} by ${model.registeredBy}` +
            `${model.signerKeyId ? `; signed by key ${model.signerKeyId}` : '; unsigned'}` +
            `${report ? `; dev micro-F1 ${report.devMicroF1.toFixed(3)}${report.testMicroF1 === null ? '' : `, test ${report.testMicroF1.toFixed(3)}`}` : ''}`
          )
        }),
}

export interface ModelStatus {
  model: null | {
    modelVersion: string
    bundleDir: string
    manifestSha256: string
    signature: SignatureVerdict['signature']
    signer: string | null
    goldenMaxDifference: number
    acceptedBy: string
    acceptedAt: string
  }
}

export const modelsStatusCommand: Command<ModelStatus> = {
  name: ['models', 'status'],
  // Reads and re-checks; anyone who works in the workspace may ask which model codes for them.
  access: 'signed-in',
  summary: 'Check the model in use as every load does: files, pinned manifest hash, signature under the machine policy, golden outputs.',
  options: { workspace: WORKSPACE_OPTION, json: JSON_OPTION },
  run: (options) =>
    withWorkspace(options, async (workspace) => {
      const verified = await verifyPinnedModel(workspace, machinePolicy().policy.models)
      if (!verified) return { model: null }
      const { verdict } = verified
      return {
        model: {
          modelVersion: verified.switch.modelVersion,
          bundleDir: verified.bundle.dir,
          manifestSha256: verified.switch.manifestSha256,
          signature: verdict.signature,
          signer: verdict.signature === 'trusted' ? `${verdict.signer.name} (${verdict.signer.keyId}, trusted by the ${verdict.signer.source})` : verdict.signature === 'untrusted' ? verdict.keyId : null,
          goldenMaxDifference: verified.golden.maxAbsDifference,
          acceptedBy: verified.switch.actor,
          acceptedAt: verified.switch.at,
        },
      }
    }),
  describe: (result) =>
    result.model
      ? [
          `Model in use: ${result.model.modelVersion} (${result.model.bundleDir}) — verified.`,
          `  manifest sha256 ${result.model.manifestSha256} (as pinned); accepted by ${result.model.acceptedBy} at ${result.model.acceptedAt}`,
          `  signature: ${result.model.signature}${result.model.signer ? `, ${result.model.signer}` : ''}`,
          `  golden check: max |ONNX − PyTorch| ${result.model.goldenMaxDifference.toExponential(2)}`,
        ]
      : ['No model in use (suggestions are off): an admin installs one with `clinicoco models use`.'],
}

export const modelsHistoryCommand: Command<{ switches: ModelSwitch[] }> = {
  name: ['models', 'history'],
  access: 'signed-in',
  summary: 'Every model the workspace switched to, oldest first: version, pinned hash, signature, who and when (rollbacks with their reason).',
  options: { workspace: WORKSPACE_OPTION, json: JSON_OPTION },
  run: (options) => withWorkspace(options, ({ database }) => ({ switches: modelSwitchHistory(database) })),
  describe: (result) =>
    result.switches.length === 0
      ? ['No model was ever used in this workspace.']
      : result.switches.map(
          (entry) =>
            `${entry.at}  ${entry.kind.padEnd(12)} ${entry.modelVersion}  by ${entry.actor}; ${signatureLine(entry)}; manifest ${entry.manifestSha256.slice(0, 12)}…${entry.reason ? `; reason: ${entry.reason}` : ''}`,
        ),
}

export const modelsSignCommand: Command<{ bundleDir: string; modelVersion: string; keyId: string; publicKey: string }> = {
  name: ['models', 'sign'],
  // Signs bundle files with a key its holder has: no workspace, no account (release tooling).
  access: 'none',
  summary: "Sign a model bundle's manifest with an Ed25519 key (after checking its files); writes signature.json into the bundle.",
  positionals: 'BUNDLE',
  options: {
    key: { type: 'string', description: 'private key file (PEM, from `clinicoco keys generate` or `openssl genpkey -algorithm ed25519`)' },
    json: JSON_OPTION,
  },
  run: (options, positionals) => {
    const dir = positionals[0]
    if (!dir) throw new AppFailure('invalid-input', 'Give the model bundle folder.')
    const key = readPrivateKeyFile(requireString(options, 'key'))
    // A signature vouches for the files: never sign a bundle whose files do not match its manifest.
    const bundle = readModelBundle(dir)
    const signature = signBundle(bundle.dir, key)
    return { bundleDir: bundle.dir, modelVersion: bundle.manifest.modelVersion, keyId: signature.keyId, publicKey: signature.publicKey }
  },
  describe: (result) => [`Signed ${result.modelVersion} (${result.bundleDir}) with key ${result.keyId}.`, `  public key: ${result.publicKey}`],
}
