/** `clinicoco doctor` as IT runs it: the built CLI, a machine policy, a demo workspace. */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { modelsDirectory } from '../../bundle/run-trainer.js'
import { cliEnvAs } from '../../testing/cli-env.js'

const CLI = resolve('bin/clinicoco.js')
const folder = mkdtempSync(join(tmpdir(), 'clinicoco-doctor-cli-'))
const policyFile = join(folder, 'policy.json')
const workspace = join(folder, 'ws')
afterAll(() => rmSync(folder, { recursive: true, force: true }))

interface Report {
  status: string
  findings: Array<{ check: string; status: string; detail: string }>
}

function doctor(args: string[]): { status: number; report: Report } {
  const result = spawnSync('node', [CLI, 'doctor', ...args, '--json'], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, CLINICOCO_POLICY: policyFile } })
  return { status: result.status ?? -1, report: JSON.parse(result.stdout) as Report }
}

function statusOf(report: Report, check: string): string[] {
  return report.findings.filter((finding) => finding.check === check).map((finding) => finding.status)
}

beforeAll(() => {
  writeFileSync(policyFile, JSON.stringify({ policyVersion: 1, backup: { dir: join(folder, 'backups'), everyHours: 24, keep: 2 } }))
  const created = spawnSync('node', [CLI, 'demo', '--workspace', workspace, '--records', '30'], { encoding: 'utf8', env: { ...process.env, CLINICOCO_POLICY: policyFile } })
  if (created.status !== 0) throw new Error(created.stderr)
}, 180_000)

describe('clinicoco doctor', () => {
  it('checks the runtime, native modules and policy without a workspace', () => {
    const { status, report } = doctor([])
    expect(status).toBe(0)
    expect(report.findings.find((finding) => finding.check === 'runtime')?.detail).toContain(`NODE_MODULE_VERSION ${process.versions.modules}`)
    expect(statusOf(report, 'native modules')).toEqual(['ok'])
    expect(statusOf(report, 'machine policy')[0]).toBe('ok')
  })

  it('fails while no scheduled backup exists, and passes once one was taken', () => {
    const before = doctor(['--workspace', workspace])
    expect(before.status).toBe(1)
    expect(statusOf(before.report, 'backups')).toContain('fail')
    expect(statusOf(before.report, 'model')).toEqual(['ok'])
    expect(statusOf(before.report, 'model signature')).toEqual(['ok'])
    expect(statusOf(before.report, 'disk space')).toHaveLength(1)
    const backup = spawnSync('node', [CLI, 'backup', 'scheduled', '--workspace', workspace, '--quiet'], { encoding: 'utf8', env: { ...cliEnvAs(workspace), CLINICOCO_POLICY: policyFile } })
    expect(backup.status).toBe(0)
    const after = doctor(['--workspace', workspace])
    expect(statusOf(after.report, 'backups')).toEqual(['ok'])
    expect(after.status).toBe(0)
  })

  it('warns about an unsigned model, fails once it is edited after acceptance, and fails on a folder that holds no workspace', () => {
    const copy = join(folder, 'model-copy')
    cpSync(join(modelsDirectory(), 'demo'), copy, { recursive: true })
    rmSync(join(copy, 'signature.json'))
    const manifestPath = join(copy, 'manifest.json')
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, modelVersion: 'demo-local-copy', createdAt: '2027-02-01T00:00:00.000Z' }, null, 2))
    const used = spawnSync('node', [CLI, 'models', 'use', '--workspace', workspace, copy], { encoding: 'utf8', env: { ...cliEnvAs(workspace), CLINICOCO_POLICY: policyFile } })
    expect(used.status).toBe(0)
    const unsigned = doctor(['--workspace', workspace])
    expect(unsigned.report.findings.find((finding) => finding.check === 'model signature')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^unsigned; allowed only because/) })
    writeFileSync(manifestPath, readFileSync(manifestPath, 'utf8').replace(/"threshold": [0-9.]+/, '"threshold": 0.01'))
    const edited = doctor(['--workspace', workspace])
    expect(edited.status).toBe(1)
    expect(edited.report.findings.find((finding) => finding.check === 'model')).toMatchObject({ status: 'fail', detail: expect.stringContaining('its manifest changed after it was accepted') })
    const missing = doctor(['--workspace', join(folder, 'nowhere')])
    expect(missing.status).toBe(1)
    expect(missing.report.findings.at(-1)).toMatchObject({ check: 'workspace', status: 'fail', detail: expect.stringContaining('holds no workspace') })
  })
})
