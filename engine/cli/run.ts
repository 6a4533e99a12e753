import { fileURLToPath } from 'node:url'
import { ARGS_FROM_STDIN, MAX_COMMAND_LINE_BYTES, commandLineBytes, readArgsFromStdin, relaunchWithArgsOnStdin } from './long-command-line.js'
import { runCli } from './main.js'

const given = process.argv.slice(2)
// A long command line crashes ONNX Runtime (`long-command-line.ts`): run again with the arguments on stdin.
process.exitCode =
  given[0] === ARGS_FROM_STDIN
    ? await runCli(await readArgsFromStdin())
    : commandLineBytes(given) > MAX_COMMAND_LINE_BYTES
      ? await relaunchWithArgsOnStdin(fileURLToPath(import.meta.url), given)
      : await runCli(given)
