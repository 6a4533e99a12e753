import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'
import { runScheduledBackup } from '../backup/scheduled-backups.js'
import { defaultPolicy } from '../policy/machine-policy.js'
import { checkBackups } from './check-backups.js'
import { checkDisk } from './check-disk.js'
import { checkPolicy } from './check-policy.js'
import { runCheck, worstStatus } from './doctor-check.js'

let temp: TempWorkspace
let folder: string
beforeEach(() => {
  temp = createTempWorkspace()
  folder = mkdtempSync(join(tmpdir(), 'clinicoco-doctor-'))
})
afterEach(() => {
  temp.cleanup()
  rmSync(folder, { recursive: true, force: true })
})

describe('doctor checks', () => {
  it('reports the age of the newest scheduled backup against the policy: ok, overdue, long overdue, none', async () => {
    const policy = { dir: folder, everyHours: 24, keep: 3 }
    expect(checkBackups(temp.workspace, policy)).toEqual([{ check: 'backups', status: 'fail', detail: `no scheduled backup in ${folder} yet` }])
    const takenAt = new Date(Date.UTC(2027, 0, 1))
    await runScheduledBackup(temp.workspace, policy, { now: takenAt })
    const after = (hours: number) => checkBackups(temp.workspace, policy, new Date(takenAt.getTime() + hours * 3_600_000))[0]
    expect(after(12)).toMatchObject({ status: 'ok', detail: expect.stringContaining('12.0 h old (every 24 h, 1 of 3 kept)') })
    expect(after(40)?.status).toBe('warn')
    expect(after(72)?.status).toBe('fail')
    expect(checkBackups(temp.workspace, undefined)[0]?.status).toBe('warn')
  })

  it('warns about a policy file that users other than root could edit', () => {
    const file = join(folder, 'policy.json')
    writeFileSync(file, '{"policyVersion":1}')
    chmodSync(file, 0o666)
    const findings = checkPolicy({ source: file, searched: file, policy: defaultPolicy() }, 'linux')
    expect(findings[0]).toMatchObject({ status: 'ok' })
    expect(findings[1]).toMatchObject({ status: 'warn', detail: expect.stringMatching(/make it root-owned, mode 644/) })
    expect(checkPolicy({ source: null, searched: '/etc/clinicoco/policy.json', policy: defaultPolicy() })[0]?.status).toBe('warn')
  })

  it('reports free space where the workspace lives, against three times the database size', () => {
    const [finding] = checkDisk([{ label: 'workspace', dir: temp.dir }], join(temp.dir, 'clinicoco.db'))
    expect(finding?.detail).toMatch(new RegExp(`^workspace ${temp.dir}: [0-9.]+ GB free \\(database [0-9.]+ MB; want ≥ 1\\.0 GB\\)$`))
  })

  it('turns a check that throws into a failure naming the check, without stopping the others', async () => {
    const findings = await runCheck('model', () => {
      throw new Error('bundle missing')
    })
    expect(findings).toEqual([{ check: 'model', status: 'fail', detail: 'bundle missing' }])
    expect(worstStatus([...findings, { check: 'disk', status: 'ok', detail: '' }])).toBe('fail')
  })
})
