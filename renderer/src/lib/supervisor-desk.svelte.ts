/**
 * The supervisor's desk: per-coder figures over a date range (and their chart),
 * work batches, double-coding agreement, each coder's mode and study group, and
 * reports to export. Every figure comes from the engine; nothing is computed here
 * but shares for display.
 */
import type { Input } from '../../../contract/api.js'
import type { Account } from '../../../contract/auth.js'
import type { AppClient } from '../../../contract/client.js'
import type { CodingMode } from '../../../contract/domain.js'
import type { Agreement, CoderFigures, WorkBatch } from '../../../contract/supervision.js'
import type { AppError } from '../../../contract/result.js'
import type { SaveFile } from './save-report.js'

export type SupervisorSection = 'figures' | 'assign' | 'agreement' | 'study'
export const SUPERVISOR_SECTIONS: readonly SupervisorSection[] = ['figures', 'assign', 'agreement', 'study']

export class SupervisorDesk {
  section = $state<SupervisorSection>('figures')
  from = $state('')
  to = $state('')
  figures = $state.raw<CoderFigures[]>([])
  agreement = $state.raw<Agreement | null>(null)
  batches = $state.raw<WorkBatch[]>([])
  accounts = $state.raw<Account[]>([])
  departments = $state.raw<string[]>([])
  languages = $state.raw<string[]>([])
  problem = $state.raw<AppError | null>(null)
  notice = $state<string | null>(null)
  busy = $state(false)

  readonly #client: AppClient
  readonly #save: SaveFile | null

  constructor(client: AppClient, save: SaveFile | null = null) {
    this.#client = client
    this.#save = save
  }

  get coders(): Account[] {
    return this.accounts.filter((account) => account.role === 'coder' && !account.disabled)
  }

  async load(): Promise<void> {
    await Promise.all([this.loadFigures(), this.loadBatches(), this.loadAgreement(), this.loadAccounts(), this.#loadFacets()])
  }

  async loadFigures(): Promise<void> {
    const result = await this.#client.getCoderFigures({ ...(this.from ? { from: this.from } : {}), ...(this.to ? { to: this.to } : {}) })
    if (result.ok) this.figures = result.value.items
    else this.problem = result.error
  }

  async loadBatches(): Promise<void> {
    const result = await this.#client.listWorkBatches({})
    if (result.ok) this.batches = result.value.items
    else this.problem = result.error
  }

  async loadAgreement(): Promise<void> {
    const result = await this.#client.getAgreement({})
    if (result.ok) this.agreement = result.value
    else this.problem = result.error
  }

  async loadAccounts(): Promise<void> {
    const result = await this.#client.listUsers({})
    if (result.ok) this.accounts = result.value.items
    else this.problem = result.error
  }

  async createBatch(batch: Input<'createWorkBatch'>): Promise<WorkBatch | null> {
    this.busy = true
    try {
      const result = await this.#client.createWorkBatch(batch)
      if (!result.ok) {
        this.problem = result.error
        return null
      }
      this.problem = null
      await this.loadBatches()
      return result.value
    } finally {
      this.busy = false
    }
  }

  async closeBatch(batchId: number, reason: string): Promise<void> {
    const result = await this.#client.closeWorkBatch({ batchId, reason })
    if (result.ok) await this.loadBatches()
    else this.problem = result.error
  }

  async setStudy(userId: string, change: { mode?: CodingMode; studyGroup?: string | null }): Promise<boolean> {
    this.busy = true
    try {
      const result = await this.#client.setCoderSettings({ userId, ...change })
      if (!result.ok) {
        this.problem = result.error
        return false
      }
      this.problem = null
      this.notice = userId
      await this.loadAccounts()
      return true
    } finally {
      this.busy = false
    }
  }

  async exportReport(report: 'coders' | 'agreement' | 'reviews', format: 'csv' | 'xlsx', encoding: 'utf-8' | 'gb18030' = 'utf-8'): Promise<void> {
    const result = await this.#client.exportReport({ report, format, encoding, ...(this.from ? { from: this.from } : {}), ...(this.to ? { to: this.to } : {}) })
    if (!result.ok) {
      this.problem = result.error
      return
    }
    this.#save?.(result.value)
  }

  async #loadFacets(): Promise<void> {
    const result = await this.#client.listRecords({ limit: 1 })
    if (result.ok) {
      this.departments = result.value.facets.departments
      this.languages = result.value.facets.languages
    }
  }
}

/** A part of a whole as a 0–1 share, or null when there is no whole. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole
}
