import type { ModelReport } from '../../../contract/model-report.js'
import { AppFailure } from '../../../contract/result.js'
import type { TrainingJobView } from '../../../contract/training-job.js'
import {
  cancelTrainingJob,
  listTrainingJobs,
  resumeTrainingJob,
  startTrainingJob,
  trainingJobReport,
  trainingJobStatus,
} from '../../jobs/control-training-jobs.js'
import { openWorkspace } from '../../workspace/workspace.js'
import { JSON_OPTION, actorOf, numberOption, requireString, WORKSPACE_OPTION } from '../command.js'
import type { Command, ParsedOptions } from '../command.js'
import { describeReport } from './report-lines.js'
import { withWorkspace } from './with-workspace.js'

const JOB_OPTION = { type: 'string', description: 'training job number (default: the latest)' } as const

function jobId(options: ParsedOptions, latest: () => number | undefined): number {
  const given = numberOption(options, 'job', { min: 1, max: Number.MAX_SAFE_INTEGER, whole: true })
  const id = given ?? latest()
  if (id === undefined) throw new AppFailure('not-found', 'No training job in this workspace yet: start one with `clinicoco training start`.')
  return id
}

function describeJob(job: TrainingJobView): string[] {
  const progress = job.progress
  const lines = [`Training job ${job.id} (${job.createdAt.slice(0, 16)}, by ${job.actor}): ${job.status}${job.modelVersion ? `, model ${job.modelVersion}` : ''}`]
  if (progress) {
    const where = progress.step ? `step ${progress.step} epoch ${progress.epoch}/${progress.epochs} batch ${progress.batch}/${progress.batches}` : progress.phase
    const left = progress.secondsLeft === null ? '' : `, ${Math.round(progress.secondsLeft)} s of the budget left`
    const dev = progress.bestDevMicroF1 === null ? '' : `, best dev micro-F1 so far ${progress.bestDevMicroF1.toFixed(3)}`
    lines.push(`  ${progress.phase}: ${where}, ${Math.round(progress.fraction * 100)} %, ${Math.round(progress.elapsedSeconds)} s${left}${dev}`)
  }
  if (job.error) lines.push(`  error: ${job.error}`)
  if (job.canResume) lines.push(`  resume with: clinicoco training resume --job ${job.id}`)
  return lines
}

export const trainingStartCommand: Command<TrainingJobView> = {
  name: ['training', 'start'],
  access: 'train-models',
  summary: 'Start a training job in its own background process (the model bundle, its evaluation report and its registry entry when it ends).',
  options: {
    workspace: WORKSPACE_OPTION,
    'budget-minutes': { type: 'string', description: 'stop training after this many minutes and keep the best model so far', default: '15' },
    seed: { type: 'string', description: 'random seed', default: '13' },
    'raw-epochs': { type: 'string', description: 'step 1 epochs (default: the trainer\'s)' },
    'noisy-epochs': { type: 'string', description: 'step 2 epochs' },
    'clean-epochs': { type: 'string', description: 'step 3 epochs (0: the fitted regression alone)' },
    'no-raw': { type: 'boolean', description: 'skip step 1' },
    'no-noisy': { type: 'boolean', description: 'skip step 2' },
    tiny: { type: 'boolean', description: 'a toy-sized network (tests, demonstrations)' },
    json: JSON_OPTION,
  },
  run: (options, _positionals, context) =>
    withWorkspace(options, (workspace) =>
      startTrainingJob(workspace, {
        actor: actorOf(context).id,
        settings: {
          budgetMinutes: numberOption(options, 'budget-minutes', { min: 0.1, max: 10_000 }) ?? 15,
          seed: numberOption(options, 'seed', { min: 0, max: 2 ** 31, whole: true }) ?? 13,
          epochs: {
            raw: numberOption(options, 'raw-epochs', { min: 0, max: 100, whole: true }),
            noisy: numberOption(options, 'noisy-epochs', { min: 0, max: 100, whole: true }),
            clean: numberOption(options, 'clean-epochs', { min: 0, max: 500, whole: true }),
          },
          withoutRawStep: options['no-raw'] === true,
          withoutNoisyStep: options['no-noisy'] === true,
          tiny: options.tiny === true,
        },
      }),
    ),
  describe: (job) => [...describeJob(job), `  follow it with: clinicoco training status --job ${job.id} (or training wait)`],
}

export const trainingStatusCommand: Command<{ jobs: TrainingJobView[] }> = {
  name: ['training', 'status'],
  access: 'signed-in',
  summary: 'Training jobs and their progress: step, epoch, batch, time left against the budget, dev F1 so far.',
  options: { workspace: WORKSPACE_OPTION, job: JOB_OPTION, all: { type: 'boolean', description: 'every job, newest first' }, json: JSON_OPTION },
  run: (options) =>
    withWorkspace(options, (workspace) => {
      if (options.all === true) return { jobs: listTrainingJobs(workspace) }
      const jobs = listTrainingJobs(workspace)
      if (jobs.length === 0 && options.job === undefined) return { jobs: [] }
      const id = jobId(options, () => jobs[0]?.id)
      return { jobs: [trainingJobStatus(workspace, id)] }
    }),
  describe: (result) => (result.jobs.length === 0 ? ['No training job yet.'] : result.jobs.flatMap(describeJob)),
}

export const trainingCancelCommand: Command<TrainingJobView> = {
  name: ['training', 'cancel'],
  access: 'train-models',
  summary: 'Cancel a running training job; its last epoch checkpoint is kept for resuming.',
  options: { workspace: WORKSPACE_OPTION, job: JOB_OPTION, json: JSON_OPTION },
  run: (options, _positionals, context) =>
    withWorkspace(options, (workspace) =>
      cancelTrainingJob(workspace, { actor: actorOf(context).id, jobId: jobId(options, () => listTrainingJobs(workspace)[0]?.id) }),
    ),
  describe: describeJob,
}

export const trainingResumeCommand: Command<TrainingJobView> = {
  name: ['training', 'resume'],
  access: 'train-models',
  summary: 'Resume a cancelled or interrupted training job from its checkpoint, on the records it was training on, within the same budget.',
  options: { workspace: WORKSPACE_OPTION, job: JOB_OPTION, json: JSON_OPTION },
  run: (options, _positionals, context) =>
    withWorkspace(options, (workspace) =>
      resumeTrainingJob(workspace, { actor: actorOf(context).id, jobId: jobId(options, () => listTrainingJobs(workspace)[0]?.id) }),
    ),
  describe: describeJob,
}

export const trainingWaitCommand: Command<TrainingJobView> = {
  name: ['training', 'wait'],
  access: 'signed-in',
  summary: 'Wait until a training job ends, printing its progress; exits non-zero unless it succeeded.',
  options: {
    workspace: WORKSPACE_OPTION,
    job: JOB_OPTION,
    'poll-seconds': { type: 'string', description: 'seconds between looks', default: '5' },
    quiet: { type: 'boolean', description: 'no progress lines on stderr' },
    json: JSON_OPTION,
  },
  run: async (options) => {
    const dir = requireString(options, 'workspace')
    const pollMs = (numberOption(options, 'poll-seconds', { min: 0.2, max: 600 }) ?? 5) * 1000
    for (let previous = ''; ; ) {
      // Opened per look: the job process writes to the same database meanwhile.
      const workspace = openWorkspace(dir)
      let job: TrainingJobView
      try {
        job = trainingJobStatus(workspace, jobId(options, () => listTrainingJobs(workspace)[0]?.id))
      } finally {
        workspace.close()
      }
      const line = describeJob(job).join('\n')
      if (options.quiet !== true && line !== previous) process.stderr.write(`${line}\n`)
      previous = line
      if (['succeeded', 'failed', 'cancelled', 'interrupted'].includes(job.status)) {
        if (job.status !== 'succeeded') throw new AppFailure('internal', `Training job ${job.id} ended ${job.status}${job.error ? `: ${job.error}` : ''}.`)
        return job
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, pollMs))
    }
  },
  describe: describeJob,
}

export const trainingReportCommand: Command<ModelReport> = {
  name: ['training', 'report'],
  access: 'signed-in',
  summary: "A finished training job's evaluation report: micro/macro F1, AUC, Recall@k, per ICD chapter, beside the model in use.",
  options: { workspace: WORKSPACE_OPTION, job: JOB_OPTION, json: JSON_OPTION },
  run: (options) => withWorkspace(options, (workspace) => trainingJobReport(workspace, jobId(options, () => listTrainingJobs(workspace)[0]?.id))),
  describe: describeReport,
}
