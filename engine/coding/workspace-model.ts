/**
 * Which model bundle a workspace codes with (the latest model switch, pinned by
 * manifest hash: `model-switches.ts`), opened once on first use. On opening,
 * clean records not yet in the kNN datastore are embedded into it, so a fresh
 * model finds similar cases from its first suggestion.
 */
import { isAbsolute, join, resolve } from 'node:path'
import type { SqliteDatabase } from '../store/database.js'
import { selectTrainingRecords, type TrainingSelection } from '../records/training-records.js'
import { getSetting } from '../workspace/workspace.js'
import type { Workspace } from '../workspace/workspace.js'
import { openCodingModel, type CodingModel } from './coding-model.js'
import { currentModelSwitch } from './model-switches.js'

/** Where workspaces made before model switches were pinned named their model (read once, to pin it: `engine/model-trust/`). */
export const LEGACY_MODEL_SETTING = 'model_bundle'

/** The folder of the model in use, unchecked; `engine/model-trust/verify-pinned-model.ts` checks it before it is loaded. */
export function configuredModelDir(workspace: Workspace): string | null {
  const pinned = currentModelSwitch(workspace.database)
  if (pinned) return pinned.bundleDir
  return legacyModelDir(workspace)
}

export function legacyModelDir(workspace: Workspace): string | null {
  const setting = getSetting(workspace.database, LEGACY_MODEL_SETTING)
  if (setting === null || setting === '') return null
  return isAbsolute(setting) ? setting : resolve(workspace.dir, setting)
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

/**
 * `locate` gives the folder of the model to open, or null for none; it is where
 * the caller checks the bundle first (the engine host passes the pinned-model
 * check, which refuses a bundle changed since it was accepted).
 *
 * The model in use is the latest model switch, whoever wrote it (the app's
 * registry promote, `clinicoco models use` from another process): when it is no
 * longer the one the holder opened, the next `get` opens the new one. The old
 * one is closed a while later, so a suggestion already running on it finishes.
 */
export function holdWorkspaceModel(workspace: Workspace, locate: () => Promise<string | null>, options: { closeAfterMs?: number } = {}): ModelHolder {
  let opening: Promise<CodingModel | null> | null = null
  let opened: CodingModel | null = null
  /** The switch the settled opening followed (undefined while none has settled). */
  let openedSwitch: number | null | undefined
  const closeAfterMs = options.closeAfterMs ?? 60_000
  const switchId = (): number | null => currentModelSwitch(workspace.database)?.id ?? null
  return {
    get() {
      if (opening !== null && openedSwitch !== undefined && switchId() !== openedSwitch) {
        const previous = opened
        opening = null
        opened = null
        openedSwitch = undefined
        if (previous) setTimeout(() => void previous.close(), closeAfterMs).unref()
      }
      opening ??= (async () => {
        const dir = await locate()
        // Read after locate: the check may itself pin a workspace's pre-pinning model.
        const followed = switchId()
        if (dir === null) {
          openedSwitch = followed
          return null
        }
        const model = await openWorkspaceModel(workspace, dir)
        await fillDatastore(workspace.database, model)
        opened = model
        openedSwitch = followed
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
