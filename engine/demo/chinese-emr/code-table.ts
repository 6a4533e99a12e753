/**
 * The clinical 2.0 code table the generator codes with, read at run time from
 * the path the user gives (`code<TAB>name`, e.g. ../shared/data/icd10-cn/
 * clinical-2.0.tsv). Codes are looked up by their stem as well, so the case mix
 * can name `E11.201` for the table's `E11.201†N08.3*`.
 */
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { AppFailure } from '../../../contract/result.js'
import { columnIndexes, parseDelimited } from '../../io/delimited.js'
import { decodeText } from '../../io/decode-text.js'
import { readSourceFile } from '../../io/source-file.js'

export interface CodeTable {
  path: string
  /** Stem (before †, *, +) → the code as the table writes it, and its title. */
  byStem: Map<string, { code: string; title: string }>
}

/** A folder holding `clinical-2.0.tsv`, or the table file itself. */
export function readCodeTable(path: string): CodeTable {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'clinical-2.0.tsv') : path
  if (!existsSync(file)) throw new AppFailure('not-found', `${file}: no code table there. Give the clinical 2.0 table (code<TAB>name), e.g. --codes ../shared/data/icd10-cn.`)
  const source = readSourceFile(file)
  const table = parseDelimited(decodeText(source.bytes, 'auto', file).text, { file, delimiter: '\t', quoting: 'none' })
  const columns = columnIndexes(table.header, ['code', 'name'], file)
  const codeColumn = columns.get('code') ?? 0
  const nameColumn = columns.get('name') ?? 1
  const byStem = new Map<string, { code: string; title: string }>()
  for (const row of table.rows) {
    const code = (row.fields[codeColumn] ?? '').trim()
    const title = (row.fields[nameColumn] ?? '').trim()
    if (code === '' || title === '') continue
    const stem = codeStem(code)
    if (!byStem.has(stem)) byStem.set(stem, { code, title })
  }
  if (byStem.size === 0) throw new AppFailure('invalid-input', `${file}: no codes read (expected columns "code" and "name").`)
  return { path: file, byStem }
}

/** `E11.201†N08.3*` → `E11.201`. */
export function codeStem(code: string): string {
  return code.split(/[†*+]/)[0] ?? code
}

export function tableEntry(table: CodeTable, code: string): { code: string; title: string } {
  const entry = table.byStem.get(codeStem(code))
  if (!entry) throw new AppFailure('invalid-input', `${table.path}: the generator's case mix codes ${code}, which this table does not have. Use the clinical 2.0 table.`)
  return entry
}
