// `node scripts/bench-audit.mjs`: what accounts and the audit trail cost, printed,
// never asserted (shared machines are noisy). Needs `npm run build`.
// - sign-in (scrypt N = 2^15) and one engine call through the door;
// - opening a record through the door, which writes its `record.open` audit row;
// - `audit verify` over a trail of AUDIT_ROWS rows (default 100,000) with decisions.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { appendAudit } from '../dist/engine/audit/audit-log.js'
import { verifyAudit } from '../dist/engine/audit/verify-audit.js'
import { SessionStore } from '../dist/engine/auth/session-store.js'
import { createDemoWorkspace } from '../dist/engine/demo/create-demo-workspace.js'
import { ensureDemoAccounts } from '../dist/engine/demo/demo-accounts.js'
import { createEngineCalls } from '../dist/engine/host/engine-calls.js'
import { openWorkspace } from '../dist/engine/workspace/workspace.js'

const ROWS = Number(process.env.AUDIT_ROWS ?? 100_000)
const NO_MODEL = { get: async () => null, current: () => null, close: async () => undefined }
const percentile = (values, fraction) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * fraction))]
const summary = (values) => `p50 ${percentile(values, 0.5).toFixed(2)} ms, p95 ${percentile(values, 0.95).toFixed(2)} ms (n=${values.length})`

const dir = mkdtempSync(join(tmpdir(), 'clinicoco-bench-audit-'))
try {
  createDemoWorkspace(dir, { seed: 7, recordCount: 1_000, noiseRatio: 0.2, chineseShare: 0.5 })
  const workspace = openWorkspace(dir)
  try {
    await ensureDemoAccounts(workspace.database)
    const call = createEngineCalls({ workspace, model: NO_MODEL, sessions: new SessionStore({ idleLockMinutes: 15 }), emit: () => undefined })
    const signIns = []
    let token = ''
    for (let index = 0; index < 5; index += 1) {
      const started = performance.now()
      const result = await call('signIn', { userId: 'coder', password: 'coding-desk-2026' })
      signIns.push(performance.now() - started)
      token = result.value.token
    }
    console.log(`sign-in (scrypt N=2^15, r=8): ${summary(signIns)}`)
    const records = (await call('listRecords', { limit: 200 }, token)).value.items.map((item) => item.id)
    const listings = []
    for (let index = 0; index < 100; index += 1) {
      const started = performance.now()
      await call('getWorkspace', {}, token)
      listings.push(performance.now() - started)
    }
    console.log(`getWorkspace through the door (session + role check): ${summary(listings)}`)
    const opens = []
    for (const recordId of records) {
      const started = performance.now()
      await call('openRecord', { recordId }, token)
      opens.push(performance.now() - started)
    }
    console.log(`openRecord through the door, with its record.open audit row (synchronous=FULL): ${summary(opens)}`)

    const started = performance.now()
    const batch = 5_000
    for (let done = 0; done < ROWS; done += batch) {
      workspace.database.transaction(() => {
        for (let index = 0; index < batch; index += 1) appendAudit(workspace.database, { actor: 'coder', action: 'record.open', entity: 'record', entityId: records[index % records.length], detail: {} })
      })
    }
    console.log(`appending ${ROWS.toLocaleString('en')} keyed rows: ${((performance.now() - started) / ROWS * 1000).toFixed(1)} µs per row`)
    const verifyStarted = performance.now()
    const verification = verifyAudit(workspace.database)
    console.log(`audit verify over ${verification.rows.toLocaleString('en')} rows: ${((performance.now() - verifyStarted) / 1000).toFixed(2)} s, intact ${verification.intact}`)
  } finally {
    workspace.close()
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
