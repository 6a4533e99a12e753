/**
 * Local tokens for the CLI: an administrator issues one for a named user, a script
 * sets it as CLINICOCO_TOKEN, and the CLI then acts as that user (never as a silent
 * default). Only the token's SHA-256 is stored; it is shown once, when issued.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Account } from '../../contract/auth.js'
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import type { SqliteDatabase } from '../store/database.js'
import { requireAccount } from './accounts.js'
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS } from './auth-policy.js'

const TOKEN_PREFIX = 'cct_'

export interface IssuedToken {
  id: number
  token: string
  userId: string
  expiresAt: string
}

export function issueCliToken(
  database: SqliteDatabase,
  request: { userId: string; days?: number; label?: string },
  actor: string,
): IssuedToken {
  const days = request.days ?? DEFAULT_TOKEN_DAYS
  if (!(days > 0 && days <= MAX_TOKEN_DAYS)) throw new AppFailure('invalid-input', `A token lasts from a moment to ${MAX_TOKEN_DAYS} days.`)
  return database.transaction(() => {
    const account = requireAccount(database, request.userId)
    if (account.disabled) throw new AppFailure('conflict', `User "${account.id}" is disabled.`)
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url')
    const now = new Date()
    const expiresAt = new Date(now.getTime() + days * 86_400_000).toISOString()
    const label = request.label ?? ''
    const id = Number(
      database
        .prepare('INSERT INTO cli_tokens (token_sha256, user_id, label, issued_by, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(sha256(token), account.id, label, actor, now.toISOString(), expiresAt).lastInsertRowid,
    )
    appendAudit(database, { actor, action: 'token.issue', entity: 'user', entityId: account.id, detail: { tokenId: id, label, expiresAt } })
    return { id, token, userId: account.id, expiresAt }
  })
}

/** The account a token acts as; refused when unknown, expired, revoked or its user is disabled. */
export function resolveCliToken(database: SqliteDatabase, token: string, now = new Date()): Account {
  const row = database
    .prepare<{ id: number; user_id: string; expires_at: string; revoked_at: string | null }>(
      'SELECT id, user_id, expires_at, revoked_at FROM cli_tokens WHERE token_sha256 = ?',
    )
    .get(sha256(token.trim()))
  if (!row) throw new AppFailure('unauthenticated', 'CLINICOCO_TOKEN is not a token of this workspace.')
  if (row.revoked_at !== null) throw new AppFailure('unauthenticated', `CLINICOCO_TOKEN (token ${row.id}) was revoked.`)
  if (row.expires_at <= now.toISOString()) throw new AppFailure('unauthenticated', `CLINICOCO_TOKEN (token ${row.id}) expired at ${row.expires_at}.`)
  const account = requireAccount(database, row.user_id)
  if (account.disabled) throw new AppFailure('unauthenticated', `User "${account.id}" is disabled.`)
  return account
}

/** Revokes every live token of a user; returns how many. */
export function revokeCliTokens(database: SqliteDatabase, userId: string, actor: string): number {
  return database.transaction(() => {
    requireAccount(database, userId)
    const revoked = database
      .prepare('UPDATE cli_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL')
      .run(new Date().toISOString(), userId).changes
    appendAudit(database, { actor, action: 'token.revoke', entity: 'user', entityId: userId, detail: { revoked } })
    return revoked
  })
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
