/**
 * Asking a person at a terminal: a line, or a password without echo. Scripts
 * never get here: they pass `--password-stdin` or use a CLI token.
 */
import { createInterface } from 'node:readline'
import { AppFailure } from '../../contract/result.js'

export function canPrompt(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true
}

export function promptLine(question: string): Promise<string> {
  const lines = createInterface({ input: process.stdin, output: process.stderr, terminal: true })
  return new Promise((resolve) => {
    lines.question(question, (answer) => {
      lines.close()
      resolve(answer.trim())
    })
  })
}

/** Reads a password from the terminal, echoing nothing; Ctrl+C aborts. */
export function promptPassword(question: string): Promise<string> {
  const input = process.stdin
  process.stderr.write(question)
  return new Promise((resolve, reject) => {
    let typed = ''
    input.setRawMode(true)
    input.resume()
    input.setEncoding('utf8')
    const finish = (error: Error | null) => {
      input.setRawMode(false)
      input.pause()
      input.removeListener('data', onData)
      process.stderr.write('\n')
      if (error) reject(error)
      else resolve(typed)
    }
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n') return finish(null)
        if (character === '\u0003') return finish(new AppFailure('invalid-input', 'Cancelled.'))
        if (character === '\u007f' || character === '\b') typed = typed.slice(0, -1)
        else typed += character
      }
    }
    input.on('data', onData)
  })
}

/** The first line of standard input (`--password-stdin`), as `docker login` reads one. */
export async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? ''
  if (line.length === 0) throw new AppFailure('invalid-input', '--password-stdin read an empty line.')
  return line
}

/** A new password: from stdin with `--password-stdin`, else asked twice at the terminal. */
export async function readNewPassword(fromStdin: boolean, who: string): Promise<string> {
  if (fromStdin) return readStdinLine()
  if (!canPrompt()) throw new AppFailure('invalid-input', 'Not at a terminal: pass the password on standard input with --password-stdin.')
  const first = await promptPassword(`New password for ${who}: `)
  const again = await promptPassword('Again: ')
  if (first !== again) throw new AppFailure('invalid-input', 'The two passwords differ.')
  return first
}
