import type { Command } from '../command.js'
import { annotatePlanCommand, annotateQueueCommand, annotateSettingsCommand, annotateSimulateCommand, annotateStatusCommand } from './annotate.js'
import { auditVerifyCommand } from './audit.js'
import { benchmarkChipCdnCommand, benchmarkCodiEspCodingCommand, benchmarkCodiEspCommand, benchmarkIcd10cmIndexCommand } from './benchmark.js'
import { bundleExportCommand } from './bundle.js'
import { codesImportCommand } from './codes-import.js'
import { codesListCommand, codesSearchCommand } from './codes.js'
import { demoCommand } from './demo.js'
import { decisionsListCommand } from './decisions.js'
import { doctorCommand } from './doctor.js'
import { exportCommand } from './export.js'
import { experimentAnnotationCommand, experimentEffortCommand } from './experiment.js'
import { importCommand } from './import.js'
import { evalCommand } from './eval.js'
import { labelCommand } from './label.js'
import { modelsUseCommand } from './models.js'
import { nameFlagsCommand } from './name-flags.js'
import { normalizeCommand, trainEncoderCommand } from './normalize.js'
import { primaryAccuracyCommand } from './primary-accuracy.js'
import { recordsListCommand } from './records.js'
import { rulesCheckCommand, rulesExportCommand, rulesImportCommand, rulesListCommand } from './rules.js'
import { serveCommand } from './serve.js'
import { splitsAssignCommand } from './splits.js'
import { trainingCancelCommand, trainingReportCommand, trainingResumeCommand, trainingStartCommand, trainingStatusCommand, trainingWaitCommand } from './training.js'
import { suggestCommand } from './suggest.js'
import { suggestAuditCommand } from './suggest-audit.js'
import { trainCommand } from './train.js'
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
  rulesListCommand,
  rulesExportCommand,
  rulesImportCommand,
  rulesCheckCommand,
  primaryAccuracyCommand,
  suggestAuditCommand,
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
