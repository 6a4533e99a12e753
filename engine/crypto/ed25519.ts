/**
 * Ed25519 signing and verification with Node's own crypto, shared by everything
 * that signs in the engine (model bundles here; audit checkpoints and release
 * checksums use the same helpers). No third-party crypto.
 *
 * Key files are the standard ones OpenSSL reads and writes, so IT can make and
 * inspect them with either tool: the private key as PKCS#8 PEM
 * (`openssl genpkey -algorithm ed25519`), the public key as SPKI PEM
 * (`openssl pkey -pubout`). Where one line is handier (the machine policy, a
 * signature file) a public key is the base64 of its SPKI DER — the body of the
 * PEM. A key's id is the first 16 hex digits of the sha256 of that DER.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { AppFailure } from '../../contract/result.js'

export interface SigningKeyFiles {
  privateKeyFile: string
  publicKeyFile: string
  /** Base64 SPKI DER: what goes into the machine policy's `trustedKeys`. */
  publicKey: string
  keyId: string
}

/** A new key pair, written as `<prefix>.private.pem` (owner-only) and `<prefix>.public.pem`; never overwrites. */
export function generateSigningKeyFiles(prefix: string): SigningKeyFiles {
  const privateKeyFile = `${prefix}.private.pem`
  const publicKeyFile = `${prefix}.public.pem`
  for (const file of [privateKeyFile, publicKeyFile]) {
    if (existsSync(file)) throw new AppFailure('conflict', `${file} exists: a signing key is never overwritten. Choose another name.`)
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  writeFileSync(privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' })
  chmodSync(privateKeyFile, 0o600)
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }), { flag: 'wx' })
  const text = publicKeyBase64(publicKey)
  return { privateKeyFile, publicKeyFile, publicKey: text, keyId: keyIdOf(text) }
}

/** The base64 SPKI DER of a public key (of a private key's public half). */
export function publicKeyBase64(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key
  return publicKey.export({ type: 'spki', format: 'der' }).toString('base64')
}

export function keyIdOf(publicKey: string): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex').slice(0, 16)
}

/** An Ed25519 private key from a PEM file, refused clearly when it is anything else. */
export function readPrivateKeyFile(path: string): KeyObject {
  let pem: string
  try {
    pem = readFileSync(path, 'utf8')
  } catch (error) {
    throw new AppFailure('not-found', `Signing key ${path}: cannot be read (${(error as Error).message}).`)
  }
  let key: KeyObject
  try {
    key = createPrivateKey(pem)
  } catch (error) {
    throw new AppFailure('invalid-input', `Signing key ${path}: not a PEM private key (${(error as Error).message}).`)
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new AppFailure('invalid-input', `Signing key ${path}: a ${key.asymmetricKeyType ?? 'symmetric'} key; CliniCoCo signs with Ed25519 (\`clinicoco keys generate\`).`)
  }
  return key
}

/** The public half of a private key, as base64 SPKI. */
export function publicKeyOf(privateKey: KeyObject): string {
  return publicKeyBase64(privateKey)
}

/** A public key given as base64 SPKI or as PEM text (a `.public.pem` file's content). */
export function parsePublicKey(text: string): { key: KeyObject; publicKey: string; keyId: string } {
  const trimmed = text.trim()
  let key: KeyObject
  try {
    key = trimmed.startsWith('-----BEGIN')
      ? createPublicKey(trimmed)
      : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' })
  } catch (error) {
    throw new AppFailure('invalid-input', `Not a public key (${(error as Error).message}).`)
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AppFailure('invalid-input', `A ${key.asymmetricKeyType ?? 'symmetric'} key, not Ed25519.`)
  const publicKey = publicKeyBase64(key)
  return { key, publicKey, keyId: keyIdOf(publicKey) }
}

/** Detached Ed25519 signature of `data`, base64. */
export function signBytes(privateKey: KeyObject, data: Uint8Array): string {
  return sign(null, data, privateKey).toString('base64')
}

/** Whether `signature` (base64) is `publicKey`'s signature of `data`; false for any malformed input. */
export function verifyBytes(publicKey: string, data: Uint8Array, signature: string): boolean {
  try {
    const { key } = parsePublicKey(publicKey)
    const bytes = Buffer.from(signature, 'base64')
    if (bytes.byteLength !== 64) return false
    return verify(null, data, key, bytes)
  } catch {
    return false
  }
}
