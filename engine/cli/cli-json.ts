/**
 * Runs the CLI in this process with its output captured, as the command tests
 * do: the exit code and the printed JSON (pass `--json`).
 */
import { runCli } from './main.js'

export async function cliJson(argv: string[]): Promise<{ code: number; output: unknown }> {
  const lines: string[] = []
  const { log, error } = console
  console.log = (line: string) => void lines.push(line)
  console.error = () => undefined
  try {
    const code = await runCli(argv)
    return { code, output: JSON.parse(lines.join('\n')) }
  } finally {
    console.log = log
    console.error = error
  }
}
