import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { storeImportBatch } from '../records/store-records.js'
import { CHINESE_TEST_CODE_SET } from '../testing/chinese-code-set.js'
import { installCodeSet } from '../taxonomy/install-code-set.js'
import { createWorkspace, type Workspace } from '../workspace/workspace.js'
import { alignGoldPairs } from './gold-pairs.js'
import { nameEncoderTrainingData } from './workspace-encoder.js'

describe("the name encoder's training data", () => {
  let workspace: Workspace | undefined
  let directory = ''
  afterEach(() => {
    workspace?.close()
    rmSync(directory, { recursive: true, force: true })
  })

  it('has no pairs in a workspace of uncoded Chinese records and a code set without synonyms (train-encoder warns), and learns them from gold codes', () => {
    directory = mkdtempSync(join(tmpdir(), 'clinicoco-encoder-data-'))
    workspace = createWorkspace(directory)
    const { codeSetId } = installCodeSet(workspace.database, CHINESE_TEST_CODE_SET, { actor: 'admin', format: 'test', source: 'fixture', rejects: [] })
    const record = (externalId: string, codes: string[]) => ({
      externalId,
      language: 'zh',
      split: 'none' as const,
      sections: [{ kind: 'chief_complaint' as const, title: '主诉', text: '胸闷。' }],
      diagnosisNames: [{ text: '房颤', isPrimary: true }, { text: '高脂血症', isPrimary: false }],
      goldCodes: codes.map((code, index) => ({ code, isPrimary: index === 0 })),
      mentions: [],
    })
    storeImportBatch(workspace.database, { format: 'test', source: 'x', sha256: 'x', actor: 'admin', records: [record('A', [])], rejects: [] })
    const before = nameEncoderTrainingData(workspace.database, codeSetId)
    expect(before.pairs).toEqual([])
    expect(before.sources).toEqual({ confirmed: 0, fromGold: 0, synonyms: 0, names: 2 })
    storeImportBatch(workspace.database, { format: 'test', source: 'y', sha256: 'y', actor: 'admin', records: [record('A', ['T48.001', 'T78.500'])], rejects: [] })
    alignGoldPairs(workspace.database, codeSetId)
    const after = nameEncoderTrainingData(workspace.database, codeSetId)
    expect(after.sources.fromGold).toBe(2)
    expect(after.pairs.map((pair) => [pair.name, pair.title])).toEqual([
      ['房颤', '心房颤动'],
      ['高脂血症', '高脂血症'],
    ])
  })
})
