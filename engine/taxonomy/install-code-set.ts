/**
 * Stores a parsed code set. Several code sets live side by side, each
 * identified by name + version; installing the same content again is a no-op,
 * and different content under an installed name + version is refused (bump the
 * version) so that stored decisions keep meaning what they meant.
 */
import { createHash } from 'node:crypto'
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import type { SqliteDatabase } from '../store/database.js'
import { codeKey } from './code-key.js'
import type { CodeSetData } from './code-set-data.js'
import type { ImportReject } from '../io/import-reject.js'

export interface InstallResult {
  codeSetId: number
  status: 'installed' | 'unchanged'
  codes: number
  terms: number
}

export function codeSetDigest(data: CodeSetData): string {
  const hash = createHash('sha256')
  hash.update(JSON.stringify([data.name, data.version, data.language]))
  for (const entry of data.codes) hash.update(JSON.stringify([entry.code, entry.title, entry.parent, entry.level, entry.assignable]))
  for (const term of data.terms) hash.update(JSON.stringify([term.code, term.term, term.language, term.kind]))
  return hash.digest('hex')
}

/** Where a code set came from, kept as an import run with its rejected rows. */
export interface CodeSetSource {
  actor: string
  format: string
  source: string
  rejects: ImportReject[]
}

export function installCodeSet(database: SqliteDatabase, data: CodeSetData, origin: CodeSetSource): InstallResult {
  const actor = origin.actor
  validateCodeSet(data)
  const digest = codeSetDigest(data)
  return database.transaction(() => {
    const existing = database
      .prepare<{ id: number; source_sha256: string; code_count: number }>(
        'SELECT id, source_sha256, code_count FROM code_sets WHERE name = ? AND version = ?',
      )
      .get(data.name, data.version)
    if (existing) {
      if (existing.source_sha256 !== digest) {
        throw new AppFailure(
          'conflict',
          `Code set ${data.name} ${data.version} is already installed with different content; install it under a new version.`,
        )
      }
      const terms = database.prepare<{ n: number }>('SELECT count(*) AS n FROM code_terms WHERE code_set_id = ?').get(existing.id)
      return { codeSetId: existing.id, status: 'unchanged' as const, codes: existing.code_count, terms: terms?.n ?? 0 }
    }
    const codeSetId = Number(
      database
        .prepare(
          'INSERT INTO code_sets (name, version, language, label, code_count, source_sha256, installed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(data.name, data.version, data.language, data.label, data.codes.length, digest, new Date().toISOString())
        .lastInsertRowid,
    )
    const insertCode = database.prepare(
      'INSERT INTO codes (code_set_id, code, title, parent, level, assignable, code_key) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    const insertTerm = database.prepare(
      'INSERT INTO code_terms (code_set_id, code, term, language, kind) VALUES (?, ?, ?, ?, ?)',
    )
    for (const entry of data.codes) {
      insertCode.run(codeSetId, entry.code, entry.title, entry.parent, entry.level, entry.assignable ? 1 : 0, codeKey(entry.code))
      insertTerm.run(codeSetId, entry.code, entry.title, data.language, 'title')
    }
    const seen = new Set(data.codes.map((entry) => `${entry.code}\u0000${entry.title}`))
    let terms = data.codes.length
    for (const term of data.terms) {
      const key = `${term.code}\u0000${term.term}`
      if (seen.has(key)) continue
      seen.add(key)
      insertTerm.run(codeSetId, term.code, term.term, term.language, term.kind)
      terms += 1
    }
    database
      .prepare('INSERT INTO code_terms_fts (rowid, term) SELECT id, term FROM code_terms WHERE code_set_id = ?')
      .run(codeSetId)
    recordCodeSetImport(database, origin, digest, data.codes.length)
    appendAudit(database, {
      actor,
      action: 'code-set.install',
      entity: 'code_set',
      entityId: String(codeSetId),
      detail: { name: data.name, version: data.version, codes: data.codes.length, terms, sha256: digest },
    })
    if (!database.prepare('SELECT 1 FROM settings WHERE key = ?').get('active_code_set')) {
      database.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('active_code_set', String(codeSetId))
    }
    return { codeSetId, status: 'installed' as const, codes: data.codes.length, terms }
  })
}

function recordCodeSetImport(database: SqliteDatabase, origin: CodeSetSource, digest: string, codes: number): void {
  const now = new Date().toISOString()
  const importRunId = Number(
    database
      .prepare(
        `INSERT INTO import_runs (kind, format, source, sha256, started_at, finished_at, status, inserted, rejected, actor)
         VALUES ('code-set', ?, ?, ?, ?, ?, 'done', ?, ?, ?)`,
      )
      .run(origin.format, origin.source, digest, now, now, codes, origin.rejects.length, origin.actor).lastInsertRowid,
  )
  const insertReject = database.prepare('INSERT INTO import_rejects (import_run_id, file, line, reason) VALUES (?, ?, ?, ?)')
  for (const reject of origin.rejects) insertReject.run(importRunId, reject.file, reject.line, reject.reason)
}

function validateCodeSet(data: CodeSetData): void {
  if (data.codes.length === 0) throw new AppFailure('import-failed', `Code set ${data.name} ${data.version} has no codes.`)
  const codes = new Set<string>()
  for (const entry of data.codes) {
    if (codes.has(entry.code)) throw new AppFailure('import-failed', `Code ${entry.code} appears twice in ${data.name}.`)
    codes.add(entry.code)
  }
  for (const entry of data.codes) {
    if (entry.parent !== null && !codes.has(entry.parent)) {
      throw new AppFailure('import-failed', `Code ${entry.code} names parent ${entry.parent}, which is not in ${data.name}.`)
    }
  }
  for (const term of data.terms) {
    if (!codes.has(term.code)) throw new AppFailure('import-failed', `Term "${term.term}" names unknown code ${term.code}.`)
  }
}
