import { resolve } from 'node:path'
import { AppFailure } from '../../../contract/result.js'
import type { ImportReject } from '../../io/import-reject.js'
import type { DeclaredEncoding } from '../../io/decode-text.js'
import type { CodeSetImport } from '../../taxonomy/importers/code-set-import.js'
import { readChineseTable } from '../../taxonomy/importers/read-chinese-table.js'
import { readClaml } from '../../taxonomy/importers/read-claml.js'
import { readCodeCsv } from '../../taxonomy/importers/read-code-csv.js'
import { readIcd10cm } from '../../taxonomy/importers/read-icd10cm.js'
import { installCodeSet } from '../../taxonomy/install-code-set.js'
import { setSetting } from '../../workspace/workspace.js'
import { JSON_OPTION, WORKSPACE_OPTION, actorOf, optionalString } from '../command.js'
import type { Command, ParsedOptions } from '../command.js'
import { withWorkspace } from './with-workspace.js'

interface CodesImportResult {
  codeSetId: number
  name: string
  version: string
  status: 'installed' | 'unchanged'
  codes: number
  terms: number
  assignable: number
  levels: Record<string, number>
  rejected: number
  rejects: ImportReject[]
  active: boolean
}

const FORMATS = ['icd10cm', 'cn-table', 'csv', 'claml'] as const

export const codesImportCommand: Command<CodesImportResult> = {
  name: ['codes', 'import'],
  access: 'manage-code-sets',
  summary: 'Install a code set: ICD-10-CM folder, Chinese code<TAB>name table, generic CSV (code,title[,parent]) or WHO ClaML XML.',
  positionals: 'PATH',
  options: {
    workspace: WORKSPACE_OPTION,
    format: { type: 'string', description: FORMATS.join(' | ') },
    name: { type: 'string', description: 'code set name (cn-table, csv; ClaML: overrides its Title)' },
    version: { type: 'string', description: 'code set version (cn-table, csv; ClaML: overrides)' },
    label: { type: 'string', description: 'label shown in the app' },
    language: { type: 'string', description: 'language of the titles (csv)', default: 'en' },
    encoding: { type: 'string', description: 'auto | utf-8 | utf-16le | utf-16be | gb18030 | gbk', default: 'auto' },
    categories: { type: 'string', description: 'cn-table: 3-character category titles (disease.csv)' },
    catalogue: { type: 'string', description: 'cn-table: chapter/block catalogue (disease_catalog.csv)' },
    activate: { type: 'boolean', description: 'make it the code set new codings use' },
    json: JSON_OPTION,
  },
  run: (options, positionals, context) =>
    withWorkspace(options, ({ database }) => {
      const path = positionals[0]
      if (!path) throw new AppFailure('invalid-input', 'Name the code set file or folder to import.')
      const format = optionalString(options, 'format')
      if (!format || !(FORMATS as readonly string[]).includes(format)) {
        throw new AppFailure('invalid-input', `--format must be one of ${FORMATS.join(', ')}.`)
      }
      const parsed = readCodeSet(format as (typeof FORMATS)[number], resolve(path), options)
      const installed = installCodeSet(database, parsed.codeSet, {
        actor: actorOf(context).id,
        format,
        source: resolve(path),
        rejects: parsed.rejects,
      })
      if (options.activate === true) setSetting(database, 'active_code_set', String(installed.codeSetId))
      const levels: Record<string, number> = {}
      for (const entry of parsed.codeSet.codes) levels[entry.level] = (levels[entry.level] ?? 0) + 1
      const active = database.prepare<{ value: string }>("SELECT value FROM settings WHERE key = 'active_code_set'").get()
      return {
        codeSetId: installed.codeSetId,
        name: parsed.codeSet.name,
        version: parsed.codeSet.version,
        status: installed.status,
        codes: installed.codes,
        terms: installed.terms,
        assignable: parsed.codeSet.codes.filter((entry) => entry.assignable).length,
        levels,
        rejected: parsed.rejects.length,
        rejects: parsed.rejects.slice(0, 100),
        active: active?.value === String(installed.codeSetId),
      }
    }),
  describe: (result) => [
    `${result.status === 'installed' ? 'Installed' : 'Already installed'}: ${result.name} ${result.version} (id ${result.codeSetId}) — ${result.codes} codes, ${result.terms} searchable terms.`,
    ...result.rejects.slice(0, 20).map((reject) => `  rejected ${reject.file}:${reject.line}: ${reject.reason}`),
    ...(result.rejected > 20 ? [`  … and ${result.rejected - 20} more rejected rows (see --json)`] : []),
  ],
}

function readCodeSet(format: (typeof FORMATS)[number], path: string, options: ParsedOptions): CodeSetImport {
  const encoding = String(options.encoding) as DeclaredEncoding
  const name = optionalString(options, 'name')
  const version = optionalString(options, 'version')
  const label = optionalString(options, 'label')
  switch (format) {
    case 'icd10cm':
      return readIcd10cm(path, label ? { label } : {})
    case 'claml':
      return readClaml(path, { ...(name ? { name } : {}), ...(version ? { version } : {}), ...(label ? { label } : {}) })
    case 'cn-table': {
      const categories = optionalString(options, 'categories')
      const catalogue = optionalString(options, 'catalogue')
      return readChineseTable(path, {
        name: requireNamed(name, 'name'),
        version: requireNamed(version, 'version'),
        label: label ?? `${name} ${version}`,
        encoding,
        ...(categories ? { categoriesPath: resolve(categories) } : {}),
        ...(catalogue ? { catalogPath: resolve(catalogue) } : {}),
      })
    }
    case 'csv':
      return readCodeCsv(path, {
        name: requireNamed(name, 'name'),
        version: requireNamed(version, 'version'),
        language: String(options.language),
        label: label ?? `${name} ${version}`,
        encoding,
      })
  }
}

function requireNamed(value: string | undefined, option: string): string {
  if (!value) throw new AppFailure('invalid-input', `--${option} is required for this format.`)
  return value
}
