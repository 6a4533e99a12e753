/**
 * The host side of the protocol: correlates requests with responses and fans
 * out events, over any transport that moves messages. Node child processes use
 * `startEngineProcess`; Electron main wraps its utilityProcess in the same
 * `EngineChannel` shape.
 */
import { fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { EventName, Method } from '../../contract/api.js'
import { err } from '../../contract/result.js'
import type { Result } from '../../contract/result.js'
import { distDir } from './app-paths.js'
import type { EngineStartOptions, EngineToHost, HostToEngine } from './protocol.js'

export interface EngineChannel {
  send(message: HostToEngine): void
  onMessage(listener: (message: EngineToHost) => void): void
  onExit(listener: (code: number | null) => void): void
  kill(): void
}

export interface EngineClient {
  /** Resolves once the engine has opened the workspace; rejects with its reason when it could not. */
  ready: Promise<void>
  /** `session`: the token from signIn, carried with the call; the engine decides what it allows. */
  invoke(method: Method, input: unknown, session?: string | null): Promise<Result<unknown>>
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void
  stop(): Promise<void>
}

/** An engine client that also says when its process ends (what a supervisor watches). */
export interface EngineProcessClient extends EngineClient {
  onExit(listener: (code: number | null) => void): void
  /** The process id, where the transport knows it (for logs and tests). */
  readonly pid?: number
}

export const ENGINE_MAIN = engineMainPath()
const STOP_GRACE_MS = 2_000

export function createEngineClient(channel: EngineChannel): EngineProcessClient {
  let nextId = 1
  let exited = false
  const pending = new Map<number, (result: Result<unknown>) => void>()
  const listeners = new Set<(event: EventName, payload: unknown) => void>()
  let exitWaiters: Array<() => void> = []
  const exitListeners: Array<(code: number | null) => void> = []
  let settleReady: { resolve(): void; reject(error: Error): void } | undefined
  const ready = new Promise<void>((resolve, reject) => {
    settleReady = { resolve, reject }
  })

  channel.onMessage((message) => {
    switch (message.type) {
      case 'ready':
        settleReady?.resolve()
        break
      case 'fatal':
        settleReady?.reject(new Error(message.message))
        break
      case 'response':
        pending.get(message.id)?.(message.result)
        pending.delete(message.id)
        break
      case 'event':
        for (const listener of listeners) listener(message.event, message.payload)
        break
    }
  })
  channel.onExit((code) => {
    exited = true
    settleReady?.reject(new Error(`The engine process exited (code ${code}) before it was ready.`))
    for (const resolve of pending.values()) resolve(err('internal', `The engine process exited (code ${code}).`))
    pending.clear()
    for (const waiter of exitWaiters) waiter()
    exitWaiters = []
    for (const listener of exitListeners) listener(code)
  })

  return {
    ready,
    invoke(method, input, session) {
      if (exited) return Promise.resolve(err('internal', 'The engine process is not running.'))
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve)
        channel.send({ type: 'request', id, method, input, session: session ?? null })
      })
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onExit(listener) {
      exitListeners.push(listener)
    },
    stop() {
      if (exited) return Promise.resolve()
      return new Promise<void>((resolve) => {
        exitWaiters.push(resolve)
        channel.send({ type: 'shutdown' })
        setTimeout(() => {
          if (!exited) channel.kill()
        }, STOP_GRACE_MS).unref()
      })
    },
  }
}

/** Starts the engine in a Node child process (browser mode, tests, the CLI's `serve`). */
export function startEngineProcess(options: EngineStartOptions): EngineProcessClient {
  if (!existsSync(ENGINE_MAIN)) throw new Error(`The engine is not built (${ENGINE_MAIN} is missing): run \`npm run build\`.`)
  const child = fork(ENGINE_MAIN, [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const client = createEngineClient({
    send: (message) => {
      // With a callback, a failed write (the engine is exiting after a fatal
      // error) is not thrown as an 'error' event: the exit handler answers it.
      if (child.connected) child.send(message, ignoreSendFailure)
    },
    onMessage: (listener) => child.on('message', (message) => listener(message as EngineToHost)),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => child.kill(),
  })
  return child.pid === undefined ? client : { ...client, pid: child.pid }
}

function engineMainPath(): string {
  // Tests import this file from source; the engine process always runs the built JavaScript.
  return join(distDir(), 'engine/host/engine-main.js')
}

function ignoreSendFailure(): void {}
