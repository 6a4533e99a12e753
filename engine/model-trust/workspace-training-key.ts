/**
 * The key a workspace's training jobs sign their models with, so a model the
 * hospital trained itself is trusted under i16b's rules like any other: its
 * signature is checked at acceptance and at every load, and a bundle changed
 * after training no longer verifies.
 *
 * Made on the first training an admin starts: an Ed25519 pair in
 * `<workspace>/keys/` (the private half owner-only, never in the database or a
 * backup), its public half trusted as a workspace key in the same step
 * (`model-key.trust`, audited, by that admin). Where the machine policy sets
 * `models.allowWorkspaceKeys: false`, workspace keys are ignored: IT then adds
 * this public key (`keys/training-jobs.public.pem`, shown by `clinicoco keys
 * list`) to `models.trustedKeys`, or locally trained models are refused where
 * signatures are required. A revoked training key is not trusted again
 * silently: its models are refused until an admin trusts it again.
 */
import type { KeyObject } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateSigningKeyFiles, parsePublicKey, readPrivateKeyFile } from '../crypto/ed25519.js'
import type { Workspace } from '../workspace/workspace.js'
import { trustWorkspaceKey } from './trusted-keys.js'

export const TRAINING_KEY_NAME = 'training jobs of this workspace'

export function trainingKeyPrefix(workspaceDir: string): string {
  return join(workspaceDir, 'keys', 'training-jobs')
}

/** The private key training jobs sign with, when the workspace has one (read by the job process). */
export function readTrainingKey(workspaceDir: string): KeyObject | null {
  const file = `${trainingKeyPrefix(workspaceDir)}.private.pem`
  return existsSync(file) ? readPrivateKeyFile(file) : null
}

export interface TrainingKey {
  privateKeyFile: string
  keyId: string
  /** True when this call made the key (and trusted it). */
  created: boolean
}

/** The workspace's training key, made and trusted (audited, by `actor`) when it has none. */
export function ensureTrainingKey(workspace: Workspace, actor: string): TrainingKey {
  const prefix = trainingKeyPrefix(workspace.dir)
  const publicKeyFile = `${prefix}.public.pem`
  if (existsSync(`${prefix}.private.pem`) && existsSync(publicKeyFile)) {
    return { privateKeyFile: `${prefix}.private.pem`, keyId: parsePublicKey(readFileSync(publicKeyFile, 'utf8')).keyId, created: false }
  }
  mkdirSync(join(workspace.dir, 'keys'), { recursive: true, mode: 0o700 })
  const files = generateSigningKeyFiles(prefix)
  trustWorkspaceKey(workspace.database, { publicKey: files.publicKey, name: TRAINING_KEY_NAME, actor })
  return { privateKeyFile: files.privateKeyFile, keyId: files.keyId, created: true }
}
