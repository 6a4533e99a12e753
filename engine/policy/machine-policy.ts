/**
 * Finds and reads the machine policy (`contract/policy.ts`): IT's one JSON file
 * in the OS's admin location, or the file `CLINICOCO_POLICY` names (tests, and
 * IT trying a policy before installing it).
 *
 * No file at the OS location means the built-in defaults (a developer machine,
 * the demo). Anything else fails closed with the file and the reason: a policy
 * that exists but cannot be read, is not JSON, or breaks the schema stops the
 * engine rather than being half-applied — IT must never believe a rule holds
 * that the app ignored. A `CLINICOCO_POLICY` that names a missing file is an
 * error too: a typo must not silently mean "no policy".
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, win32 } from 'node:path'
import { MachinePolicy, type EffectivePolicy, type PolicyView } from '../../contract/policy.js'
import { AppFailure } from '../../contract/result.js'
import { parsePublicKey } from '../crypto/ed25519.js'

export const POLICY_ENV = 'CLINICOCO_POLICY'
const POLICY_FILE_BYTES_MAX = 1_000_000

/** Where IT installs the policy on this OS, or where `CLINICOCO_POLICY` points. */
export function policyLocation(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): { path: string; overridden: boolean } {
  const override = env[POLICY_ENV]
  if (override !== undefined && override !== '') return { path: override, overridden: true }
  if (platform === 'win32') return { path: win32.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'CliniCoCo', 'policy.json'), overridden: false }
  return { path: join('/etc', 'clinicoco', 'policy.json'), overridden: false }
}

/** The built-in policy: what the app does when IT has installed none. */
export function defaultPolicy(): MachinePolicy {
  return MachinePolicy.parse({ policyVersion: 1 })
}

export function loadMachinePolicy(options: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform } = {}): EffectivePolicy {
  const { path, overridden } = policyLocation(options.env, options.platform)
  if (!existsSync(path)) {
    if (overridden) throw new AppFailure('policy-invalid', `${POLICY_ENV} names ${path}, which does not exist.`)
    return { source: null, searched: path, policy: defaultPolicy() }
  }
  return { source: path, searched: path, policy: parsePolicyFile(path) }
}

/** Reads and validates one policy file; every problem is reported with the file and the key. */
export function parsePolicyFile(path: string): MachinePolicy {
  let text: string
  try {
    const bytes = readFileSync(path)
    if (bytes.byteLength > POLICY_FILE_BYTES_MAX) throw new Error(`${bytes.byteLength} bytes; a policy is at most ${POLICY_FILE_BYTES_MAX}`)
    text = bytes.toString('utf8').replace(/^\uFEFF/, '') // Notepad writes a BOM
  } catch (error) {
    throw new AppFailure('policy-invalid', `Machine policy ${path}: cannot be read (${(error as Error).message}).`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new AppFailure('policy-invalid', `Machine policy ${path}: not valid JSON (${(error as Error).message}).`)
  }
  const parsed = MachinePolicy.safeParse(raw)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const where = issue.path.length > 0 ? issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '') : '(top level)'
      const unknown = issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}` : issue.message
      return `${where}: ${unknown}`
    })
    throw new AppFailure('policy-invalid', `Machine policy ${path} is invalid:\n  ${problems.join('\n  ')}`)
  }
  return parsed.data
}

let cached: EffectivePolicy | null = null

/** The policy of this process, read once: it is IT's, so it does not change under a running app. */
export function machinePolicy(): EffectivePolicy {
  cached ??= loadMachinePolicy()
  return cached
}

/** The policy as the app shows it read-only, with the id of each trusted key. */
export function policyView(loaded: EffectivePolicy): PolicyView {
  return { ...loaded, keyIds: loaded.policy.models.trustedKeys.map((key) => parsePublicKey(key.publicKey).keyId) }
}
