/** The audit trail browser: filter by user, record, action and days; page newest first; verify; export. */
import type { AppClient } from '../../../contract/client.js'
import type { AuditCheck, AuditEntry, AuditQuery } from '../../../contract/supervision.js'
import type { AppError } from '../../../contract/result.js'
import type { SaveFile } from './save-report.js'

export const AUDIT_PAGE_SIZE = 100

export interface AuditFilters {
  actor: string
  entityId: string
  action: string
  from: string
  to: string
}

export const NO_AUDIT_FILTERS: AuditFilters = { actor: '', entityId: '', action: '', from: '', to: '' }

export class AuditDesk {
  filters = $state.raw<AuditFilters>(NO_AUDIT_FILTERS)
  items = $state.raw<AuditEntry[]>([])
  total = $state(0)
  offset = $state(0)
  check = $state.raw<AuditCheck | null>(null)
  problem = $state.raw<AppError | null>(null)
  busy = $state(false)

  readonly #client: AppClient
  readonly #save: SaveFile | null

  constructor(client: AppClient, save: SaveFile | null = null) {
    this.#client = client
    this.#save = save
  }

  query(): AuditQuery {
    const { actor, entityId, action, from, to } = this.filters
    return {
      ...(actor.trim() ? { actor: actor.trim() } : {}),
      ...(entityId.trim() ? { entityId: entityId.trim() } : {}),
      ...(action.trim() ? { action: action.trim() } : {}),
      ...(/^\d{4}-\d{2}-\d{2}$/.test(from) ? { from } : {}),
      ...(/^\d{4}-\d{2}-\d{2}$/.test(to) ? { to } : {}),
    }
  }

  async search(filters: AuditFilters = this.filters): Promise<void> {
    this.filters = filters
    this.offset = 0
    await this.load()
  }

  async page(step: 1 | -1): Promise<void> {
    this.offset = Math.max(0, this.offset + step * AUDIT_PAGE_SIZE)
    await this.load()
  }

  async load(): Promise<void> {
    const result = await this.#client.listAudit({ ...this.query(), offset: this.offset, limit: AUDIT_PAGE_SIZE })
    if (result.ok) {
      this.items = result.value.items
      this.total = result.value.total
      this.problem = null
    } else this.problem = result.error
  }

  async verify(): Promise<void> {
    this.busy = true
    try {
      const result = await this.#client.verifyAudit({})
      if (result.ok) this.check = result.value
      else this.problem = result.error
    } finally {
      this.busy = false
    }
  }

  async export(format: 'csv' | 'xlsx', encoding: 'utf-8' | 'gb18030' = 'utf-8'): Promise<void> {
    const result = await this.#client.exportAudit({ ...this.query(), format, encoding })
    if (!result.ok) {
      this.problem = result.error
      return
    }
    this.#save?.(result.value)
  }
}
