/** The header's facts: workspace name, signed-in user, coding progress. */
import type { AppClient } from '../../../contract/client.js'
import type { WorkspaceInfo } from '../../../contract/domain.js'
import type { AppError } from '../../../contract/result.js'

export class WorkspaceSummary {
  info = $state.raw<WorkspaceInfo | null>(null)
  error = $state.raw<AppError | null>(null)

  readonly #client: AppClient

  constructor(client: AppClient) {
    this.#client = client
  }

  async load(): Promise<void> {
    const result = await this.#client.getWorkspace({})
    if (result.ok) {
      this.info = result.value
      this.error = null
    } else {
      this.error = result.error
    }
  }
}
