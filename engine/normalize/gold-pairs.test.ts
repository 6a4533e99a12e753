import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { RecordInput } from '../records/record-input.js'
import { storeImportBatch } from '../records/store-records.js'
import { CHINESE_TEST_CODE_SET } from '../testing/chinese-code-set.js'
import { installCodeSet } from '../taxonomy/install-code-set.js'
import { createWorkspace, type Workspace } from '../workspace/workspace.js'
import { alignGoldPairs } from './gold-pairs.js'
import { loadNamePairs } from './name-pairs.js'

function record(externalId: string, names: string[], codes: string[]): RecordInput {
  return {
    externalId,
    language: 'zh',
    split: 'none',
    sections: [{ kind: 'chief_complaint', title: '主诉', text: '胸闷3天。' }],
    diagnosisNames: names.map((text, index) => ({ text, isPrimary: index === 0 })),
    goldCodes: codes.map((code, index) => ({ code, isPrimary: index === 0 })),
    mentions: [],
  }
}

describe('alignGoldPairs', () => {
  let workspace: Workspace | undefined
  let directory = ''
  afterEach(() => {
    workspace?.close()
    rmSync(directory, { recursive: true, force: true })
  })

  function setUp(records: RecordInput[]): number {
    directory = mkdtempSync(join(tmpdir(), 'clinicoco-gold-pairs-'))
    workspace = createWorkspace(directory)
    const { codeSetId } = installCodeSet(workspace.database, CHINESE_TEST_CODE_SET, { actor: 'admin', format: 'test', source: 'fixture', rejects: [] })
    storeImportBatch(workspace.database, { format: 'test', source: 'fixture', sha256: 'x', actor: 'admin', records, rejects: [] })
    return codeSetId
  }

  it('pairs each gold code with the list item that explains it; an item may take two; a code no item explains stays unpaired', () => {
    const codeSetId = setUp([record('A', ['冠心病 不稳定型心绞痛', '高血压3级（很高危）', '慢阻肺急性加重'], ['T20.000', 'T25.103', 'T10.000x032', 'T44.100', 'T88.600'])])
    const report = alignGoldPairs(workspace!.database, codeSetId)
    expect(report.records).toEqual({ withGoldAndNames: 1, aligned: 1, unchanged: 0 })
    expect(report.goldCodes).toEqual({ aligned: 4, unaligned: 1, notInCodeSet: 0 })
    const pairs = loadNamePairs(workspace!.database, codeSetId).map((pair) => [pair.name, pair.code, pair.origin])
    expect(pairs).toEqual([
      ['冠心病 不稳定型心绞痛', 'T20.000', 'gold'],
      ['冠心病 不稳定型心绞痛', 'T25.103', 'gold'],
      ['高血压3级（很高危）', 'T10.000x032', 'gold'],
      ['慢阻肺急性加重', 'T44.100', 'gold'],
    ])
  })

  it('aligns a record again only when its content changed, and audits each run', () => {
    const codeSetId = setUp([record('A', ['房颤'], ['T48.001']), record('B', ['高脂血症'], ['T78.500'])])
    alignGoldPairs(workspace!.database, codeSetId)
    expect(alignGoldPairs(workspace!.database, codeSetId).records).toEqual({ withGoldAndNames: 2, aligned: 0, unchanged: 2 })
    storeImportBatch(workspace!.database, { format: 'test', source: 'fixture', sha256: 'y', actor: 'admin', records: [record('B', ['低钾血症'], ['T88.600'])], rejects: [] })
    expect(alignGoldPairs(workspace!.database, codeSetId).records).toEqual({ withGoldAndNames: 2, aligned: 1, unchanged: 1 })
    expect(loadNamePairs(workspace!.database, codeSetId).map((pair) => pair.name)).toEqual(['房颤', '低钾血症'])
    const audits = workspace!.database.prepare<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'gold-pairs.align'").get()?.n
    expect(audits).toBe(2)
  })

  it('learns only from the records given (a training part), removing the pairs of the others', () => {
    const codeSetId = setUp([record('A', ['房颤'], ['T48.001']), record('B', ['高脂血症'], ['T78.500'])])
    alignGoldPairs(workspace!.database, codeSetId)
    const a = workspace!.database.prepare<{ id: number }>("SELECT id FROM records WHERE external_id = 'A'").get()!.id
    alignGoldPairs(workspace!.database, codeSetId, { recordIds: new Set([a]) })
    expect(loadNamePairs(workspace!.database, codeSetId).map((pair) => pair.name)).toEqual(['房颤'])
  })
})
