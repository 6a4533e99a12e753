/** The machine policy as IT set it, for the read-only policy dialog; loaded when the dialog opens. */
import type { AppClient } from '../../../contract/client.js'
import type { PolicyView } from '../../../contract/policy.js'
import type { AppError } from '../../../contract/result.js'

export class MachinePolicyPanel {
  view = $state.raw<PolicyView | null>(null)
  error = $state.raw<AppError | null>(null)

  readonly #client: AppClient

  constructor(client: AppClient) {
    this.#client = client
  }

  async load(): Promise<void> {
    const result = await this.#client.getMachinePolicy({})
    if (result.ok) {
      this.view = result.value
      this.error = null
    } else {
      this.error = result.error
    }
  }
}
