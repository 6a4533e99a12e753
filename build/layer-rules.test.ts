import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The architecture's import rules are lint errors; these known-bad samples prove
// that `npm run check` fails on each kind of crossing (and passes the allowed ones).
const eslint = new ESLint({ cwd: process.cwd() })

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message)
}

describe('layer rules', () => {
  it.each([
    ['renderer/src/lib/bad.ts', "import { openDatabase } from '../../../engine/store/database.js'\nopenDatabase('x')\n"],
    ['renderer/src/lib/bad.ts', "import { readFileSync } from 'node:fs'\nreadFileSync('x')\n"],
    ['engine/coding/bad.ts', "import { app } from 'electron'\napp.quit()\n"],
    ['engine/coding/bad.ts', "import Database from 'better-sqlite3'\nnew Database('x')\n"],
    ['electron/main/bad.ts', "import { openSqlite } from '../../native/sqlite.js'\nopenSqlite('x')\n"],
    ['contract/bad.ts', "import { createHash } from 'node:crypto'\ncreateHash('sha256')\n"],
    ['native/bad.ts', "import { openDatabase } from '../engine/store/database.js'\nopenDatabase('x')\n"],
  ])('rejects the forbidden import in %s', async (filePath, code) => {
    expect(await ruleIds(filePath, code)).toContain('no-restricted-imports')
  })

  it.each([
    ['renderer/src/lib/good.ts', "import { api } from '../../../contract/api.js'\nexport const names = Object.keys(api)\n"],
    ['native/good.ts', "import Database from 'better-sqlite3'\nexport const open = () => new Database(':memory:')\n"],
    ['engine/coding/good.ts', "import { openSqlite } from '../../native/sqlite.js'\nexport const open = () => openSqlite(':memory:')\n"],
  ])('allows the import in %s', async (filePath, code) => {
    expect(await ruleIds(filePath, code)).toEqual([])
  })

  // Inside engine/, folder by folder (build/engine-folders.js): each sample is a circle
  // or a crossing that the table forbids.
  it.each([
    ['engine/normalize/bad.ts', "import { configuredModelDir } from '../coding/workspace-model.js'\nexport const dir = configuredModelDir\n"],
    ['engine/records/bad.ts', "import { openRecord } from '../decisions/record-view.js'\nexport const view = openRecord\n"],
    ['engine/io/bad.ts', "export type { RecordInput } from '../records/record-input.js'\n"],
    ['engine/host/bad.ts', "import { evaluateModel } from '../evaluation/evaluate-model.js'\nexport const evaluate = evaluateModel\n"],
    ['engine/coding/bad.ts', "export const load = () => import('../evaluation/evaluate-model.js')\n"],
    ['engine/coding/bad.ts', "import { createTempWorkspace } from '../testing/temp-workspace.js'\nexport const temp = createTempWorkspace\n"],
    ['engine/unlisted/bad.ts', "import { openDatabase } from '../store/database.js'\nexport const open = openDatabase\n"],
  ])('rejects the engine folder crossing in %s', async (filePath, code) => {
    expect(await ruleIds(filePath, code)).toContain('local/engine-folders')
  })

  it.each([
    ['engine/cli/good.ts', "import { evaluateModel } from '../evaluation/evaluate-model.js'\nexport const evaluate = evaluateModel\n"],
    ['engine/coding/good.ts', "import { normalizeName } from '../normalize/normalizer.js'\nexport const normalize = normalizeName\n"],
    ['engine/coding/good.test.ts', "import { createTempWorkspace } from '../testing/temp-workspace.js'\nexport const temp = createTempWorkspace\n"],
  ])('allows the engine folder import in %s', async (filePath, code) => {
    expect(await ruleIds(filePath, code)).toEqual([])
  })

  it('rejects file names that break the naming rule', async () => {
    expect(await ruleIds('engine/coding/KnnMix.ts', 'export const x = 1\n')).toContain('local/file-names')
    expect(await ruleIds('renderer/src/components/code-list.svelte', '<p>x</p>\n')).toContain('local/file-names')
    expect(await ruleIds('engine/coding/knn-mix.ts', 'export const x = 1\n')).toEqual([])
  })
})
