/**
 * A workspace is one folder holding one hospital's database. Everything the
 * app does happens inside a workspace; the CLI and the app open it the same way.
 */
import { mkdirSync } from 'node:fs'
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

export function openWorkspace(dir: string): Workspace {
  const absolute = resolve(dir)
  mkdirSync(absolute, { recursive: true })
  const database = openDatabase(join(absolute, DATABASE_FILE))
  return {
    dir: absolute,
    database,
    close: () => {
      // Whoever wrote to the trail leaves a signed checkpoint of its head behind.
      try {
        writeCheckpoint(database, { force: true })
      } catch (error) {
        console.error(`[workspace] no audit checkpoint written for ${absolute}: ${(error as Error).message}`)
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
