/**
 * `manifest.json`, the first entry of a workspace backup archive
 * (`clinicoco backup`, docs/backup.md): what was backed up, from where, when,
 * and the sha256 the database copy must match before a restore trusts it.
 */
import { z } from 'zod'

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/)

export const BackupManifest = z.object({
  format: z.literal('clinicoco-workspace-backup'),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  /** Taken by hand (`clinicoco backup`) or by the schedule in the machine policy. */
  kind: z.enum(['manual', 'scheduled']),
  source: z.object({ workspaceDir: z.string(), host: z.string() }),
  database: z.object({
    file: z.literal('clinicoco.db'),
    bytes: z.number().int().min(0),
    sha256: Sha256,
    schemaVersion: z.number().int().min(0),
    /** `PRAGMA integrity_check` of the copy before it was archived. */
    integrityCheck: z.literal('ok'),
  }),
  counts: z.record(z.string(), z.number().int().min(0)),
  audit: z.object({ rows: z.number().int().min(0), headHash: z.string().nullable(), chainIntact: z.boolean() }),
  /** The model in use (its bundle lives outside the workspace: back it up with the model registry's copies). */
  model: z.object({ modelVersion: z.string(), manifestSha256: Sha256, bundleDir: z.string() }).nullable(),
})
export type BackupManifest = z.infer<typeof BackupManifest>
