/**
 * The check at every load of the model in use (the app's engine on first
 * suggestion, every CLI command that codes): the bundle's files against its
 * manifest, the manifest against the sha256 pinned when it was accepted, its
 * signature under today's policy (IT may have revoked a key or turned
 * `requireSigned` on since), and the golden check. A bundle edited and
 * re-hashed after acceptance fails the pin; nothing codes with it until an
 * admin accepts it again, audited.
 *
 * A workspace from before pinning names its model in a setting: the first load
 * pins that bundle if it passes every check of an acceptance (audited as
 * `model.pin-existing`), so an upgrade keeps coding without a silent trust.
 */
import type { ModelPolicy } from '../../contract/policy.js'
import { AppFailure } from '../../contract/result.js'
import { checkGolden, type GoldenReport } from '../coding/golden-check.js'
import { readModelBundle, type ModelBundle } from '../coding/model-bundle.js'
import { currentModelSwitch, manifestSha256, type ModelSwitch } from '../coding/model-switches.js'
import { legacyModelDir } from '../coding/workspace-model.js'
import type { Workspace } from '../workspace/workspace.js'
import { acceptModelBundle } from './accept-model.js'
import { bundleSignatureVerdict, type SignatureVerdict } from './signature-verdict.js'
import { trustedSigners } from './trusted-keys.js'

export interface VerifiedModel {
  switch: ModelSwitch
  bundle: ModelBundle
  verdict: SignatureVerdict
  golden: GoldenReport
}

/** The model in use, verified; null when the workspace has none. Throws, naming the bundle and the failed check, otherwise. */
export async function verifyPinnedModel(workspace: Workspace, policy: ModelPolicy): Promise<VerifiedModel | null> {
  const { database } = workspace
  const pinned = currentModelSwitch(database)
  if (!pinned) {
    const legacy = legacyModelDir(workspace)
    if (legacy === null) return null
    const accepted = await acceptModelBundle(database, legacy, { actor: 'system', policy, kind: 'pin-existing' })
    const { bundle, verdict, golden } = accepted.inspection
    return { switch: accepted.switch, bundle, verdict, golden }
  }
  const refuse = (why: string): never => {
    throw new AppFailure('model-invalid', `The model in use, ${pinned.modelVersion} (${pinned.bundleDir}), is refused: ${why}`)
  }
  let bundle: ModelBundle
  try {
    bundle = readModelBundle(pinned.bundleDir)
  } catch (error) {
    return refuse((error as Error).message)
  }
  const sha256 = manifestSha256(bundle.dir)
  if (sha256 !== pinned.manifestSha256) {
    refuse(
      `its manifest changed after it was accepted (sha256 ${sha256.slice(0, 12)}…, pinned ${pinned.manifestSha256.slice(0, 12)}…). ` +
        'If the change is intended, an admin accepts the bundle again with `clinicoco models use` (audited).',
    )
  }
  const verdict = bundleSignatureVerdict(bundle.dir, trustedSigners(database, policy), policy)
  const golden = await checkGolden(bundle)
  if (!golden.passed) refuse(`ONNX Runtime's outputs differ from golden.json by ${golden.maxAbsDifference.toExponential(2)} (tolerance ${golden.tolerance}).`)
  return { switch: pinned, bundle, verdict, golden }
}
