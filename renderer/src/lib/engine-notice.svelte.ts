/**
 * The notice a coder gets when the host restarted a crashed engine process
 * (`engineRestarted`): what happened, that submitted work is safe, and that a
 * call that failed just then can be tried again. Shown until dismissed.
 */
import type { EngineRestartNotice } from '../../../contract/api.js'
import type { AppClient } from '../../../contract/client.js'

export class EngineNotice {
  restart = $state.raw<EngineRestartNotice | null>(null)
  readonly #client: AppClient

  constructor(client: AppClient) {
    this.#client = client
  }

  /** Starts listening; returns the function that stops. */
  listen(): () => void {
    return this.#client.on('engineRestarted', (notice) => {
      this.restart = notice
    })
  }

  dismiss(): void {
    this.restart = null
  }
}
