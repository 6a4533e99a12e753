import type { Command } from '../command.js'
import { annotatePlanCommand, annotateQueueCommand, annotateSettingsCommand, annotateSimulateCommand, annotateStatusCommand } from './annotate.js'
import { auditVerifyCommand } from './audit.js'
import { benchmarkChipCdnCommand, benchmarkCodiEspCommand, benchmarkIcd10cmIndexCommand } from './benchmark.js'
import { codesImportCommand } from './codes-import.js'
import { codesListCommand, codesSearchCommand } from './codes.js'
import { demoCommand } from './demo.js'
import { decisionsListCommand } from './decisions.js'
import { doctorCommand } from './doctor.js'
import { exportCommand } from './export.js'
import { experimentAnnotationCommand, experimentEffortCommand } from './experiment.js'
import { importCommand } from './import.js'
import { benchmarkCodiEspCodingCommand, bundleExportCommand, evalCommand, modelsUseCommand, nameFlagsCommand, suggestCommand, trainCommand } from './model.js'
import { labelCommand, normalizeCommand, trainEncoderCommand } from './normalize.js'
import { recordsListCommand } from './records.js'
import { serveCommand } from './serve.js'
import { splitsAssignCommand } from './splits.js'
import { trainingCancelCommand, trainingReportCommand, trainingResumeCommand, trainingStartCommand, trainingStatusCommand, trainingWaitCommand } from './training.js'
import { usersListCommand, usersModeCommand } from './users.js'

export const commands: Command[] = [
  demoCommand,
  codesImportCommand,
  codesListCommand,
  codesSearchCommand,
  importCommand,
  recordsListCommand,
  decisionsListCommand,
  exportCommand,
  auditVerifyCommand,
  usersListCommand,
  usersModeCommand,
  serveCommand,
  doctorCommand,
  normalizeCommand,
  trainEncoderCommand,
  labelCommand,
  benchmarkChipCdnCommand,
  benchmarkCodiEspCommand,
  benchmarkIcd10cmIndexCommand,
  bundleExportCommand,
  trainCommand,
  evalCommand,
  suggestCommand,
  nameFlagsCommand,
  modelsUseCommand,
  benchmarkCodiEspCodingCommand,
  splitsAssignCommand,
  annotatePlanCommand,
  annotateStatusCommand,
  annotateQueueCommand,
  annotateSimulateCommand,
  annotateSettingsCommand,
  trainingStartCommand,
  trainingStatusCommand,
  trainingWaitCommand,
  trainingCancelCommand,
  trainingResumeCommand,
  trainingReportCommand,
  experimentAnnotationCommand,
  experimentEffortCommand,
] as Command[]
