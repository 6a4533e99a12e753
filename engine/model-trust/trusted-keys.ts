/**
 * The model-signing keys a workspace trusts: the machine policy's (IT's, in the
 * OS admin location) and, unless the policy forbids it, keys a workspace admin
 * trusted for this workspace alone (`clinicoco keys trust`; the demo hospital
 * trusts the committed demo key). Workspace trust is kept as append-only
 * events, each audited in the same transaction.
 */
import type { ModelPolicy } from '../../contract/policy.js'
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import { parsePublicKey } from '../crypto/ed25519.js'
import type { SqliteDatabase } from '../store/database.js'

export interface TrustedSigner {
  keyId: string
  publicKey: string
  name: string
  source: 'policy' | 'workspace'
}

interface KeyEventRow {
  key_id: string
  public_key: string
  name: string
  action: 'trust' | 'revoke'
  actor: string
  at: string
}

/** Keys trusted by this workspace's own events (latest event per key is `trust`). */
export function workspaceSigners(database: SqliteDatabase): Array<TrustedSigner & { trustedBy: string; trustedAt: string }> {
  const rows = database
    .prepare<KeyEventRow>(
      `SELECT key_id, public_key, name, action, actor, at FROM model_key_events e
       WHERE id = (SELECT max(id) FROM model_key_events WHERE key_id = e.key_id) ORDER BY id`,
    )
    .all()
  return rows
    .filter((row) => row.action === 'trust')
    .map((row) => ({ keyId: row.key_id, publicKey: row.public_key, name: row.name, source: 'workspace' as const, trustedBy: row.actor, trustedAt: row.at }))
}

/** Every key a bundle may be signed with here: the policy's first, then the workspace's where the policy allows. */
export function trustedSigners(database: SqliteDatabase, policy: ModelPolicy): TrustedSigner[] {
  const fromPolicy = policy.trustedKeys.map((key) => {
    const { publicKey, keyId } = parsePublicKey(key.publicKey)
    return { keyId, publicKey, name: key.name, source: 'policy' as const }
  })
  if (!policy.allowWorkspaceKeys) return fromPolicy
  const known = new Set(fromPolicy.map((key) => key.keyId))
  return [...fromPolicy, ...workspaceSigners(database).filter((key) => !known.has(key.keyId)).map(({ keyId, publicKey, name, source }) => ({ keyId, publicKey, name, source }))]
}

/** Trusts a public key (base64 SPKI or PEM text) for this workspace; audited. */
export function trustWorkspaceKey(database: SqliteDatabase, input: { publicKey: string; name: string; actor: string }, at = new Date().toISOString()): TrustedSigner {
  const name = input.name.trim()
  if (name.length === 0 || name.length > 200) throw new AppFailure('invalid-input', 'Name the key (who signs with it), 1–200 characters.')
  const { publicKey, keyId } = parsePublicKey(input.publicKey)
  return database.transaction(() => {
    database
      .prepare('INSERT INTO model_key_events (key_id, public_key, name, action, actor, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(keyId, publicKey, name, 'trust', input.actor, at)
    appendAudit(database, { actor: input.actor, action: 'model-key.trust', entity: 'model-key', entityId: keyId, detail: { name, publicKey } }, at)
    return { keyId, publicKey, name, source: 'workspace' as const }
  })
}

/** Stops trusting a workspace key; bundles it signed are refused at their next load where the policy requires signatures. */
export function revokeWorkspaceKey(database: SqliteDatabase, input: { keyId: string; actor: string }, at = new Date().toISOString()): TrustedSigner {
  const current = workspaceSigners(database).find((key) => key.keyId === input.keyId)
  if (!current) throw new AppFailure('not-found', `This workspace does not trust a key ${input.keyId}.`)
  return database.transaction(() => {
    database
      .prepare('INSERT INTO model_key_events (key_id, public_key, name, action, actor, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(current.keyId, current.publicKey, current.name, 'revoke', input.actor, at)
    appendAudit(database, { actor: input.actor, action: 'model-key.revoke', entity: 'model-key', entityId: current.keyId, detail: { name: current.name } }, at)
    return { keyId: current.keyId, publicKey: current.publicKey, name: current.name, source: 'workspace' as const }
  })
}
