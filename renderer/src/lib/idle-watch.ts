/**
 * Calls `onIdle` once no keyboard, pointer or scroll input has come for the
 * idle minutes: the UI's side of the idle lock (the engine locks the session on
 * its own as well, so a tampered page cannot keep it open).
 */
import type { ActivitySource } from './coding-timer.svelte.js'

export interface IdleClock {
  now(): number
  setTimeout(callback: () => void, delayMs: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemIdleClock: IdleClock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => globalThis.setTimeout(callback, delayMs),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export class IdleWatch {
  readonly #activity: ActivitySource
  readonly #clock: IdleClock
  #limitMs = 0
  #lastInputAt = 0
  #timer: unknown = null
  #stopListening: (() => void) | null = null
  #onIdle: (() => void) | null = null

  constructor(activity: ActivitySource, clock: IdleClock = systemIdleClock) {
    this.#activity = activity
    this.#clock = clock
  }

  start(minutes: number, onIdle: () => void): void {
    this.stop()
    this.#limitMs = minutes * 60_000
    this.#onIdle = onIdle
    this.#lastInputAt = this.#clock.now()
    this.#stopListening = this.#activity.onActivity(() => {
      this.#lastInputAt = this.#clock.now()
    })
    this.#arm(this.#limitMs)
  }

  stop(): void {
    this.#stopListening?.()
    this.#stopListening = null
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer)
    this.#timer = null
    this.#onIdle = null
  }

  // One timer, re-armed for the time left: no work on every mouse move.
  #arm(delayMs: number): void {
    this.#timer = this.#clock.setTimeout(() => {
      const idleFor = this.#clock.now() - this.#lastInputAt
      if (idleFor >= this.#limitMs) {
        const onIdle = this.#onIdle
        this.stop()
        onIdle?.()
      } else {
        this.#arm(this.#limitMs - idleFor)
      }
    }, delayMs)
  }
}
