import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RuleCheck } from '../../../contract/coding-rules.js'
import { cliTokenFor } from '../../testing/signed-in.js'
import { openWorkspace } from '../../workspace/workspace.js'

// The built CLI in its own process, as IT and the acceptance check run it.
const CLI = resolve('bin/clinicoco.js')
const folder = mkdtempSync(join(tmpdir(), 'clinicoco-rules-cli-'))
const demo = join(folder, 'demo')
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** CLI tokens of the demo workspace's accounts: the CLI always acts as a named, signed-in user. */
const tokens = new Map<string, string>()
function tokenFor(user: string): string {
  let token = tokens.get(user)
  if (!token) {
    const workspace = openWorkspace(demo)
    try {
      token = cliTokenFor(workspace, user)
    } finally {
      workspace.close()
    }
    tokens.set(user, token)
  }
  return token
}

/** Runs the CLI as `user` (none for `demo`, which creates the workspace and its accounts). */
function run(args: string[], user?: string): { status: number; stdout: string; stderr: string } {
  const env = { ...process.env, CLINICOCO_TOKEN: user === undefined ? '' : tokenFor(user) }
  const result = spawnSync('node', [CLI, ...args, '--json'], { encoding: 'utf8', timeout: 180_000, env })
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
}

function runJson<T>(args: string[], user?: string): T {
  const result = run(args, user)
  if (result.status !== 0) throw new Error(`clinicoco ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  return JSON.parse(result.stdout) as T
}

function recordWhere(sql: string): string {
  const workspace = openWorkspace(demo)
  try {
    return workspace.database.prepare<{ external_id: string }>(sql).get()?.external_id ?? ''
  } finally {
    workspace.close()
  }
}

describe('clinicoco rules', () => {
  beforeAll(() => {
    runJson(['demo', '--workspace', demo, '--records', '60', '--no-model'])
  })

  it('returns the exclusion warning for E11.2 with E11.9', () => {
    const recordId = recordWhere('SELECT external_id FROM records ORDER BY id LIMIT 1')
    const check = runJson<RuleCheck>(['rules', 'check', '--workspace', demo, '--record', recordId, '--codes', 'E11.2,E11.9'], 'coder')
    expect(check.ruleSet).toEqual({ name: 'demo-icd10', version: 1 })
    expect(check.warnings.map((warning) => [warning.ruleId, warning.codes])).toEqual([['unspecified-sibling', ['E11.9', 'E11.2']]])
  })

  it('returns the sex warning for an O-code on a male record, in Chinese when asked', () => {
    const recordId = recordWhere("SELECT external_id FROM records WHERE sex = 'male' ORDER BY id LIMIT 1")
    const check = runJson<RuleCheck>(['rules', 'check', '--workspace', demo, '--record', recordId, '--codes', 'O82.0', '--language', 'zh'], 'coder')
    expect(check.warnings.map((warning) => [warning.ruleId, warning.family])).toEqual([['pregnancy-codes-female', 'sex']])
    expect(check.warnings[0]?.message).toContain('仅用于女性患者')
  })

  it('exports a rule set, imports an edit as version 2, and checks with it', () => {
    const file = join(folder, 'demo-rules.json')
    runJson(['rules', 'export', '--workspace', demo, '--name', 'demo-icd10', '--out', file], 'supervisor')
    const rules = JSON.parse(readFileSync(file, 'utf8')) as { notPrimary: Array<Record<string, unknown>> }
    rules.notPrimary.push({ id: 'copd-not-primary-here', codes: ['J44'], why: { en: 'a local convention for the test.' }, action: { en: 'Code the exacerbation.' } })
    writeFileSync(file, JSON.stringify(rules))
    // The rules every submission is checked against are an administrator's to change, not a coder's.
    const refused = run(['rules', 'import', '--workspace', demo, file], 'coder')
    expect(refused.status).toBe(1)
    expect((JSON.parse(refused.stdout) as { error: { code: string } }).error.code).toBe('forbidden')
    expect(refused.stderr).toContain('needs the "manage-code-sets" permission')
    expect(runJson<{ version: number }>(['rules', 'import', '--workspace', demo, file], 'admin').version).toBe(2)
    const recordId = recordWhere('SELECT external_id FROM records ORDER BY id LIMIT 1')
    const check = runJson<RuleCheck>(['rules', 'check', '--workspace', demo, '--record', recordId, '--codes', 'J44.9'], 'coder')
    expect(check.ruleSet).toEqual({ name: 'demo-icd10', version: 2 })
    expect(check.warnings.map((warning) => warning.ruleId)).toEqual(['copd-not-primary-here'])
  })
})
