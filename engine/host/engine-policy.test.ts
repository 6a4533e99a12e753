/**
 * The engine process under a machine policy (CLINICOCO_POLICY, inherited by the
 * child as IT's file would be read): a broken policy stops it with the file and
 * key named, and a backup schedule runs while the app is open.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listScheduledBackups } from '../backup/scheduled-backups.js'
import { TEST_PASSWORD, createTempWorkspace, type TempWorkspace } from '../testing/temp-workspace.js'
import { startEngineProcess } from './engine-client.js'

let temp: TempWorkspace
let folder: string
const saved = process.env.CLINICOCO_POLICY

beforeEach(() => {
  temp = createTempWorkspace()
  temp.workspace.close()
  folder = mkdtempSync(join(tmpdir(), 'clinicoco-engine-policy-'))
})

afterEach(() => {
  if (saved === undefined) delete process.env.CLINICOCO_POLICY
  else process.env.CLINICOCO_POLICY = saved
  temp.cleanup()
  rmSync(folder, { recursive: true, force: true })
})

function withPolicy(policy: unknown): void {
  const file = join(folder, 'policy.json')
  writeFileSync(file, JSON.stringify(policy))
  process.env.CLINICOCO_POLICY = file
}

describe('the engine under a machine policy', () => {
  it('refuses to start on a policy it cannot apply, naming the file and the key', async () => {
    withPolicy({ policyVersion: 1, allowBrowserMode: 'sometimes' })
    const engine = startEngineProcess({ workspaceDir: temp.dir })
    await expect(engine.ready).rejects.toThrow(/Machine policy .*policy\.json is invalid:\n {2}allowBrowserMode: /)
    await engine.stop()
  })

  it('answers getMachinePolicy with the file it read and each trusted key\'s id, for the read-only view', async () => {
    withPolicy({ policyVersion: 1, idleLockMinutes: 9, models: { trustedKeys: [{ name: 'demo', publicKey: 'MCowBQYDK2VwAyEA0YkGIeiiAW6Z5hGmhI9tjr5qCTUyiLgrQ5w4ez4w6mg=' }] } })
    const engine = startEngineProcess({ workspaceDir: temp.dir })
    await engine.ready
    try {
      // The policy's idle lock is the session's (issue 15's lock, fed by issue 16b's policy).
      const signedIn = await engine.invoke('signIn', { userId: 'coder', password: TEST_PASSWORD })
      expect(signedIn).toMatchObject({ ok: true, value: { idleLockMinutes: 9 } })
      const session = signedIn.ok ? (signedIn.value as { token: string }).token : ''
      // Every role may read the policy, but not before signing in.
      expect(await engine.invoke('getMachinePolicy', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
      expect(await engine.invoke('getMachinePolicy', {}, session)).toMatchObject({
        ok: true,
        value: { source: join(folder, 'policy.json'), keyIds: ['6143d871e9793fa0'], policy: { idleLockMinutes: 9, models: { requireSigned: false } } },
      })
    } finally {
      await engine.stop()
    }
  })

  it("takes the policy's scheduled backup when the app opens and none exists yet", async () => {
    const backups = join(folder, 'backups')
    withPolicy({ policyVersion: 1, backup: { dir: backups, everyHours: 24, keep: 3 } })
    const engine = startEngineProcess({ workspaceDir: temp.dir })
    await engine.ready
    try {
      const deadline = Date.now() + 30_000
      while (listScheduledBackups(backups).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
      expect(listScheduledBackups(backups)).toHaveLength(1)
      // The app keeps answering while it backs up.
      const signedIn = await engine.invoke('signIn', { userId: 'coder', password: TEST_PASSWORD })
      const session = signedIn.ok ? (signedIn.value as { token: string }).token : ''
      expect(await engine.invoke('getWorkspace', {}, session)).toMatchObject({ ok: true, value: { recordCount: 2 } })
    } finally {
      await engine.stop()
    }
  })
})
