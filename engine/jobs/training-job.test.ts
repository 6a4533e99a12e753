/**
 * A training job across real process boundaries, at toy size: the engine spawns
 * the built job runner (dist/engine/jobs/training-job-main.js), which runs the
 * Python trainer; cancelled mid-training it keeps its checkpoint, resumed it
 * finishes, writes its evaluation report and registers the model, signed with
 * the workspace's training key so model trust promotes it where signatures are
 * required.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TrainingJobView } from '../../contract/training-job.js'
import { verifyAudit } from '../audit/verify-audit.js'
import { modelSwitchHistory } from '../coding/model-switches.js'
import { promoteModel } from '../model-trust/promote-model.js'
import { ensureTrainingKey, TRAINING_KEY_NAME } from '../model-trust/workspace-training-key.js'
import { listRegisteredModels } from '../registry/model-registry.js'
import { createDemoWorkspace } from '../demo/create-demo-workspace.js'
import { openWorkspace, setSetting, type Workspace } from '../workspace/workspace.js'
import { cancelTrainingJob, resumeTrainingJob, startTrainingJob, trainingJobReport, trainingJobStatus } from './control-training-jobs.js'

const JOB_TIMEOUT_MS = 900_000

async function waitFor(workspace: Workspace, jobId: number, done: (job: TrainingJobView) => boolean, timeoutMs: number): Promise<TrainingJobView> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const job = trainingJobStatus(workspace, jobId)
    if (done(job)) return job
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status} (${JSON.stringify(job.progress)})`)
    await new Promise((resolveWait) => setTimeout(resolveWait, 500))
  }
}

describe('training job in its own process', () => {
  let root: string
  let workspace: Workspace

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'clinicoco-job-'))
    createDemoWorkspace(join(root, 'ws'), { seed: 11, recordCount: 240, noiseRatio: 0.2, chineseShare: 0.5 })
    workspace = openWorkspace(join(root, 'ws'))
    setSetting(workspace.database, 'clean_share', '0.5')
  })

  afterAll(() => {
    workspace?.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('names the Debian packages when PyTorch is missing, and starts nothing', () => {
    const saved = process.env.CLINICOCO_PYTHON
    process.env.CLINICOCO_PYTHON = '/nonexistent/python3'
    try {
      expect(() => startTrainingJob(workspace, { actor: 'coder', settings: { tiny: true } })).toThrow(/python3-torch python3-onnx libopenblas0-pthread/)
    } finally {
      if (saved === undefined) delete process.env.CLINICOCO_PYTHON
      else process.env.CLINICOCO_PYTHON = saved
    }
    expect(workspace.database.prepare<{ n: number }>('SELECT count(*) AS n FROM training_jobs').get()?.n).toBe(0)
  })

  it(
    'reports progress, cancels keeping the checkpoint, resumes to the end, and leaves a report and a registry entry',
    async () => {
      const settings = { tiny: true, budgetMinutes: 20, epochs: { raw: 1, noisy: 1, clean: 8 } }
      const started = startTrainingJob(workspace, { actor: 'coder', settings })
      expect(started.status).toBe('queued')
      expect(() => startTrainingJob(workspace, { actor: 'coder', settings })).toThrow(/still (queued|running)/)

      // Past the first clean epoch: a checkpoint is on disk.
      const training = await waitFor(workspace, started.id, (job) => job.status === 'failed' || (job.progress?.step === 'clean' && job.progress.epoch >= 2), JOB_TIMEOUT_MS)
      expect(training.status).toBe('running')
      expect(training.progress).toMatchObject({ phase: 'training', steps: ['raw', 'noisy', 'clean'], epochs: 8, budgetSeconds: 1200 })
      expect(training.progress?.bestDevMicroF1).toBeGreaterThan(0)
      expect(training.progress?.secondsLeft).toBeLessThan(1200)

      cancelTrainingJob(workspace, { actor: 'coder', jobId: started.id })
      const cancelled = await waitFor(workspace, started.id, (job) => job.status === 'cancelled' || job.status === 'failed', 120_000)
      expect(cancelled.status).toBe('cancelled')
      expect(cancelled.canResume).toBe(true)
      expect(cancelled.hasReport).toBe(false)

      resumeTrainingJob(workspace, { actor: 'coder', jobId: started.id })
      const finished = await waitFor(workspace, started.id, (job) => ['succeeded', 'failed', 'cancelled', 'interrupted'].includes(job.status), JOB_TIMEOUT_MS)
      expect(finished.error).toBeNull()
      expect(finished.status).toBe('succeeded')
      expect(finished.events.map((event) => event.status)).toEqual(
        expect.arrayContaining(['queued', 'running', 'cancel-requested', 'cancelled', 'succeeded']),
      )
      expect(finished.progress?.phase).toBe('done')
      expect(existsSync(`${finished.modelDir}.checkpoint.pt`)).toBe(false)

      const report = trainingJobReport(workspace, started.id)
      expect(report.modelVersion).toBe(finished.modelVersion)
      expect(report.candidate.dev.records).toBeGreaterThan(10)
      expect(report.candidate.test?.recallAt[15]).toBeGreaterThanOrEqual(report.candidate.test?.recallAt[5] ?? 1)
      expect(report.candidate.dev.chapters.length).toBeGreaterThan(2)
      expect(report.curves.precisionRecall.length).toBeGreaterThan(5)
      expect(report.trainingRecords?.clean).toBeGreaterThan(20)
      expect(report.inUse).toBeNull()

      const registered = listRegisteredModels(workspace.database)
      expect(registered.map((model) => [model.modelVersion, model.trainingJobId, model.source])).toEqual([[finished.modelVersion, started.id, 'trained']])
      expect(registered[0]?.provenance.report?.devMicroF1).toBeCloseTo(report.candidate.dev.microF1, 10)

      // Signed by the key the first start made and trusted: promoted through model trust, in `models history`.
      const trainingKey = ensureTrainingKey(workspace, 'admin')
      expect(trainingKey.created).toBe(false)
      expect(registered[0]?.signerKeyId).toBe(trainingKey.keyId)
      const promoted = await promoteModel(workspace, {
        modelVersion: finished.modelVersion as string,
        actor: 'admin',
        policy: { trustedKeys: [], requireSigned: true, allowWorkspaceKeys: true },
      })
      expect(promoted.switch).toMatchObject({ kind: 'use', modelVersion: finished.modelVersion, bundleDir: finished.modelDir, signature: 'trusted', signer: { name: TRAINING_KEY_NAME } })
      expect(modelSwitchHistory(workspace.database).map((entry) => entry.modelVersion)).toEqual([finished.modelVersion])

      const actions = workspace.database
        .prepare<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'training.%' OR action LIKE 'model.%' OR action LIKE 'model-key.%' ORDER BY id")
        .all()
      expect(actions.map((row) => row.action)).toEqual(['model-key.trust', 'training.start', 'training.cancel', 'training.resume', 'model.register', 'model.use'])
      expect(verifyAudit(workspace.database)).toMatchObject({ intact: true, firstBrokenId: null })
    },
    JOB_TIMEOUT_MS * 2,
  )
})
