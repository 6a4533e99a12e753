/**
 * `clinicoco rules …`: the coding rules of a workspace. `list` shows the rule
 * sets and the code sets they apply to, `export` writes one as an editable
 * JSON file, `import` stores an edited file as its next version (audited),
 * and `check` runs the rules on codes for one record, as the coding view and
 * submit do.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { RuleCheck } from '../../../contract/coding-rules.js'
import { AppFailure } from '../../../contract/result.js'
import { recordRowId } from '../../records/record-row-id.js'
import { checkRecordCodes } from '../../rules/check-record.js'
import { findRuleSet, importRuleSet, listRuleSets, parseRuleSetFile } from '../../rules/rule-sets.js'
import { activeCodeSetId } from '../../workspace/workspace.js'
import { JSON_OPTION, WORKSPACE_OPTION, actorOf, optionalString, requireString } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'

interface RuleSetSummary {
  name: string
  version: number
  source: 'built-in' | 'workspace'
  appliesTo: string[]
  rules: { exclusive: number; sex: number; age: number; notPrimary: number }
}

export const rulesListCommand: Command<{ ruleSets: RuleSetSummary[] }> = {
  name: ['rules', 'list'],
  access: 'read-records',
  summary: 'List the coding rule sets (built-in and edited), newest version of each, with the code sets they apply to.',
  options: { workspace: WORKSPACE_OPTION, json: JSON_OPTION },
  run: (options) =>
    withWorkspace(options, ({ database }) => ({
      ruleSets: listRuleSets(database).map(({ rules, version, source }) => ({
        name: rules.name,
        version,
        source,
        appliesTo: rules.appliesTo,
        rules: { exclusive: rules.exclusive.length, sex: rules.sex.length, age: rules.age.length, notPrimary: rules.notPrimary.length },
      })),
    })),
  describe: (result) =>
    result.ruleSets.map(
      (set) =>
        `${set.name.padEnd(12)} v${set.version} (${set.source}) for ${set.appliesTo.join(', ')}: ${set.rules.exclusive} exclusive, ${set.rules.sex} sex, ${set.rules.age} age, ${set.rules.notPrimary} not-primary rules`,
    ),
}

export const rulesExportCommand: Command<{ name: string; version: number; out: string }> = {
  name: ['rules', 'export'],
  access: 'read-records',
  summary: 'Write a rule set as an editable JSON file (docs/coding-rules.md explains each field).',
  options: {
    workspace: WORKSPACE_OPTION,
    name: { type: 'string', description: 'rule set name (see `rules list`)' },
    out: { type: 'string', description: 'file to write' },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, ({ database }) => {
      const found = findRuleSet(database, requireString(options, 'name'))
      const out = resolve(requireString(options, 'out'))
      writeFileSync(out, `${JSON.stringify(found.rules, null, 2)}\n`)
      return { name: found.rules.name, version: found.version, out }
    }),
  describe: (result) => [`Rule set ${result.name} v${result.version} written to ${result.out}.`],
}

export const rulesImportCommand: Command<{ name: string; version: number }> = {
  name: ['rules', 'import'],
  // The rules every coder's submission is checked against: kept by whoever keeps the code sets.
  access: 'manage-code-sets',
  summary: 'Store an edited rule set as its next version (audited); the coding view and submit use it from then on.',
  positionals: 'FILE',
  options: { workspace: WORKSPACE_OPTION, json: JSON_OPTION },
  run: (options, positionals, context) =>
    withWorkspace(options, ({ database }) => {
      const file = positionals[0]
      if (!file) throw new AppFailure('invalid-input', 'Give the rule-set file to import.')
      let value: unknown
      try {
        value = JSON.parse(readFileSync(resolve(file), 'utf8'))
      } catch (error) {
        throw new AppFailure('invalid-input', `${file}: not readable JSON (${(error as Error).message}).`)
      }
      const rules = parseRuleSetFile(value, file)
      return { name: rules.name, version: importRuleSet(database, rules, actorOf(context).id) }
    }),
  describe: (result) => [`Rule set ${result.name} is now at version ${result.version}.`],
}

export const rulesCheckCommand: Command<RuleCheck & { recordId: string; codes: string[] }> = {
  name: ['rules', 'check'],
  access: 'read-records',
  summary: 'Check codes for one record against the coding rules (exclusive pairs, headings, sex and age, primary), as the coding view does.',
  options: {
    workspace: WORKSPACE_OPTION,
    record: { type: 'string', description: 'record id (its sex and age are checked)' },
    codes: { type: 'string', description: 'codes, comma-separated; the first is the primary unless --primary says' },
    primary: { type: 'string', description: 'the primary diagnosis among --codes' },
    language: { type: 'string', description: 'language of the warnings (en, zh)' },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, ({ database }) => {
      const recordId = requireString(options, 'record')
      const codes = requireString(options, 'codes').split(',').map((code) => code.trim()).filter((code) => code !== '')
      if (codes.length === 0) throw new AppFailure('invalid-input', '--codes needs at least one code.')
      const primary = optionalString(options, 'primary') ?? codes[0]
      if (!codes.includes(primary ?? '')) throw new AppFailure('invalid-input', `--primary ${primary} is not among --codes.`)
      const check = checkRecordCodes(database, {
        recordRowId: recordRowId(database, recordId),
        codeSetId: activeCodeSetId(database),
        codes: codes.map((code) => ({ code, isPrimary: code === primary })),
        language: optionalString(options, 'language'),
      })
      return { recordId, codes, ...check }
    }),
  describe: (result) => [
    `Record ${result.recordId}, codes ${result.codes.join(', ')}: rule set ${result.ruleSet ? `${result.ruleSet.name} v${result.ruleSet.version}` : '(none: structural rules only)'}`,
    ...(result.warnings.length === 0 ? ['  no warnings'] : result.warnings.map((warning) => `  [${warning.ruleId}] ${warning.message}\n      → ${warning.action}${warning.overridable ? '' : ' (cannot be overridden)'}`)),
    ...(result.unchecked.length > 0 ? [`  not checked (the record does not say): ${result.unchecked.join(', ')}`] : []),
  ],
}
