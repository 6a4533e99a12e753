import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Suggestions } from '../../../contract/domain.js'
import { storeImportBatch } from '../../records/store-records.js'
import { cliTokenFor } from '../../testing/signed-in.js'
import { sampleRecord } from '../../testing/temp-workspace.js'
import { openWorkspace } from '../../workspace/workspace.js'
import { cliJson } from '../cli-json.js'

// The demo hospital with its committed model, and one record whose diagnosis names join two
// diagnoses the way English EMRs do (issue 17: the second diagnosis had gone from the coding view).
describe('clinicoco suggest on names that join two diagnoses', () => {
  const folder = mkdtempSync(join(tmpdir(), 'clinicoco-suggest-'))
  const workspace = join(folder, 'demo')
  let coderToken = ''
  beforeAll(async () => {
    expect((await cliJson(['demo', '--workspace', workspace, '--records', '30', '--json'])).code).toBe(0)
    const opened = openWorkspace(workspace)
    try {
      storeImportBatch(opened.database, {
        format: 'test',
        source: 'fixture',
        sha256: 'joined-names',
        actor: 'coder',
        rejects: [],
        records: [
          sampleRecord('JOINED-1', {
            split: 'test',
            diagnosisNames: [
              { text: 'enlarged prostate, hypertension', isPrimary: true },
              { text: 'Ca stomach + iron-deficiency anaemia', isPrimary: false },
            ],
            goldCodes: [{ code: 'N40', isPrimary: true }],
          }),
        ],
      })
      coderToken = cliTokenFor(opened, 'coder')
    } finally {
      opened.close()
    }
  }, 300_000)
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('shows a code for each diagnosis of a joined name, each traced to that name once', async () => {
    const { code, output } = await cliJson(['suggest', '--workspace', workspace, '--record', 'JOINED-1', '--json'], { token: coderToken })
    expect(code).toBe(0)
    const suggestions = output as Suggestions
    const byCode = new Map(suggestions.codes.map((entry) => [entry.code, entry]))
    const expected: Array<[string, string]> = [
      ['N40', 'enlarged prostate, hypertension'],
      ['I10', 'enlarged prostate, hypertension'],
      ['C16.9', 'Ca stomach + iron-deficiency anaemia'],
      ['D50.9', 'Ca stomach + iron-deficiency anaemia'],
    ]
    for (const [expectedCode, name] of expected) {
      const suggestion = byCode.get(expectedCode)
      expect(suggestion?.names.map((entry) => entry.name), expectedCode).toEqual([name])
      expect(suggestion?.names[0]?.confidence, expectedCode).toBeGreaterThanOrEqual(0.5)
    }
    // One suggestion per code: the pieces do not add a second entry for a code.
    expect(suggestions.codes.length).toBe(byCode.size)
    // The names cover all four diagnoses, so none of them is called missing.
    expect(suggestions.flags.filter((flag) => flag.kind === 'missing' && expected.some(([code]) => code === flag.code))).toEqual([])
  })
})
