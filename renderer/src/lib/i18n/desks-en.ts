/**
 * English strings of the sign-in, lock and navigation screens and of the
 * review, supervisor, audit and admin desks. Kept apart from en.ts (the coding
 * view) so each desk's text is found in one place; spread into `en`.
 */
import type { Role } from '../../../../contract/auth.js'

export const deskMessagesEn = {
  auth: {
    signInTitle: 'Sign in',
    signInLead: (workspace: string) => `Workspace: ${workspace}`,
    userId: 'User name',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    firstRunTitle: 'Create the administrator',
    firstRunLead: 'No account can sign in to this workspace yet. The administrator you create here makes the other accounts.',
    displayName: 'Full name',
    newPassword: 'New password',
    repeatPassword: 'Repeat the new password',
    passwordsDiffer: 'The two passwords differ.',
    passwordRule: (length: number) => `At least ${length} characters, not containing the user name.`,
    create: 'Create and sign in',
    changeTitle: 'Choose a new password',
    changeLead: 'An administrator set your password. Choose your own before you continue.',
    currentPassword: 'Current password',
    change: 'Change password',
    lockedTitle: 'Session locked',
    lockedLead: (name: string) => `Locked after a while without activity. ${name}, enter your password to continue where you were.`,
    unlock: 'Unlock',
    signOut: 'Sign out',
    lock: 'Lock',
    lockHint: 'Lock the screen now (your work stays open)',
    unreachableTitle: 'The app is not answering',
    signedInAs: (name: string, role: string) => `${name} (${role})`,
  },

  desks: {
    navigation: 'Desks',
    names: { coding: 'Coding', review: 'Review', supervisor: 'Supervisor', audit: 'Audit trail', admin: 'Accounts' },
    shortcut: (key: string) => `Alt+Shift+${key}`,
    noDesk: 'Your role has no desk in this app yet. Ask an administrator.',
  },

  accounts: {
    heading: 'Accounts',
    lead: 'Each person signs in with their own account. Every change here is kept in the audit trail.',
    columns: { user: 'User', name: 'Name', role: 'Role', mode: 'Coding mode', state: 'State', actions: 'Actions' },
    states: { active: 'active', disabled: 'disabled', locked: 'locked out', 'no-password': 'no password yet' },
    add: 'Add an account',
    firstPassword: 'First password',
    firstPasswordHint: 'The user chooses their own at the first sign-in.',
    create: 'Create account',
    disable: 'Disable',
    enable: 'Enable',
    unlock: 'Unlock',
    resetPassword: 'Reset password…',
    resetPrompt: (userId: string) => `New first password for ${userId}`,
    setPassword: 'Set',
    cancel: 'Cancel',
    changeRole: (userId: string) => `Role of ${userId}`,
    saved: (userId: string) => `Saved: ${userId}.`,
  },

  roleNames: { coder: 'Coder', supervisor: 'Supervisor', admin: 'Administrator', auditor: 'Auditor' } satisfies Record<Role, string>,
}
