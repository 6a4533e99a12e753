/** The record open in the middle of the screen, and the coding session on it. */
import type { AppClient } from '../../../contract/client.js'
import type { CodingMode, Decision } from '../../../contract/domain.js'
import type { AppError } from '../../../contract/result.js'
import { CodingSession } from './coding-session.svelte.js'
import { CodingTimer } from './coding-timer.svelte.js'
import type { ActivitySource, TimerClock } from './coding-timer.svelte.js'

/** Where the coding timer gets its clock and its signs of life; null runs no timer (activeMs 0). */
export interface TimerSources {
  activity: ActivitySource
  clock?: TimerClock
}

export class RecordWorkbench {
  session = $state.raw<CodingSession | null>(null)
  /** The id being opened, so the queue can show which row is on its way. */
  openingId = $state<string | null>(null)
  error = $state.raw<AppError | null>(null)
  /** UI language for code titles in the record's coding history. */
  language = 'en'
  /** The mode a supervisor set for this coder (from the workspace); sessions record it. */
  mode = $state<CodingMode>('assisted')

  readonly #client: AppClient
  readonly #timerSources: TimerSources | null
  #latestRequest = 0

  constructor(client: AppClient, timerSources: TimerSources | null = null) {
    this.#client = client
    this.#timerSources = timerSources
  }

  get recordId(): string | null {
    return this.openingId ?? this.session?.record.id ?? null
  }

  /** Opens a record, replacing the current session (reopening the same id reloads it). */
  async open(recordId: string): Promise<boolean> {
    const request = ++this.#latestRequest
    this.openingId = recordId
    const result = await this.#client.openRecord({ recordId, language: this.language })
    if (request !== this.#latestRequest) return false
    this.openingId = null
    if (!result.ok) {
      this.error = result.error
      return false
    }
    this.error = null
    this.session?.dispose()
    const sources = this.#timerSources
    const timer = sources ? new CodingTimer(sources.activity, sources.clock) : null
    this.session = new CodingSession(this.#client, result.value, { timer, mode: this.mode })
    return true
  }

  dispose(): void {
    this.session?.dispose()
  }

  noteDecision(decision: Decision): void {
    this.session?.noteDecision(decision)
  }
}
