/**
 * What each role may do: the one table the engine checks every call against
 * (API methods in method-access.ts, CLI commands through their `access`).
 * Separation of duties as a coding department runs it: coders code, supervisors
 * review and run the study, administrators keep the installation, auditors read
 * the trail. Nobody reviews their own work by holding two roles: one role each.
 */
import type { Permission, Role } from '../../contract/auth.js'

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  coder: ['read-records', 'code'],
  supervisor: ['read-records', 'review', 'assign', 'set-study', 'switch-model', 'plan-annotation', 'reports', 'read-audit', 'view-users'],
  admin: ['manage-users', 'view-users', 'manage-code-sets', 'import-records', 'train-models', 'plan-annotation', 'switch-model', 'read-audit', 'administer'],
  auditor: ['read-audit', 'view-users'],
}

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role]
}

export function roleMay(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission)
}

/** The roles that hold a permission, for messages ("ask a supervisor"). */
export function rolesWith(permission: Permission): Role[] {
  return (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((role) => roleMay(role, permission))
}

/** "a coder", "an admin", "an auditor": a role as a sentence names it. */
export function aRole(role: string): string {
  return `${/^[aeiou]/i.test(role) ? 'an' : 'a'} ${role}`
}
