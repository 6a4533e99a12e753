/**
 * The restore drill: back up a workspace with coded records, restore it into a
 * new folder, and find the same data with a matching hash — and the ways a
 * backup file can be damaged, each refused before anything is restored.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, writeSync, closeSync, truncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listAudit } from '../audit/audit-log.js'
import { verifyAudit } from '../audit/verify-audit.js'
import { loadDraft, saveDraft } from '../decisions/drafts.js'
import { submitDecision } from '../decisions/submit-decision.js'
import { findRuleSet, importRuleSet, parseRuleSetFile } from '../rules/rule-sets.js'
import { TEST_ACCOUNTS, createTempWorkspace, sampleRecord, type TempWorkspace } from '../testing/temp-workspace.js'
import { openWorkspace } from '../workspace/workspace.js'
import { openBackupArchive, sha256OfFile } from './backup-archive.js'
import { backupWorkspace } from './backup-workspace.js'
import { restoreWorkspace, verifyBackup } from './restore-workspace.js'
import { listScheduledBackups, runScheduledBackup } from './scheduled-backups.js'

let temp: TempWorkspace
let out: string

beforeEach(() => {
  temp = createTempWorkspace([sampleRecord('R1'), sampleRecord('R2'), sampleRecord('R3', { language: 'zh', sections: [{ kind: 'chief_complaint', title: '主诉', text: '头痛三天。' }] })])
  submitDecision(temp.workspace.database, { recordId: 'R1', codes: [{ code: 'I10', isPrimary: true }], comment: '复核', baseVersion: 0, activeMs: 5000, mode: 'assisted', coder: 'coder', codeSetId: temp.codeSetId })
  out = mkdtempSync(join(tmpdir(), 'clinicoco-backups-'))
})

afterEach(() => {
  temp.cleanup()
  rmSync(out, { recursive: true, force: true })
})

function databaseBytesAt(archive: string): { offset: number; size: number } {
  return openBackupArchive(archive).database
}

describe('backup and restore', () => {
  it('restores a backup into a new workspace with the same records, decisions and audit chain, the database hash matching', async () => {
    const file = join(out, 'ward.clinicoco-backup')
    const backup = await backupWorkspace(temp.workspace, file, { kind: 'manual' })
    expect(backup.manifest).toMatchObject({
      format: 'clinicoco-workspace-backup',
      kind: 'manual',
      source: { workspaceDir: temp.dir },
      // The test workspace's accounts: one per role and a second coder (issue 15).
      counts: { records: 3, decisions: 1, users: TEST_ACCOUNTS.length },
      audit: { chainIntact: true },
      model: null,
    })
    expect(backup.manifest.audit.rows).toBeGreaterThan(1)
    expect(backup.archiveSha256).toBe(sha256OfFile(file))
    // A plain tar IT can list and unpack; the audit trail's keys (outside the database) travel with it.
    expect(execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n')).toEqual(['manifest.json', 'clinicoco.db', 'keys/audit-keys.json'])
    const unpacked = join(out, 'unpacked')
    mkdirSync(unpacked)
    execFileSync('tar', ['-xf', file, '-C', unpacked])
    expect(sha256OfFile(join(unpacked, 'clinicoco.db'))).toBe(backup.manifest.database.sha256)
    rmSync(unpacked, { recursive: true })
    expect(readdirSync(out)).toEqual(['ward.clinicoco-backup'])

    const restoredDir = join(out, 'restored')
    const restored = restoreWorkspace(file, restoredDir, { actor: 'it-admin' })
    expect(restored.verified.sha256).toBe(backup.manifest.database.sha256)
    expect(restored.verified.counts).toEqual(backup.manifest.counts)
    expect(restored.verified.auditChainIntact).toBe(true)
    const reopened = openWorkspace(restoredDir)
    try {
      const { database } = reopened
      expect(database.prepare<{ external_id: string }>('SELECT external_id FROM records ORDER BY external_id').all().map((row) => row.external_id)).toEqual(['R1', 'R2', 'R3'])
      expect(database.prepare<{ text: string }>("SELECT s.text FROM record_sections s JOIN records r ON r.id = s.record_id WHERE r.external_id = 'R3'").get()?.text).toBe('头痛三天。')
      expect(database.prepare<{ comment: string }>('SELECT comment FROM decisions').get()?.comment).toBe('复核')
      expect(verifyAudit(database).firstBrokenId).toBeNull()
      const last = listAudit(database).at(-1)
      expect(last).toMatchObject({ actor: 'it-admin', action: 'workspace.restore', detail: { backup: file, databaseSha256: backup.manifest.database.sha256 } })
    } finally {
      reopened.close()
    }
  })

  it('carries what a submission decided besides its codes, edited rule sets and drafts through backup and restore', async () => {
    const { database } = temp.workspace
    submitDecision(database, {
      recordId: 'R2',
      codes: [
        { code: 'J18.9', isPrimary: true },
        { code: 'I11.0', isPrimary: false },
        { code: 'I11.9', isPrimary: false },
      ],
      comment: '',
      baseVersion: 0,
      activeMs: 1000,
      mode: 'assisted',
      coder: 'coder',
      codeSetId: temp.codeSetId,
      ruleOverrides: [{ ruleId: 'unspecified-sibling', codes: ['I11.9', 'I11.0'], reason: 'Both documented by the cardiologist' }],
      primary: { suggested: 'I10', probability: 0.9, modelVersion: 'demo-1', confirmed: true },
      flagDismissals: [{ kind: 'wrong', name: 'HTN', code: 'I10', reason: 'BP chart confirms hypertension' }],
    })
    const edited = parseRuleSetFile({ ...findRuleSet(database, 'icd10-who').rules, appliesTo: ['tiny'] }, 'edited.json')
    expect(importRuleSet(database, edited, 'coder')).toBe(2)
    const draft = { baseVersion: 0, codes: [{ code: 'I10', isPrimary: true }], comment: '待复核', ruleOverrides: [], flagDismissals: [], primaryConfirmed: false, accepted: ['I10'], rejected: [] }
    saveDraft(database, 'coder', 3, draft)

    const file = join(out, 'rules.clinicoco-backup')
    const backup = await backupWorkspace(temp.workspace, file, { kind: 'manual' })
    expect(backup.manifest.counts).toMatchObject({ decisions: 2, decision_rule_overrides: 1, decision_primary: 2, decision_flag_dismissals: 1, coding_rule_sets: 1, coding_drafts: 1 })
    const restoredDir = join(out, 'restored')
    const restored = restoreWorkspace(file, restoredDir, { actor: 'it-admin' })
    expect(restored.verified.counts).toEqual(backup.manifest.counts)
    const reopened = openWorkspace(restoredDir)
    try {
      const copy = reopened.database
      expect(copy.prepare('SELECT rule_id, codes, reason FROM decision_rule_overrides').all()).toEqual([
        { rule_id: 'unspecified-sibling', codes: 'I11.9,I11.0', reason: 'Both documented by the cardiologist' },
      ])
      // Every submission stores its primary; R1's (beforeEach) had no suggestion.
      expect(copy.prepare('SELECT suggested_code, confirmed_code, differs FROM decision_primary ORDER BY decision_id').all()).toEqual([
        { suggested_code: null, confirmed_code: 'I10', differs: 0 },
        { suggested_code: 'I10', confirmed_code: 'J18.9', differs: 1 },
      ])
      expect(copy.prepare('SELECT kind, name, code FROM decision_flag_dismissals').all()).toEqual([{ kind: 'wrong', name: 'HTN', code: 'I10' }])
      expect(findRuleSet(copy, 'icd10-who')).toMatchObject({ version: 2, rules: { appliesTo: ['tiny'] } })
      expect(loadDraft(copy, 'coder', 3)).toMatchObject({ comment: '待复核', accepted: ['I10'] })
    } finally {
      reopened.close()
    }
  })

  it('verifies a whole backup, and refuses one whose database bytes were changed, restoring nothing', async () => {
    const file = join(out, 'b.clinicoco-backup')
    await backupWorkspace(temp.workspace, file, { kind: 'manual' })
    expect(verifyBackup(file, out).databaseSha256Matches).toBe(true)
    const { offset, size } = databaseBytesAt(file)
    const fd = openSync(file, 'r+')
    writeSync(fd, Buffer.from([0x42]), 0, 1, offset + Math.floor(size / 2))
    closeSync(fd)
    expect(() => verifyBackup(file, out)).toThrow(/damaged — its database has sha256 .*, the manifest says/)
    const target = join(out, 'restored')
    expect(() => restoreWorkspace(file, target, { actor: 'it' })).toThrow(/damaged .* Nothing was restored/)
    expect(existsSync(target)).toBe(false)
  })

  it('refuses a cut-short backup and a file that is not a backup, by name', async () => {
    const file = join(out, 'cut.clinicoco-backup')
    await backupWorkspace(temp.workspace, file, { kind: 'manual' })
    truncateSync(file, Math.floor(statSync(file).size / 2))
    expect(() => restoreWorkspace(file, join(out, 'r1'), { actor: 'it' })).toThrow(/cut short/)
    const notBackup = join(out, 'notes.txt')
    writeFileSync(notBackup, 'x'.repeat(2000))
    expect(() => verifyBackup(notBackup, out)).toThrow(/tar header at byte 0 is damaged/)
    expect(existsSync(join(out, 'r1'))).toBe(false)
  })

  it('never restores over an existing workspace', async () => {
    const file = join(out, 'b.clinicoco-backup')
    await backupWorkspace(temp.workspace, file, { kind: 'manual' })
    expect(() => restoreWorkspace(file, temp.dir, { actor: 'it' })).toThrow(/is not empty: a restore goes into a new workspace folder/)
  })

  it('replaces an older backup of the same name in one step and leaves no partial files', async () => {
    const file = join(out, 'daily.clinicoco-backup')
    const first = await backupWorkspace(temp.workspace, file, { kind: 'manual' })
    submitDecision(temp.workspace.database, { recordId: 'R2', codes: [{ code: 'J18.9', isPrimary: true }], comment: '', baseVersion: 0, activeMs: 1000, mode: 'assisted', coder: 'coder', codeSetId: temp.codeSetId })
    const second = await backupWorkspace(temp.workspace, file, { kind: 'manual' })
    expect(second.manifest.counts.decisions).toBe(2)
    expect(second.archiveSha256).not.toBe(first.archiveSha256)
    expect(readdirSync(out)).toEqual(['daily.clinicoco-backup'])
  })

  it('refuses to write a backup over the workspace database', async () => {
    await expect(backupWorkspace(temp.workspace, join(temp.dir, 'clinicoco.db'), { kind: 'manual' })).rejects.toThrow(/never goes over the workspace's own database/)
    expect(verifyAudit(temp.workspace.database).firstBrokenId).toBeNull()
  })
})

describe('scheduled backups', () => {
  it('takes one when due, skips when the newest is recent, and keeps the newest N, deleting only its own files', async () => {
    const dir = join(out, 'scheduled')
    mkdirSync(dir)
    writeFileSync(join(dir, 'notes.txt'), 'IT keeps its notes here')
    const policy = { dir, everyHours: 24, keep: 2 }
    const day = (n: number) => new Date(Date.UTC(2027, 0, n, 2, 0, 0))
    const first = await runScheduledBackup(temp.workspace, policy, { now: day(1) })
    expect(first.taken?.manifest.kind).toBe('scheduled')
    expect(first.taken?.file).toBe(join(dir, 'clinicoco-20270101T020000Z.clinicoco-backup'))
    const early = await runScheduledBackup(temp.workspace, policy, { now: new Date(day(1).getTime() + 3_600_000) })
    expect(early.taken).toBeNull()
    expect(early.skipped).toMatch(/younger than 24 h/)
    expect(early.nextDue).toBe(new Date(day(2).getTime()).toISOString())
    await runScheduledBackup(temp.workspace, policy, { now: day(2) })
    const third = await runScheduledBackup(temp.workspace, policy, { now: day(3) })
    expect(third.pruned).toEqual([join(dir, 'clinicoco-20270101T020000Z.clinicoco-backup')])
    expect(listScheduledBackups(dir).map((entry) => entry.takenAt.toISOString())).toEqual([day(3).toISOString(), day(2).toISOString()])
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('IT keeps its notes here')
  })

  it("puts scheduled backups in the workspace's backups folder when the policy names none", async () => {
    const run = await runScheduledBackup(temp.workspace, { everyHours: 1, keep: 3 }, { now: new Date(Date.UTC(2027, 5, 1)) })
    expect(run.dir).toBe(join(temp.dir, 'backups'))
    expect(listScheduledBackups(run.dir)).toHaveLength(1)
  })
})
