import { AppFailure } from '../../../contract/result.js'
import { annotationQueue, type AnnotationTask } from '../../annotate/annotation-queue.js'
import { readAnnotationSettings } from '../../annotate/annotation-settings.js'
import { annotationStatus, type AnnotationStatus } from '../../annotate/annotation-status.js'
import { planAnnotationPatch, type PatchMethod, type PatchSummary } from '../../annotate/plan-annotation-patch.js'
import { readAnnotationSettingsView, updateAnnotationSettings, type AnnotationSettingsView } from '../../annotate/update-annotation-settings.js'
import { simulateAnnotation, type SimulatedAnnotationReport } from '../../annotate/simulated-annotator.js'
import { activeCodeSetId } from '../../workspace/workspace.js'
import { JSON_OPTION, actorOf, listOption, numberOption, optionalString, requireString, WORKSPACE_OPTION } from '../command.js'
import type { Command } from '../command.js'
import { roleMay, rolesWith } from '../../auth/roles.js'
import { withWorkspace } from './with-workspace.js'

export const annotatePlanCommand: Command<PatchSummary> = {
  name: ['annotate', 'plan'],
  access: 'plan-annotation',
  summary: 'Plan the next patch of the annotation queue (the fewest records that bring every code to s clean examples) and deal it to the coders.',
  options: {
    workspace: WORKSPACE_OPTION,
    s: { type: 'string', description: "clean examples wanted per code (default: the workspace's setting, else 5)" },
    'trust-threshold': { type: 'string', description: "noisy labels at or above this confidence count (default: the normaliser's accepted labels)" },
    'max-records': { type: 'string', description: 'at most this many records in the patch (random: exactly this many)' },
    coders: { type: 'string', description: 'annotators, comma-separated (default: every coder)' },
    method: { type: 'string', description: 'adaptive (the paper\'s plan) or random (baseline)', default: 'adaptive' },
    seed: { type: 'string', description: 'seed for ties and random draws', default: '13' },
    'dry-run': { type: 'boolean', description: 'show the patch without storing it' },
    json: JSON_OPTION,
  },
  run: (options, _positionals, context) =>
    withWorkspace(options, ({ database }) => {
      const method = requireString(options, 'method')
      if (method !== 'adaptive' && method !== 'random') throw new AppFailure('invalid-input', '--method must be adaptive or random.')
      const saved = readAnnotationSettings(database)
      const trust = optionalString(options, 'trust-threshold')
      return planAnnotationPatch(database, {
        codeSetId: activeCodeSetId(database),
        actor: actorOf(context).id,
        method: method as PatchMethod,
        target: numberOption(options, 's', { min: 1, max: 1_000, whole: true }) ?? saved.target,
        trustThreshold: trust === undefined ? saved.trustThreshold : trust === 'accepted' ? null : (numberOption(options, 'trust-threshold', { min: 0, max: 1 }) ?? null),
        maxRecords: numberOption(options, 'max-records', { min: 1, max: 1_000_000, whole: true }),
        coders: listOption(options, 'coders'),
        seed: numberOption(options, 'seed', { min: 0, max: 2 ** 31, whole: true }) ?? 13,
        dryRun: options['dry-run'] === true,
      })
    }),
  describe: (result) => [
    `${result.dryRun ? 'Would plan' : `Patch ${result.number}`} (${result.method}, aim ${result.settings.aim} clean examples per code, s = ${result.settings.target}): ${result.records} records`,
    `  ${result.codesShort} codes short before the patch; ${result.expectedExamples} clean examples expected from the noisy labels' confidence`,
    `  per coder: ${Object.entries(result.perCoder).map(([coder, count]) => `${coder} ${count}`).join(', ')}`,
    ...(result.codesUnmet.length > 0
      ? [`  ${result.codesUnmet.length} codes the candidates cannot bring there: ${result.codesUnmet.slice(0, 12).map((entry) => `${entry.code} (−${entry.missing})`).join(', ')}${result.codesUnmet.length > 12 ? ' …' : ''}`]
      : []),
  ],
}

export const annotateStatusCommand: Command<AnnotationStatus> = {
  name: ['annotate', 'status'],
  access: 'signed-in',
  summary: 'Where the annotation stands: clean examples per code against s, patches, each coder\'s queue, records and coder hours left.',
  options: { workspace: WORKSPACE_OPTION, json: JSON_OPTION },
  run: (options) => withWorkspace(options, ({ database }) => annotationStatus(database, activeCodeSetId(database))),
  describe: (result) => [
    `Records: ${Object.entries(result.classes).map(([split, count]) => `${count} ${split}`).join(', ')}`,
    `Codes: ${result.summary.codes}; ${result.summary.atTarget} with ≥ ${result.settings.target} clean examples, ${result.summary.short} short (${result.summary.withoutCandidates} without any candidate left)`,
    ...result.patches.map((patch) => `  patch ${patch.number} (${patch.method}, ${patch.createdAt.slice(0, 16)}): ${patch.done}/${patch.records} annotated`),
    ...result.coders.map((coder) => `  ${coder.coder}: ${coder.open} open, ${coder.done} done`),
    `Records left: ${result.recordsLeft}${result.recordsLeft === 0 && result.effort.nextPatchRecords ? ` (the next patch would hold ${result.effort.nextPatchRecords})` : ''}`,
    result.effort.estimatedHoursLeft === null
      ? 'Coder hours left: unknown until decisions with active time are stored'
      : `Coder hours left: ${result.effort.estimatedHoursLeft} (median ${(result.effort.medianActiveMs! / 60_000).toFixed(1)} min per record over ${result.effort.timedDecisions} ${result.effort.source} decisions)`,
    result.complete ? 'Complete: every code has s clean examples, or no candidate is left for it.' : 'Not complete.',
  ],
}

export const annotateQueueCommand: Command<{ coder: string; tasks: AnnotationTask[] }> = {
  name: ['annotate', 'queue'],
  summary: "A coder's open annotation tasks, in plan order.",
  // One's own queue; another coder's is the planner's view (as listAnnotationQueue in the engine).
  access: 'signed-in',
  options: { workspace: WORKSPACE_OPTION, coder: { type: 'string', description: "the coder (default: yourself; another coder's queue needs the plan-annotation permission)" }, json: JSON_OPTION },
  run: (options, _positionals, context) =>
    withWorkspace(options, ({ database }) => {
      const me = actorOf(context)
      const coder = optionalString(options, 'coder') ?? me.id
      if (coder !== me.id && !roleMay(me.role, 'plan-annotation')) {
        throw new AppFailure('forbidden', `Not allowed: another coder's annotation queue needs the "plan-annotation" permission, which a ${me.role} does not have (${rolesWith('plan-annotation').join(', ')} do).`)
      }
      return { coder, tasks: annotationQueue(database, coder) }
    }),
  describe: (result) => [`${result.coder}: ${result.tasks.length} open`, ...result.tasks.map((task) => `  patch ${task.patch} #${task.position + 1} ${task.recordId}`)],
}

export const annotateSimulateCommand: Command<SimulatedAnnotationReport> = {
  name: ['annotate', 'simulate'],
  // It submits decisions in a coder's name (walkthroughs, experiments): the administrator's tool, audited as their run.
  access: 'train-models',
  summary: "A simulated annotator works through a coder's queue, answering with each record's reference codes (experiments, walkthroughs).",
  options: {
    workspace: WORKSPACE_OPTION,
    coder: { type: 'string', description: 'whose queue' },
    limit: { type: 'string', description: 'at most this many records' },
    'active-seconds': { type: 'string', description: 'active time recorded per record (default 0: none; it is simulated)' },
    json: JSON_OPTION,
  },
  run: (options) =>
    withWorkspace(options, ({ database }) =>
      simulateAnnotation(database, {
        coder: requireString(options, 'coder'),
        codeSetId: activeCodeSetId(database),
        limit: numberOption(options, 'limit', { min: 1, max: 1_000_000, whole: true }),
        activeMs: Math.round((numberOption(options, 'active-seconds', { min: 0, max: 86_400 }) ?? 0) * 1000),
      }),
    ),
  describe: (result) => [
    `${result.coder}: ${result.submitted} records annotated with their reference codes; ${result.remaining} left in the queue`,
    ...result.skipped.map((entry) => `  skipped ${entry.recordId}: ${entry.reason}`),
  ],
}

export const annotateSettingsCommand: Command<AnnotationSettingsView> = {
  name: ['annotate', 'settings'],
  access: 'plan-annotation',
  summary: 'Show or change s, the trust threshold for noisy labels, and whether reference codes on training records are clean labels or an answer key (audited).',
  options: {
    workspace: WORKSPACE_OPTION,
    s: { type: 'string', description: 'clean examples wanted per code' },
    'trust-threshold': { type: 'string', description: 'a confidence from 0 to 1, or "accepted" (the normaliser\'s accepted labels)' },
    'reference-codes': { type: 'string', description: 'clean (the hospital\'s coding trains the model) or answer-key (only annotated records are clean)' },
    json: JSON_OPTION,
  },
  run: (options, _positionals, context) =>
    withWorkspace(options, ({ database }) => {
      const target = numberOption(options, 's', { min: 1, max: 1_000, whole: true })
      const trust = optionalString(options, 'trust-threshold')
      const role = optionalString(options, 'reference-codes')
      if (role !== undefined && role !== 'clean' && role !== 'answer-key') throw new AppFailure('invalid-input', '--reference-codes must be clean or answer-key.')
      if (target === undefined && trust === undefined && role === undefined) return readAnnotationSettingsView(database)
      return updateAnnotationSettings(database, {
        actor: actorOf(context).id,
        ...(target !== undefined ? { target } : {}),
        ...(trust !== undefined ? { trustThreshold: trust === 'accepted' ? null : (numberOption(options, 'trust-threshold', { min: 0, max: 1 }) ?? null) } : {}),
        ...(role !== undefined ? { referenceCodes: role } : {}),
      })
    }),
  describe: (result) => [
    `s = ${result.target} clean examples per code; trust threshold ${result.trustThreshold ?? "the normaliser's accepted labels"}`,
    `reference codes on training records: ${result.referenceCodes === 'share' ? `a seeded share of ${result.cleanShare} counts clean` : result.referenceCodes}`,
  ],
}
