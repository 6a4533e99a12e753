import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openSqlite } from '../../native/sqlite.js'
import { DATABASE_FILE, openWorkspace } from '../workspace/workspace.js'
import { createTempWorkspace, sampleRecord } from '../testing/temp-workspace.js'
import type { TempWorkspace } from '../testing/temp-workspace.js'
import { dispatch } from './dispatch.js'
import { cliTokenFor, handlersAs } from '../testing/signed-in.js'

const CLI = resolve('bin/clinicoco.js')

describe('a coder submitting while another process writes', () => {
  let temp: TempWorkspace
  beforeEach(() => {
    temp = createTempWorkspace([sampleRecord('R1'), sampleRecord('R2')])
  })
  afterEach(() => temp.cleanup())

  const handlers = () => handlersAs(temp.workspace, 'coder')

  it('answers a retryable "busy" naming the database, not "internal", when the lock is held too long', async () => {
    const holder = openSqlite(join(temp.dir, DATABASE_FILE))
    holder.exec('BEGIN IMMEDIATE')
    try {
      const result = await dispatch(handlers(), 'submitDecision', { recordId: 'R1', codes: [{ code: 'I10', isPrimary: true }], baseVersion: 0 })
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'busy',
          message: `${join(temp.dir, DATABASE_FILE)} is busy: another process is writing to it (an import?). Nothing was changed; try again in a moment.`,
        },
      })
    } finally {
      holder.exec('ROLLBACK')
      holder.close()
    }
    // Nothing was half-written: the same call goes through once the lock is free.
    expect(await dispatch(handlers(), 'submitDecision', { recordId: 'R1', codes: [{ code: 'I10', isPrimary: true }], baseVersion: 0 })).toMatchObject({ ok: true })
  }, 30_000)

  it('lands every submission within a second or two while a 40,000-record import runs', async () => {
    const file = join(temp.dir, 'many.jsonl')
    const lines = Array.from({ length: 40_000 }, (_, index) =>
      JSON.stringify({ id: `BULK-${index}`, text: `Admitted with chest pain; history of hypertension and type 2 diabetes (record ${index}).`, names: 'HTN;T2DM' }),
    )
    writeFileSync(file, `${lines.join('\n')}\n`)
    const mapping = join(temp.dir, 'mapping.json')
    writeFileSync(mapping, JSON.stringify({ id: 'id', language: 'en', sections: [{ field: 'text', kind: 'present_illness' }], diagnosisNames: { field: 'names', separator: ';' } }))
    // The import runs as the workspace's administrator, with a CLI token as a script would.
    const token = cliTokenFor(temp.workspace, 'admin')
    temp.workspace.close()
    const importer = spawn('node', [CLI, 'import', '--workspace', temp.dir, '--format', 'jsonl', '--mapping', mapping, file, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CLINICOCO_TOKEN: token },
    })
    let output = ''
    importer.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const finished = new Promise<number | null>((resolveExit) => importer.on('exit', resolveExit))
    let running = true
    void finished.then(() => (running = false))
    temp.workspace = openWorkspace(temp.dir)
    // Wait until the import is writing (its run row is committed; at most 3 s, since an import that
    // holds one transaction throughout never shows it), then submit one version after another.
    const started = openSqlite(join(temp.dir, DATABASE_FILE), { readonly: true })
    const waitedFrom = performance.now()
    while (running && performance.now() - waitedFrom < 3_000 && !started.prepare("SELECT 1 FROM import_runs WHERE format = 'jsonl'").get()) await sleep(20)
    started.close()
    const waits: number[] = []
    let version = 0
    while (running) {
      const before = performance.now()
      const result = await dispatch(handlers(), 'submitDecision', { recordId: 'R2', codes: [{ code: 'I10', isPrimary: true }], baseVersion: version })
      waits.push(performance.now() - before)
      expect(result).toMatchObject({ ok: true })
      version += 1
      await sleep(150)
    }
    expect(await finished).toBe(0)
    expect(JSON.parse(output)).toMatchObject({ inserted: 40_000, rejected: 0 })
    // The import held the lock for seconds in all; one submission waits one chunk (≤ 200 ms of work) at most.
    expect(waits.length).toBeGreaterThanOrEqual(3)
    expect(Math.max(...waits)).toBeLessThan(2_000)
  }, 180_000)
})

function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms))
}
