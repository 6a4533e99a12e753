/**
 * The own-data workflow from the command line, as an admin runs it: records
 * imported without a split, `splits assign`, reference codes as the answer key,
 * `annotate plan | queue | simulate | status`, and the errors on bad input.
 * Each command runs as a signed-in user of the workspace (a CLI token, as a
 * script holds), and the role each one needs is checked.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliEnvAs, workspaceArgument } from '../../testing/cli-env.js'

const CLI = resolve('bin/clinicoco.js')
const folder = mkdtempSync(join(tmpdir(), 'clinicoco-annotate-cli-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** As the workspace's administrator, or `as`. */
function run(args: string[], as = 'admin'): { status: number; stdout: string; stderr: string } {
  const result = spawnSync('node', [CLI, ...args], { encoding: 'utf8', timeout: 180_000, env: cliEnvAs(workspaceArgument(args), as) })
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
}

function runJson<T>(args: string[], as = 'admin'): T {
  const result = run([...args, '--json'], as)
  if (result.status !== 0) throw new Error(`clinicoco ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  return JSON.parse(result.stdout) as T
}

describe('clinicoco splits and annotate', () => {
  const workspace = join(folder, 'ws')
  beforeAll(() => {
    // The demo code set and users, then a hospital export without a split column.
    runJson(['demo', '--workspace', workspace, '--records', '1', '--no-model'])
    const rows = ['visit,text,names,icd']
    const kinds: Array<[string, string]> = [
      ['Hypertension with headache on admission.', 'HTN;I10'],
      ['Type 2 diabetes with high glucose.', 'T2DM;E11.9'],
      ['Community-acquired pneumonia with cough.', 'pneumonia;J18.9'],
    ]
    for (let index = 0; index < 60; index += 1) {
      const [text, pair] = kinds[index % kinds.length] as [string, string]
      const [name, code] = pair.split(';') as [string, string]
      rows.push(`V${index},${text},${name},${code}`)
    }
    writeFileSync(join(folder, 'export.csv'), rows.join('\n') + '\n')
    writeFileSync(
      join(folder, 'mapping.json'),
      JSON.stringify({ id: 'visit', sections: [{ field: 'text', kind: 'clinical_text' }], diagnosisNames: { field: 'names', separator: '|' }, goldCodes: { field: 'icd', separator: '|' } }),
    )
    runJson(['import', '--workspace', workspace, '--format', 'csv', '--mapping', join(folder, 'mapping.json'), join(folder, 'export.csv')])
    runJson(['label', '--workspace', workspace])
  })

  it('draws the splits once, stratified and audited, and refuses shares that leave nothing to train on', () => {
    const assigned = runJson<{ assigned: Record<string, number>; stratifiedBy: Record<string, number>; codes: { total: number; inDev: number } }>([
      'splits', 'assign', '--workspace', workspace, '--dev', '0.2', '--test', '0.1', '--seed', '3',
    ])
    expect((assigned.assigned.train ?? 0) + (assigned.assigned.dev ?? 0) + (assigned.assigned.test ?? 0)).toBe(60)
    expect(assigned.assigned.dev).toBe(12)
    expect(assigned.stratifiedBy.reference).toBe(60)
    expect(assigned.codes.inDev).toBe(assigned.codes.total)
    const again = run(['splits', 'assign', '--workspace', workspace])
    expect(again.status).toBe(1)
    expect(again.stderr).toContain('--redo')
    const bad = run(['splits', 'assign', '--workspace', workspace, '--dev', '0.6', '--test', '0.5', '--redo'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/add up to less than 1|from 0 to 0.9/)
  })

  it('plans, deals, simulates and recounts the annotation loop', () => {
    const settings = runJson<{ referenceCodes: string; target: number }>(['annotate', 'settings', '--workspace', workspace, '--s', '3', '--reference-codes', 'answer-key'])
    expect(settings).toMatchObject({ referenceCodes: 'answer-key', target: 3 })
    const preview = runJson<{ number: number | null; records: number; dryRun: boolean }>(['annotate', 'plan', '--workspace', workspace, '--dry-run'])
    expect(preview).toMatchObject({ number: null, dryRun: true })
    const patch = runJson<{ number: number; records: number; perCoder: Record<string, number> }>(['annotate', 'plan', '--workspace', workspace, '--coders', 'coder'])
    expect(patch.number).toBe(1)
    expect(patch.records).toBe(preview.records)
    const queue = runJson<{ tasks: unknown[] }>(['annotate', 'queue', '--workspace', workspace, '--coder', 'coder'])
    expect(queue.tasks).toHaveLength(patch.records)
    const refused = run(['annotate', 'plan', '--workspace', workspace])
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('still to annotate')
    const simulated = runJson<{ submitted: number; remaining: number }>(['annotate', 'simulate', '--workspace', workspace, '--coder', 'coder', '--active-seconds', '120'])
    expect(simulated).toMatchObject({ submitted: patch.records, remaining: 0 })
    const status = runJson<{ classes: Record<string, number>; effort: { medianActiveMs: number; source: string } }>(['annotate', 'status', '--workspace', workspace])
    expect(status.classes.clean).toBe(patch.records)
    expect(status.effort).toMatchObject({ medianActiveMs: 120_000, source: 'annotation' })
    const human = run(['annotate', 'status', '--workspace', workspace])
    expect(human.stdout).toContain(`patch 1 (adaptive`)
    expect(human.stdout).toContain('Coder hours left')
  })

  it('asks each command for its role: splits and training for the administrator, the plan for a supervisor, one\'s own queue for a coder', () => {
    const coderSplits = run(['splits', 'assign', '--workspace', workspace, '--redo'], 'coder')
    expect(coderSplits.status).toBe(1)
    expect(coderSplits.stderr).toContain('Not allowed: `clinicoco splits assign` needs the "train-models" permission; coder is a coder (admin may)')
    expect(run(['annotate', 'plan', '--workspace', workspace, '--dry-run'], 'coder').stderr).toContain('needs the "plan-annotation" permission')
    expect(run(['training', 'start', '--workspace', workspace], 'supervisor').stderr).toContain('needs the "train-models" permission; supervisor is a supervisor')
    expect(run(['annotate', 'simulate', '--workspace', workspace, '--coder', 'coder'], 'supervisor').status).toBe(1)
    // A supervisor plans (a dry run changes nothing) and reads any coder's queue; a coder reads only their own.
    expect(runJson<{ dryRun: boolean }>(['annotate', 'plan', '--workspace', workspace, '--dry-run'], 'supervisor')).toMatchObject({ dryRun: true })
    expect(runJson<{ coder: string }>(['annotate', 'queue', '--workspace', workspace, '--coder', 'coder2'], 'supervisor')).toMatchObject({ coder: 'coder2' })
    expect(runJson<{ coder: string; tasks: unknown[] }>(['annotate', 'queue', '--workspace', workspace], 'coder')).toMatchObject({ coder: 'coder', tasks: [] })
    const other = run(['annotate', 'queue', '--workspace', workspace, '--coder', 'coder2'], 'coder')
    expect(other.status).toBe(1)
    expect(other.stderr).toContain('another coder\'s annotation queue needs the "plan-annotation" permission')
    // Reads are open to every signed-in role; the experiments use scratch workspaces and no account.
    expect(run(['annotate', 'status', '--workspace', workspace], 'auditor').status).toBe(0)
    expect(run(['training', 'status', '--workspace', workspace], 'coder').status).toBe(0)
    expect(run(['models', 'list', '--workspace', workspace], 'coder').status).toBe(0)
    expect(run(['models', 'promote', '--workspace', workspace, 'no-such-model'], 'coder').stderr).toContain('needs the "switch-model" permission')
    // Signed-in runs are audited under the user's name.
    const audit = runJson<{ items: Array<{ actor: string; action: string; entityId: string }> }>(['audit', 'list', '--workspace', workspace, '--action', 'access.denied'])
    expect(audit.items.map((row) => `${row.actor} ${row.entityId}`)).toEqual(expect.arrayContaining(['coder splits assign', 'supervisor training start', 'coder models promote']))
  })

  it('says what is wrong with bad options', () => {
    expect(run(['annotate', 'plan', '--workspace', workspace, '--s', '0']).status).toBe(2)
    expect(run(['annotate', 'plan', '--workspace', workspace, '--method', 'greedy']).stderr).toContain('--method must be adaptive or random')
    expect(run(['annotate', 'settings', '--workspace', workspace, '--reference-codes', 'gold']).status).toBe(2)
    expect(run(['experiment', 'effort', '--corpus', 'mimic', '--out', join(folder, 'x')]).stderr).toContain('--corpus must be demo or codiesp')
    const none = run(['training', 'status', '--workspace', workspace])
    expect(none.stdout).toContain('No training job yet')
  })
})
