/**
 * What the policy makes of a bundle's signature:
 * - a signature that does not verify (the manifest was edited after signing, or
 *   the signature file was) is refused always, whatever the policy;
 * - a valid signature by a trusted key is `trusted`;
 * - unsigned, or signed by a key nobody here trusts: refused where the policy
 *   requires signed models, otherwise used and reported as such (the app and
 *   `doctor` show it; the audit row records it).
 */
import type { ModelPolicy } from '../../contract/policy.js'
import { AppFailure } from '../../contract/result.js'
import { checkBundleSignature, type SignatureCheck } from '../bundle/bundle-signature.js'
import type { TrustedSigner } from './trusted-keys.js'

export type SignatureVerdict =
  | { signature: 'trusted'; signer: TrustedSigner }
  | { signature: 'unsigned' }
  | { signature: 'untrusted'; keyId: string }

export function judgeSignature(bundleDir: string, check: SignatureCheck, signers: readonly TrustedSigner[], policy: ModelPolicy): SignatureVerdict {
  if (check.state === 'invalid') {
    throw new AppFailure('model-invalid', `${bundleDir}: refused, its signature does not hold: ${check.reason}. Get the bundle again from whoever signed it.`)
  }
  if (check.state === 'signed') {
    const signer = signers.find((candidate) => candidate.publicKey === check.publicKey)
    if (signer) return { signature: 'trusted', signer }
    if (policy.requireSigned) {
      throw new AppFailure(
        'model-untrusted',
        `${bundleDir}: refused, it is signed by key ${check.keyId}, which this machine does not trust. ` +
          'IT adds the signer\'s public key to models.trustedKeys in the machine policy' +
          (policy.allowWorkspaceKeys ? ' (or a workspace admin runs `clinicoco keys trust`).' : '.'),
      )
    }
    return { signature: 'untrusted', keyId: check.keyId }
  }
  if (policy.requireSigned) {
    throw new AppFailure('model-untrusted', `${bundleDir}: refused, it is not signed and the machine policy requires signed models. Sign it with \`clinicoco models sign\`.`)
  }
  return { signature: 'unsigned' }
}

/** The signature of the bundle on disk, judged by `policy` against `signers`. */
export function bundleSignatureVerdict(bundleDir: string, signers: readonly TrustedSigner[], policy: ModelPolicy): SignatureVerdict {
  return judgeSignature(bundleDir, checkBundleSignature(bundleDir), signers, policy)
}
