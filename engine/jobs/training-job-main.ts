/**
 * The training job's own process: `node training-job-main.js '{"workspaceDir":…,"jobId":…,"resume":…}'`.
 * Started detached by the engine host or the CLI (start-training-job.ts), so a
 * training of many minutes never runs on the UI's or the engine host's event
 * loop, and survives either closing. SIGTERM cancels it: the trainer is stopped,
 * its last checkpoint kept.
 */
import { runTrainingJob, type TrainingJobRun } from './run-training-job.js'

const run = JSON.parse(process.argv[2] ?? '{}') as TrainingJobRun
const controller = new AbortController()
process.on('SIGTERM', () => controller.abort())
process.on('SIGINT', () => controller.abort())
const outcome = await runTrainingJob(run, controller.signal)
process.exit(outcome === 'failed' ? 1 : 0)
