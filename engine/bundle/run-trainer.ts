/**
 * Runs the Python trainer (models/clinicoco_train) on a training bundle. The
 * engine and the trainer meet only through files; this module finds a Python
 * with PyTorch, says exactly what to install when there is none, and streams
 * the trainer's per-epoch progress to the caller.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AppFailure } from '../../contract/result.js'

/** Debian's interpreter: PyTorch comes from `python3-torch`, which installs for it (a pyenv `python3` may come first on PATH). */
export const DEFAULT_PYTHON = '/usr/bin/python3'
export const INSTALL_HINT = 'apt-get install -y --no-install-recommends python3-torch python3-onnx libopenblas0-pthread'

export interface TrainerRequest {
  trainingBundleDir: string
  outDir: string
  seed?: number
  budgetMinutes?: number
  withoutRawStep?: boolean
  withoutNoisyStep?: boolean
  /** Fit the bag-of-tokens path on the records' text only, not also on their diagnosis names (ablation). */
  withoutNameDocuments?: boolean
  resume?: boolean
  /** Small hyper-parameters for tests and CI. */
  tiny?: boolean
  /** Further trainer flags, e.g. `['--clean-epochs', '5']`. */
  extraArgs?: string[]
  /** Receives the trainer's output line by line (progress per epoch). */
  onLine?: (line: string) => void
  /** Stops the trainer (SIGTERM); the run then fails with `TrainerStopped`. Its last epoch's checkpoint stays for --resume. */
  signal?: AbortSignal
}

/** The trainer was stopped on purpose (a cancelled training job), not broken. */
export class TrainerStopped extends Error {
  constructor() {
    super('The trainer was stopped; its last checkpoint is kept for resuming.')
    this.name = 'TrainerStopped'
  }
}

export function pythonExecutable(): string {
  return process.env.CLINICOCO_PYTHON ?? DEFAULT_PYTHON
}

/** The repository's models/ folder, found upwards from this file (dist/engine/bundle when built, engine/bundle under Vitest). */
export function modelsDirectory(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let steps = 0; steps < 5; steps += 1) {
    if (existsSync(join(dir, 'models', 'clinicoco_train'))) return join(dir, 'models')
    dir = dirname(dir)
  }
  return join(dir, 'models')
}

/** Fails with what to install when Python, PyTorch or onnx is missing. */
export function checkTrainerAvailable(): { python: string; torch: string } {
  const python = pythonExecutable()
  if (!existsSync(python)) {
    throw new AppFailure('trainer-missing', `Training needs Python 3 with PyTorch at ${python} (or set CLINICOCO_PYTHON). On Debian: ${INSTALL_HINT}`)
  }
  const probe = spawnSync(python, ['-c', 'import torch, onnx; print(torch.__version__)'], { encoding: 'utf8' })
  if (probe.status !== 0) {
    const reason = (probe.stderr || probe.error?.message || '').trim().split('\n').at(-1) ?? ''
    throw new AppFailure('trainer-missing', `${python} cannot import PyTorch and onnx (${reason}). On Debian: ${INSTALL_HINT}`)
  }
  if (!existsSync(modelsDirectory())) throw new AppFailure('trainer-missing', `The trainer's folder ${modelsDirectory()} is missing from this installation.`)
  return { python, torch: probe.stdout.trim() }
}

export async function runTrainer(request: TrainerRequest): Promise<void> {
  const args = ['--bundle', request.trainingBundleDir, '--out', request.outDir]
  if (request.seed !== undefined) args.push('--seed', String(request.seed))
  if (request.budgetMinutes !== undefined) args.push('--budget-minutes', String(request.budgetMinutes))
  if (request.withoutRawStep) args.push('--no-raw')
  if (request.withoutNoisyStep) args.push('--no-noisy')
  if (request.withoutNameDocuments) args.push('--no-name-documents')
  if (request.resume) args.push('--resume')
  if (request.tiny) args.push('--tiny')
  args.push(...(request.extraArgs ?? []))
  await runPythonModule('clinicoco_train', args, { what: 'The trainer', onLine: request.onLine, signal: request.signal })
}

/**
 * Runs one of models/' Python packages (`python -m MODULE ARGS`) with PyTorch
 * checked first, streaming its output line by line; a failure carries the
 * last 20 lines. The document-model trainer and the name-encoder trainer both go through here.
 */
export async function runPythonModule(
  module: string,
  args: readonly string[],
  options: { what: string; onLine?: (line: string) => void; signal?: AbortSignal },
): Promise<void> {
  if (options.signal?.aborted) throw new TrainerStopped()
  const { python } = checkTrainerAvailable()
  const child = spawn(python, ['-m', module, ...args], {
    env: { ...process.env, PYTHONPATH: modelsDirectory(), PYTHONUNBUFFERED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const tail: string[] = []
  const forward = (line: string): void => {
    if (line.trim() === '') return
    tail.push(line)
    if (tail.length > 20) tail.shift()
    options.onLine?.(line)
  }
  const stdout = lineSplitter(forward)
  const stderr = lineSplitter(forward)
  child.stdout.on('data', stdout.push)
  child.stderr.on('data', stderr.push)
  const stop = (): void => {
    child.kill('SIGTERM')
  }
  options.signal?.addEventListener('abort', stop, { once: true })
  const code = await new Promise<number | null>((resolvePromise, reject) => {
    child.on('error', reject)
    child.on('close', resolvePromise)
  }).finally(() => {
    options.signal?.removeEventListener('abort', stop)
    stdout.end()
    stderr.end()
  })
  if (options.signal?.aborted) throw new TrainerStopped()
  if (code !== 0) throw new AppFailure('trainer-failed', `${options.what} failed (exit ${code}):\n${tail.join('\n')}`)
}

/**
 * Cuts a stream's chunks into whole lines: a pipe delivers chunks of any size,
 * and a JSON progress line cut in two would be lost (and half of it logged).
 * Bytes are joined before decoding, so a UTF-8 character split across chunks survives.
 */
export function lineSplitter(onLine: (line: string) => void): { push: (chunk: Buffer) => void; end: () => void } {
  let pending: Buffer = Buffer.alloc(0)
  return {
    push: (chunk) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
      let start = 0
      for (let newline = pending.indexOf(10); newline !== -1; newline = pending.indexOf(10, start)) {
        onLine(pending.subarray(start, newline).toString('utf8').replace(/\r$/, ''))
        start = newline + 1
      }
      pending = pending.subarray(start)
    },
    end: () => {
      if (pending.length > 0) onLine(pending.toString('utf8'))
      pending = Buffer.alloc(0)
    },
  }
}
