/**
 * Doctor's check of a workspace database: the full `PRAGMA integrity_check`
 * (every page, every index against its table; the open-time `quick_check`
 * skips the indexes), the schema version, and the limits in force. It opens
 * the workspace read-only, so checking never changes what it checks.
 */
import { statSync } from 'node:fs'
import { AppFailure } from '../../contract/result.js'
import { describeLimits, type EffectiveLimit } from '../limits/limits.js'
import { integrityProblems, schemaVersion } from '../store/database.js'
import { openWorkspace } from './workspace.js'

export interface WorkspaceIntegrity {
  workspace: string
  database: string
  bytes: number
  schemaVersion: number
  /** Empty when the database is sound; else the first problems `integrity_check` names. */
  problems: string[]
  elapsedMs: number
  limits: EffectiveLimit[]
}

export function checkWorkspaceIntegrity(dir: string): WorkspaceIntegrity {
  const started = performance.now()
  let workspace
  try {
    workspace = openWorkspace(dir, { readonly: true })
  } catch (error) {
    // A database too damaged for the open-time check is still a doctor's finding, not a crash.
    if (error instanceof AppFailure && error.code === 'database-corrupt') {
      return { workspace: dir, database: '', bytes: 0, schemaVersion: -1, problems: [error.message], elapsedMs: performance.now() - started, limits: [] }
    }
    throw error
  }
  try {
    const { database } = workspace
    return {
      workspace: workspace.dir,
      database: database.path,
      bytes: statSync(database.path).size,
      schemaVersion: schemaVersion(database),
      problems: integrityProblems(database),
      elapsedMs: performance.now() - started,
      limits: describeLimits(database),
    }
  } finally {
    workspace.close()
  }
}
