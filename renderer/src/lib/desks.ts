/**
 * The desks of the app and who sees them: one entry per desk, shown to a user
 * whose permissions (sent by the engine at sign-in) include the desk's. To add a
 * view: add an entry here, its component to `DESK_VIEWS` in Shell.svelte and
 * its name to `desks.names` in the i18n catalogues. The engine still checks every
 * call the view makes: hiding a desk is convenience, not security.
 */
import type { Permission } from '../../../contract/auth.js'

export type DeskId = 'coding' | 'review' | 'supervisor' | 'audit' | 'admin' | 'models'

export interface DeskDefinition {
  id: DeskId
  permission: Permission
}

export const DESKS: readonly DeskDefinition[] = [
  { id: 'coding', permission: 'code' },
  { id: 'review', permission: 'review' },
  { id: 'supervisor', permission: 'reports' },
  { id: 'audit', permission: 'read-audit' },
  { id: 'admin', permission: 'manage-users' },
  // Issue 18's model desk (annotation plan, training, registry): for who plans the annotation (supervisor,
  // admin); within it, training needs train-models and promoting switch-model.
  { id: 'models', permission: 'plan-annotation' },
]

export function desksFor(permissions: readonly Permission[]): DeskDefinition[] {
  return DESKS.filter((desk) => permissions.includes(desk.permission))
}
