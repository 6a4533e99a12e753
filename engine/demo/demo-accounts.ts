/**
 * The demo hospital's accounts, one per role (two coders, for double coding).
 * Their passwords are published in the README for the demo only: a real
 * workspace starts with `clinicoco users init` and accounts an administrator makes.
 */
import type { Role } from '../../contract/auth.js'
import { createAccount, getAccount } from '../auth/accounts.js'
import type { HashOptions } from '../auth/accounts.js'
import type { SqliteDatabase } from '../store/database.js'

export interface DemoAccount {
  id: string
  displayName: string
  role: Role
  password: string
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { id: 'admin', displayName: 'Demo Administrator 演示管理员', role: 'admin', password: 'it-desk-2026' },
  { id: 'supervisor', displayName: 'Demo Supervisor 编码主管', role: 'supervisor', password: 'review-desk-2026' },
  { id: 'coder', displayName: 'Demo Coder 演示编码员', role: 'coder', password: 'coding-desk-2026' },
  { id: 'coder2', displayName: 'Second Coder 第二编码员', role: 'coder', password: 'coding-desk-2027' },
  { id: 'auditor', displayName: 'Demo Auditor 审计员', role: 'auditor', password: 'trail-check-2026' },
]

/** Gives every demo account its published password, once; accounts that already have one are left alone. */
export async function ensureDemoAccounts(database: SqliteDatabase, options: HashOptions = {}): Promise<string[]> {
  const created: string[] = []
  for (const account of DEMO_ACCOUNTS) {
    if (getAccount(database, account.id)?.hasPassword) continue
    await createAccount(database, account, 'admin', options)
    created.push(account.id)
  }
  return created
}
