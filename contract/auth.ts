/**
 * Who is signed in and what they may do. Roles are fixed; what each role may do
 * is decided in the engine (engine/auth/roles.ts) and sent to the UI as a list of
 * permissions, so the UI shows only the desks a user can use and never decides
 * on its own what is allowed.
 */
import { z } from 'zod'
import { CodingMode } from './domain.js'
import { Permission, Role } from './roles.js'

export { Permission, Role } from './roles.js'

export const UserId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._@-]*$/u, 'letters, digits and . _ @ - only, starting with a letter or digit')

/** Passwords are checked for length in the engine (policy); here only bounded. */
export const Password = z.string().min(1).max(1024)

export const SessionUser = z.object({
  id: z.string(),
  displayName: z.string(),
  role: Role,
  mode: CodingMode,
})
export type SessionUser = z.infer<typeof SessionUser>

export const SessionInfo = z.object({
  user: SessionUser,
  permissions: z.array(Permission),
  /** Minutes without activity after which the session locks (the password unlocks it). */
  idleLockMinutes: z.number().positive(),
  locked: z.boolean(),
  /** Set by an administrator's reset: the user must choose a new password before anything else. */
  mustChangePassword: z.boolean(),
})
export type SessionInfo = z.infer<typeof SessionInfo>

/** What a sign-in returns: the session, and the token every later call carries. */
export const SignedIn = SessionInfo.extend({ token: z.string() })
export type SignedIn = z.infer<typeof SignedIn>

export const SignInState = z.object({
  workspaceName: z.string(),
  /** No account can sign in yet: the first run creates the administrator. */
  needsFirstAdmin: z.boolean(),
  /** The session the call carried, when it is still valid. */
  session: SessionInfo.nullable(),
  minPasswordLength: z.number().int(),
})
export type SignInState = z.infer<typeof SignInState>

export const Account = z.object({
  id: z.string(),
  displayName: z.string(),
  role: Role,
  mode: CodingMode,
  studyGroup: z.string().nullable(),
  disabled: z.boolean(),
  /** Until when repeated failed sign-ins keep the account locked; null when it is not. */
  lockedUntil: z.string().nullable(),
  hasPassword: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
})
export type Account = z.infer<typeof Account>
