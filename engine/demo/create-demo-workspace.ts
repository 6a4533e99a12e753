/**
 * The demo hospital: a generated, bilingual workspace, so a fresh install shows
 * a working queue without any external data. Its structured diagnosis names
 * carry simulated EMR errors (vague / wrong / missing), recorded per name so
 * supervisors and the simulator can score what coders caught.
 */
import { createHash } from 'node:crypto'
import { demoCodeSet } from './demo-catalogue.js'
import { generateDemoHospital } from './generate-hospital.js'
import { injectNameNoise } from './inject-noise.js'
import type { RecordInput } from '../records/record-input.js'
import { storeImportBatch } from '../records/store-records.js'
import { installCodeSet } from '../taxonomy/install-code-set.js'
import { DEMO_ACCOUNTS } from './demo-accounts.js'
import { ensureUser, openOrCreateWorkspace, setSetting } from '../workspace/workspace.js'

export interface DemoOptions {
  seed: number
  recordCount: number
  /** Chance that a structured diagnosis name carries a simulated error. */
  noiseRatio: number
  chineseShare: number
}

export const DEFAULT_DEMO: DemoOptions = { seed: 20_261_126, recordCount: 3_000, noiseRatio: 0.2, chineseShare: 0.5 }

export interface DemoSummary {
  workspace: string
  codeSet: { id: number; name: string; version: string; codes: number; assignable: number }
  records: { inserted: number; unchanged: number; updated: number; byLanguage: Record<string, number>; bySplit: Record<string, number> }
  goldCodes: number
  diagnosisNames: number
  injectedErrors: { vague: number; wrong: number; missing: number }
  users: string[]
}

export function createDemoWorkspace(dir: string, options: DemoOptions = DEFAULT_DEMO): DemoSummary {
  const workspace = openOrCreateWorkspace(dir)
  try {
    const { database } = workspace
    // The accounts exist from the start (the import is audited as the administrator's);
    // ensureDemoAccounts gives them their demo passwords.
    for (const account of DEMO_ACCOUNTS) ensureUser(database, { id: account.id, displayName: account.displayName, role: account.role })
    setSetting(database, 'workspace_name', 'Demo Hospital · 演示医院')
    const codeSet = demoCodeSet()
    const installed = installCodeSet(database, codeSet, { actor: 'admin', format: 'demo', source: 'generated demo catalogue', rejects: [] })
    const clean = generateDemoHospital({ seed: options.seed, recordCount: options.recordCount, chineseShare: options.chineseShare })
    const noisy = injectNameNoise(clean, { ratio: options.noiseRatio, seed: options.seed + 1 })
    // A name the simulator deleted is kept, flagged `missing`, and never shown to
    // coders: it is the answer key for "did the coder catch the missing diagnosis".
    const records: RecordInput[] = noisy.records.map((record) => ({
      ...record,
      diagnosisNames: [...record.diagnosisNames, ...(noisy.missingByRecord.get(record.externalId) ?? [])],
    }))
    const summary = storeImportBatch(database, {
      format: 'demo',
      source: `generated demo hospital (seed ${options.seed})`,
      sha256: createHash('sha256').update(JSON.stringify(options)).digest('hex'),
      actor: 'admin',
      records,
      rejects: [],
    })
    const tally = (key: (record: RecordInput) => string) =>
      records.reduce<Record<string, number>>((counts, record) => ({ ...counts, [key(record)]: (counts[key(record)] ?? 0) + 1 }), {})
    return {
      workspace: workspace.dir,
      codeSet: {
        id: installed.codeSetId,
        name: codeSet.name,
        version: codeSet.version,
        codes: installed.codes,
        assignable: codeSet.codes.filter((entry) => entry.assignable).length,
      },
      records: {
        inserted: summary.inserted,
        unchanged: summary.unchanged,
        updated: summary.updated,
        byLanguage: tally((record) => record.language),
        bySplit: tally((record) => record.split),
      },
      goldCodes: records.reduce((sum, record) => sum + record.goldCodes.length, 0),
      diagnosisNames: records.reduce((sum, record) => sum + record.diagnosisNames.length, 0),
      injectedErrors: noisy.injected,
      users: DEMO_ACCOUNTS.map((account) => account.id),
    }
  } finally {
    workspace.close()
  }
}
