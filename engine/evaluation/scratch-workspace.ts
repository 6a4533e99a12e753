/**
 * Scratch workspaces for experiments: a prepared base copied whole (SQLite
 * `VACUUM INTO`, a consistent snapshot), so every arm or case starts from the
 * same records, names and noisy labels and none sees another's annotations.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { DATABASE_FILE, openWorkspace, type Workspace } from '../workspace/workspace.js'

export function copyWorkspace(source: Workspace, targetDir: string): Workspace {
  rmSync(targetDir, { recursive: true, force: true })
  mkdirSync(targetDir, { recursive: true })
  const target = join(targetDir, DATABASE_FILE)
  if (existsSync(target)) rmSync(target)
  source.database.prepare('VACUUM INTO ?').run(target)
  return openWorkspace(targetDir)
}
