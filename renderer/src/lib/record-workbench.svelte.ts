/** The record open in the middle of the screen, and the coding session on it. */
import type { AppClient } from '../../../contract/client.js'
import type { Decision } from '../../../contract/domain.js'
import type { AppError } from '../../../contract/result.js'
import { CodingSession } from './coding-session.svelte.js'

export class RecordWorkbench {
  session = $state.raw<CodingSession | null>(null)
  /** The id being opened, so the queue can show which row is on its way. */
  openingId = $state<string | null>(null)
  error = $state.raw<AppError | null>(null)
  /** UI language for code titles in the record's coding history. */
  language = 'en'

  readonly #client: AppClient
  #latestRequest = 0

  constructor(client: AppClient) {
    this.#client = client
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
    this.session = new CodingSession(this.#client, result.value)
    return true
  }

  noteDecision(decision: Decision): void {
    this.session?.noteDecision(decision)
  }
}
