import { afterEach, describe, expect, it } from 'vitest'
import { confirmNamePairs } from '../../normalize/name-pairs.js'
import { encoderWorkspaceNormalizer } from '../../normalize/workspace-encoder.js'
import { cliTokenFor } from '../../testing/signed-in.js'
import { createTempWorkspace, type TempWorkspace } from '../../testing/temp-workspace.js'
import { openWorkspace } from '../../workspace/workspace.js'
import { cliJson as runCliJson } from '../cli-json.js'

/** The CLI in process, as the test workspace's administrator (a CLI token, as a script would hold). */
let adminToken = ''
function cliJson(argv: string[]): Promise<{ code: number; output: unknown }> {
  return runCliJson(argv, { token: adminToken })
}

function closedWorkspace(): TempWorkspace {
  const created = createTempWorkspace()
  adminToken = cliTokenFor(created.workspace, 'admin')
  created.workspace.close()
  return created
}

describe('clinicoco normalize / label', () => {
  let temp: TempWorkspace | undefined
  afterEach(() => temp?.cleanup())

  it('normalises each name given, as JSON', async () => {
    temp = closedWorkspace()
    const { code, output } = await cliJson(['normalize', '--workspace', temp.dir, '--json', 'HTN; pneumonia', '肺炎'])
    expect(code).toBe(0)
    const names = (output as { names: Array<{ name: string; codes: Array<{ code: string; accepted: boolean }> }> }).names
    expect(names.map((name) => name.name)).toEqual(['HTN; pneumonia', '肺炎'])
    expect(names[0]?.codes.filter((entry) => entry.accepted).map((entry) => entry.code).sort()).toEqual(['I10', 'J18.9'])
    expect(names[1]?.codes[0]?.code).toBe('J18.9')
  })

  it('refuses a call without names', async () => {
    temp = closedWorkspace()
    const { code, output } = await cliJson(['normalize', '--workspace', temp.dir, '--json'])
    expect(code).toBe(2)
    expect(output).toEqual({ error: { code: 'invalid-input', message: 'Give one or more diagnosis names.' } })
  })

  it('labels the records and reports coverage', async () => {
    temp = closedWorkspace()
    const { code, output } = await cliJson(['label', '--workspace', temp.dir, '--json'])
    expect(code).toBe(0)
    expect((output as { records: { coverage: number; withNames: number } }).records).toMatchObject({ withNames: 2, coverage: 1 })
  })

  it('trains a tiny name encoder, installs it, normalises with it, and embeds a pair confirmed after it was opened', async () => {
    temp = closedWorkspace()
    const trained = await cliJson(['normalize', 'train-encoder', '--workspace', temp.dir, '--tiny', '--budget-minutes', '1', '--json'])
    expect(trained.code).toBe(0)
    const summary = trained.output as {
      installed: boolean
      golden: { passed: boolean; maxAbsDifference: number }
      bundle: { texts: number; pairs: number }
      goldPairs: { pairs: number }
    }
    expect(summary.installed).toBe(true)
    // Both records (name "HTN", gold code I10) are aligned before training: one pair each, the same (name, code).
    expect(summary.goldPairs.pairs).toBe(2)
    expect(summary.golden.passed).toBe(true)
    expect(summary.golden.maxAbsDifference).toBeLessThan(1e-4)
    // Titles (9 codes) and synonyms/terms plus the records' name "HTN"; pairs: each synonym against its code's title.
    expect(summary.bundle.texts).toBeGreaterThanOrEqual(10)
    expect(summary.bundle.pairs).toBeGreaterThanOrEqual(4)

    const { code, output } = await cliJson(['normalize', '--workspace', temp.dir, '--json', 'HTN; pneumonia', '肺炎'])
    expect(code).toBe(0)
    const result = output as { encoder: string | null; names: Array<{ codes: Array<{ code: string; accepted: boolean }> }> }
    expect(result.encoder).toMatch(/^name-encoder-/)
    expect(result.names[0]?.codes.filter((entry) => entry.accepted).map((entry) => entry.code).sort()).toEqual(['I10', 'J18.9'])
    expect(result.names[1]?.codes[0]?.code).toBe('J18.9')

    const workspace = openWorkspace(temp.dir)
    try {
      const before = await encoderWorkspaceNormalizer(workspace, temp.codeSetId, [])
      // The names index holds the one distinct pair learned from the records' gold codes, nothing else yet.
      expect(before.encoder?.names?.size() ?? 0).toBe(1)
      confirmNamePairs(workspace.database, { codeSetId: temp.codeSetId, actor: 'coder', pairs: [{ name: 'raised BP', code: 'I10' }] })
      const after = await encoderWorkspaceNormalizer(workspace, temp.codeSetId, ['raised BP'])
      expect(after.encoder?.names?.size()).toBe(2)
      expect(after.encoder?.terms).toBe(before.encoder?.terms)
    } finally {
      workspace.close()
    }
  }, 300_000)
})
