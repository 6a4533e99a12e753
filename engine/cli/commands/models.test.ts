/**
 * Model trust from the command line, as IT meets it: the built CLI in its own
 * process, the machine policy given by CLINICOCO_POLICY.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { modelsDirectory } from '../../bundle/run-trainer.js'
import { cliEnvAs, workspaceArgument } from '../../testing/cli-env.js'

const CLI = resolve('bin/clinicoco.js')
const DEMO_MODEL = join(modelsDirectory(), 'demo')
const folder = mkdtempSync(join(tmpdir(), 'clinicoco-models-cli-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** As the workspace's administrator (or `as`), with a CLI token as a script would hold. */
function run(args: string[], policy?: object, as = 'admin'): { status: number; stdout: string; stderr: string } {
  const env = cliEnvAs(workspaceArgument(args), as)
  delete env.CLINICOCO_POLICY
  if (policy) {
    const file = join(folder, `policy-${Math.random().toString(36).slice(2)}.json`)
    writeFileSync(file, JSON.stringify(policy))
    env.CLINICOCO_POLICY = file
  }
  const result = spawnSync('node', [CLI, ...args], { encoding: 'utf8', timeout: 180_000, env })
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
}

function json<T = Record<string, unknown>>(args: string[], policy?: object): T {
  const result = run([...args, '--json'], policy)
  if (result.status !== 0) throw new Error(`clinicoco ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  return JSON.parse(result.stdout) as T
}

function copyDemoModel(name: string, edit: (manifest: Record<string, unknown>) => void = () => {}): string {
  const dir = join(folder, name)
  cpSync(DEMO_MODEL, dir, { recursive: true })
  rmSync(join(dir, 'signature.json'))
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>
  edit(manifest)
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2))
  return dir
}

describe('clinicoco models and keys', () => {
  const workspace = join(folder, 'demo')
  let boardPublicKey = ''
  beforeAll(() => {
    json(['demo', '--workspace', workspace, '--records', '40'])
    const keys = json<{ privateKeyFile: string; publicKey: string }>(['keys', 'generate', '--out', join(folder, 'model-board')])
    boardPublicKey = keys.publicKey
  }, 300_000)

  it('gives the demo hospital its demo model, signed with the demo key it trusts', () => {
    const status = json<{ model: { signature: string; signer: string } }>(['models', 'status', '--workspace', workspace])
    expect(status.model.signature).toBe('trusted')
    expect(status.model.signer).toMatch(/^CliniCoCo demo key \(public, demo hospital only\) \(6143d871e9793fa0, trusted by the workspace\)$/)
  })

  it('refuses the demo model on a machine whose policy trusts only its own keys', () => {
    const strict = { policyVersion: 1, models: { trustedKeys: [{ name: 'Model board', publicKey: boardPublicKey }], requireSigned: true, allowWorkspaceKeys: false } }
    const status = run(['models', 'status', '--workspace', workspace], strict)
    expect(status.status).toBe(1)
    expect(status.stderr).toMatch(/signed by key 6143d871e9793fa0, which this machine does not trust/)
    const suggest = run(['suggest', '--workspace', workspace, '--record', 'DEMO-000001'], strict, 'coder')
    expect(suggest.status).toBe(1)
    expect(suggest.stderr).toContain('which this machine does not trust')
  })

  it('writes the private key owner-only and prints the policy entry for the public one', () => {
    const listed = run(['keys', 'generate', '--out', join(folder, 'second')])
    expect(listed.stdout).toMatch(/"publicKey": "MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}="/)
    expect(statSync(join(folder, 'second.private.pem')).mode & 0o777).toBe(0o600)
    const again = run(['keys', 'generate', '--out', join(folder, 'second')])
    expect(again.status).toBe(1)
    expect(again.stderr).toContain('a signing key is never overwritten')
  })

  it('signs a bundle, accepts it under a policy trusting the key, and lists the switch', () => {
    const policy = { policyVersion: 1, models: { trustedKeys: [{ name: 'Model board', publicKey: boardPublicKey }], requireSigned: true } }
    const dir = copyDemoModel('board-model', (manifest) => {
      manifest.modelVersion = 'demo-board-2027-01'
      manifest.createdAt = '2027-01-01T00:00:00.000Z'
    })
    const unsigned = run(['models', 'use', '--workspace', workspace, dir], policy)
    expect(unsigned.status).toBe(1)
    expect(unsigned.stderr).toContain('it is not signed and the machine policy requires signed models')
    json(['models', 'sign', dir, '--key', join(folder, 'model-board.private.pem')])
    const used = run(['models', 'use', '--workspace', workspace, dir], policy, 'supervisor')
    expect(used.status).toBe(0)
    expect(used.stdout).toContain('The workspace now codes with demo-board-2027-01')
    expect(used.stdout).toContain('signed by Model board')
    const history = json<{ switches: Array<{ kind: string; modelVersion: string; actor: string; signature: string }> }>(['models', 'history', '--workspace', workspace])
    expect(history.switches.map((entry) => [entry.kind, entry.modelVersion, entry.actor, entry.signature])).toEqual([
      ['use', 'demo-icd10-2026-11-27-bf84a79a', 'system', 'trusted'],
      ['use', 'demo-board-2027-01', 'supervisor', 'trusted'],
    ])
    // The committed demo model is older than the board's: going back needs --rollback and a reason.
    const back = run(['models', 'use', '--workspace', workspace, DEMO_MODEL])
    expect(back.status).toBe(1)
    expect(back.stderr).toContain('is older than the model in use, demo-board-2027-01')
    const rolled = run(['models', 'use', '--workspace', workspace, DEMO_MODEL, '--rollback', '--reason', 'board model withdrawn'])
    expect(rolled.status).toBe(0)
    expect(rolled.stdout).toContain('rolled back: board model withdrawn')
  })

  it('refuses at the next suggestion a bundle edited after it was accepted (it was used silently before pinning)', () => {
    const ws = join(folder, 'pinned')
    json(['demo', '--workspace', ws, '--records', '20', '--no-model'])
    const dir = copyDemoModel('editable', (manifest) => {
      manifest.modelVersion = 'demo-editable'
    })
    json(['models', 'use', '--workspace', ws, dir])
    expect(run(['suggest', '--workspace', ws, '--record', 'DEMO-000001'], undefined, 'coder').status).toBe(0)
    // Same version, a lower threshold: every file still matches the manifest's hashes.
    const manifestPath = join(dir, 'manifest.json')
    writeFileSync(manifestPath, readFileSync(manifestPath, 'utf8').replace(/"threshold": [0-9.]+/, '"threshold": 0.01'))
    const suggest = run(['suggest', '--workspace', ws, '--record', 'DEMO-000001'], undefined, 'coder')
    expect(suggest.status).toBe(1)
    expect(suggest.stderr).toMatch(/The model in use, demo-editable .* is refused: its manifest changed after it was accepted/)
  })

  it('shows the machine policy in force and checks a policy file before it is installed', () => {
    const shown = json<{ source: string | null; policy: { idleLockMinutes: number } }>(['policy', 'show'], { policyVersion: 1, idleLockMinutes: 7 })
    expect(shown.source).toMatch(/policy-.*\.json$/)
    expect(shown.policy.idleLockMinutes).toBe(7)
    const bad = join(folder, 'bad-policy.json')
    writeFileSync(bad, JSON.stringify({ policyVersion: 1, models: { requireSigend: true } }))
    const checked = run(['policy', 'check', bad])
    expect(checked.status).toBe(1)
    expect(checked.stderr).toContain('models: unknown key "requireSigend"')
    const serve = run(['serve', '--workspace', workspace], { policyVersion: 1, allowBrowserMode: false })
    expect(serve.status).toBe(1)
    expect(serve.stderr).toMatch(/Browser mode is switched off on this machine by its policy \(.*policy-.*\.json: "allowBrowserMode": false\)/)
    // A broken policy stops every command that would apply it, naming the file.
    const refused = run(['models', 'status', '--workspace', workspace], { policyVersion: 2 })
    expect(refused.status).toBe(1)
    expect(refused.stderr).toMatch(/Machine policy .* is invalid:\n {2}policyVersion: /)
  })
})
