/**
 * The model registry: every model bundle trained in this workspace (or installed
 * into it), with its provenance — who trained it, when, on how many records of
 * each class, with which code set, and how it scored. Registering is audited and
 * never changes an earlier entry.
 *
 * The registry is a catalogue, not a second notion of "the model in use": which
 * model codes is the latest model switch (engine/coding/model-switches.ts), and
 * promoting or rolling back goes through model trust's one door
 * (engine/model-trust/promote-model.ts). The registry pins the manifest's sha256
 * and the signing key as registered, so a promotion refuses a bundle changed
 * since its training job produced it.
 */
import { resolve } from 'node:path'
import { checkBundleSignature } from '../bundle/bundle-signature.js'
import type { ModelReport } from '../../contract/model-report.js'
import { appendAudit } from '../audit/audit-log.js'
import { readModelBundle } from '../coding/model-bundle.js'
import { manifestSha256 } from '../coding/model-switches.js'
import type { SqliteDatabase } from '../store/database.js'

export interface RegisteredModel {
  modelVersion: string
  dir: string
  /** sha256 of the manifest as registered. */
  manifestSha256: string
  /** The key that had signed the bundle when it was registered; null when it was unsigned. */
  signerKeyId: string | null
  source: 'trained' | 'installed'
  registeredAt: string
  registeredBy: string
  trainingJobId: number | null
  provenance: ModelProvenance
}

export interface ModelProvenance {
  codeSet: { name: string; version: string }
  codes: number
  createdAt: string
  trainingRecords: Record<string, number> | null
  trainer: Record<string, unknown>
  /** Dev / test micro-F1 of the evaluation report (suggestions as coders get them), when there is one. */
  report: { devMicroF1: number; testMicroF1: number | null; devMacroF1: number; recallAt9: number | null } | null
  /** The metrics the trainer wrote into the manifest (the model + kNN, before the names). */
  manifestMetrics: Record<string, unknown>
}

export function registerTrainedModel(
  database: SqliteDatabase,
  entry: { dir: string; actor: string; jobId: number | null; trainingRecords: Record<string, number> | null; report: ModelReport | null },
): RegisteredModel {
  return registerModel(database, { ...entry, source: 'trained' })
}

export function registerModel(
  database: SqliteDatabase,
  entry: { dir: string; actor: string; source: 'trained' | 'installed'; jobId: number | null; trainingRecords: Record<string, number> | null; report: ModelReport | null },
): RegisteredModel {
  const bundle = readModelBundle(entry.dir)
  const { manifest } = bundle
  const provenance: ModelProvenance = {
    codeSet: manifest.codeSet,
    codes: manifest.codes.length,
    createdAt: manifest.createdAt,
    trainingRecords: entry.trainingRecords,
    trainer: manifest.trainer as Record<string, unknown>,
    report: entry.report
      ? {
          devMicroF1: entry.report.candidate.dev.microF1,
          testMicroF1: entry.report.candidate.test?.microF1 ?? null,
          devMacroF1: entry.report.candidate.dev.macroF1,
          recallAt9: entry.report.candidate.dev.recallAt[9],
        }
      : null,
    manifestMetrics: manifest.metrics as Record<string, unknown>,
  }
  return database.transaction(() => {
    const existing = readRegisteredModel(database, manifest.modelVersion)
    if (existing) return existing
    const at = new Date().toISOString()
    const sha256 = manifestSha256(bundle.dir)
    const signature = checkBundleSignature(bundle.dir)
    const signerKeyId = signature.state === 'signed' ? signature.keyId : null
    database
      .prepare(
        `INSERT INTO registered_models (model_version, dir, manifest_sha256, signer_key_id, source, registered_at, registered_by, training_job_id, provenance)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(manifest.modelVersion, resolve(bundle.dir), sha256, signerKeyId, entry.source, at, entry.actor, entry.jobId, JSON.stringify(provenance))
    appendAudit(
      database,
      { actor: entry.actor, action: 'model.register', entity: 'model', entityId: manifest.modelVersion, detail: { dir: resolve(bundle.dir), manifestSha256: sha256, signerKeyId, source: entry.source, jobId: entry.jobId } },
      at,
    )
    return readRegisteredModel(database, manifest.modelVersion) as RegisteredModel
  })
}

interface RegistryRow {
  model_version: string
  dir: string
  manifest_sha256: string
  signer_key_id: string | null
  source: 'trained' | 'installed'
  registered_at: string
  registered_by: string
  training_job_id: number | null
  provenance: string
}

export function readRegisteredModel(database: SqliteDatabase, modelVersion: string): RegisteredModel | null {
  const row = database.prepare<RegistryRow>('SELECT * FROM registered_models WHERE model_version = ?').get(modelVersion)
  return row ? toRegisteredModel(row) : null
}

export function listRegisteredModels(database: SqliteDatabase): RegisteredModel[] {
  return database.prepare<RegistryRow>('SELECT * FROM registered_models ORDER BY registered_at DESC, model_version').all().map(toRegisteredModel)
}

function toRegisteredModel(row: RegistryRow): RegisteredModel {
  return {
    modelVersion: row.model_version,
    dir: row.dir,
    manifestSha256: row.manifest_sha256,
    signerKeyId: row.signer_key_id,
    source: row.source,
    registeredAt: row.registered_at,
    registeredBy: row.registered_by,
    trainingJobId: row.training_job_id,
    provenance: JSON.parse(row.provenance) as ModelProvenance,
  }
}
