/**
 * Backups from the command line, as IT runs them: the restore drill end to end,
 * and a backup killed with SIGKILL half-way, which must leave both the
 * workspace and the previous backup of the same name whole.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sha256OfFile } from '../../backup/backup-archive.js'
import { submitDecision } from '../../decisions/submit-decision.js'
import { storeImportBatch } from '../../records/store-records.js'
import { cliEnvAs, workspaceArgument } from '../../testing/cli-env.js'
import { createTempWorkspace, sampleRecord, type TempWorkspace } from '../../testing/temp-workspace.js'
import { openWorkspace } from '../../workspace/workspace.js'

const CLI = resolve('bin/clinicoco.js')
const folder = mkdtempSync(join(tmpdir(), 'clinicoco-backup-cli-'))

/** As the workspace's administrator, with a CLI token as IT's backup script would hold. */
function run(args: string[], as = 'admin'): { status: number; stdout: string; stderr: string } {
  const env = cliEnvAs(workspaceArgument(args), as)
  delete env.CLINICOCO_POLICY
  const result = spawnSync('node', [CLI, ...args], { encoding: 'utf8', timeout: 300_000, env })
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
}

function json<T>(args: string[], as = 'admin'): T {
  const result = run([...args, '--json'], as)
  if (result.status !== 0) throw new Error(`clinicoco ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  return JSON.parse(result.stdout) as T
}

let temp: TempWorkspace
const RECORDS = 12_000

beforeAll(() => {
  // Big enough (≈ 50 MB) that a backup takes long enough to be killed half-way on any machine.
  temp = createTempWorkspace([sampleRecord('R1')])
  const filler = 'Patient admitted with chest pain radiating to the left arm; troponin raised; ECG shows ST depression. '.repeat(30)
  const records = Array.from({ length: RECORDS }, (_, index) =>
    sampleRecord(`BULK-${index}`, { sections: [{ kind: 'present_illness', title: 'Present illness', text: `${index}: ${filler}` }] }),
  )
  storeImportBatch(temp.workspace.database, { format: 'test', source: 'bulk', sha256: 'bulk', actor: 'coder', records, rejects: [] })
  temp.workspace.close()
}, 300_000)

afterAll(() => {
  rmSync(temp.dir, { recursive: true, force: true })
  rmSync(folder, { recursive: true, force: true })
})

describe('clinicoco backup and restore', () => {
  it('restores what was backed up into a new workspace that the CLI then reads (the restore drill)', () => {
    const file = join(folder, 'drill.clinicoco-backup')
    const backup = json<{ manifest: { database: { sha256: string }; counts: Record<string, number> } }>(['backup', '--workspace', temp.dir, '--out', file, '--quiet'])
    expect(backup.manifest.counts.records).toBe(RECORDS + 1)
    expect(run(['backup', 'verify', file]).stdout).toContain(`database sha256 ${backup.manifest.database.sha256} matches`)
    const restoredDir = join(folder, 'drill-restored')
    const restored = run(['restore', file, '--workspace', restoredDir, '--user', 'it-admin'])
    expect(restored.status).toBe(0)
    expect(restored.stdout).toContain(`verified: database sha256 ${backup.manifest.database.sha256}, integrity ok, ${RECORDS + 1} records`)
    const listed = json<{ total: number }>(['records', 'list', '--workspace', restoredDir, '--limit', '1'], 'coder')
    expect(listed.total).toBe(RECORDS + 1)
    expect(run(['audit', 'verify', '--workspace', restoredDir]).status).toBe(0)
    const again = run(['restore', file, '--workspace', restoredDir])
    expect(again.status).toBe(1)
    expect(again.stderr).toContain('a restore goes into a new workspace folder')
  })

  it('leaves the workspace and the previous backup whole when a backup is killed half-way', async () => {
    const file = join(folder, 'nightly.clinicoco-backup')
    json(['backup', '--workspace', temp.dir, '--out', file, '--quiet'])
    const previousSha256 = sha256OfFile(file)
    const workspace = openWorkspace(temp.dir)
    try {
      submitDecision(workspace.database, { recordId: 'R1', codes: [{ code: 'I10', isPrimary: true }], comment: 'after the first backup', baseVersion: 0, activeMs: 1000, mode: 'assisted', coder: 'coder', codeSetId: temp.codeSetId })
    } finally {
      workspace.close()
    }

    const env = cliEnvAs(temp.dir)
    const child = spawn('node', [CLI, 'backup', '--workspace', temp.dir, '--out', file], { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let partialsAtKill: string[] = []
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => child.on('exit', (code, signal) => resolveExit({ code, signal })))
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      if (partialsAtKill.length === 0 && /\b10 % of/.test(stderr)) {
        partialsAtKill = readdirSync(folder).filter((name) => name.startsWith('nightly.clinicoco-backup.partial-'))
        child.kill('SIGKILL')
      }
    })
    const { signal } = await exit
    // It really died mid-copy: killed, with its partial copy on disk at that moment.
    expect(signal).toBe('SIGKILL')
    expect(partialsAtKill.length).toBeGreaterThan(0)

    expect(sha256OfFile(file)).toBe(previousSha256)
    const previous = json<{ manifest: { counts: Record<string, number> } }>(['backup', 'verify', file])
    expect(previous.manifest.counts.decisions).toBe(0)
    const reopened = openWorkspace(temp.dir)
    try {
      expect(reopened.database.prepare<{ integrity_check: string }>('PRAGMA integrity_check').get()?.integrity_check).toBe('ok')
      expect(reopened.database.prepare<{ comment: string }>('SELECT comment FROM decisions').get()?.comment).toBe('after the first backup')
    } finally {
      reopened.close()
    }
    // The next run replaces the backup and clears what the killed one left.
    const next = json<{ manifest: { counts: Record<string, number> } }>(['backup', '--workspace', temp.dir, '--out', file, '--quiet'])
    expect(next.manifest.counts.decisions).toBe(1)
    expect(readdirSync(folder).filter((name) => name.includes('.partial-'))).toEqual([])
  })
})
