import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoCodeSet } from '../demo/demo-catalogue.js'
import { generateDemoHospital } from '../demo/generate-hospital.js'
import { installCodeSet } from '../taxonomy/install-code-set.js'
import { ensureUser, openWorkspace, type Workspace } from '../workspace/workspace.js'
import { checkCodes } from './check-codes.js'
import { codeFacts } from './code-facts.js'
import { ruleSetForCodeSet } from './rule-sets.js'

describe('the demo hospital against its own rule set', () => {
  let dir: string
  let workspace: Workspace
  let codeSetId: number
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'clinicoco-demo-rules-'))
    workspace = openWorkspace(dir)
    ensureUser(workspace.database, { id: 'coder', displayName: 'Coder', role: 'coder' })
    codeSetId = installCodeSet(workspace.database, demoCodeSet(), { actor: 'coder', format: 'demo', source: 'test', rejects: [] }).codeSetId
  })
  afterAll(() => {
    workspace.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('codes every record so that a senior coder would sign it off: no rule warns on any gold coding', () => {
    const facts = codeFacts(workspace.database, codeSetId)
    const rules = ruleSetForCodeSet(workspace.database, codeSetId)
    expect(rules?.rules.name).toBe('demo-icd10')
    const records = generateDemoHospital({ seed: 20_261_126, recordCount: 3_000 })
    const warned = records.flatMap((record) => {
      const check = checkCodes(facts, rules, { codes: record.goldCodes, patient: { sex: record.sex ?? null, age: record.age ?? null } })
      return check.warnings.map((warning) => `${record.externalId} ${warning.ruleId} ${warning.codes.join('+')}`)
    })
    expect(warned).toEqual([])
  })
})
