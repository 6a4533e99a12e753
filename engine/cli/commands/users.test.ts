import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAudit } from '../../audit/audit-log.js'
import { cliTokenFor } from '../../testing/signed-in.js'
import { createDemoWorkspace } from '../../demo/create-demo-workspace.js'
import { ensureDemoAccounts } from '../../demo/demo-accounts.js'
import { openWorkspace } from '../../workspace/workspace.js'

// The real CLI in its own process, acting as a named user through an
// administrator-issued token, as a script on a workstation would.
const CLI = resolve('bin/clinicoco.js')
const DEMO_MODEL = resolve('models/demo')
const folder = mkdtempSync(join(tmpdir(), 'clinicoco-users-cli-'))
const workspace = join(folder, 'ws')
const tokens = new Map<string, string>()

function cli(args: string[], as: string | null, input?: string) {
  const env = { ...process.env, CLINICOCO_TOKEN: as === null ? '' : (tokens.get(as) ?? '') }
  const result = spawnSync('node', [CLI, ...args, '--workspace', workspace], { encoding: 'utf8', env, timeout: 240_000, ...(input !== undefined ? { input } : {}) })
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
}

function trail(action: string) {
  const opened = openWorkspace(workspace)
  try {
    return listAudit(opened.database).filter((row) => row.action === action)
  } finally {
    opened.close()
  }
}

beforeAll(async () => {
  createDemoWorkspace(workspace, { seed: 3, recordCount: 60, noiseRatio: 0.2, chineseShare: 0.5 })
  const opened = openWorkspace(workspace)
  try {
    await ensureDemoAccounts(opened.database, { cost: { log2N: 10, r: 8, p: 1 } })
    for (const user of ['admin', 'supervisor', 'coder', 'auditor']) tokens.set(user, cliTokenFor(opened, user))
  } finally {
    opened.close()
  }
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('the CLI acts as a named, signed-in user', () => {
  it('refuses to run without a token when nobody is at a terminal to type a password', () => {
    const result = cli(['users', 'list'], null)
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('Sign in: run this at a terminal to be asked for your password, or set CLINICOCO_TOKEN')
    expect(cli(['records', 'list'], null).status).toBe(1)
  })

  it('refuses a token of another workspace or a forged one', () => {
    const forged = spawnSync('node', [CLI, 'users', 'list', '--workspace', workspace], { encoding: 'utf8', env: { ...process.env, CLINICOCO_TOKEN: 'cct_forged' } })
    expect(forged.status).toBe(1)
    expect(forged.stderr).toContain('CLINICOCO_TOKEN is not a token of this workspace')
  })

  it("as a coder, `users mode` and `models use` exit non-zero with a clear 'not allowed' and change nothing", () => {
    const mode = cli(['users', 'mode', '--coder', 'coder', '--mode', 'manual', '--json'], 'coder')
    expect(mode.status).toBe(1)
    expect(mode.stderr).toContain('Not allowed: `clinicoco users mode` needs the "set-study" permission; coder is a coder (supervisor may).')
    expect(JSON.parse(mode.stdout)).toEqual({ error: { code: 'forbidden', message: expect.stringMatching(/^Not allowed/) } })
    const models = cli(['models', 'use', DEMO_MODEL], 'coder')
    expect(models.status).toBe(1)
    expect(models.stderr).toContain('Not allowed: `clinicoco models use` needs the "switch-model" permission; coder is a coder (supervisor, admin may).')
    expect(trail('access.denied').map((row) => [row.actor, row.entityId])).toEqual([
      ['coder', 'users mode'],
      ['coder', 'models use'],
    ])
    expect(trail('user.coding-mode')).toEqual([])
    expect(trail('model.use')).toEqual([])
  })

  it('as a supervisor, both succeed and are audited with who did it', () => {
    const mode = cli(['users', 'mode', '--coder', 'coder', '--mode', 'black-box', '--json'], 'supervisor')
    expect(mode.status, mode.stderr).toBe(0)
    expect(JSON.parse(mode.stdout)).toEqual({ user: 'coder', from: 'assisted', to: 'black-box' })
    const models = cli(['models', 'use', DEMO_MODEL, '--json'], 'supervisor')
    expect(models.status, models.stderr).toBe(0)
    expect(trail('user.coding-mode').map((row) => [row.actor, row.entityId, row.detail])).toEqual([['supervisor', 'coder', { from: 'assisted', to: 'black-box' }]])
    expect(trail('model.use').map((row) => [row.actor, (row.detail.to as { bundleDir: string }).bundleDir])).toEqual([['supervisor', DEMO_MODEL]])
    expect(trail('cli.run').map((row) => [row.actor, row.entityId])).toEqual(
      expect.arrayContaining([['supervisor', 'users mode'], ['supervisor', 'models use']]),
    )
  }, 300_000)

  it('lets an administrator add, re-role, disable and re-enable an account and issue it a token', () => {
    const added = cli(['users', 'add', '--id', 'zhang.wei', '--name', '张伟', '--role', 'coder', '--password-stdin', '--json'], 'admin', 'zhang-first-pass\n')
    expect(added.status, added.stderr).toBe(0)
    expect(JSON.parse(added.stdout)).toMatchObject({ id: 'zhang.wei', displayName: '张伟', role: 'coder', mustChangePassword: true })
    expect(cli(['users', 'role', '--id', 'zhang.wei', '--role', 'supervisor', '--json'], 'admin').status).toBe(0)
    const issued = cli(['users', 'token', '--id', 'zhang.wei', '--days', '1', '--json'], 'admin')
    expect(issued.status).toBe(0)
    tokens.set('zhang.wei', (JSON.parse(issued.stdout) as { token: string }).token)
    expect(cli(['users', 'list', '--json'], 'zhang.wei').status).toBe(0)
    expect(cli(['users', 'disable', '--id', 'zhang.wei'], 'admin').status).toBe(0)
    const refused = cli(['users', 'list'], 'zhang.wei')
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('User "zhang.wei" is disabled.')
    expect(cli(['users', 'disable', '--id', 'zhang.wei', '--enable'], 'admin').status).toBe(0)
    expect(cli(['users', 'list'], 'zhang.wei').status).toBe(0)
    expect(trail('user.role').map((row) => row.detail)).toEqual([{ from: 'coder', to: 'supervisor' }])
  })

  it("lets a user change their own password but only an administrator set another's", () => {
    const own = cli(['users', 'passwd', '--password-stdin'], 'coder', 'a-fresh-secret-1\n')
    expect(own.status, own.stderr).toBe(0)
    const other = cli(['users', 'passwd', '--id', 'supervisor', '--password-stdin'], 'coder', 'hijacked-password\n')
    expect(other.status).toBe(1)
    expect(other.stderr).toContain("Not allowed: only an administrator sets another user's password")
    const weak = cli(['users', 'passwd', '--password-stdin'], 'coder', 'short\n')
    expect(weak.status).toBe(2)
    expect(weak.stderr).toContain('at least 10 characters')
  })

  it('never lets an administrator remove the last administrator', () => {
    const result = cli(['users', 'role', '--id', 'admin', '--role', 'coder'], 'admin')
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('"admin" is the last administrator who can sign in')
  })
})

describe('a new workspace', () => {
  it('starts with `init`, then `users init` gives the administrator a password; every other command asks for them first', () => {
    const fresh = join(folder, 'fresh')
    const before = spawnSync('node', [CLI, 'codes', 'list', '--workspace', fresh], { encoding: 'utf8' })
    expect(before.status).toBe(1)
    expect(before.stderr).toContain(`No workspace database at ${join(fresh, 'clinicoco.db')}: create a workspace with \`clinicoco init --workspace ${fresh}\``)
    // Not at a terminal and no --password-stdin: the workspace is made, its administrator cannot sign in yet.
    const made = spawnSync('node', [CLI, 'init', '--workspace', fresh, '--admin', 'it.admin', '--json'], { encoding: 'utf8' })
    expect(made.status, made.stderr).toBe(0)
    expect(JSON.parse(made.stdout)).toMatchObject({ admin: 'it.admin', adminCanSignIn: false })
    const waiting = spawnSync('node', [CLI, 'codes', 'list', '--workspace', fresh], { encoding: 'utf8', env: { ...process.env, CLINICOCO_TOKEN: '' } })
    expect(waiting.status).toBe(1)
    expect(waiting.stderr).toContain(`No account of this workspace can sign in yet: give the administrator a password with \`clinicoco users init --workspace ${fresh}\``)
    const init = spawnSync('node', [CLI, 'users', 'init', '--workspace', fresh, '--id', 'it.admin', '--password-stdin'], { encoding: 'utf8', input: 'it-admin-password\n' })
    expect(init.status, init.stderr).toBe(0)
    const again = spawnSync('node', [CLI, 'users', 'init', '--workspace', fresh, '--password-stdin'], { encoding: 'utf8', input: 'second-admin-pass\n', env: { ...process.env, CLINICOCO_TOKEN: '' } })
    expect(again.status).toBe(1)
    expect(again.stderr).toContain('Sign in')
  })
})
