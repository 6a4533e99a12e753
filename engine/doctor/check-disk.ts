/**
 * Free disk space where the workspace and its backups live: a backup needs
 * about twice the database's size while it is written (the copy, then the
 * archive), and SQLite needs room to grow.
 */
import { statSync, statfsSync } from 'node:fs'
import type { CheckFinding } from './doctor-check.js'

const FLOOR_BYTES = 1e9

export function checkDisk(places: ReadonlyArray<{ label: string; dir: string }>, databaseFile: string): CheckFinding[] {
  const databaseBytes = statSync(databaseFile).size
  const needed = Math.max(FLOOR_BYTES, 3 * databaseBytes)
  return places.map(({ label, dir }) => {
    const stats = statfsSync(dir)
    const free = stats.bavail * stats.bsize
    const text = `${label} ${dir}: ${(free / 1e9).toFixed(1)} GB free (database ${(databaseBytes / 1e6).toFixed(1)} MB; want ≥ ${(needed / 1e9).toFixed(1)} GB)`
    return { check: 'disk space', status: free >= needed ? 'ok' : 'warn', detail: text }
  })
}
