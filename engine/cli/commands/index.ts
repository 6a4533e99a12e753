import type { Command } from '../command.js'
import { auditVerifyCommand } from './audit.js'
import { codesListCommand, codesSearchCommand } from './codes.js'
import { decisionsListCommand } from './decisions.js'
import { doctorCommand } from './doctor.js'
import { exportCommand } from './export.js'
import { recordsListCommand } from './records.js'
import { serveCommand } from './serve.js'

export const commands: Command[] = [
  codesListCommand,
  codesSearchCommand,
  recordsListCommand,
  decisionsListCommand,
  exportCommand,
  auditVerifyCommand,
  serveCommand,
  doctorCommand,
] as Command[]
