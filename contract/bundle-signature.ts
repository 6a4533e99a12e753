/**
 * `signature.json` beside a bundle's `manifest.json` (docs/model-bundles.md):
 * an Ed25519 signature over the manifest file's exact bytes. The manifest lists
 * the sha256 of every other file, so the signature covers the whole bundle.
 * Written by `clinicoco models sign` / `clinicoco train --sign-key` (TypeScript)
 * or `python -m clinicoco_train --sign-key` (Python), read by the engine.
 */
import { z } from 'zod'
import { Ed25519PublicKey } from './policy.js'

export const BundleSignature = z
  .object({
    format: z.literal('clinicoco-bundle-signature'),
    formatVersion: z.literal(1),
    algorithm: z.literal('ed25519'),
    signedFile: z.literal('manifest.json'),
    /** sha256 of the signed bytes, so a mismatch can be told from a bad signature. */
    manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** The signer's public key (base64 SPKI): trusted only if the policy or the workspace lists it. */
    publicKey: Ed25519PublicKey,
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    signedAt: z.string(),
    /** base64 of the 64-byte signature. */
    signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
  })
  .strict()
export type BundleSignature = z.infer<typeof BundleSignature>
