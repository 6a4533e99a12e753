/**
 * Which coding rules apply to a code set, and how a hospital changes them.
 * Built-in rule sets (version 1) ship in `default-rule-sets.ts`; an imported
 * edit is stored as the next version of its set (never changed in place) in
 * the same transaction as its audit row. The newest version of a set wins.
 */
import { createHash } from 'node:crypto'
import { RuleSetFile } from '../../contract/coding-rules.js'
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import type { SqliteDatabase } from '../store/database.js'
import { DEFAULT_RULE_SETS } from './default-rule-sets.js'

export interface ActiveRuleSet {
  rules: RuleSetFile
  version: number
  source: 'built-in' | 'workspace'
}

const BUILT_IN_VERSION = 1

const BUILT_IN: readonly RuleSetFile[] = DEFAULT_RULE_SETS.map((input) => RuleSetFile.parse(input))

/** Every rule set the workspace knows, newest version of each, workspace edits first. */
export function listRuleSets(database: SqliteDatabase): ActiveRuleSet[] {
  const stored = database
    .prepare<{ name: string; version: number; body: string }>(
      `SELECT name, version, body FROM coding_rule_sets s
       WHERE version = (SELECT max(version) FROM coding_rule_sets t WHERE t.name = s.name) ORDER BY id DESC`,
    )
    .all()
    .map((row): ActiveRuleSet => ({ rules: RuleSetFile.parse(JSON.parse(row.body)), version: row.version, source: 'workspace' }))
  const storedNames = new Set(stored.map((set) => set.rules.name))
  const builtIn = BUILT_IN.filter((rules) => !storedNames.has(rules.name)).map((rules): ActiveRuleSet => ({ rules, version: BUILT_IN_VERSION, source: 'built-in' }))
  return [...stored, ...builtIn]
}

/** The rule set for a code set by its name (an exact `appliesTo` entry before a `prefix*` one); null when none applies. */
export function ruleSetForCodeSet(database: SqliteDatabase, codeSetId: number): ActiveRuleSet | null {
  const codeSet = database.prepare<{ name: string }>('SELECT name FROM code_sets WHERE id = ?').get(codeSetId)
  if (!codeSet) return null
  const sets = listRuleSets(database)
  return (
    sets.find((set) => set.rules.appliesTo.includes(codeSet.name)) ??
    sets.find((set) => set.rules.appliesTo.some((pattern) => pattern.endsWith('*') && codeSet.name.startsWith(pattern.slice(0, -1)))) ??
    null
  )
}

export function findRuleSet(database: SqliteDatabase, name: string): ActiveRuleSet {
  const found = listRuleSets(database).find((set) => set.rules.name === name)
  if (!found) throw new AppFailure('not-found', `No rule set "${name}"; \`clinicoco rules list\` shows them.`)
  return found
}

/** Parses a rule-set file; problems name the JSON path of each bad field. */
export function parseRuleSetFile(value: unknown, file: string): RuleSetFile {
  const parsed = RuleSetFile.safeParse(value)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(file)'}: ${issue.message}`)
  throw new AppFailure('invalid-input', `${file}: not a valid rule set: ${problems.join('; ')}`)
}

/** Stores an edited rule set as the next version of its name, audited; returns the version. */
export function importRuleSet(database: SqliteDatabase, rules: RuleSetFile, actor: string): number {
  const ids = new Set<string>()
  for (const rule of [...rules.exclusive, ...rules.sex, ...rules.age, ...rules.notPrimary]) {
    if (ids.has(rule.id)) throw new AppFailure('invalid-input', `Rule id "${rule.id}" is used twice in rule set ${rules.name}; each rule needs its own id.`)
    ids.add(rule.id)
  }
  for (const rule of rules.age) {
    if (rule.minYears === undefined && rule.maxYears === undefined) throw new AppFailure('invalid-input', `Age rule "${rule.id}" gives neither minYears nor maxYears.`)
    if (rule.minYears !== undefined && rule.maxYears !== undefined && rule.minYears > rule.maxYears) {
      throw new AppFailure('invalid-input', `Age rule "${rule.id}": minYears ${rule.minYears} is above maxYears ${rule.maxYears}.`)
    }
  }
  const body = JSON.stringify(rules)
  const sha256 = createHash('sha256').update(body).digest('hex')
  return database.transaction(() => {
    const stored = database.prepare<{ v: number | null }>('SELECT max(version) AS v FROM coding_rule_sets WHERE name = ?').get(rules.name)?.v ?? null
    const builtIn = BUILT_IN.some((set) => set.name === rules.name) ? BUILT_IN_VERSION : 0
    const version = Math.max(stored ?? 0, builtIn) + 1
    const importedAt = new Date().toISOString()
    database
      .prepare('INSERT INTO coding_rule_sets (name, version, body, sha256, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(rules.name, version, body, sha256, actor, importedAt)
    appendAudit(
      database,
      { actor, action: 'rules.import', entity: 'rule_set', entityId: rules.name, detail: { version, sha256, appliesTo: rules.appliesTo } },
      importedAt,
    )
    return version
  })
}
