/**
 * `clinicoco policy …` for IT: what the machine policy in force says (and
 * where it was read from), and a check of a policy file before it is installed.
 */
import { resolve } from 'node:path'
import { AppFailure } from '../../../contract/result.js'
import type { EffectivePolicy, MachinePolicy } from '../../../contract/policy.js'
import { machinePolicy, parsePolicyFile } from '../../policy/machine-policy.js'
import { JSON_OPTION } from '../command.js'
import type { Command } from '../command.js'

export function describePolicy(policy: MachinePolicy): string[] {
  const { models, backup, limits } = policy
  return [
    `  workspace: ${policy.workspaceDir ?? '(the app default)'}`,
    `  models: ${models.requireSigned ? 'must be signed by a trusted key' : 'unsigned allowed (with a warning)'}; ${models.trustedKeys.length} trusted key(s)${models.allowWorkspaceKeys ? ', workspace keys allowed' : ', workspace keys ignored'}`,
    ...models.trustedKeys.map((key) => `    ${key.name}: ${key.publicKey}`),
    `  idle lock: ${policy.idleLockMinutes} min`,
    `  limits: ${limits ? Object.entries(limits).map(([key, value]) => `${key} ${value}`).join(', ') || 'app defaults' : 'app defaults'}`,
    `  backups: ${backup ? `every ${backup.everyHours} h, keep ${backup.keep}, in ${backup.dir ?? '<workspace>/backups'}` : 'none scheduled'}`,
    `  browser mode: ${policy.allowBrowserMode ? 'allowed' : 'not allowed'}`,
  ]
}

export const policyShowCommand: Command<EffectivePolicy> = {
  name: ['policy', 'show'],
  // The machine's own file, readable by any local user already; no workspace involved.
  access: 'none',
  summary: "The machine policy in force (IT's file in the OS admin location, or CLINICOCO_POLICY), with every default filled in.",
  options: { json: JSON_OPTION },
  run: () => machinePolicy(),
  describe: (result) => [result.source ? `Machine policy from ${result.source}:` : `No machine policy at ${result.searched}: built-in defaults.`, ...describePolicy(result.policy)],
}

export const policyCheckCommand: Command<{ file: string; policy: MachinePolicy }> = {
  name: ['policy', 'check'],
  access: 'none',
  summary: 'Validate a policy file before installing it; every error names its key.',
  positionals: 'FILE',
  options: { json: JSON_OPTION },
  run: (_options, positionals) => {
    if (!positionals[0]) throw new AppFailure('invalid-input', 'Give the policy file to check.')
    const file = resolve(positionals[0])
    return { file, policy: parsePolicyFile(file) }
  },
  describe: (result) => [`${result.file} is a valid machine policy:`, ...describePolicy(result.policy)],
}
