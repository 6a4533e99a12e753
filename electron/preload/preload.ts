/**
 * Turns the contract into `window.app`: one function per contract method and
 * `on(event, listener)` for contract events. It exposes verbs, never Electron:
 * no ipcRenderer, no channel names, no IpcRendererEvent reaches the page.
 *
 * Sandboxed preloads cannot load npm packages, so build/bundle-preload.mjs
 * bundles this file into one CommonJS script; it imports only names (see
 * ../channels.ts) and types, which keeps zod out of the bundle.
 */
import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRenderer, IpcRendererEvent } from 'electron'
import type { EventName } from '../../contract/api.js'
import type { AppClient } from '../../contract/client.js'
import type { Result } from '../../contract/result.js'
import { EVENT_CHANNEL, channelOf, eventNames, isEventName, methodNames } from '../channels.js'

export type PreloadIpc = Pick<IpcRenderer, 'invoke' | 'on'>

export function bindApi(ipc: PreloadIpc): AppClient {
  const subscriptions = new Map<EventName, Set<(payload: unknown) => void>>()
  let relaying = false

  function relay(_event: IpcRendererEvent, name: unknown, payload: unknown): void {
    if (!isEventName(name)) return
    for (const subscription of subscriptions.get(name) ?? []) {
      try {
        subscription(payload)
      } catch (error) {
        console.error(`[app] a "${name}" listener failed:`, error)
      }
    }
  }

  const app: Record<string, unknown> = {}
  for (const method of methodNames) {
    app[method] = (input: unknown, session?: unknown): Promise<Result<unknown>> =>
      ipc.invoke(channelOf(method), input, typeof session === 'string' ? session : null).catch((error: unknown) => ({
        ok: false,
        error: { code: 'internal', message: `${method} failed: ${error instanceof Error ? error.message : String(error)}` },
      }))
  }
  app.on = (event: unknown, listener: unknown): (() => void) => {
    if (!isEventName(event)) throw new Error(`Unknown event "${String(event)}"; expected one of: ${eventNames.join(', ')}.`)
    if (typeof listener !== 'function') throw new TypeError('The event listener must be a function.')
    if (!relaying) {
      ipc.on(EVENT_CHANNEL, relay)
      relaying = true
    }
    // A wrapper per subscription, so one listener subscribed twice is unsubscribed once at a time.
    const subscription = (payload: unknown): void => void listener(payload)
    const listeners = subscriptions.get(event) ?? new Set()
    listeners.add(subscription)
    subscriptions.set(event, listeners)
    return () => {
      listeners.delete(subscription)
    }
  }
  return Object.freeze(app) as AppClient
}

contextBridge.exposeInMainWorld('app', bindApi(ipcRenderer))
