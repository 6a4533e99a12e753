import type { Command } from '../command.js'
import { auditVerifyCommand } from './audit.js'
import { benchmarkChipCdnCommand, benchmarkCodiEspCommand, benchmarkIcd10cmIndexCommand } from './benchmark.js'
import { backupCommand, backupScheduledCommand, backupVerifyCommand, restoreCommand } from './backup.js'
import { codesImportCommand } from './codes-import.js'
import { codesListCommand, codesSearchCommand } from './codes.js'
import { demoCommand } from './demo.js'
import { decisionsListCommand } from './decisions.js'
import { doctorCommand } from './doctor.js'
import { exportCommand } from './export.js'
import { importCommand } from './import.js'
import { keysGenerateCommand, keysListCommand, keysRevokeCommand, keysTrustCommand } from './keys.js'
import { benchmarkCodiEspCodingCommand, bundleExportCommand, evalCommand, nameFlagsCommand, suggestCommand, trainCommand } from './model.js'
import { modelsHistoryCommand, modelsSignCommand, modelsStatusCommand, modelsUseCommand } from './models.js'
import { policyCheckCommand, policyShowCommand } from './policy.js'
import { labelCommand, normalizeCommand, trainEncoderCommand } from './normalize.js'
import { recordsListCommand } from './records.js'
import { serveCommand } from './serve.js'
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
] as Command[]
