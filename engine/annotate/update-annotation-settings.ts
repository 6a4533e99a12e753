/**
 * `clinicoco annotate settings`: the admin changes s, the trust threshold or the
 * role of reference codes on training records; audited with the values before
 * and after, in the same transaction.
 */
import { appendAudit } from '../audit/audit-log.js'
import type { SqliteDatabase } from '../store/database.js'
import { CLEAN_SHARE_SETTING } from '../records/training-records.js'
import { getSetting, setSetting } from '../workspace/workspace.js'
import { checkAnnotationSettings, readAnnotationSettings, saveAnnotationSettings, type AnnotationSettings, type ReferenceCodeRole } from './annotation-settings.js'

export interface AnnotationSettingsView extends AnnotationSettings {
  /** How many training records with reference codes count as clean (1: all, 0: none, between: a seeded share). */
  cleanShare: number
  referenceCodes: ReferenceCodeRole | 'share'
}

export function readAnnotationSettingsView(database: SqliteDatabase): AnnotationSettingsView {
  const cleanShare = Number(getSetting(database, CLEAN_SHARE_SETTING) ?? 1)
  return { ...readAnnotationSettings(database), cleanShare, referenceCodes: cleanShare >= 1 ? 'clean' : cleanShare <= 0 ? 'answer-key' : 'share' }
}

export function updateAnnotationSettings(
  database: SqliteDatabase,
  change: Partial<AnnotationSettings> & { referenceCodes?: ReferenceCodeRole; actor: string },
): AnnotationSettingsView {
  return database.transaction(() => {
    const before = readAnnotationSettingsView(database)
    const settings = checkAnnotationSettings({
      target: change.target ?? before.target,
      trustThreshold: change.trustThreshold === undefined ? before.trustThreshold : change.trustThreshold,
    })
    saveAnnotationSettings(database, settings)
    if (change.referenceCodes !== undefined) setSetting(database, CLEAN_SHARE_SETTING, change.referenceCodes === 'clean' ? '1' : '0')
    const after = readAnnotationSettingsView(database)
    appendAudit(database, { actor: change.actor, action: 'annotation.settings', entity: 'workspace', entityId: 'annotation', detail: { before, after } })
    return after
  })
}
