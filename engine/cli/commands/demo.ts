import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { modelsDirectory } from '../../bundle/run-trainer.js'
import { parsePublicKey } from '../../crypto/ed25519.js'
import { trustWorkspaceKey, workspaceSigners } from '../../model-trust/trusted-keys.js'
import { machinePolicy } from '../../policy/machine-policy.js'
import type { SqliteDatabase } from '../../store/database.js'
import { openWorkspace } from '../../workspace/workspace.js'
import { DEFAULT_DEMO, createDemoWorkspace } from '../../demo/create-demo-workspace.js'
import type { DemoSummary } from '../../demo/create-demo-workspace.js'
import { readCodeTable } from '../../demo/chinese-emr/code-table.js'
import { writeChineseEmrFiles, type ChineseEmrFiles } from '../../demo/chinese-emr/emr-files.js'
import { generateChineseEmr } from '../../demo/chinese-emr/generate-chinese-emr.js'
import { JSON_OPTION, WORKSPACE_OPTION, choiceOption, requireNumber, requireString } from '../command.js'
import { DEMO_ACCOUNTS, ensureDemoAccounts } from '../../demo/demo-accounts.js'
import type { Command } from '../command.js'
import { useModel } from '../../model-trust/use-model.js'

/** The demo hospital trusts the demo key for itself, unless the machine policy allows no workspace keys. */
function trustDemoKey(database: SqliteDatabase): void {
  const { publicKeyFile } = demoSigningKeyFiles()
  if (!existsSync(publicKeyFile) || !machinePolicy().policy.models.allowWorkspaceKeys) return
  const { keyId } = parsePublicKey(readFileSync(publicKeyFile, 'utf8'))
  if (workspaceSigners(database).some((key) => key.keyId === keyId)) return
  trustWorkspaceKey(database, { publicKey: readFileSync(publicKeyFile, 'utf8'), name: DEMO_KEY_NAME, actor: 'system' })
}

/** The demo model committed with the app (`npm run models:demo`): trained on the generated demo hospital only. */
export function bundledDemoModelDir(): string {
  return join(modelsDirectory(), 'demo')
}

/** The demo key's files (models/demo-signing-key/README.md): public on purpose, trusted by demo workspaces only. */
export function demoSigningKeyFiles(): { privateKeyFile: string; publicKeyFile: string } {
  const dir = join(modelsDirectory(), 'demo-signing-key')
  return { privateKeyFile: join(dir, 'DEMO-ONLY-NOT-SECRET.private.pem'), publicKeyFile: join(dir, 'demo.public.pem') }
}

export const DEMO_KEY_NAME = 'CliniCoCo demo key (public, demo hospital only)'

export const demoCommand: Command<DemoSummary & { accountsCreated: string[]; model: { dir: string; knnSize: number; signature: string } | null }> = {
  name: ['demo'],
  access: 'first-run',
  summary: 'Create the generated bilingual demo hospital (code set, records with simulated EMR errors, demo accounts with published passwords).',
  options: {
    workspace: WORKSPACE_OPTION,
    records: { type: 'string', description: 'number of inpatient records', default: String(DEFAULT_DEMO.recordCount) },
    seed: { type: 'string', description: 'random seed (same seed, same hospital)', default: String(DEFAULT_DEMO.seed) },
    noise: { type: 'string', description: 'share of diagnosis names given a vague/wrong/missing error', default: String(DEFAULT_DEMO.noiseRatio) },
    'chinese-share': { type: 'string', description: 'share of records written in Chinese', default: String(DEFAULT_DEMO.chineseShare) },
    model: { type: 'string', description: 'model bundle to code with (default: the bundled demo model, where present)' },
    'no-model': { type: 'boolean', description: 'create the hospital without a coding model' },
    json: JSON_OPTION,
  },
  run: async (options, _positionals, context) => {
    const summary = createDemoWorkspace(requireString(options, 'workspace'), {
      recordCount: requireNumber(options, 'records', { min: 1, max: 200_000, whole: true }),
      seed: requireNumber(options, 'seed', { min: 0, max: 2 ** 31, whole: true }),
      noiseRatio: requireNumber(options, 'noise', { min: 0, max: 1 }),
      chineseShare: requireNumber(options, 'chinese-share', { min: 0, max: 1 }),
    })
    const given = typeof options.model === 'string' ? resolve(options.model) : null
    const modelDir = options['no-model'] === true ? null : (given ?? (existsSync(join(bundledDemoModelDir(), 'manifest.json')) ? bundledDemoModelDir() : null))
    const workspace = openWorkspace(summary.workspace)
    try {
      const accounts = await ensureDemoAccounts(workspace.database)
      if (modelDir === null) return { ...summary, accountsCreated: accounts, model: null }
      trustDemoKey(workspace.database)
      // The same door as any model (`models use`): checks, signature under the machine policy, pinned, audited.
      // The kNN datastore is filled now, so the app's first suggestion does not wait for it.
      const used = await useModel(workspace, modelDir, { actor: context.actor?.id ?? 'system', policy: machinePolicy().policy.models })
      return { ...summary, accountsCreated: accounts, model: { dir: used.modelDir, knnSize: used.knnSize ?? 0, signature: used.switch.signature } }
    } finally {
      workspace.close()
    }
  },
  describe: (result) => [
    `Demo hospital in ${result.workspace}:`,
    `  code set ${result.codeSet.name} ${result.codeSet.version}: ${result.codeSet.codes} codes (${result.codeSet.assignable} assignable)`,
    `  records: ${result.records.inserted} new, ${result.records.unchanged} unchanged (${Object.entries(result.records.byLanguage).map(([language, count]) => `${count} ${language}`).join(', ')})`,
    `  simulated name errors: ${result.injectedErrors.vague} vague, ${result.injectedErrors.wrong} wrong, ${result.injectedErrors.missing} missing`,
    `  accounts: ${DEMO_ACCOUNTS.map((account) => `${account.id} (${account.role})`).join(', ')}; demo passwords in the README`,
    result.model ? `  coding model: ${result.model.dir} (${result.model.signature}; ${result.model.knnSize} records in its kNN datastore)` : '  coding model: none (suggestions off)',
  ],
}

export const demoChineseEmrCommand: Command<ChineseEmrFiles & { records: number; seed: number; codes: string; listStyles: Record<string, number> }> = {
  name: ['demo', 'chinese-emr'],
  // Writes files from a code table: no workspace, no account.
  access: 'none',
  summary: "Generate realistic Chinese inpatient records in a hospital's export layout (主诉 … 出院医嘱, 入院诊断 lists, 主要/其他诊断编码) coded in clinical 2.0, with their import mapping.",
  options: {
    out: { type: 'string', description: 'folder to write records.json, records.csv, mapping.json and truth.json into' },
    records: { type: 'string', description: 'number of records', default: '500' },
    seed: { type: 'string', description: 'random seed (same seed, same records)', default: '17' },
    codes: { type: 'string', description: 'the clinical 2.0 code table (code<TAB>name), or its folder', default: '../shared/data/icd10-cn' },
    encoding: { type: 'string', description: 'records.csv encoding: utf-8 | gb18030', default: 'utf-8' },
    json: JSON_OPTION,
  },
  run: (options) => {
    const recordCount = requireNumber(options, 'records', { min: 1, max: 200_000, whole: true })
    const seed = requireNumber(options, 'seed', { min: 0, max: 2 ** 31, whole: true })
    const encoding = choiceOption(options, 'encoding', ['utf-8', 'gb18030'] as const) ?? 'utf-8'
    const codes = readCodeTable(String(options.codes))
    const { records, truth } = generateChineseEmr({ recordCount, seed, codes })
    const files = writeChineseEmrFiles(requireString(options, 'out'), records, truth, encoding)
    const listStyles: Record<string, number> = {}
    for (const item of truth) listStyles[item.style] = (listStyles[item.style] ?? 0) + 1
    return { ...files, records: records.length, seed, codes: codes.path, listStyles }
  },
  describe: (result) => [
    `${result.records} Chinese inpatient records (seed ${result.seed}, codes from ${result.codes}) in ${result.dir}:`,
    `  ${result.json}`,
    `  ${result.csv}`,
    `  mapping: ${result.mapping}`,
    `  admission-list truth (for benchmarks): ${result.truth}`,
    `Import: clinicoco import --workspace WS --format json --mapping ${result.mapping} ${result.json}`,
  ],
}
