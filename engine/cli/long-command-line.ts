/**
 * A command line too long for ONNX Runtime. `clinicoco normalize` with 175 or
 * more admission lists as arguments (about 25 KB) died with a segmentation
 * fault as soon as the name encoder opened: ONNX Runtime reads the process's
 * whole command line (/proc/self/cmdline) while it creates a session, with one
 * native stack frame per byte or so (gdb: ~87,000 frames of three alternating
 * functions in libonnxruntime.so.1), and overflows the 8 MB main-thread stack.
 * Measured here: one 20,000-byte argument works, 30,000 crashes; the
 * environment's size does not matter; `process.title` does not shorten what the
 * kernel reports. Nothing in our code recurses — the names only have to stay
 * off the command line of any process that opens an ONNX session.
 *
 * So a CLI run whose arguments exceed `MAX_COMMAND_LINE_BYTES` hands them, as
 * JSON on stdin, to a fresh copy of itself started with one short argument,
 * and exits with its exit code: the same command, same output, any number of
 * names. The app never passes user data on a command line.
 */
import { spawn } from 'node:child_process'
import { constants } from 'node:os'

/** Arguments beyond this many bytes go through stdin (half the measured 20 KB that still works). */
export const MAX_COMMAND_LINE_BYTES = 10_000
export const ARGS_FROM_STDIN = '--args-from-stdin'

export function commandLineBytes(argv: readonly string[]): number {
  return argv.reduce((sum, argument) => sum + Buffer.byteLength(argument) + 1, 0)
}

/** Runs this CLI again in a child with `argv` on stdin; resolves to its exit code. */
export function relaunchWithArgsOnStdin(entry: string, argv: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ARGS_FROM_STDIN], { stdio: ['pipe', 'inherit', 'inherit'] })
    child.on('error', reject)
    // Exit as a shell reports a child killed by a signal: 128 + its number.
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)))
    child.stdin.end(JSON.stringify(argv))
  })
}

/** The arguments a relaunched CLI was given on stdin. */
export async function readArgsFromStdin(): Promise<string[]> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) throw new Error(`${ARGS_FROM_STDIN}: expected a JSON array of strings on stdin`)
  return parsed
}
