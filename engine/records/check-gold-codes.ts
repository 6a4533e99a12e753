/**
 * Gold codes are checked against the workspace's code set as they are
 * imported. A code written another way (`i10.x00x002`, `E11.201` for the
 * table's `E11.201†N08.3*`) is stored as the code set spells it; a code the
 * code set does not have (`XYZ.999`, a code of another edition) is not stored
 * — it would teach the model and the normaliser a code no coder can assign —
 * and is listed among the rejects with its file and line, while the rest of
 * the record imports. The coverage line says how many codes were found.
 */
import type { SqliteDatabase } from '../store/database.js'
import { codeKey } from '../taxonomy/code-key.js'
import type { RecordImport } from './importers/record-import.js'
import type { ImportReject } from '../io/import-reject.js'
import type { RecordInput } from './record-input.js'

export interface GoldCodeCoverage {
  codeSet: { id: number; name: string; version: string }
  /** Gold codes read (after de-duplication per record). */
  total: number
  inCodeSet: number
  /** Found, but written another way; stored in the code set's spelling. */
  respelled: number
  notInCodeSet: number
  /** Share of gold codes in the code set (1 when there are none). */
  coverage: number
}

/** `E11.201†N08.3*` → `E11201`: the stem's key, before a dagger/asterisk pair or a morphology code. */
function stemKey(code: string): string {
  return codeKey(code.split(/[†*+]/)[0] ?? code)
}

export function checkGoldCodes(database: SqliteDatabase, imported: RecordImport, codeSetId: number, file: string): RecordImport & { coverage: GoldCodeCoverage; problems: ImportReject[] } {
  const codeSet = database.prepare<{ name: string; version: string }>('SELECT name, version FROM code_sets WHERE id = ?').get(codeSetId)
  const rows = database.prepare<{ code: string; code_key: string }>('SELECT code, code_key FROM codes WHERE code_set_id = ?').all(codeSetId)
  const byKey = new Map(rows.map((row) => [row.code_key, row.code]))
  // A stem maps to a code only when one code has it (a stem shared by two codes is ambiguous).
  const byStem = new Map<string, string | null>()
  for (const row of rows) {
    const stem = stemKey(row.code)
    byStem.set(stem, byStem.has(stem) ? null : row.code)
  }
  const coverage: GoldCodeCoverage = {
    codeSet: { id: codeSetId, name: codeSet?.name ?? String(codeSetId), version: codeSet?.version ?? '' },
    total: 0,
    inCodeSet: 0,
    respelled: 0,
    notInCodeSet: 0,
    coverage: 1,
  }
  const problems: ImportReject[] = []
  const records: RecordInput[] = imported.records.map((record) => {
    const kept: RecordInput['goldCodes'] = []
    const seen = new Set<string>()
    for (const gold of record.goldCodes) {
      coverage.total += 1
      const found = byKey.get(codeKey(gold.code)) ?? byStem.get(stemKey(gold.code)) ?? null
      if (found === null) {
        coverage.notInCodeSet += 1
        problems.push({
          file,
          line: imported.lines?.get(record.externalId) ?? 0,
          reason: `record ${record.externalId}: gold code ${gold.code} is not in code set ${coverage.codeSet.name} ${coverage.codeSet.version}; the record was imported without it`,
        })
        continue
      }
      coverage.inCodeSet += 1
      if (found !== gold.code) coverage.respelled += 1
      if (seen.has(found)) continue
      seen.add(found)
      kept.push({ code: found, isPrimary: gold.isPrimary })
    }
    return kept.length === record.goldCodes.length && kept.every((gold, index) => gold.code === record.goldCodes[index]?.code) ? record : { ...record, goldCodes: kept }
  })
  coverage.coverage = coverage.total > 0 ? Number((coverage.inCodeSet / coverage.total).toFixed(4)) : 1
  return { records, rejects: imported.rejects, problems, coverage, ...(imported.lines ? { lines: imported.lines } : {}) }
}
