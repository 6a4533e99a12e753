import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { submitDecision } from '../decisions/submit-decision.js'
import { createTempWorkspace } from '../testing/temp-workspace.js'
import { cliTokenFor } from '../testing/signed-in.js'
import { openWorkspace } from '../workspace/workspace.js'

// The CLI as a user runs it: the built `bin/clinicoco.js` in its own process.
const CLI = resolve('bin/clinicoco.js')
const DATA = resolve('../shared/data')
const hasData = existsSync(join(DATA, 'icd10cm')) && existsSync(join(DATA, 'codiesp')) && existsSync(join(DATA, 'chip-cdn'))

/** CLI tokens per workspace and user: the CLI always acts as a named, signed-in user. */
const tokens = new Map<string, string>()
function tokenFor(workspace: string, user: string): string {
  const key = `${workspace}\u0000${user}`
  let token = tokens.get(key)
  if (!token) {
    const opened = openWorkspace(workspace)
    try {
      token = cliTokenFor(opened, user)
    } finally {
      opened.close()
    }
    tokens.set(key, token)
  }
  return token
}

/** Runs the CLI as `user` of the workspace named by --workspace (an administrator unless said otherwise). */
function run(args: string[], user = 'admin', input?: string): { status: number; stdout: string; stderr: string } {
  const at = args.indexOf('--workspace')
  const workspace = at >= 0 ? args[at + 1] : undefined
  const token = workspace && user && existsSync(join(workspace, 'clinicoco.db')) ? tokenFor(workspace, user) : undefined
  const env = { ...process.env, CLINICOCO_TOKEN: token ?? '' }
  const result = spawnSync('node', [CLI, ...args], { encoding: 'utf8', timeout: 180_000, env, ...(input !== undefined ? { input } : {}) })
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
}

function runJson<T = Record<string, unknown>>(args: string[], user = 'admin'): T {
  const result = run([...args, '--json'], user)
  if (result.status !== 0) throw new Error(`clinicoco ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  return JSON.parse(result.stdout) as T
}

const folder = mkdtempSync(join(tmpdir(), 'clinicoco-cli-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** What a failed import must not touch. */
function contentCounts(workspace: string): Record<string, number> {
  const opened = openWorkspace(workspace)
  try {
    const counts: Record<string, number> = {}
    for (const table of ['records', 'record_sections', 'diagnosis_names', 'gold_codes', 'decisions', 'codes']) {
      counts[table] = opened.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? -1
    }
    return counts
  } finally {
    opened.close()
  }
}

describe('clinicoco CLI', () => {
  const demo = join(folder, 'demo')
  beforeAll(() => {
    runJson(['demo', '--workspace', demo, '--records', '200'])
  })

  it('lists its commands and documents each one', () => {
    const overview = run(['--help'])
    expect(overview.status).toBe(0)
    for (const command of ['demo', 'codes import', 'import', 'export', 'records list', 'serve']) {
      expect(overview.stdout).toContain(command)
    }
    const help = run(['import', '--help'])
    expect(help.stdout).toMatch(/Usage: clinicoco import \[options\] PATH/)
    expect(help.stdout).toContain('--mapping')
    const unknown = run(['frobnicate'])
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toContain('Unknown command "frobnicate"')
  })

  it('creates the demo hospital deterministically and re-running changes nothing', () => {
    const again = runJson<{ records: { inserted: number; unchanged: number; byLanguage: Record<string, number> } }>([
      'demo', '--workspace', demo, '--records', '200',
    ])
    expect(again.records.inserted).toBe(0)
    expect(again.records.unchanged).toBe(200)
    expect((again.records.byLanguage.en ?? 0) + (again.records.byLanguage.zh ?? 0)).toBe(200)
  })

  it('lists records and searches codes in Chinese and English', () => {
    const listed = runJson<{ total: number; items: Array<{ id: string }> }>(['records', 'list', '--workspace', demo, '--limit', '5'], 'coder')
    expect(listed.total).toBe(200)
    expect(listed.items).toHaveLength(5)
    const chinese = runJson<{ items: Array<{ code: string }> }>(['codes', 'search', '--workspace', demo, '高血压'])
    expect(chinese.items.map((hit) => hit.code)).toContain('I10')
    const english = runJson<{ items: Array<{ code: string }> }>(['codes', 'search', '--workspace', demo, 'pneumonia'])
    expect(english.items.length).toBeGreaterThan(0)
  })

  it('exports decisions as GB18030 CSV that reads back with the Chinese titles intact', () => {
    const opened = openWorkspace(demo)
    const codeSetId = opened.database.prepare<{ id: number }>('SELECT id FROM code_sets').get()?.id ?? 0
    submitDecision(opened.database, {
      recordId: 'DEMO-000001',
      codes: [{ code: 'I10', isPrimary: true }],
      comment: '复核：血压记录',
      baseVersion: 0,
      coder: 'coder',
      codeSetId,
      activeMs: 42_500,
      mode: 'manual',
    })
    opened.close()
    const out = join(folder, 'decisions.csv')
    const summary = runJson<{ rows: number; records: number }>([
      'export', '--workspace', demo, '--encoding', 'gb18030', '--out', out,
    ], 'supervisor')
    expect(summary).toMatchObject({ rows: 1, records: 1 })
    const bytes = readFileSync(out)
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow()
    const text = iconv.decode(bytes, 'gb18030')
    expect(text.split('\r\n')[0]).toBe('record_id,version,coder,submitted_at,code_set,code,title,is_primary,comment,active_seconds,mode')
    expect(text).toContain('DEMO-000001,1,coder,')
    expect(text).toContain(',I10,Essential (primary) hypertension,1,复核：血压记录,42.5,manual')
    const history = runJson<{ decisions: Array<{ version: number }> }>(['decisions', 'list', '--workspace', demo, '--record', 'DEMO-000001'], 'supervisor')
    expect(history.decisions.map((decision) => decision.version)).toEqual([1])
    expect(runJson<{ intact: boolean }>(['audit', 'verify', '--workspace', demo], 'auditor').intact).toBe(true)
  })

  describe('importing records with a mapping', () => {
    const mapping = join(folder, 'mapping.json')
    beforeAll(() => {
      writeFileSync(
        mapping,
        JSON.stringify({
          id: 'visit_no',
          language: 'zh',
          sections: [{ field: '主诉', kind: 'chief_complaint' }, { field: '现病史', kind: 'present_illness' }],
          diagnosisNames: { field: '出院诊断', separator: ';' },
          goldCodes: { field: 'icd', separator: '|' },
        }),
      )
    })
    const header = 'visit_no,主诉,现病史,出院诊断,icd'

    it('imports the good rows, reports the corrupt one by line, and is idempotent', () => {
      const file = join(folder, 'visits.csv')
      writeFileSync(
        file,
        [header, 'V1,头痛3天,血压170/95mmHg,高血压;糖尿病,I10|E11.9', 'V2,"咳嗽,发热",体温38.5℃,肺炎,J18.9', 'V3,"unterminated,x,y,z', 'V4,胸闷,心电图ST段压低,冠心病,I25.1'].join('\n'),
      )
      const partial = run(['import', '--workspace', demo, '--format', 'csv', '--mapping', mapping, file, '--json'])
      // Rows were refused: the exit code says so (3), though the good rows are stored.
      expect(partial.status).toBe(3)
      const first = JSON.parse(partial.stdout) as { inserted: number; rejected: number; rejects: Array<{ line: number; reason: string }> }
      expect(first.inserted).toBeGreaterThanOrEqual(2)
      expect(first.rejected).toBeGreaterThanOrEqual(1)
      expect(first.rejects[0]?.line).toBe(4)
      const again = run(['import', '--workspace', demo, '--format', 'csv', '--mapping', mapping, file, '--json'])
      expect(again.status).toBe(3)
      const second = JSON.parse(again.stdout) as { inserted: number; unchanged: number }
      expect(second).toMatchObject({ inserted: 0, unchanged: first.inserted })
    })

    it('refuses a file in another encoding than declared, naming the place, and stores nothing', () => {
      const file = join(folder, 'gbk.csv')
      writeFileSync(file, iconv.encode(`${header}\nV9,腹痛,右下腹压痛,阑尾炎,K35.8\n`, 'gb18030'))
      const declared = join(folder, 'mapping-utf8.json')
      writeFileSync(declared, JSON.stringify({ ...JSON.parse(readFileSync(mapping, 'utf8')), encoding: 'utf-8' }))
      const before = contentCounts(demo)
      const result = run(['import', '--workspace', demo, '--format', 'csv', '--mapping', declared, file])
      expect(result.status).toBe(1)
      expect(result.stderr).toContain('gbk.csv')
      expect(result.stderr).toMatch(/UTF-8/i)
      expect(contentCounts(demo)).toEqual(before)
    })

    it('refuses truncated JSON with its line and stores nothing', () => {
      const file = join(folder, 'visits.json')
      writeFileSync(file, '[\n  {"visit_no": "J1", "主诉": "头晕", "现病史": "x", "出院诊断": "眩晕", "icd": "R42"},\n  {"visit_no": "J2", "主诉": "胸')
      const before = contentCounts(demo)
      const result = run(['import', '--workspace', demo, '--format', 'json', '--mapping', mapping, file])
      expect(result.status).toBe(1)
      expect(result.stderr).toMatch(/visits\.json.*line 3/)
      expect(contentCounts(demo)).toEqual(before)
    })

    it('refuses a mapping whose field the file lacks, naming the field, and stores nothing', () => {
      const file = join(folder, 'no-diagnosis.csv')
      writeFileSync(file, 'visit_no,主诉,现病史,icd\nW1,a,b,I10\n')
      const before = contentCounts(demo)
      const result = run(['import', '--workspace', demo, '--format', 'csv', '--mapping', mapping, file])
      expect(result.status).toBe(1)
      expect(result.stderr).toContain('出院诊断')
      expect(contentCounts(demo)).toEqual(before)
    })
  })

  it("lets a supervisor set a coder's mode, and refuses an unknown one", () => {
    const changed = runJson<{ from: string; to: string }>(['users', 'mode', '--workspace', demo, '--coder', 'coder', '--mode', 'black-box'], 'supervisor')
    expect(changed).toEqual({ user: 'coder', from: 'assisted', to: 'black-box' })
    const users = runJson<{ users: Array<{ id: string; mode: string }> }>(['users', 'list', '--workspace', demo])
    expect(users.users).toContainEqual(expect.objectContaining({ id: 'coder', mode: 'black-box' }))
    const refused = run(['users', 'mode', '--workspace', demo, '--coder', 'coder', '--mode', 'autopilot'], 'supervisor')
    expect(refused.status).toBe(2)
    expect(refused.stderr).toContain('--mode must be assisted, black-box or manual')
  })

  it('installs a generic CSV code set beside the others and reports rejected rows', () => {
    const file = join(folder, 'codes.csv')
    writeFileSync(file, 'code,title,parent\nA,Chapter A,\nA01,Fever,A\nA01,Duplicate,A\nA02,Cough,ZZ\n')
    const result = runJson<{ codes: number; rejected: number; status: string }>([
      'codes', 'import', '--workspace', demo, '--format', 'csv', '--name', 'local', '--version', '1', file,
    ])
    expect(result).toMatchObject({ codes: 2, rejected: 2, status: 'installed' })
    const listed = runJson<{ codeSets: Array<{ name: string }> }>(['codes', 'list', '--workspace', demo], 'coder')
    expect(listed.codeSets.map((set) => set.name)).toEqual(['demo-icd10', 'local'])
  })
})

describe.skipIf(!hasData)(`clinicoco on the real data in ${DATA}${hasData ? '' : ' (absent: skipped)'}`, () => {
  const workspace = join(folder, 'real')
  beforeAll(() => {
    // A new workspace as IT creates it: `init`, then the administrator's password (`users init`), then a coder.
    runJson(['init', '--workspace', workspace, '--name', 'Real data'])
    const init = run(['users', 'init', '--workspace', workspace, '--password-stdin'], '', 'it-first-secret-1\n')
    if (init.status !== 0) throw new Error(init.stderr)
    const coder = run(['users', 'add', '--workspace', workspace, '--id', 'li.coder', '--role', 'coder', '--password-stdin'], 'admin', 'first-coder-password\n')
    if (coder.status !== 0) throw new Error(coder.stderr)
  })

  it('installs ICD-10-CM with its hierarchy and index terms, then finds codes by words', () => {
    const installed = runJson<{ codes: number; terms: number; levels: Record<string, number> }>([
      'codes', 'import', '--workspace', workspace, '--format', 'icd10cm', join(DATA, 'icd10cm'),
    ])
    expect(installed.codes).toBeGreaterThan(94_000)
    expect(installed.levels).toMatchObject({ chapter: 21 })
    expect(installed.terms).toBeGreaterThan(200_000)
    const hits = runJson<{ items: Array<{ code: string; path: Array<{ code: string }> }> }>([
      'codes', 'search', '--workspace', workspace, 'type 2 diabetes',
    ])
    expect(hits.items.map((hit) => hit.code)).toContain('E11.9')
  })

  it('installs the Chinese clinical tables side by side', () => {
    const beijing = runJson<{ codes: number; rejected: number }>([
      'codes', 'import', '--workspace', workspace, '--format', 'cn-table', '--name', 'icd10-beijing-clinical', '--version', 'v601',
      '--catalogue', join(DATA, 'icd10-cn/disease_catalog.csv'), '--categories', join(DATA, 'icd10-cn/disease.csv'),
      join(DATA, 'chip-cdn/icd10_beijing_clinical_v601.tsv'),
    ])
    expect(beijing.codes).toBeGreaterThan(40_000)
    const clinical = runJson<{ codes: number; codeSetId: number }>([
      'codes', 'import', '--workspace', workspace, '--format', 'cn-table', '--name', 'icd10-cn-clinical', '--version', '2.0',
      '--catalogue', join(DATA, 'icd10-cn/disease_catalog.csv'), '--categories', join(DATA, 'icd10-cn/disease.csv'),
      join(DATA, 'icd10-cn/clinical-2.0.tsv'),
    ])
    expect(clinical.codes).toBeGreaterThan(37_000)
    const hits = runJson<{ items: Array<{ code: string }> }>([
      'codes', 'search', '--workspace', workspace, '--code-set', String(clinical.codeSetId), '高血压',
    ])
    expect(hits.items.some((hit) => hit.code.startsWith('I10'))).toBe(true)
  })

  it('imports the CodiEsp corpus with splits and gold codes, idempotently', () => {
    const first = runJson<{ inserted: number; rejected: number }>([
      'import', '--workspace', workspace, '--format', 'codiesp', join(DATA, 'codiesp'),
    ])
    expect(first).toMatchObject({ inserted: 3_501, rejected: 0 })
    const again = runJson<{ inserted: number; unchanged: number }>([
      'import', '--workspace', workspace, '--format', 'codiesp', join(DATA, 'codiesp'),
    ])
    expect(again).toMatchObject({ inserted: 0, unchanged: 3_501 })
    const counts = execFileSync('node', [CLI, 'records', 'list', '--workspace', workspace, '--json', '--limit', '1'], {
      encoding: 'utf8',
      env: { ...process.env, CLINICOCO_TOKEN: tokenFor(workspace, 'li.coder') },
    })
    expect(JSON.parse(counts).total).toBe(3_501)
  })
})

describe('clinicoco normalize with the name encoder', () => {
  // Regression (issue 17): with an encoder installed, 175+ admission lists on the command line (about 25 KB)
  // crashed with a segmentation fault inside ONNX Runtime; the CLI now passes long argument lists to itself on stdin.
  it('normalises 1,000 names given in one call (a 50 KB command line) and answers for every one', () => {
    const temp = createTempWorkspace()
    temp.workspace.close()
    try {
      runJson(['normalize', 'train-encoder', '--workspace', temp.dir, '--tiny', '--budget-minutes', '1'])
      const names = Array.from({ length: 1_000 }, (_, index) => `${index + 1}.高血压病3级（很高危） 2.肺炎 3.HTN with pneumonia, case ${index}`)
      expect(names.join(' ').length).toBeGreaterThan(50_000)
      const result = spawnSync('node', [CLI, 'normalize', '--workspace', temp.dir, '--json', ...names], {
        encoding: 'utf8',
        timeout: 300_000,
        maxBuffer: 256 * 1024 * 1024,
        // The re-run on stdin acts as the same signed-in user.
        env: { ...process.env, CLINICOCO_TOKEN: tokenFor(temp.dir, 'admin') },
      })
      expect(result.signal).toBeNull()
      expect(result.status).toBe(0)
      const output = JSON.parse(result.stdout) as { encoder: string | null; names: Array<{ name: string; codes: Array<{ code: string }> }> }
      expect(output.encoder).toMatch(/^name-encoder-/)
      expect(output.names).toHaveLength(1_000)
      expect(output.names[999]?.name).toBe(names[999])
      expect(output.names.every((name) => name.codes.some((code) => code.code === 'J18.9'))).toBe(true)
    } finally {
      temp.cleanup()
    }
  }, 600_000)
})
