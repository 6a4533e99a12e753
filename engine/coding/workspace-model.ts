/**
 * Which model bundle a workspace codes with (setting `model_bundle`, a path
 * absolute or relative to the workspace folder), opened once on first use.
 * On opening, clean records not yet in the kNN datastore are embedded into it,
 * so a fresh model finds similar cases from its first suggestion.
 */
import { isAbsolute, join, resolve } from 'node:path'
import type { SqliteDatabase } from '../store/database.js'
import { selectTrainingRecords, type TrainingSelection } from '../records/training-records.js'
import { getSetting, setSetting } from '../workspace/workspace.js'
import type { Workspace } from '../workspace/workspace.js'
import { openCodingModel, type CodingModel } from './coding-model.js'

export const MODEL_SETTING = 'model_bundle'

export function configuredModelDir(workspace: Workspace): string | null {
  const setting = getSetting(workspace.database, MODEL_SETTING)
  if (setting === null || setting === '') return null
  return isAbsolute(setting) ? setting : resolve(workspace.dir, setting)
}

export function useModelBundle(workspace: Workspace, bundleDir: string): void {
  setSetting(workspace.database, MODEL_SETTING, resolve(bundleDir))
}

export function knnDirectory(workspace: Workspace): string {
  return join(workspace.dir, 'knn')
}

export async function openWorkspaceModel(workspace: Workspace, bundleDir: string, options: { threads?: number } = {}): Promise<CodingModel> {
  return openCodingModel(workspace.database, { bundleDir, knnDir: knnDirectory(workspace), threads: options.threads })
}

/**
 * Adds every clean record (and every coder-submitted one) that the datastore
 * lacks; dev and test records never enter it (they are what is evaluated).
 */
export async function fillDatastore(
  database: SqliteDatabase,
  model: CodingModel,
  selection: Omit<TrainingSelection, 'codeSetId'> = {},
): Promise<number> {
  const records = selectTrainingRecords(database, { ...selection, codeSetId: model.codeSetId }).filter(
    (record) => record.split === 'clean' && !model.datastore.has(record.rowId),
  )
  const decided = new Set(database.prepare<{ record_id: number }>('SELECT DISTINCT record_id FROM decisions').all().map((row) => row.record_id))
  for (const record of records) await model.remember(record.rowId, record.labels, decided.has(record.rowId) ? 'decision' : 'clean')
  return records.length
}

/** One model per engine process, opened on first use; null when the workspace has none configured. */
export interface ModelHolder {
  get(): Promise<CodingModel | null>
  /** The model if it is already open (no loading). */
  current(): CodingModel | null
  close(): Promise<void>
}

export function holdWorkspaceModel(workspace: Workspace): ModelHolder {
  let opening: Promise<CodingModel | null> | null = null
  let opened: CodingModel | null = null
  return {
    get() {
      opening ??= (async () => {
        const dir = configuredModelDir(workspace)
        if (dir === null) return null
        const model = await openWorkspaceModel(workspace, dir)
        await fillDatastore(workspace.database, model)
        opened = model
        return model
      })()
      // A failed open is not cached: the next call tries again (IT may have fixed the bundle).
      return opening.catch((error: unknown) => {
        opening = null
        throw error
      })
    },
    current: () => opened,
    async close() {
      await opened?.close()
    },
  }
}
