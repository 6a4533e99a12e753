/**
 * Options that name something inside a workspace (its model, its code set, its
 * simulated clean share), shared by the commands that take them.
 */
import { resolve } from 'node:path'
import { AppFailure } from '../../../contract/result.js'
import { configuredModelDir } from '../../coding/workspace-model.js'
import type { SqliteDatabase } from '../../store/database.js'
import { activeCodeSetId } from '../../workspace/workspace.js'
import type { Workspace } from '../../workspace/workspace.js'
import { numberOption, optionalString } from '../command.js'
import type { OptionSpec, ParsedOptions } from '../command.js'

export const MODEL_OPTION: OptionSpec = { type: 'string', description: "model bundle folder (default: the workspace's model)" }

export const CODE_SET_OPTION: OptionSpec = { type: 'string', description: 'code set id (default: the active one)' }

/** The normaliser's acceptance threshold (`normalize`, `label`). */
export const NAME_THRESHOLD_OPTION: OptionSpec = { type: 'string', description: 'confidence at which a code is accepted (default 0.5)' }

export const CLEAN_SHARE_OPTION: OptionSpec = {
  type: 'string',
  description: "share of reference-labelled records used as clean labels (default: the workspace's setting, else 1)",
}

/** The model bundle named by `--model`, else the workspace's; `model-missing` when there is neither. */
export function modelDirOption(workspace: Workspace, options: ParsedOptions): string {
  const given = optionalString(options, 'model')
  const dir = given ? resolve(given) : configuredModelDir(workspace)
  if (!dir) throw new AppFailure('model-missing', 'No model: pass --model BUNDLE or install one with `clinicoco models use`.')
  return dir
}

/** The code set named by `--code-set`, else the workspace's active one. */
export function codeSetOption(database: SqliteDatabase, options: ParsedOptions): number {
  return numberOption(options, 'code-set', { min: 1, max: Number.MAX_SAFE_INTEGER, whole: true }) ?? activeCodeSetId(database)
}
