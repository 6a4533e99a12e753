/**
 * Signing a bundle folder and reading its signature back. The signature is over
 * `manifest.json`'s bytes exactly as stored (no re-serialising: the Python and
 * TypeScript signers must agree byte for byte), in `signature.json` beside it.
 * Whether a valid signature's key is *trusted* is decided elsewhere
 * (`engine/model-trust/`): this file only says who signed, or that nobody did,
 * or that the signature does not hold.
 */
import { createHash, type KeyObject } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { BundleSignature } from '../../contract/bundle-signature.js'
import { AppFailure } from '../../contract/result.js'
import { keyIdOf, publicKeyOf, signBytes, verifyBytes } from '../crypto/ed25519.js'

export const SIGNATURE_FILE = 'signature.json'
const MANIFEST_FILE = 'manifest.json'

export type SignatureCheck =
  | { state: 'unsigned' }
  /** The signature file is malformed, or does not verify over the manifest as it is now. */
  | { state: 'invalid'; reason: string }
  | { state: 'signed'; publicKey: string; keyId: string; signedAt: string }

/** Signs `dir/manifest.json`, replacing any earlier signature (written aside, then renamed: never half a file). */
export function signBundle(dir: string, privateKey: KeyObject, now = new Date()): BundleSignature {
  const absolute = resolve(dir)
  const manifestPath = join(absolute, MANIFEST_FILE)
  if (!existsSync(manifestPath)) throw new AppFailure('model-missing', `${absolute}: no manifest.json to sign.`)
  const manifest = readFileSync(manifestPath)
  const publicKey = publicKeyOf(privateKey)
  const signature: BundleSignature = {
    format: 'clinicoco-bundle-signature',
    formatVersion: 1,
    algorithm: 'ed25519',
    signedFile: 'manifest.json',
    manifestSha256: createHash('sha256').update(manifest).digest('hex'),
    publicKey,
    keyId: keyIdOf(publicKey),
    signedAt: now.toISOString(),
    signature: signBytes(privateKey, manifest),
  }
  const target = join(absolute, SIGNATURE_FILE)
  writeFileSync(`${target}.tmp`, `${JSON.stringify(signature, null, 2)}\n`)
  renameSync(`${target}.tmp`, target)
  return signature
}

/** Who signed the bundle's manifest as it is on disk now. */
export function checkBundleSignature(dir: string): SignatureCheck {
  const absolute = resolve(dir)
  const path = join(absolute, SIGNATURE_FILE)
  if (!existsSync(path)) return { state: 'unsigned' }
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    return { state: 'invalid', reason: `${path} is not JSON (${(error as Error).message})` }
  }
  const parsed = BundleSignature.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return { state: 'invalid', reason: `${path}: ${issue?.path.join('.') || 'signature'}: ${issue?.message ?? 'invalid'}` }
  }
  const signature = parsed.data
  const manifest = readFileSync(join(absolute, MANIFEST_FILE))
  if (keyIdOf(signature.publicKey) !== signature.keyId) {
    return { state: 'invalid', reason: `${path}: keyId ${signature.keyId} is not the id of the public key it carries` }
  }
  if (createHash('sha256').update(manifest).digest('hex') !== signature.manifestSha256) {
    return { state: 'invalid', reason: `manifest.json was changed after it was signed (its sha256 is not the signed one)` }
  }
  if (!verifyBytes(signature.publicKey, manifest, signature.signature)) {
    return { state: 'invalid', reason: `the Ed25519 signature in ${SIGNATURE_FILE} does not verify over manifest.json` }
  }
  return { state: 'signed', publicKey: signature.publicKey, keyId: signature.keyId, signedAt: signature.signedAt }
}
