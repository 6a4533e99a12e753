/**
 * `clinicoco annotate plan`: plans the next patch of the annotation queue and
 * deals it to the coders, in one audited transaction.
 *
 * The first patch aims every code at FIRST_PATCH_EXAMPLES (2) candidate records;
 * each later one, after the coders have annotated the previous patch, recounts
 * the clean examples and aims every code still short at s. A plan is refused
 * while the previous patch has open tasks: it is the recount after a patch that
 * tells which codes are still short (a noisy label can be wrong, so a record
 * planned for a code may not yield it). `random` draws the same number of records
 * at random from every unlabelled training record: the paper's baseline.
 */
import { AppFailure } from '../../contract/result.js'
import { appendAudit } from '../audit/audit-log.js'
import { SeededRandom, deriveSeed } from '../random/seeded-random.js'
import type { SqliteDatabase } from '../store/database.js'
import { readAnnotationPool } from './annotation-pool.js'
import { checkAnnotationSettings, FIRST_PATCH_EXAMPLES, saveAnnotationSettings, type AnnotationSettings } from './annotation-settings.js'
import { annotationCoders, dealToCoders } from './assign-annotation-work.js'
import { planPatch } from './plan-patch.js'

export type PatchMethod = 'adaptive' | 'random'

export interface PatchRequest extends AnnotationSettings {
  codeSetId: number
  actor: string
  method: PatchMethod
  /** adaptive: at most this many records; random: exactly this many (or all that are left). */
  maxRecords?: number
  /** Annotators; default every user with the coder role. */
  coders?: readonly string[]
  seed: number
  /** Plan without storing anything (what the next patch would hold). */
  dryRun?: boolean
}

export interface PatchSummary {
  number: number | null
  method: PatchMethod
  settings: AnnotationSettings & { maxRecords: number | null; seed: number; aim: number }
  records: number
  perCoder: Record<string, number>
  /** Codes below their aim before the patch, and how many of them the patch cannot bring there. */
  codesShort: number
  codesUnmet: Array<{ code: string; missing: number }>
  expectedExamples: number
  dryRun: boolean
}

export function planAnnotationPatch(database: SqliteDatabase, request: PatchRequest): PatchSummary {
  const settings = checkAnnotationSettings({ target: request.target, trustThreshold: request.trustThreshold })
  if (request.method === 'random' && !(request.maxRecords && request.maxRecords > 0)) {
    throw new AppFailure('invalid-input', 'A random patch needs its size (--max-records).')
  }
  const plan = (): PatchSummary => {
    const open = openTasksByCoder(database)
    const openTotal = [...open.values()].reduce((sum, count) => sum + count, 0)
    if (openTotal > 0 && !request.dryRun) {
      throw new AppFailure('conflict', `${openTotal} records of the current patch are still to annotate: the next patch is planned from their clean labels.`)
    }
    const previous = database.prepare<{ n: number }>('SELECT count(*) AS n FROM annotation_patches').get()?.n ?? 0
    const number = previous + 1
    const aim = number === 1 ? Math.min(FIRST_PATCH_EXAMPLES, settings.target) : settings.target
    const pool = readAnnotationPool(database, request.codeSetId, settings.trustThreshold)
    const need = new Map([...pool.codes].map((code) => [code, Math.max(0, aim - (pool.cleanCounts.get(code) ?? 0))]))
    const codesShort = [...need.values()].filter((count) => count > 0).length
    const seed = deriveSeed(request.seed, number)
    let recordIds: number[]
    let unmet = new Map<string, number>()
    let expectedExamples = 0
    if (request.method === 'adaptive') {
      const planned = planPatch({ candidates: pool.candidates, need, maxRecords: request.maxRecords, seed })
      recordIds = planned.recordIds
      unmet = planned.unmet
      expectedExamples = planned.expectedExamples
    } else {
      recordIds = new SeededRandom(seed).sample(pool.unplanned, request.maxRecords ?? 0)
    }
    const coders = annotationCoders(database, request.coders)
    const dealt = dealToCoders(recordIds, coders, open)
    const perCoder: Record<string, number> = Object.fromEntries(coders.map((coder) => [coder, 0]))
    for (const coder of dealt.values()) perCoder[coder] = (perCoder[coder] ?? 0) + 1
    const summary: PatchSummary = {
      number: request.dryRun ? null : number,
      method: request.method,
      settings: { ...settings, maxRecords: request.maxRecords ?? null, seed: request.seed, aim },
      records: recordIds.length,
      perCoder,
      codesShort,
      codesUnmet: [...unmet].map(([code, missing]) => ({ code, missing })).sort((a, b) => b.missing - a.missing || (a.code < b.code ? -1 : 1)),
      expectedExamples: Number(expectedExamples.toFixed(2)),
      dryRun: request.dryRun === true,
    }
    if (request.dryRun) return summary
    if (recordIds.length === 0) {
      throw new AppFailure(
        'not-found',
        codesShort === 0
          ? `Every code has ${aim} clean examples or more: nothing to annotate.`
          : `${codesShort} codes are short of ${aim} clean examples, but no unplanned record carries a trusted noisy label for them.`,
      )
    }
    const at = new Date().toISOString()
    const patchId = Number(
      database
        .prepare('INSERT INTO annotation_patches (number, created_at, actor, method, settings, summary) VALUES (?, ?, ?, ?, ?, ?)')
        .run(number, at, request.actor, request.method, JSON.stringify(summary.settings), JSON.stringify({ codesShort, codesUnmet: summary.codesUnmet, expectedExamples: summary.expectedExamples, records: recordIds.length }))
        .lastInsertRowid,
    )
    const insertTask = database.prepare('INSERT INTO annotation_tasks (patch_id, record_id, position, coder, assigned_at) VALUES (?, ?, ?, ?, ?)')
    recordIds.forEach((recordId, position) => insertTask.run(patchId, recordId, position, dealt.get(recordId) as string, at))
    saveAnnotationSettings(database, settings)
    appendAudit(
      database,
      {
        actor: request.actor,
        action: 'annotation.plan',
        entity: 'annotation_patch',
        entityId: String(number),
        detail: { method: request.method, settings: summary.settings, records: recordIds.length, perCoder, codesShort, codesUnmet: summary.codesUnmet.length },
      },
      at,
    )
    return summary
  }
  return request.dryRun ? plan() : database.transaction(plan)
}

/** Open tasks (no decision on the record yet) per coder. */
export function openTasksByCoder(database: SqliteDatabase): Map<string, number> {
  const rows = database
    .prepare<{ coder: string; n: number }>(
      `SELECT t.coder, count(*) AS n FROM annotation_tasks t
       WHERE NOT EXISTS (SELECT 1 FROM decisions d WHERE d.record_id = t.record_id) GROUP BY t.coder`,
    )
    .all()
  return new Map(rows.map((row) => [row.coder, row.n]))
}
