/** The administrator's accounts desk: the list, and each change as one engine call the engine authorises and audits. */
import type { Account, Role } from '../../../contract/auth.js'
import type { AppClient } from '../../../contract/client.js'
import type { AppError, Result } from '../../../contract/result.js'

export class AccountsDesk {
  accounts = $state.raw<Account[]>([])
  problem = $state.raw<AppError | null>(null)
  /** What the last change did, for the status line. */
  notice = $state<string | null>(null)
  busy = $state(false)

  readonly #client: AppClient

  constructor(client: AppClient) {
    this.#client = client
  }

  async load(): Promise<void> {
    const result = await this.#client.listUsers({})
    if (result.ok) this.accounts = result.value.items
    else this.problem = result.error
  }

  create(input: { userId: string; displayName: string; role: Role; password: string }): Promise<boolean> {
    return this.#change(() => this.#client.createUser(input), input.userId)
  }

  setRole(userId: string, role: Role): Promise<boolean> {
    return this.#change(() => this.#client.setUserRole({ userId, role }), userId)
  }

  setDisabled(userId: string, disabled: boolean): Promise<boolean> {
    return this.#change(() => this.#client.setUserDisabled({ userId, disabled }), userId)
  }

  resetPassword(userId: string, password: string): Promise<boolean> {
    return this.#change(() => this.#client.resetPassword({ userId, password }), userId)
  }

  unlock(userId: string): Promise<boolean> {
    return this.#change(() => this.#client.unlockUser({ userId }), userId)
  }

  async #change(call: () => Promise<Result<Account>>, userId: string): Promise<boolean> {
    this.busy = true
    try {
      const result = await call()
      if (!result.ok) {
        this.problem = result.error
        this.notice = null
        return false
      }
      this.problem = null
      this.notice = userId
      await this.load()
      return true
    } finally {
      this.busy = false
    }
  }
}

export function accountState(account: Account): 'active' | 'disabled' | 'locked' | 'no-password' {
  if (account.disabled) return 'disabled'
  if (account.lockedUntil) return 'locked'
  return account.hasPassword ? 'active' : 'no-password'
}
