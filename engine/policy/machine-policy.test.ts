import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadMachinePolicy, policyLocation } from './machine-policy.js'

const HOSPITAL_KEY = 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE='

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clinicoco-policy-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function policyFile(content: unknown): string {
  const path = join(dir, 'policy.json')
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  return path
}

describe('where the machine policy lives', () => {
  it('is /etc/clinicoco/policy.json on Linux and macOS', () => {
    expect(policyLocation({}, 'linux')).toEqual({ path: '/etc/clinicoco/policy.json', overridden: false })
    expect(policyLocation({}, 'darwin').path).toBe('/etc/clinicoco/policy.json')
  })

  it('is CliniCoCo\\policy.json under %ProgramData% on Windows', () => {
    expect(policyLocation({ ProgramData: 'D:\\ProgramData' }, 'win32').path).toBe('D:\\ProgramData\\CliniCoCo\\policy.json')
    expect(policyLocation({}, 'win32').path).toBe('C:\\ProgramData\\CliniCoCo\\policy.json')
  })

  it('is the file CLINICOCO_POLICY names, when set', () => {
    expect(policyLocation({ CLINICOCO_POLICY: '/tmp/p.json' }, 'linux')).toEqual({ path: '/tmp/p.json', overridden: true })
  })
})

describe('loading the machine policy', () => {
  it('gives the built-in defaults when IT installed no policy file', () => {
    const loaded = loadMachinePolicy({ env: {}, platform: 'linux' })
    // This test machine has no /etc/clinicoco; the defaults are what the app does without a policy.
    expect(loaded.source).toBeNull()
    expect(loaded.searched).toBe('/etc/clinicoco/policy.json')
    expect(loaded.policy).toEqual({
      policyVersion: 1,
      models: { trustedKeys: [], requireSigned: false, allowWorkspaceKeys: true },
      idleLockMinutes: 15,
      allowBrowserMode: true,
    })
  })

  it('reads every setting of a complete policy, filling the defaults of keys left out', () => {
    const path = policyFile({
      policyVersion: 1,
      workspaceDir: '/var/lib/clinicoco/workspace',
      models: { trustedKeys: [{ name: 'Model board 2026', publicKey: HOSPITAL_KEY }], requireSigned: true, allowWorkspaceKeys: false },
      idleLockMinutes: 5,
      limits: { fieldChars: 200_000, recordChars: 1_000_000, fileBytes: 2_000_000_000, requestBodyBytes: 1_000_000 },
      backup: { dir: '/srv/backup/clinicoco', keep: 14 },
      allowBrowserMode: false,
    })
    const loaded = loadMachinePolicy({ env: { CLINICOCO_POLICY: path } })
    expect(loaded.source).toBe(path)
    expect(loaded.policy.models).toEqual({ trustedKeys: [{ name: 'Model board 2026', publicKey: HOSPITAL_KEY }], requireSigned: true, allowWorkspaceKeys: false })
    expect(loaded.policy.idleLockMinutes).toBe(5)
    expect(loaded.policy.limits).toEqual({ fieldChars: 200_000, recordChars: 1_000_000, fileBytes: 2_000_000_000, requestBodyBytes: 1_000_000 })
    expect(loaded.policy.backup).toEqual({ dir: '/srv/backup/clinicoco', keep: 14, everyHours: 24 })
    expect(loaded.policy.allowBrowserMode).toBe(false)
    expect(loaded.policy.workspaceDir).toBe('/var/lib/clinicoco/workspace')
  })

  it('accepts a file Notepad saved with a byte-order mark', () => {
    const path = policyFile(`\uFEFF${JSON.stringify({ policyVersion: 1, idleLockMinutes: 30 })}`)
    expect(loadMachinePolicy({ env: { CLINICOCO_POLICY: path } }).policy.idleLockMinutes).toBe(30)
  })

  it('refuses a misspelt key by name instead of ignoring it', () => {
    const path = policyFile({ policyVersion: 1, idleLockMinute: 5, limits: { fieldChar: 10 } })
    expect(() => loadMachinePolicy({ env: { CLINICOCO_POLICY: path } })).toThrow(/unknown key "idleLockMinute"/)
    expect(() => loadMachinePolicy({ env: { CLINICOCO_POLICY: path } })).toThrow(/limits: unknown key "fieldChar"/)
  })

  it('names the file and every bad value', () => {
    const path = policyFile({
      policyVersion: 1,
      models: { trustedKeys: [{ name: 'board', publicKey: 'not a key' }] },
      idleLockMinutes: 0,
      backup: { dir: 'relative/backups', keep: 0 },
    })
    let message = ''
    try {
      loadMachinePolicy({ env: { CLINICOCO_POLICY: path } })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain(`Machine policy ${path} is invalid`)
    expect(message).toMatch(/models\.trustedKeys\[0\]\.publicKey: an Ed25519 public key/)
    expect(message).toMatch(/idleLockMinutes: /)
    expect(message).toMatch(/backup\.dir: an absolute path/)
    expect(message).toMatch(/backup\.keep: /)
    expect(message.split('\n')).toHaveLength(5)
  })

  it('refuses a file that is not JSON, with the parser position', () => {
    const path = policyFile('{ "policyVersion": 1, }')
    expect(() => loadMachinePolicy({ env: { CLINICOCO_POLICY: path } })).toThrow(new RegExp(`Machine policy ${path}: not valid JSON`))
  })

  it('refuses a policy without its schema version, so a future format is never misread', () => {
    const path = policyFile({ idleLockMinutes: 5 })
    expect(() => loadMachinePolicy({ env: { CLINICOCO_POLICY: path } })).toThrow(/policyVersion: /)
  })

  it('treats a CLINICOCO_POLICY that names a missing file as an error, not as "no policy"', () => {
    expect(() => loadMachinePolicy({ env: { CLINICOCO_POLICY: join(dir, 'typo.json') } })).toThrow(/CLINICOCO_POLICY names .*typo\.json, which does not exist/)
  })

  it('accepts Windows paths for the workspace and backups', () => {
    const path = policyFile({ policyVersion: 1, workspaceDir: 'D:\\CliniCoCo\\workspace', backup: { dir: '\\\\fileserver\\backups\\clinicoco' } })
    const { policy } = loadMachinePolicy({ env: { CLINICOCO_POLICY: path } })
    expect(policy.workspaceDir).toBe('D:\\CliniCoCo\\workspace')
    expect(policy.backup?.dir).toBe('\\\\fileserver\\backups\\clinicoco')
  })
})
