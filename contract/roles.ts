/** Roles and permissions, apart from the other auth shapes so that domain.ts can name a role without an import circle. */
import { z } from 'zod'

/** coder: codes records; supervisor: review, modes, assignments, reports; admin: users, code sets, models, imports; auditor: reads the audit trail. */
export const Role = z.enum(['coder', 'supervisor', 'admin', 'auditor'])
export type Role = z.infer<typeof Role>

export const Permission = z.enum([
  /** Open and list records, search codes. */
  'read-records',
  /** Ask for suggestions and submit codings. */
  'code',
  /** The review queue: approve a coding or return it with a comment. */
  'review',
  /** Batches of records to coders, double coding. */
  'assign',
  /** Each coder's mode and study settings. */
  'set-study',
  /** Which installed model bundle the workspace codes with. */
  'switch-model',
  /** Per-coder figures, agreement, exported reports and decisions. */
  'reports',
  /** Browse, verify and export the audit trail. */
  'read-audit',
  /** See the list of accounts (for assignment and audit filters). */
  'view-users',
  /** Create accounts, set roles and passwords, disable, unlock, issue CLI tokens. */
  'manage-users',
  'manage-code-sets',
  'import-records',
  /** Export training bundles, train, evaluate and install models and name encoders. */
  'train-models',
  /** Plan the annotation queue's patches (issue 18) and read any coder's annotation queue. */
  'plan-annotation',
  /** Keep the installation (hospital IT's side): backups, model-signing keys a workspace trusts, size limits. */
  'administer',
])
export type Permission = z.infer<typeof Permission>

