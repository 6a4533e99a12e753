/**
 * A workspace is one folder holding one hospital's database. Everything the
 * app does happens inside a workspace; the CLI and the app open it the same way.
 *
 * Only `clinicoco init` (`createWorkspace`) and the demo (`openOrCreateWorkspace`)
 * make one. Everything else opens an existing workspace and refuses a missing
 * or empty database: a mistyped path must fail, not start an empty hospital.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Role } from '../../contract/auth.js'
import type { CodingMode } from '../../contract/domain.js'
import { AppFailure } from '../../contract/result.js'
import { writeCheckpoint } from '../audit/checkpoints.js'
import { openDatabase } from '../store/database.js'
import type { SqliteDatabase } from '../store/database.js'

export const DATABASE_FILE = 'clinicoco.db'

export type { Role } from '../../contract/auth.js'

export interface User {
  id: string
  displayName: string
  role: Role
  mode: CodingMode
}

export interface Workspace {
  dir: string
  database: SqliteDatabase
  close(): void
}

export interface OpenWorkspaceOptions {
  /** Open for reading only: nothing is written, and a read-only folder or file still opens. */
  readonly?: boolean
}

/** Opens an existing workspace; a missing, empty or damaged database is refused with its path. */
export function openWorkspace(dir: string, options: OpenWorkspaceOptions = {}): Workspace {
  const absolute = resolve(dir)
  return wrap(absolute, openDatabase(join(absolute, DATABASE_FILE), { readonly: options.readonly ?? false }), options.readonly ?? false)
}

/** Makes a new workspace (`clinicoco init`); refuses a folder that already holds a database, empty or not. */
export function createWorkspace(dir: string): Workspace {
  const absolute = resolve(dir)
  const path = join(absolute, DATABASE_FILE)
  if (existsSync(path)) throw new AppFailure('conflict', `${path} already exists: ${absolute} is a workspace already (open it, or choose another folder).`)
  mkdirSync(absolute, { recursive: true })
  return wrap(absolute, openDatabase(path, { create: true }))
}

/** The demo's way in: the workspace if it exists (checked as any other), else a new one. */
export function openOrCreateWorkspace(dir: string): Workspace {
  return existsSync(join(resolve(dir), DATABASE_FILE)) ? openWorkspace(dir) : createWorkspace(dir)
}

function wrap(dir: string, database: SqliteDatabase, readonly = false): Workspace {
  return {
    dir,
    database,
    close: () => {
      // Whoever wrote to the trail leaves a signed checkpoint of its head behind (a reader wrote nothing).
      if (!readonly) {
        try {
          writeCheckpoint(database, { force: true })
        } catch (error) {
          // On read-only media nothing was written in this session either: there is no new head to sign.
          if (!(error instanceof AppFailure && error.code === 'read-only')) console.error(`[workspace] no audit checkpoint written for ${dir}: ${(error as Error).message}`)
        }
      }
      database.close()
    },
  }
}

export function getSetting(database: SqliteDatabase, key: string): string | null {
  return database.prepare<{ value: string }>('SELECT value FROM settings WHERE key = ?').get(key)?.value ?? null
}

export function setSetting(database: SqliteDatabase, key: string, value: string): void {
  database
    .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(key, value)
}

export function ensureUser(database: SqliteDatabase, user: Omit<User, 'mode'>): void {
  database
    .prepare('INSERT INTO users (id, display_name, role, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING')
    .run(user.id, user.displayName, user.role, new Date().toISOString())
}

export function getUser(database: SqliteDatabase, id: string): User {
  const row = database
    .prepare<{ id: string; display_name: string; role: Role; coding_mode: CodingMode }>(
      'SELECT id, display_name, role, coding_mode FROM users WHERE id = ?',
    )
    .get(id)
  if (!row) throw new AppFailure('not-found', `No user "${id}" in this workspace.`)
  return { id: row.id, displayName: row.display_name, role: row.role, mode: row.coding_mode }
}

/** The code set new codings use: the one IT made active, else the first installed. */
export function activeCodeSetId(database: SqliteDatabase): number {
  const setting = getSetting(database, 'active_code_set')
  if (setting !== null) return Number(setting)
  const first = database.prepare<{ id: number }>('SELECT id FROM code_sets ORDER BY id LIMIT 1').get()
  if (!first) throw new AppFailure('not-found', 'No code set is installed in this workspace; import one with `clinicoco codes import`.')
  return first.id
}
