/**
 * One shape for every CLI command: options declared once (they drive parsing
 * and `--help`), `run` returns a plain result object, and the runner prints it
 * as JSON with `--json` or through the command's `describe` for people.
 */
import { parseArgs } from 'node:util'
import type { ParseArgsConfig } from 'node:util'
import type { Account, Permission } from '../../contract/auth.js'
import { AppFailure } from '../../contract/result.js'

export interface OptionSpec {
  type: 'string' | 'boolean'
  description: string
  short?: string
  multiple?: boolean
  default?: string | boolean
}

export type ParsedOptions = Record<string, string | boolean | string[] | undefined>

/**
 * Who may run a command, checked by the runner before `run` (engine/cli/sign-in.ts):
 * - `none`: no workspace account involved (public corpora, the native-module check,
 *   or `serve`, whose users each sign in to the app);
 * - `first-run`: anyone while the workspace has no account that can sign in (it
 *   creates the first ones), an administrator afterwards;
 * - `signed-in`: any signed-in user (the command checks the rest, e.g. one's own password);
 * - a permission: a signed-in user whose role holds it (engine/auth/roles.ts).
 */
export type CommandAccess = 'none' | 'first-run' | 'signed-in' | Permission

export interface CommandContext {
  /** The signed-in user the command acts as; null only for `none` and a first run. */
  actor: Account | null
}

export interface Command<Result = unknown> {
  /** Words that select the command, e.g. `['codes', 'import']`. */
  name: string[]
  summary: string
  /** Positional arguments, for the usage line, e.g. `PATH`. */
  positionals?: string
  options: Record<string, OptionSpec>
  /** Required: a command without a declared access is a type error, never an open door. */
  access: CommandAccess
  /**
   * The runner audits each signed-in run (`cli.run`) before the command starts;
   * a command that must see the trail untouched (verification) writes its own row afterwards.
   */
  auditsItself?: true
  run(options: ParsedOptions, positionals: string[], context: CommandContext): Promise<Result> | Result
  /** Human-readable lines for the result; without it the result prints as JSON. */
  describe?(result: Result): string[]
  /** The exit code for a result that was printed but reports a failure, such as a check that failed (default 0; see exit-codes.ts). */
  exitCode?(result: Result): number
}

export const JSON_OPTION: OptionSpec = { type: 'boolean', description: 'print the result as JSON' }
export const WORKSPACE_OPTION: OptionSpec = { type: 'string', description: 'workspace folder (made by `clinicoco init` or `clinicoco demo`)' }

export function parseCommandArgs(command: Command, argv: string[]): { options: ParsedOptions; positionals: string[] } {
  const config: ParseArgsConfig = {
    args: argv,
    allowPositionals: true,
    strict: true,
    options: Object.fromEntries(
      Object.entries({ ...command.options, help: { type: 'boolean', description: 'show this help' } as OptionSpec }).map(
        ([name, spec]) => [
          name,
          {
            type: spec.type,
            ...(spec.short ? { short: spec.short } : {}),
            ...(spec.multiple ? { multiple: true } : {}),
            ...(spec.default !== undefined ? { default: spec.default } : {}),
          },
        ],
      ),
    ) as ParseArgsConfig['options'],
  }
  try {
    const parsed = parseArgs(config)
    return { options: parsed.values as ParsedOptions, positionals: parsed.positionals }
  } catch (error) {
    throw new AppFailure('invalid-input', `${(error as Error).message}\nSee \`clinicoco ${command.name.join(' ')} --help\`.`)
  }
}

export function commandHelp(command: Command): string {
  const lines = [`Usage: clinicoco ${command.name.join(' ')} [options]${command.positionals ? ` ${command.positionals}` : ''}`, '', command.summary, '', 'Options:']
  const entries = Object.entries({ ...command.options, help: { type: 'boolean', description: 'show this help' } as OptionSpec })
  for (const [name, spec] of entries) {
    const flag = `--${name}${spec.type === 'string' ? ' VALUE' : ''}`
    const fallback = spec.default !== undefined ? ` (default: ${String(spec.default)})` : ''
    lines.push(`  ${flag.padEnd(26)} ${spec.description}${fallback}`)
  }
  return lines.join('\n')
}

export function requireString(options: ParsedOptions, name: string): string {
  const value = options[name]
  if (typeof value !== 'string' || value.length === 0) throw new AppFailure('invalid-input', `--${name} is required.`)
  return value
}

export function optionalString(options: ParsedOptions, name: string): string | undefined {
  const value = options[name]
  return typeof value === 'string' && value.length > 0 ? value : undefined
}

/** The signed-in user of a command whose access guarantees one. */
export function actorOf(context: CommandContext): Account {
  if (!context.actor) throw new AppFailure('unauthenticated', 'Sign in first.')
  return context.actor
}

export interface NumberRange {
  min: number
  max: number
  /** Only whole numbers (counts, seeds, ids). */
  whole?: boolean
}

/** A number option within its range; undefined when it is absent and has no default. */
export function numberOption(options: ParsedOptions, name: string, range: NumberRange): number | undefined {
  const text = optionalString(options, name)
  if (text === undefined) return undefined
  const value = Number(text)
  if (!Number.isFinite(value) || value < range.min || value > range.max || (range.whole === true && !Number.isInteger(value))) {
    throw new AppFailure('invalid-input', `--${name} must be a ${range.whole === true ? 'whole number' : 'number'} from ${range.min} to ${range.max}, not "${text}".`)
  }
  return value
}

/** A number option that must be there (given, or declared with a default). */
export function requireNumber(options: ParsedOptions, name: string, range: NumberRange): number {
  const value = numberOption(options, name, range)
  if (value === undefined) throw new AppFailure('invalid-input', `--${name} is required.`)
  return value
}

/** An option that takes one of a few words; undefined when it is absent and has no default. */
export function choiceOption<Choice extends string>(options: ParsedOptions, name: string, choices: readonly Choice[]): Choice | undefined {
  const text = optionalString(options, name)
  if (text === undefined) return undefined
  if (!(choices as readonly string[]).includes(text)) throw new AppFailure('invalid-input', `--${name} must be ${choiceList(choices)}, not "${text}".`)
  return text as Choice
}

function choiceList(choices: readonly string[]): string {
  return choices.length <= 2 ? choices.join(' or ') : `one of ${choices.join(', ')}`
}

/** Progress lines for long commands, on stderr so that `--json` output stays one JSON document on stdout; `--quiet` silences them. */
export function progressLines(options: ParsedOptions): (line: string) => void {
  return (line) => {
    if (options.quiet !== true) process.stderr.write(`${line}\n`)
  }
}

/** A comma-separated list option (`--coders a,b`), empty entries dropped; undefined when absent. */
export function listOption(options: ParsedOptions, name: string): string[] | undefined {
  const text = optionalString(options, name)
  if (text === undefined) return undefined
  return text.split(',').map((item) => item.trim()).filter((item) => item.length > 0)
}
