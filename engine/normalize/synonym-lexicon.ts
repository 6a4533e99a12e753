/**
 * The synonym and abbreviation lexicon the normaliser expands names with
 * (冠心病 → 冠状动脉粥样硬化性心脏病, 慢阻肺, 房颤, T2DM …): the built-in table of
 * general clinical usage (`abbreviations.ts`) plus the workspace admin's edits.
 *
 * Every edit is a new row with the next lexicon version, never an update, and
 * is audited in the same transaction: who added or removed which term, when
 * and why. The current lexicon is the built-in table with each term's latest
 * edit applied (a removal can retire a built-in entry too). Names labelled
 * later record the lexicon version they were expanded with.
 */
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import type { SqliteDatabase } from '../store/database.js'
import { ABBREVIATIONS } from './abbreviations.js'
import { normaliseText } from './text-features.js'

export interface SynonymEntry {
  term: string
  expansion: string
  /** `built-in`, or the version of the admin's edit that set it. */
  origin: 'built-in' | { version: number; actor: string; changedAt: string; reason: string | null }
}

export interface SynonymLexicon {
  /** 0 with no edits. */
  version: number
  entries: SynonymEntry[]
  /** Built-in terms an admin removed. */
  removed: string[]
}

export interface SynonymEdit {
  term: string
  /** Required to add; ignored to remove. */
  expansion?: string
  action: 'add' | 'remove'
  actor: string
  reason?: string
}

export const MAX_TERM_LENGTH = 60
export const MAX_EXPANSION_LENGTH = 200

interface EditRow {
  term: string
  expansion: string
  action: 'add' | 'remove'
  version: number
  actor: string
  changed_at: string
  reason: string | null
}

export function synonymLexiconVersion(database: SqliteDatabase): number {
  return database.prepare<{ version: number | null }>('SELECT max(version) AS version FROM name_synonyms').get()?.version ?? 0
}

export function loadSynonymLexicon(database: SqliteDatabase): SynonymLexicon {
  const edits = database.prepare<EditRow>('SELECT term, expansion, action, version, actor, changed_at, reason FROM name_synonyms ORDER BY version').all()
  const current = new Map<string, SynonymEntry>()
  for (const [term, expansion] of ABBREVIATIONS) current.set(normaliseText(term), { term, expansion, origin: 'built-in' })
  const builtIn = new Set(current.keys())
  const removed = new Set<string>()
  for (const edit of edits) {
    const key = normaliseText(edit.term)
    if (edit.action === 'remove') {
      current.delete(key)
      if (builtIn.has(key)) removed.add(edit.term)
    } else {
      removed.delete(edit.term)
      current.set(key, { term: edit.term, expansion: edit.expansion, origin: { version: edit.version, actor: edit.actor, changedAt: edit.changed_at, reason: edit.reason } })
    }
  }
  return { version: edits[edits.length - 1]?.version ?? 0, entries: [...current.values()], removed: [...removed] }
}

/** The term/expansion pairs of the current lexicon, for `buildAbbreviationTable`. */
export function synonymPairs(lexicon: SynonymLexicon): Array<readonly [string, string]> {
  return lexicon.entries.map((entry) => [entry.term, entry.expansion] as const)
}

/** Appends one edit (a new lexicon version) and its audit row; returns the new version. */
export function editSynonym(database: SqliteDatabase, edit: SynonymEdit): number {
  const term = edit.term.trim()
  const expansion = (edit.expansion ?? '').trim()
  if (term === '' || normaliseText(term) === '') throw new AppFailure('invalid-input', 'Give the term (the short form or synonym as clinicians write it).')
  if (term.length > MAX_TERM_LENGTH) throw new AppFailure('invalid-input', `A term is at most ${MAX_TERM_LENGTH} characters (this one has ${term.length}).`)
  if (edit.action === 'add') {
    if (expansion === '') throw new AppFailure('invalid-input', `Give the expansion of "${term}": the wording the code titles use.`)
    if (expansion.length > MAX_EXPANSION_LENGTH) throw new AppFailure('invalid-input', `An expansion is at most ${MAX_EXPANSION_LENGTH} characters.`)
    if (normaliseText(expansion) === normaliseText(term)) throw new AppFailure('invalid-input', `"${term}" would expand to itself.`)
  }
  return database.transaction(() => {
    const lexicon = loadSynonymLexicon(database)
    const known = lexicon.entries.find((entry) => normaliseText(entry.term) === normaliseText(term))
    if (edit.action === 'remove' && !known) throw new AppFailure('not-found', `"${term}" is not in the synonym lexicon.`)
    const version = lexicon.version + 1
    const changedAt = new Date().toISOString()
    database
      .prepare('INSERT INTO name_synonyms (term, expansion, action, version, actor, changed_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(term, edit.action === 'add' ? expansion : '', edit.action, version, edit.actor, changedAt, edit.reason?.trim() || null)
    appendAudit(database, {
      actor: edit.actor,
      action: `name-synonyms.${edit.action}`,
      entity: 'name_synonyms',
      entityId: String(version),
      detail: { term, ...(edit.action === 'add' ? { expansion } : {}), before: known ? known.expansion : null, reason: edit.reason ?? null },
    })
    return version
  })
}
