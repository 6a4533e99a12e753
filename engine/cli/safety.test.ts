import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSqlite } from '../../native/sqlite.js'
import { cliEnvAs, workspaceArgument } from '../testing/cli-env.js'

// The CLI as a careless operator or a hostile file meets it: the built bin/clinicoco.js, in its own process.
const CLI = resolve('bin/clinicoco.js')
const NOBODY = 65_534

/** Runs the CLI as `as` (default the workspace's admin, with a CLI token as a script would hold); `input` goes to stdin. */
function run(args: string[], options: { asNobody?: boolean; as?: string; input?: string } = {}): { status: number | null; stdout: string; stderr: string } {
  const asNobody = options.asNobody === true && process.getuid?.() === 0
  const command = asNobody ? 'setpriv' : 'node'
  const argv = asNobody ? [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'node', CLI, ...args] : [CLI, ...args]
  const env = cliEnvAs(workspaceArgument(args), options.as)
  const result = spawnSync(command, argv, { encoding: 'utf8', timeout: 180_000, maxBuffer: 64 * 1024 * 1024, env, ...(options.input !== undefined ? { input: options.input } : {}) })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

const folder = mkdtempSync(join(tmpdir(), 'clinicoco-safety-'))
afterAll(() => {
  chmodSync(folder, 0o755)
  rmSync(folder, { recursive: true, force: true })
})

/** `clinicoco init` as IT runs it from a script: the first admin gets its password on stdin. */
function init(dir: string, extra: string[] = []): { status: number | null; stdout: string; stderr: string } {
  return run(['init', '--workspace', dir, '--password-stdin', ...extra], { input: 'it-first-secret-1\n' })
}

const MAPPING = { id: 'id', language: 'en', sections: [{ field: 'text', kind: 'present_illness' }], diagnosisNames: { field: 'names', separator: ';' } }

describe('workspaces only exist where someone made one', () => {
  it('refuses a mistyped workspace instead of creating an empty one', () => {
    const typo = join(folder, 'typo')
    const result = run(['audit', 'verify', '--workspace', typo])
    expect(result.status).toBe(1)
    expect(result.stderr).toContain(`No workspace database at ${join(typo, 'clinicoco.db')}`)
    expect(result.stdout).not.toContain('Audit log intact')
    expect(existsSync(typo)).toBe(false)
  })

  it('refuses an empty (0-byte) database and leaves it as it is', () => {
    const dir = join(folder, 'emptied')
    expect(init(dir).status).toBe(0)
    writeFileSync(join(dir, 'clinicoco.db'), '')
    rmSync(join(dir, 'clinicoco.db-wal'), { force: true })
    rmSync(join(dir, 'clinicoco.db-shm'), { force: true })
    const result = run(['records', 'list', '--workspace', dir])
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('is empty (0 bytes)')
    expect(statSync(join(dir, 'clinicoco.db')).size).toBe(0)
  })

  it('creates a workspace with init, once, with a first admin', () => {
    const dir = join(folder, 'fresh')
    const created = init(dir, ['--name', 'Ward 7', '--json'])
    expect(created.status).toBe(0)
    expect(JSON.parse(created.stdout)).toMatchObject({ name: 'Ward 7', admin: 'admin', adminCanSignIn: true })
    const users = JSON.parse(run(['users', 'list', '--workspace', dir, '--json']).stdout) as { users: Array<{ id: string; role: string }> }
    expect(users.users).toEqual([expect.objectContaining({ id: 'admin', role: 'admin' })])
    const again = init(dir)
    expect(again.status).toBe(1)
    expect(again.stderr).toContain('is a workspace already')
  })
})

describe('a damaged or read-only workspace', () => {
  const dir = join(folder, 'ward')
  beforeAll(() => {
    expect(init(dir).status).toBe(0)
    // Records are read by coders (an administrator keeps the installation, and does not read records).
    expect(run(['users', 'add', '--workspace', dir, '--id', 'coder', '--role', 'coder', '--password-stdin'], { input: 'ward-7-reading-pass\n' }).status).toBe(0)
    const file = join(folder, 'ward.jsonl')
    writeFileSync(file, Array.from({ length: 300 }, (_, index) => JSON.stringify({ id: `W${index}`, text: `Chest pain, case ${index}. ${'x'.repeat(400)}`, names: 'HTN' })).join('\n'))
    writeFileSync(join(folder, 'ward-mapping.json'), JSON.stringify(MAPPING))
    expect(run(['import', '--workspace', dir, '--format', 'jsonl', '--mapping', join(folder, 'ward-mapping.json'), file]).status).toBe(0)
  })

  it('lists a read-only copy of a workspace (not in WAL mode, files and folder unwritable), changing nothing', () => {
    const copy = join(folder, 'read-only')
    cpSync(dir, copy, { recursive: true })
    const raw = openSqlite(join(copy, 'clinicoco.db'))
    raw.pragma('journal_mode = DELETE')
    raw.close()
    // Its token is issued before the copy is made read-only (an administrator's script would hold one already).
    cliEnvAs(copy)
    cliEnvAs(copy, 'coder')
    const settled = openSqlite(join(copy, 'clinicoco.db'))
    settled.pragma('journal_mode = DELETE')
    settled.close()
    const before = readFileSync(join(copy, 'clinicoco.db'))
    chmodSync(join(copy, 'clinicoco.db'), 0o444)
    // Handed over with its audit keys readable (as IT would for a reader who verifies it), but not writable.
    for (const name of readdirSync(join(copy, 'keys'))) chmodSync(join(copy, 'keys', name), 0o444)
    chmodSync(join(copy, 'keys'), 0o555)
    chmodSync(copy, 0o555)
    chmodSync(folder, 0o755)
    try {
      const listed = run(['records', 'list', '--workspace', copy, '--limit', '2', '--json'], { asNobody: true, as: 'coder' })
      expect(listed.stderr).toBe('')
      expect(listed.status).toBe(0)
      expect(JSON.parse(listed.stdout)).toMatchObject({ total: 300 })
      const verified = run(['audit', 'verify', '--workspace', copy], { asNobody: true })
      expect(verified.status, `${verified.stdout}${verified.stderr}`).toBe(0)
      // A command that writes says the workspace is read-only, naming the file.
      const refused = run(['limits', 'set', '--workspace', copy, 'fieldChars', '2000'], { asNobody: true })
      expect(refused.status).toBe(1)
      expect(refused.stderr).toContain(join(copy, 'clinicoco.db'))
    } finally {
      chmodSync(copy, 0o755)
    }
    expect(readFileSync(join(copy, 'clinicoco.db')).equals(before)).toBe(true)
  })

  it('reports a damaged database with its path, writes nothing, and doctor names the damage', () => {
    const copy = join(folder, 'damaged')
    cpSync(dir, copy, { recursive: true })
    const database = join(copy, 'clinicoco.db')
    const raw = openSqlite(database)
    raw.pragma('wal_checkpoint(TRUNCATE)')
    const rootPage = raw.prepare<{ rootpage: number }>("SELECT rootpage FROM sqlite_master WHERE name = 'record_sections'").get()?.rootpage ?? 0
    raw.close()
    const bytes = readFileSync(database)
    bytes.fill(0x5a, (rootPage - 1) * 4096, (rootPage - 1) * 4096 + 64)
    writeFileSync(database, bytes)
    const listed = run(['records', 'list', '--workspace', copy])
    expect(listed.status).toBe(1)
    expect(listed.stderr).toContain(`${database} is damaged (PRAGMA quick_check: `)
    expect(readFileSync(database).equals(bytes)).toBe(true)
    const doctor = run(['doctor', '--workspace', copy, '--json'])
    expect(doctor.status).toBe(1)
    expect((JSON.parse(doctor.stdout) as { workspace: { problems: string[] } }).workspace.problems.length).toBeGreaterThan(0)
    const sound = run(['doctor', '--workspace', dir, '--json'])
    expect(sound.status).toBe(0)
    expect(JSON.parse(sound.stdout)).toMatchObject({ workspace: { problems: [] } })
  })
})

describe('hostile and broken import files', () => {
  const demo = join(folder, 'demo')
  const mapping = join(folder, 'mapping.json')
  beforeAll(() => {
    expect(run(['demo', '--workspace', demo, '--records', '60']).status).toBe(0)
    writeFileSync(mapping, JSON.stringify(MAPPING))
  })

  it('refuses a 10 MB record with its line and a non-zero exit, and suggestions go on', () => {
    const file = join(folder, 'huge.jsonl')
    const normal = JSON.stringify({ id: 'SMALL-1', text: 'Cough and fever for three days.', names: 'pneumonia' })
    writeFileSync(file, `${normal}\n${JSON.stringify({ id: 'HUGE-1', text: 'chest pain '.repeat(1_000_000), names: 'HTN' })}\n`)
    const imported = run(['import', '--workspace', demo, '--format', 'jsonl', '--mapping', mapping, file, '--json'])
    expect(imported.status).toBe(3)
    const summary = JSON.parse(imported.stdout) as { inserted: number; rejects: Array<{ line: number; reason: string }> }
    expect(summary.inserted).toBe(1)
    expect(summary.rejects).toEqual([
      { file, line: 2, reason: 'field "text" has 11,000,000 characters, over the limit of 500,000 (limit fieldChars)' },
    ])
    const suggested = run(['suggest', '--workspace', demo, '--record', 'DEMO-000001', '--json'], { as: 'coder' })
    expect(suggested.status).toBe(0)
    expect((JSON.parse(suggested.stdout) as { codes: unknown[] }).codes.length).toBeGreaterThan(0)
  })

  it('exits non-zero for a JSONL file whose last line was cut, naming the line', () => {
    const file = join(folder, 'cut.jsonl')
    writeFileSync(file, `${JSON.stringify({ id: 'CUT-1', text: 'Headache.', names: 'migraine' })}\n{"id": "CUT-2", "text": "Chest pa`)
    const imported = run(['import', '--workspace', demo, '--format', 'jsonl', '--mapping', mapping, file])
    expect(imported.status).toBe(3)
    expect(imported.stdout).toContain('1 new')
    expect(imported.stdout).toMatch(/rejected .*cut\.jsonl:2: the file ends inside this record \(cut short\?\)/)
  })

  it('lets only an admin change a limit, audits it, and the import obeys it', () => {
    const refused = run(['limits', 'set', '--workspace', demo, 'fieldChars', '2000'], { as: 'supervisor' })
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('Not allowed: `clinicoco limits set` needs the "administer" permission; supervisor is a supervisor (admin may).')
    const ward = join(folder, 'limited')
    expect(init(ward).status).toBe(0)
    expect(run(['limits', 'set', '--workspace', ward, 'fieldChars', '2000']).status).toBe(0)
    const shown = JSON.parse(run(['limits', 'show', '--workspace', ward, '--json']).stdout) as { limits: Array<{ key: string; value: number; source: string }> }
    expect(shown.limits.find((limit) => limit.key === 'fieldChars')).toMatchObject({ value: 2_000, source: 'workspace' })
    const file = join(folder, 'limited.jsonl')
    writeFileSync(file, `${JSON.stringify({ id: 'L1', text: 'y'.repeat(2_001), names: '' })}\n`)
    const imported = run(['import', '--workspace', ward, '--format', 'jsonl', '--mapping', mapping, file, '--json'])
    expect(imported.status).toBe(3)
    expect(imported.stdout).toContain('over the limit of 2,000 (limit fieldChars)')
    const audit = openSqlite(join(ward, 'clinicoco.db'), { readonly: true })
    const row = audit.prepare<{ actor: string; detail: string }>("SELECT actor, detail FROM audit_log WHERE action = 'limits.set'").get()
    audit.close()
    expect(row).toEqual({ actor: 'admin', detail: JSON.stringify({ key: 'fieldChars', from: null, to: 2_000 }) })
  })
})

describe('serve', () => {
  it('says the port is taken and exits, instead of hanging', async () => {
    const dir = join(folder, 'serve')
    expect(init(dir).status).toBe(0)
    const blocker = createServer()
    await new Promise<void>((resolveListen) => blocker.listen(0, '127.0.0.1', () => resolveListen()))
    const port = (blocker.address() as AddressInfo).port
    try {
      const server = spawn('node', [CLI, 'serve', '--workspace', dir, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] })
      let stderr = ''
      server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const exited = await new Promise<number | null>((resolveExit) => {
        const timer = setTimeout(() => {
          server.kill('SIGKILL')
          resolveExit(-1)
        }, 60_000)
        server.on('exit', (code) => {
          clearTimeout(timer)
          resolveExit(code)
        })
      })
      expect(exited).toBe(1)
      expect(stderr).toContain(`Port ${port} on 127.0.0.1 is already in use by another program`)
    } finally {
      blocker.close()
    }
  }, 90_000)
})
