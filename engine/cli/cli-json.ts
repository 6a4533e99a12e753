/**
 * Runs the CLI in this process with its output captured, as the command tests
 * do: the exit code and the printed JSON (pass `--json`). Commands act as a
 * signed-in user: pass the CLI token a script would hold (`CLINICOCO_TOKEN`).
 */
import { runCli } from './main.js'
import { TOKEN_VARIABLE } from './sign-in.js'

export async function cliJson(argv: string[], as: { token?: string } = {}): Promise<{ code: number; output: unknown }> {
  const lines: string[] = []
  const { log, error } = console
  const previousToken = process.env[TOKEN_VARIABLE]
  console.log = (line: string) => void lines.push(line)
  console.error = () => undefined
  if (as.token === undefined) delete process.env[TOKEN_VARIABLE]
  else process.env[TOKEN_VARIABLE] = as.token
  try {
    const code = await runCli(argv)
    return { code, output: JSON.parse(lines.join('\n')) }
  } finally {
    console.log = log
    console.error = error
    if (previousToken === undefined) delete process.env[TOKEN_VARIABLE]
    else process.env[TOKEN_VARIABLE] = previousToken
  }
}
