/**
 * The CodiEsp benchmark's workspace on the real corpus (skipped without
 * ../shared/data): in the free-text setting the training records keep their
 * evidence mentions as diagnosis names, and no dev record has any.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openWorkspace, type Workspace } from '../workspace/workspace.js'
import { prepareCodiEspWorkspace } from './codiesp-workspace.js'

const DATA = join(import.meta.dirname, '..', '..', '..', 'shared', 'data')
const hasData = existsSync(join(DATA, 'codiesp', 'train')) && existsSync(join(DATA, 'icd10cm'))
if (!hasData) console.warn(`Skipping the CodiEsp workspace test: ${DATA} is absent.`)

describe.skipIf(!hasData)('prepareCodiEspWorkspace, free-text setting', () => {
  const directory = mkdtempSync(join(tmpdir(), 'clinicoco-codiesp-workspace-'))
  let workspace: Workspace | undefined
  afterAll(() => {
    workspace?.database.close()
    rmSync(directory, { recursive: true, force: true })
  })

  it('gives each training record its distinct mentions as names and leaves dev records text only', () => {
    workspace = openWorkspace(directory)
    const summary = prepareCodiEspWorkspace(workspace.database, {
      dataDir: join(DATA, 'codiesp'),
      codesDir: join(DATA, 'icd10cm'),
      setting: 'free-text',
    })
    expect(summary.cleanShare).toBe(1)
    const bySplit = workspace.database
      .prepare<{ split: string; records: number; names: number; errors: number }>(
        `SELECT r.split, count(DISTINCT r.id) AS records, count(*) AS names, count(d.injected_error) AS errors
         FROM diagnosis_names d JOIN records r ON r.id = d.record_id GROUP BY r.split`,
      )
      .all()
    expect(bySplit.map((row) => row.split)).toEqual(['train'])
    const [train] = bySplit as [(typeof bySplit)[number]]
    expect(train.names).toBe(summary.names?.total)
    expect(train.errors).toBe(0)
    // Every training document with a diagnosis mention has names (a handful have none).
    const withMentions = workspace.database
      .prepare<{ n: number }>(
        `SELECT count(DISTINCT m.record_id) AS n FROM evidence_mentions m JOIN records r ON r.id = m.record_id
         WHERE m.kind = 'diagnosis' AND r.split = 'train'`,
      )
      .get()?.n
    expect(train.records).toBe(withMentions)
    expect(train.records).toBeGreaterThan(480)
    // Distinct (mention, code) pairs: fewer names than mention rows, as records repeat diagnoses.
    const mentionRows = workspace.database
      .prepare<{ n: number }>(
        "SELECT count(*) AS n FROM evidence_mentions m JOIN records r ON r.id = m.record_id WHERE m.kind = 'diagnosis' AND r.split = 'train'",
      )
      .get()?.n
    expect(train.names).toBeLessThan(mentionRows ?? 0)
    const sample = workspace.database
      .prepare<{ text: string }>("SELECT d.text FROM diagnosis_names d JOIN records r ON r.id = d.record_id WHERE r.external_id = 'S0004-06142005000700014-1'")
      .all()
      .map((row) => row.text)
    expect(sample).toContain('teste derecho aumentado de tamaño')
  }, 120_000)
})
