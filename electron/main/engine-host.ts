/**
 * Runs the engine in an Electron utility process, so a native crash or a long
 * batch never freezes the window, and speaks the same host protocol as the
 * Node child process used in browser mode and tests.
 */
import { utilityProcess } from 'electron'
import { ENGINE_MAIN, createEngineClient } from '../../engine/host/engine-client.js'
import type { EngineProcessClient } from '../../engine/host/engine-client.js'
import type { EngineStartOptions, EngineToHost } from '../../engine/host/protocol.js'

/**
 * Starts the engine. `onUnexpectedExit` runs when the process ends without
 * having been asked to stop (a crash, or a fatal error while opening the workspace).
 */
export function forkEngine(options: EngineStartOptions, onUnexpectedExit: (code: number) => void): EngineProcessClient {
  const child = utilityProcess.fork(ENGINE_MAIN, [JSON.stringify(options)], { serviceName: 'CliniCoCo engine' })
  let stopRequested = false
  const client = createEngineClient({
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message: EngineToHost) => listener(message)),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => child.kill(),
  })
  child.on('exit', (code) => {
    if (!stopRequested) onUnexpectedExit(code)
  })
  return {
    ...client,
    stop() {
      stopRequested = true
      return client.stop()
    },
  }
}
