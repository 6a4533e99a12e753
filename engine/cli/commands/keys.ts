/**
 * `clinicoco keys …`: Ed25519 keys for signing model bundles. `generate` makes
 * a pair (the private half stays with whoever signs, the public half goes into
 * the machine policy); `trust` / `revoke` / `list` manage the keys one
 * workspace trusts besides the policy's (audited; ignored where the policy sets
 * `models.allowWorkspaceKeys: false`).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { AppFailure } from '../../../contract/result.js'
import { generateSigningKeyFiles, type SigningKeyFiles } from '../../crypto/ed25519.js'
import { revokeWorkspaceKey, trustWorkspaceKey, trustedSigners, workspaceSigners, type TrustedSigner } from '../../model-trust/trusted-keys.js'
import { machinePolicy } from '../../policy/machine-policy.js'
import { JSON_OPTION, WORKSPACE_OPTION, actorOf, requireString } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'

export const keysGenerateCommand: Command<SigningKeyFiles> = {
  name: ['keys', 'generate'],
  // Writes a key pair to files: no workspace, no account.
  access: 'none',
  summary: 'Make an Ed25519 signing key pair: PREFIX.private.pem (keep it secret, off the workstations) and PREFIX.public.pem (for the policy).',
  options: { out: { type: 'string', description: 'file prefix, e.g. /secure/model-board-2026' }, json: JSON_OPTION },
  run: (options) => generateSigningKeyFiles(resolve(requireString(options, 'out'))),
  describe: (result) => [
    `Private key: ${result.privateKeyFile} (owner-only; never copy it to a workstation)`,
    `Public key:  ${result.publicKeyFile} (key id ${result.keyId})`,
    'For the machine policy (models.trustedKeys):',
    `  { "name": "…", "publicKey": "${result.publicKey}" }`,
  ],
}

export const keysTrustCommand: Command<TrustedSigner> = {
  name: ['keys', 'trust'],
  access: 'administer',
  summary: "Trust a public key's model signatures in this workspace (audited); the machine policy may forbid workspace keys.",
  positionals: 'PUBLIC_KEY_FILE',
  options: { workspace: WORKSPACE_OPTION, name: { type: 'string', description: 'who signs with it' }, json: JSON_OPTION },
  run: (options, positionals, context) =>
    withWorkspace(options, ({ database }) => {
      const file = positionals[0]
      if (!file) throw new AppFailure('invalid-input', 'Give the public key file (.public.pem).')
      if (!machinePolicy().policy.models.allowWorkspaceKeys) {
        throw new AppFailure('forbidden', 'The machine policy sets models.allowWorkspaceKeys to false: only IT trusts keys here, in the policy file.')
      }
      return trustWorkspaceKey(database, { publicKey: readFileSync(file, 'utf8'), name: requireString(options, 'name'), actor: actorOf(context).id })
    }),
  describe: (result) => [`This workspace now trusts model signatures by ${result.name} (key ${result.keyId}).`],
}

export const keysRevokeCommand: Command<TrustedSigner> = {
  name: ['keys', 'revoke'],
  access: 'administer',
  summary: 'Stop trusting a workspace key (audited); a model it signed is refused at its next load where the policy requires signed models.',
  positionals: 'KEY_ID',
  options: { workspace: WORKSPACE_OPTION, json: JSON_OPTION },
  run: (options, positionals, context) =>
    withWorkspace(options, ({ database }) => {
      const keyId = positionals[0]
      if (!keyId) throw new AppFailure('invalid-input', 'Give the key id (`clinicoco keys list`).')
      return revokeWorkspaceKey(database, { keyId, actor: actorOf(context).id })
    }),
  describe: (result) => [`This workspace no longer trusts ${result.name} (key ${result.keyId}).`],
}

export const keysListCommand: Command<{ trusted: TrustedSigner[]; ignoredWorkspaceKeys: TrustedSigner[] }> = {
  name: ['keys', 'list'],
  access: 'signed-in',
  summary: "The model-signing keys trusted here: the machine policy's and this workspace's.",
  options: { workspace: WORKSPACE_OPTION, json: JSON_OPTION },
  run: (options) =>
    withWorkspace(options, ({ database }) => {
      const policy = machinePolicy().policy.models
      const trusted = trustedSigners(database, policy)
      const ignored = policy.allowWorkspaceKeys ? [] : workspaceSigners(database).map(({ keyId, publicKey, name, source }) => ({ keyId, publicKey, name, source }))
      return { trusted, ignoredWorkspaceKeys: ignored }
    }),
  describe: (result) => [
    ...(result.trusted.length === 0 ? ['No trusted model-signing keys.'] : result.trusted.map((key) => `${key.keyId}  ${key.source.padEnd(9)} ${key.name}`)),
    ...result.ignoredWorkspaceKeys.map((key) => `${key.keyId}  ignored   ${key.name} (the machine policy does not allow workspace keys)`),
  ],
}
