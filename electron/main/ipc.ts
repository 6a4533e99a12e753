/**
 * The one file that calls `ipcMain.handle`: one handler per contract method.
 * Each call is checked where nothing is trusted (the sender frame, then the
 * input against the contract's schema), forwarded to the engine process, and
 * answered with a Result value; nothing is thrown across IPC.
 */
import { ipcMain } from 'electron'
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron'
import { methodNames } from '../../contract/names.js'
import type { Method } from '../../contract/api.js'
import { parseMethodInput } from '../../contract/method-input.js'
import { err } from '../../contract/result.js'
import type { Result } from '../../contract/result.js'
import type { EngineClient } from '../../engine/host/engine-client.js'
import { EVENT_CHANNEL, channelOf } from '../channels.js'
import { isAppUrl } from './app-protocol.js'

export interface IpcTargets {
  /** The engine serving calls now; null while none runs (e.g. during a restart). */
  engine(): EngineClient | null
  /** The one window whose main frame may call. */
  window(): BrowserWindow | null
}

type CallEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>

/** Registers every contract method; returns a function that removes them. */
export function registerIpc(targets: IpcTargets): () => void {
  for (const method of methodNames) {
    ipcMain.handle(channelOf(method), (event, input: unknown, session: unknown) => handleCall(targets, method, event, input, session))
  }
  return () => {
    for (const method of methodNames) ipcMain.removeHandler(channelOf(method))
  }
}

export async function handleCall(
  targets: IpcTargets,
  method: Method,
  event: CallEvent,
  input: unknown,
  session: unknown = null,
): Promise<Result<unknown>> {
  try {
    if (!isTrustedSender(event, targets.window())) {
      return err('forbidden', `${method}: only the app's own window may call the engine.`)
    }
    const parsed = parseMethodInput(method, input)
    if (!parsed.ok) return parsed
    const engine = targets.engine()
    if (engine === null) return err('internal', 'The engine is not running.')
    const started = await engine.ready.then(
      () => null,
      (error: unknown) => err('internal', `The engine could not start: ${messageOf(error)}`),
    )
    // The session token is the engine's to judge (who, which role, locked or not); here it is only shaped.
    const token = typeof session === 'string' && session.length > 0 && session.length <= 200 ? session : null
    return started ?? (await engine.invoke(method, parsed.value, token))
  } catch (error) {
    console.error(`[ipc] ${method} failed:`, error)
    return err('internal', `${method} failed: ${messageOf(error)}`)
  }
}

/**
 * A call is trusted only from the main frame of our window while it shows the
 * app's own origin: not from a subframe, another window, or a page the window
 * was somehow navigated to.
 */
export function isTrustedSender(event: CallEvent, window: BrowserWindow | null): boolean {
  if (window === null || window.isDestroyed()) return false
  const frame = event.senderFrame
  if (frame === null) return false
  const contents = window.webContents
  if (event.sender.id !== contents.id) return false
  const mainFrame = contents.mainFrame
  const isMainFrame =
    frame === mainFrame || (frame.processId === mainFrame.processId && frame.routingId === mainFrame.routingId)
  return isMainFrame && frame.parent === null && isAppUrl(frame.url)
}

/** Sends every engine event to the window as `(name, payload)` on the event channel. */
export function forwardEngineEvents(engine: EngineClient, window: () => BrowserWindow | null): () => void {
  return engine.onEvent((name, payload) => {
    const target = window()
    if (target === null || target.isDestroyed() || !isAppUrl(target.webContents.getURL())) return
    target.webContents.send(EVENT_CHANNEL, name, payload)
  })
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
