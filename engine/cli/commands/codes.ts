import type { CodeHit } from '../../../contract/domain.js'
import { searchCodes } from '../../taxonomy/search-codes.js'
import { activeCodeSetId } from '../../workspace/workspace.js'
import { JSON_OPTION, WORKSPACE_OPTION, requireNumber } from '../command.js'
import type { Command } from '../command.js'
import { READ_ONLY, withWorkspace } from './with-workspace.js'
import { CODE_SET_OPTION, codeSetOption } from './workspace-options.js'
import { AppFailure } from '../../../contract/result.js'

interface CodeSetRow {
  id: number
  name: string
  version: string
  language: string
  label: string
  codeCount: number
  installedAt: string
}

export const codesListCommand: Command<{ codeSets: CodeSetRow[]; activeCodeSetId: number | null }> = {
  name: ['codes', 'list'],
  access: 'signed-in',
  summary: 'List the installed code sets.',
  options: { workspace: WORKSPACE_OPTION, json: JSON_OPTION },
  run: (options) =>
    withWorkspace(options, ({ database }) => {
      const codeSets = database
        .prepare<CodeSetRow>(
          `SELECT id, name, version, language, label, code_count AS codeCount, installed_at AS installedAt FROM code_sets ORDER BY id`,
        )
        .all()
      return { codeSets, activeCodeSetId: codeSets.length > 0 ? activeCodeSetId(database) : null }
    }, READ_ONLY),
  describe: (result) =>
    result.codeSets.length === 0
      ? ['No code sets installed.']
      : result.codeSets.map(
          (set) =>
            `${set.id === result.activeCodeSetId ? '*' : ' '} ${String(set.id).padStart(3)} ${set.name} ${set.version} (${set.language}, ${set.codeCount} codes) ${set.label}`,
        ),
}

export const codesSearchCommand: Command<{ query: string; elapsedMs: number; items: CodeHit[] }> = {
  name: ['codes', 'search'],
  access: 'signed-in',
  summary: 'Search a code set by code or words (any script; prefix, infix, synonyms).',
  positionals: 'QUERY',
  options: {
    workspace: WORKSPACE_OPTION,
    'code-set': CODE_SET_OPTION,
    limit: { type: 'string', description: 'at most this many hits', default: '20' },
    json: JSON_OPTION,
  },
  run: (options, positionals) =>
    withWorkspace(options, ({ database }) => {
      const query = positionals.join(' ')
      if (query.trim().length === 0) throw new AppFailure('invalid-input', 'Give a search query.')
      const started = performance.now()
      const items = searchCodes(database, {
        codeSetId: codeSetOption(database, options),
        query,
        limit: requireNumber(options, 'limit', { min: 1, max: 1_000, whole: true }),
        assignableOnly: false,
      })
      return { query, elapsedMs: performance.now() - started, items }
    }, READ_ONLY),
  describe: (result) => [
    ...result.items.map(
      (hit) => `${hit.code.padEnd(12)} ${hit.title}${hit.matchedTerm ? `  [${hit.matchedTerm}]` : ''}`,
    ),
    `${result.items.length} hits in ${result.elapsedMs.toFixed(1)} ms`,
  ],
}
