// The walkthrough's simulated coder (scripts/own-model-walkthrough.mjs): signs in
// to the engine as a coder — the same door the app's sign-in screen goes through
// (session, role, contract validation) — and works through their own annotation
// queue: opens each record as the coding view does and submits the export's own
// codes (主要诊断编码 + 其他诊断编码) as their answer. Nothing here writes the database
// itself; every decision is the coder's, versioned and audited by the engine.
//
//   node scripts/walkthrough-coder.mjs --workspace WS --user li.coder --password-stdin --answers records.json [--active-seconds 90]
//
// First sign-in: an account an administrator made must choose a new password;
// the next line of standard input is that new password.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    workspace: { type: 'string' },
    user: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    answers: { type: 'string' },
    'active-seconds': { type: 'string', default: '90' },
  },
})
if (!values.workspace || !values.user || !values.answers || !values['password-stdin']) {
  console.error('Usage: node scripts/walkthrough-coder.mjs --workspace WS --user ID --password-stdin --answers records.json [--active-seconds N]')
  process.exit(2)
}
const [password, newPassword] = readFileSync(0, 'utf8').split(/\r?\n/)
if (!password) {
  console.error('--password-stdin read no password.')
  process.exit(2)
}

const { openWorkspace } = await import('../dist/engine/workspace/workspace.js')
const { SessionStore } = await import('../dist/engine/auth/session-store.js')
const { DEFAULT_IDLE_LOCK_MINUTES } = await import('../dist/engine/auth/auth-policy.js')
const { createEngineCalls } = await import('../dist/engine/host/engine-calls.js')

// The export's answer per 住院号: the primary code first, then the others (the export's ';' list).
const answers = new Map(
  JSON.parse(readFileSync(values.answers, 'utf8')).map((row) => {
    const primary = String(row['主要诊断编码'] ?? '').trim()
    const others = String(row['其他诊断编码'] ?? '')
      .split(/[;；]/)
      .map((code) => code.trim())
      .filter((code) => code.length > 0 && code !== primary)
    return [String(row['住院号']), { primary, codes: [primary, ...others].filter((code) => code.length > 0) }]
  }),
)

const workspace = openWorkspace(values.workspace)
const noModel = { get: async () => null, current: () => null, close: async () => undefined }
const call = createEngineCalls({ workspace, model: noModel, emit: () => undefined, sessions: new SessionStore({ idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES }) })
const unwrap = (what, result) => {
  if (!result.ok) throw new Error(`${what}: ${result.error.code}: ${result.error.message}`)
  return result.value
}

try {
  let session = unwrap('sign in', await call('signIn', { userId: values.user, password }))
  const as = (method, input) => call(method, input, session.token)
  if (session.mustChangePassword) {
    if (!newPassword) throw new Error(`${values.user} must choose a new password at the first sign-in: give it on the second line of standard input.`)
    unwrap('change password', await as('changePassword', { current: password, next: newPassword }))
  }
  const queue = unwrap('annotation queue', await as('listAnnotationQueue', {}))
  let submitted = 0
  let skipped = 0
  for (const task of queue.tasks) {
    const answer = answers.get(task.recordId)
    const record = unwrap(`open ${task.recordId}`, await as('openRecord', { recordId: task.recordId, language: 'zh' }))
    if (!answer || answer.codes.length === 0) {
      skipped += 1
      console.log(`  ${task.recordId}: no answer in the export, left in the queue`)
      continue
    }
    const codes = answer.codes.map((code) => ({ code, isPrimary: code === answer.primary }))
    // What the coding view does before submitting: the rule check; a warning the coder keeps the codes against needs a reason.
    const check = unwrap(`check ${task.recordId}`, await as('checkCoding', { recordId: task.recordId, codes, language: 'zh' }))
    const ruleOverrides = (check.warnings ?? [])
      .filter((warning) => warning.overridable)
      .map((warning) => ({ ruleId: warning.ruleId, codes: warning.codes, reason: 'the hospital coded it so (export answer)' }))
    unwrap(
      `submit ${task.recordId}`,
      await as('submitDecision', {
        recordId: task.recordId,
        codes,
        comment: 'walkthrough coder: the export codes as the answer',
        baseVersion: record.decisions[0]?.version ?? 0,
        activeMs: Math.round(Number(values['active-seconds']) * 1000),
        sourceVersion: record.sourceVersion,
        ...(ruleOverrides.length > 0 ? { ruleOverrides } : {}),
      }),
    )
    submitted += 1
  }
  const left = unwrap('annotation queue', await as('listAnnotationQueue', {}))
  console.log(`${values.user}: ${submitted} records annotated through the queue${skipped > 0 ? `, ${skipped} without an answer` : ''}; ${left.tasks.length} left`)
  await as('signOut', {})
} finally {
  workspace.close()
}
