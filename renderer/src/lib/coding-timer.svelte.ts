/**
 * Active time on the open record, stored with the decision so the paper's
 * speed comparison (assisted vs black-box vs manual) measures work, not a
 * record left open over lunch. It runs while the page is visible and the coder
 * has touched keyboard, mouse or scroll within the idle limit; it pauses when
 * either stops and resumes on the next input.
 */

/** A coder reading a long record may not touch anything for a while; a minute without input is taken as away. */
export const IDLE_LIMIT_MS = 60_000
/** The display shows whole seconds. */
const TICK_MS = 1_000
/** The contract's ceiling for `activeMs`: one day. */
export const MAX_ACTIVE_MS = 86_400_000

export interface TimerClock {
  now(): number
  setInterval(callback: () => void, intervalMs: number): unknown
  clearInterval(handle: unknown): void
}

/** Where visibility and input come from; a test passes a fake it can drive. */
export interface ActivitySource {
  isVisible(): boolean
  /** Each returns the function that stops listening. */
  onVisibilityChange(listener: () => void): () => void
  onActivity(listener: () => void): () => void
}

export const systemClock: TimerClock = {
  now: () => Date.now(),
  // Looked up at call time, so vitest's fake timers apply when installed after import.
  setInterval: (callback, intervalMs) => globalThis.setInterval(callback, intervalMs),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof setInterval>),
}

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'scroll', 'touchstart'] as const

export function documentActivity(target: Document): ActivitySource {
  return {
    isVisible: () => target.visibilityState !== 'hidden',
    onVisibilityChange(listener) {
      target.addEventListener('visibilitychange', listener)
      return () => target.removeEventListener('visibilitychange', listener)
    },
    onActivity(listener) {
      // Capture: scrolls inside a panel do not bubble, and a handler that stops propagation must not hide input.
      const options = { capture: true, passive: true }
      for (const event of ACTIVITY_EVENTS) target.addEventListener(event, listener, options)
      return () => {
        for (const event of ACTIVITY_EVENTS) target.removeEventListener(event, listener, options)
      }
    },
  }
}

export class CodingTimer {
  /** Active milliseconds as of the last tick or state change; read `activeMs()` for the exact figure. */
  elapsedMs = $state(0)
  running = $state(false)

  readonly #clock: TimerClock
  readonly #activity: ActivitySource
  readonly #idleLimitMs: number
  readonly #stopListening: Array<() => void>
  #bankedMs = 0
  #runningSince = 0
  // Plain field: pointer moves update it many times a second and nothing renders it.
  #lastInputAt: number
  #ticker: unknown = null

  constructor(activity: ActivitySource, clock: TimerClock = systemClock, idleLimitMs = IDLE_LIMIT_MS) {
    this.#clock = clock
    this.#activity = activity
    this.#idleLimitMs = idleLimitMs
    this.#lastInputAt = clock.now()
    this.#stopListening = [activity.onVisibilityChange(() => this.#update()), activity.onActivity(() => this.#noteInput())]
    this.#update()
  }

  /** Exact active time now, whole milliseconds, capped at the contract's one day. */
  activeMs(): number {
    const now = this.#clock.now()
    const current = this.running ? this.#bankedMs + Math.max(0, Math.min(now, this.#idleAt()) - this.#runningSince) : this.#bankedMs
    return Math.min(MAX_ACTIVE_MS, Math.round(current))
  }

  /** Starts again from zero, counting as if the coder had just acted (a record opened, a new version begun). */
  reset(): void {
    this.#bankedMs = 0
    this.#lastInputAt = this.#clock.now()
    this.#runningSince = this.#lastInputAt
    this.elapsedMs = 0
    this.#update()
  }

  dispose(): void {
    for (const stop of this.#stopListening) stop()
    this.#stopTicking()
    this.#pause()
  }

  #idleAt(): number {
    return this.#lastInputAt + this.#idleLimitMs
  }

  #noteInput(): void {
    this.#lastInputAt = this.#clock.now()
    if (!this.running) this.#update()
  }

  /** Runs or pauses to match visibility and idleness; called on every change and tick. */
  #update(): void {
    const shouldRun = this.#activity.isVisible() && this.#clock.now() < this.#idleAt()
    if (shouldRun && !this.running) {
      this.#runningSince = this.#clock.now()
      this.running = true
      this.#startTicking()
    } else if (!shouldRun && this.running) {
      this.#pause()
    }
    this.elapsedMs = this.activeMs()
  }

  /**
   * Idle time up to the limit still counts (the coder was reading); time past it does not,
   * which is why the pause is dated at the idle limit rather than at the tick that noticed it.
   */
  #pause(): void {
    if (!this.running) return
    this.#bankedMs = this.activeMs()
    this.running = false
    this.#stopTicking()
  }

  #startTicking(): void {
    if (this.#ticker === null) this.#ticker = this.#clock.setInterval(() => this.#update(), TICK_MS)
  }

  #stopTicking(): void {
    if (this.#ticker === null) return
    this.#clock.clearInterval(this.#ticker)
    this.#ticker = null
  }
}

/** m:ss (minutes unbounded), the clock face coders expect for short tasks. */
export function formatActiveTime(activeMs: number): string {
  const totalSeconds = Math.floor(activeMs / 1000)
  const minutes = Math.floor(totalSeconds / 60)
  const seconds = totalSeconds % 60
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`
}
