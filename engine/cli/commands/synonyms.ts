import { AppFailure } from '../../../contract/result.js'
import { editSynonym, loadSynonymLexicon, type SynonymLexicon } from '../../normalize/synonym-lexicon.js'
import type { SqliteDatabase } from '../../store/database.js'
import { JSON_OPTION, WORKSPACE_OPTION, actorOf, optionalString, requireString } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'

/** The lexicon changes how every name is labelled: only an admin or a supervisor edits it. */
function editor(database: SqliteDatabase, actor: string): string {
  const role = database.prepare<{ role: string }>('SELECT role FROM users WHERE id = ?').get(actor)?.role
  if (role !== 'admin' && role !== 'supervisor') throw new AppFailure('forbidden', `${actor} is a ${role ?? 'unknown user'}: only an admin or a supervisor edits the synonym lexicon.`)
  return actor
}

export const synonymsListCommand: Command<SynonymLexicon> = {
  name: ['synonyms', 'list'],
  access: 'signed-in',
  summary: "The diagnosis-name synonym and abbreviation lexicon: built-in entries and the admin's edits, with its version.",
  options: { workspace: WORKSPACE_OPTION, json: JSON_OPTION },
  run: (options) => withWorkspace(options, ({ database }) => loadSynonymLexicon(database)),
  describe: (result) => [
    `Synonym lexicon version ${result.version} (${result.entries.length} entries${result.removed.length > 0 ? `; built-in entries removed: ${result.removed.join(', ')}` : ''}):`,
    ...result.entries.map(
      (entry) =>
        `  ${entry.term.padEnd(14)} → ${entry.expansion}${entry.origin === 'built-in' ? '' : `   [v${entry.origin.version}, ${entry.origin.actor}, ${entry.origin.changedAt.slice(0, 10)}${entry.origin.reason ? `: ${entry.origin.reason}` : ''}]`}`,
    ),
  ],
}

export const synonymsAddCommand: Command<{ version: number; term: string; expansion: string }> = {
  name: ['synonyms', 'add'],
  // Admins and supervisors both edit it, and no single permission names just those two: the role is checked below.
  access: 'signed-in',
  summary: 'Add or change a synonym or abbreviation (a new, audited lexicon version; admin or supervisor).',
  options: {
    workspace: WORKSPACE_OPTION,
    term: { type: 'string', description: 'the term as clinicians write it, e.g. 慢阻肺' },
    expansion: { type: 'string', description: 'the wording the code titles use, e.g. 慢性阻塞性肺疾病' },
    reason: { type: 'string', description: 'why (kept in the lexicon and the audit log)' },
    json: JSON_OPTION,
  },
  run: (options, _positionals, context) =>
    withWorkspace(options, ({ database }) => {
      const term = requireString(options, 'term')
      const expansion = requireString(options, 'expansion')
      const reason = optionalString(options, 'reason')
      const version = editSynonym(database, { term, expansion, action: 'add', actor: editor(database, actorOf(context).id), ...(reason ? { reason } : {}) })
      return { version, term, expansion }
    }),
  describe: (result) => [`Lexicon version ${result.version}: ${result.term} → ${result.expansion}. Run \`clinicoco label\` to label the names again with it.`],
}

export const synonymsRemoveCommand: Command<{ version: number; term: string }> = {
  name: ['synonyms', 'remove'],
  access: 'signed-in',
  summary: 'Remove a synonym or abbreviation, built-in or added (a new, audited lexicon version; admin or supervisor).',
  options: {
    workspace: WORKSPACE_OPTION,
    term: { type: 'string', description: 'the term to remove' },
    reason: { type: 'string', description: 'why (kept in the lexicon and the audit log)' },
    json: JSON_OPTION,
  },
  run: (options, _positionals, context) =>
    withWorkspace(options, ({ database }) => {
      const term = requireString(options, 'term')
      const reason = optionalString(options, 'reason')
      const version = editSynonym(database, { term, action: 'remove', actor: editor(database, actorOf(context).id), ...(reason ? { reason } : {}) })
      return { version, term }
    }),
  describe: (result) => [`Lexicon version ${result.version}: ${result.term} removed.`],
}
