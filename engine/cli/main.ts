/**
 * `clinicoco`: the engine from the command line. Same workspace, same code
 * paths as the app; every command has `--help` and `--json`.
 */
import { AppFailure, type ErrorCode } from '../../contract/result.js'
import { commandHelp, parseCommandArgs } from './command.js'
import type { Command } from './command.js'
import { commands } from './commands/index.js'
import { EXIT_CODES, exitCodeForError } from './exit-codes.js'
import { signInForCommand } from './sign-in.js'

export async function runCli(argv: string[]): Promise<number> {
  const command = findCommand(argv)
  if (!command) {
    const asked = argv.filter((word) => !word.startsWith('-')).join(' ')
    const wantsHelp = argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help'
    ;(wantsHelp ? console.log : console.error)(
      `${wantsHelp ? '' : `Unknown command "${asked}".\n\n`}${overview()}`,
    )
    return wantsHelp ? 0 : 2
  }
  const rest = argv.slice(command.name.length)
  const json = rest.includes('--json')
  try {
    const { options, positionals } = parseCommandArgs(command, rest)
    if (options.help) {
      console.log(commandHelp(command))
      return 0
    }
    const actor = await signInForCommand(command, options)
    const result = await command.run(options, positionals, { actor })
    if (json || !command.describe) console.log(JSON.stringify(result, null, 2))
    else for (const line of command.describe(result)) console.log(line)
    return command.exitCode?.(result) ?? EXIT_CODES.ok
  } catch (error) {
    const failure: { code: ErrorCode; message: string } =
      error instanceof AppFailure
        ? { code: error.code, message: error.message }
        : { code: 'internal', message: error instanceof Error ? error.message : String(error) }
    if (json) console.log(JSON.stringify({ error: failure }, null, 2))
    console.error(`clinicoco ${command.name.join(' ')}: ${failure.message}`)
    if (!(error instanceof AppFailure) && process.env.CLINICOCO_DEBUG) console.error(error)
    return exitCodeForError(failure.code)
  }
}

function findCommand(argv: string[]): Command | undefined {
  const words = argv.filter((word) => !word.startsWith('-'))
  return [...commands]
    .sort((a, b) => b.name.length - a.name.length)
    .find((command) => command.name.every((word, position) => words[position] === word && argv[position] === word))
}

function overview(): string {
  const lines = ['Usage: clinicoco <command> [options]', '', 'Commands:']
  for (const command of commands) lines.push(`  ${command.name.join(' ').padEnd(18)} ${command.summary}`)
  lines.push('', 'Run `clinicoco <command> --help` for its options.')
  return lines.join('\n')
}
