import { describeLimits, limitKey, setWorkspaceLimit } from '../../limits/limits.js'
import type { EffectiveLimit } from '../../limits/limits.js'
import { AppFailure } from '../../../contract/result.js'
import { JSON_OPTION, WORKSPACE_OPTION, actorOf } from '../command.js'
import type { Command } from '../command.js'
import { READ_ONLY, withWorkspace } from './with-workspace.js'

function limitLine(limit: EffectiveLimit): string {
  const range = `(${limit.min.toLocaleString('en-US')}–${limit.max.toLocaleString('en-US')}, default ${limit.default.toLocaleString('en-US')})`
  return `${limit.key.padEnd(17)} ${limit.value.toLocaleString('en-US').padStart(13)}  from ${limit.source.padEnd(9)} ${range}`
}

export const limitsShowCommand: Command<{ limits: EffectiveLimit[] }> = {
  name: ['limits', 'show'],
  access: 'signed-in',
  summary: 'Show the size limits in force (field, record, import file, request body) and where each comes from.',
  options: { workspace: WORKSPACE_OPTION, json: JSON_OPTION },
  run: (options) => withWorkspace(options, ({ database }) => ({ limits: describeLimits(database) }), READ_ONLY),
  describe: (result) => result.limits.map(limitLine),
}

export const limitsSetCommand: Command<{ limit: EffectiveLimit }> = {
  name: ['limits', 'set'],
  access: 'administer',
  summary: "Set (or with --clear, reset) one of the workspace's size limits; admins only, audited. The machine policy overrides it.",
  positionals: 'KEY [VALUE]',
  options: {
    workspace: WORKSPACE_OPTION,
    clear: { type: 'boolean', description: 'go back to the default' },
    json: JSON_OPTION,
  },
  run: (options, positionals, context) =>
    withWorkspace(options, ({ database }) => {
      const [name, raw] = positionals
      if (!name) throw new AppFailure('invalid-input', 'Name the limit: fieldChars, recordChars, fileBytes or requestBodyBytes.')
      const key = limitKey(name)
      if (options.clear !== true && raw === undefined) throw new AppFailure('invalid-input', `Give a value for ${key}, or --clear.`)
      const value = options.clear === true ? null : Number(raw?.replaceAll(/[_,]/g, ''))
      if (value !== null && Number.isNaN(value)) throw new AppFailure('invalid-input', `${key}: "${raw}" is not a number.`)
      return { limit: setWorkspaceLimit(database, { key, value, actor: actorOf(context).id }) }
    }),
  describe: (result) => [limitLine(result.limit)],
}
