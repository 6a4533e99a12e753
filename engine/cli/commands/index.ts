import type { Command } from '../command.js'
import { auditVerifyCommand } from './audit.js'
import { benchmarkChipCdnCommand, benchmarkCodiEspCommand, benchmarkIcd10cmIndexCommand } from './benchmark.js'
import { codesImportCommand } from './codes-import.js'
import { codesListCommand, codesSearchCommand } from './codes.js'
import { demoCommand } from './demo.js'
import { decisionsListCommand } from './decisions.js'
import { doctorCommand } from './doctor.js'
import { exportCommand } from './export.js'
import { importCommand } from './import.js'
import { initCommand } from './init.js'
import { limitsSetCommand, limitsShowCommand } from './limits.js'
import { benchmarkCodiEspCodingCommand, bundleExportCommand, evalCommand, modelsUseCommand, nameFlagsCommand, suggestCommand, trainCommand } from './model.js'
import { labelCommand, normalizeCommand, trainEncoderCommand } from './normalize.js'
import { recordsListCommand } from './records.js'
import { serveCommand } from './serve.js'
import { usersListCommand, usersModeCommand } from './users.js'

export const commands: Command[] = [
  initCommand,
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
  limitsShowCommand,
  limitsSetCommand,
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
] as Command[]
