import type { Command } from '../command.js'
import { annotatePlanCommand, annotateQueueCommand, annotateSettingsCommand, annotateSimulateCommand, annotateStatusCommand } from './annotate.js'
import { auditCheckpointCommand, auditExportCommand, auditListCommand, auditVerifyCommand } from './audit.js'
import { backupCommand, backupScheduledCommand, backupVerifyCommand, restoreCommand } from './backup.js'
import { benchmarkChineseEmrCommand, benchmarkChipCdnCommand, benchmarkCodiEspCodingCommand, benchmarkCodiEspCommand, benchmarkIcd10cmIndexCommand } from './benchmark.js'
import { bundleExportCommand } from './bundle.js'
import { codesImportCommand } from './codes-import.js'
import { codesListCommand, codesSearchCommand } from './codes.js'
import { demoChineseEmrCommand, demoCommand } from './demo.js'
import { decisionsListCommand } from './decisions.js'
import { doctorCommand } from './doctor.js'
import { exportCommand } from './export.js'
import { experimentAnnotationCommand, experimentEffortCommand } from './experiment.js'
import { importCommand } from './import.js'
import { initCommand } from './init.js'
import { limitsSetCommand, limitsShowCommand } from './limits.js'
import { evalCommand } from './eval.js'
import { keysGenerateCommand, keysListCommand, keysRevokeCommand, keysTrustCommand } from './keys.js'
import { labelCommand } from './label.js'
import { modelsHistoryCommand, modelsListCommand, modelsPromoteCommand, modelsSignCommand, modelsStatusCommand, modelsUseCommand } from './models.js'
import { nameFlagsCommand } from './name-flags.js'
import { normalizeCommand, trainEncoderCommand } from './normalize.js'
import { policyCheckCommand, policyShowCommand } from './policy.js'
import { primaryAccuracyCommand } from './primary-accuracy.js'
import { recordsListCommand } from './records.js'
import { rulesCheckCommand, rulesExportCommand, rulesImportCommand, rulesListCommand } from './rules.js'
import { serveCommand } from './serve.js'
import { splitsAssignCommand } from './splits.js'
import { trainingCancelCommand, trainingReportCommand, trainingResumeCommand, trainingStartCommand, trainingStatusCommand, trainingWaitCommand } from './training.js'
import { reportCommand } from './report.js'
import { suggestCommand } from './suggest.js'
import { suggestAuditCommand } from './suggest-audit.js'
import { synonymsAddCommand, synonymsListCommand, synonymsRemoveCommand } from './synonyms.js'
import { trainCommand } from './train.js'
import {
  usersAddCommand,
  usersDisableCommand,
  usersInitCommand,
  usersListCommand,
  usersModeCommand,
  usersPasswdCommand,
  usersRoleCommand,
  usersTokenCommand,
  usersUnlockCommand,
} from './users.js'

export const commands: Command[] = [
  initCommand,
  demoCommand,
  demoChineseEmrCommand,
  codesImportCommand,
  codesListCommand,
  codesSearchCommand,
  importCommand,
  recordsListCommand,
  decisionsListCommand,
  exportCommand,
  auditVerifyCommand,
  auditCheckpointCommand,
  auditListCommand,
  auditExportCommand,
  reportCommand,
  usersInitCommand,
  usersListCommand,
  usersAddCommand,
  usersPasswdCommand,
  usersRoleCommand,
  usersDisableCommand,
  usersUnlockCommand,
  usersTokenCommand,
  usersModeCommand,
  serveCommand,
  doctorCommand,
  limitsShowCommand,
  limitsSetCommand,
  normalizeCommand,
  trainEncoderCommand,
  labelCommand,
  synonymsListCommand,
  synonymsAddCommand,
  synonymsRemoveCommand,
  benchmarkChipCdnCommand,
  benchmarkChineseEmrCommand,
  benchmarkCodiEspCommand,
  benchmarkIcd10cmIndexCommand,
  bundleExportCommand,
  trainCommand,
  evalCommand,
  suggestCommand,
  nameFlagsCommand,
  modelsUseCommand,
  modelsPromoteCommand,
  modelsListCommand,
  modelsStatusCommand,
  modelsHistoryCommand,
  modelsSignCommand,
  keysGenerateCommand,
  keysTrustCommand,
  keysRevokeCommand,
  keysListCommand,
  policyShowCommand,
  policyCheckCommand,
  backupCommand,
  backupVerifyCommand,
  backupScheduledCommand,
  restoreCommand,
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
