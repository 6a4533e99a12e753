/**
 * The model in use verified as every load verifies it (files, pinned manifest
 * hash, signature under the policy, golden outputs); an unsigned or untrusted
 * model is a warning where the policy still allows it.
 */
import type { ModelPolicy } from '../../contract/policy.js'
import { verifyPinnedModel } from '../model-trust/verify-pinned-model.js'
import type { Workspace } from '../workspace/workspace.js'
import type { CheckFinding } from './doctor-check.js'

export async function checkModel(workspace: Workspace, policy: ModelPolicy): Promise<CheckFinding[]> {
  const verified = await verifyPinnedModel(workspace, policy)
  if (!verified) return [{ check: 'model', status: 'warn', detail: 'no model in use: coders get no suggestions' }]
  const { verdict } = verified
  const name = `${verified.switch.modelVersion} (${verified.bundle.dir})`
  const findings: CheckFinding[] = [
    { check: 'model', status: 'ok', detail: `${name}: files and pinned manifest hash verified; golden check max |ONNX − PyTorch| ${verified.golden.maxAbsDifference.toExponential(2)}` },
  ]
  if (verdict.signature === 'trusted') {
    findings.push({ check: 'model signature', status: 'ok', detail: `signed by ${verdict.signer.name} (key ${verdict.signer.keyId}, trusted by the ${verdict.signer.source})` })
  } else {
    findings.push({
      check: 'model signature',
      status: 'warn',
      detail: `${verdict.signature === 'unsigned' ? 'unsigned' : `signed by an untrusted key ${verdict.keyId}`}; allowed only because the machine policy does not set models.requireSigned`,
    })
  }
  return findings
}
