/**
 * Accepting a model bundle for a workspace: the one door every model goes
 * through before it codes (`clinicoco models use`, `train --use`, the demo, and
 * issue 18's registry when it promotes or rolls back).
 *
 * Checks, in order: the bundle's files against its manifest and the vocabulary
 * against its tokenizer hash; its signature under the machine policy; that the
 * workspace has its code set; the golden check (ONNX Runtime here reproduces
 * PyTorch's outputs); and its place relative to the model in use — never an
 * older one unless the caller asks for an explicit, reasoned rollback, and never
 * a different bundle under the version in use. Only then is it pinned (folder +
 * manifest sha256) as a new model switch, audited in the same transaction.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ModelPolicy } from '../../contract/policy.js'
import { AppFailure } from '../../contract/result.js'
import { checkGolden, type GoldenReport } from '../coding/golden-check.js'
import { readModelBundle, type ModelBundle } from '../coding/model-bundle.js'
import { currentModelSwitch, recordModelSwitch, type ModelSwitch, type SwitchKind } from '../coding/model-switches.js'
import type { SqliteDatabase } from '../store/database.js'
import { bundleSignatureVerdict, type SignatureVerdict } from './signature-verdict.js'
import { trustedSigners } from './trusted-keys.js'

/** Where a bundle stands against the model in use. */
export type BundleRelation = 'first' | 'in-use' | 'newer' | 'older' | 'same-version-other-bundle'

export interface BundleInspection {
  bundle: ModelBundle
  manifestSha256: string
  verdict: SignatureVerdict
  golden: GoldenReport
  current: ModelSwitch | null
  relation: BundleRelation
}

/** Every check short of switching: what a registry shows before the admin promotes. Throws on the first failure. */
export async function inspectModelBundle(database: SqliteDatabase, bundleDir: string, policy: ModelPolicy): Promise<BundleInspection> {
  const bundle = readModelBundle(bundleDir)
  const manifestBytes = readFileSync(join(bundle.dir, 'manifest.json'))
  const manifestSha256 = createHash('sha256').update(manifestBytes).digest('hex')
  const verdict = bundleSignatureVerdict(bundle.dir, trustedSigners(database, policy), policy)
  const { manifest } = bundle
  if (Number.isNaN(Date.parse(manifest.createdAt))) {
    throw new AppFailure('model-invalid', `${bundle.dir}: manifest createdAt "${manifest.createdAt}" is not a date, so its age against the model in use cannot be told.`)
  }
  const installed = database.prepare('SELECT 1 FROM code_sets WHERE name = ? AND version = ?').get(manifest.codeSet.name, manifest.codeSet.version)
  if (!installed) {
    throw new AppFailure('model-invalid', `The model ${manifest.modelVersion} codes in ${manifest.codeSet.name} ${manifest.codeSet.version}, which this workspace has not installed.`)
  }
  const golden = await checkGolden(bundle)
  if (!golden.passed) {
    throw new AppFailure('model-invalid', `${bundle.dir}: refused, ONNX Runtime's outputs differ from golden.json by ${golden.maxAbsDifference.toExponential(2)} (tolerance ${golden.tolerance}).`)
  }
  const current = currentModelSwitch(database)
  return { bundle, manifestSha256, verdict, golden, current, relation: relationTo(current, manifest.modelVersion, manifest.createdAt, manifestSha256) }
}

function relationTo(current: ModelSwitch | null, modelVersion: string, createdAt: string, sha256: string): BundleRelation {
  if (!current) return 'first'
  if (current.manifestSha256 === sha256) return 'in-use'
  if (current.modelVersion === modelVersion) return 'same-version-other-bundle'
  return Date.parse(createdAt) < Date.parse(current.modelCreatedAt) ? 'older' : 'newer'
}

export interface AcceptOptions {
  actor: string
  policy: ModelPolicy
  /** Going back to an older model on purpose: the reason is audited. */
  rollback?: { reason: string }
  /** Runs after every check passed and before the switch is written (e.g. filling the kNN datastore); a failure leaves the model in use unchanged. */
  prepare?: (inspection: BundleInspection) => Promise<void>
  /** A pin for a model a workspace already used before switches were pinned (see verify-pinned-model.ts). */
  kind?: Extract<SwitchKind, 'pin-existing'>
}

export interface AcceptedModel {
  switch: ModelSwitch
  /** False when the bundle was already the one in use (nothing written). */
  changed: boolean
  inspection: BundleInspection
}

export async function acceptModelBundle(database: SqliteDatabase, bundleDir: string, options: AcceptOptions): Promise<AcceptedModel> {
  const inspection = await inspectModelBundle(database, bundleDir, options.policy)
  const { bundle, current, relation } = inspection
  const version = bundle.manifest.modelVersion
  if (relation === 'in-use' && current) return { switch: current, changed: false, inspection }
  if (relation === 'same-version-other-bundle' && current) {
    throw new AppFailure(
      'conflict',
      `${bundle.dir}: refused, it is a different bundle under ${version}, the version in use (pinned manifest sha256 ${current.manifestSha256.slice(0, 12)}…, ` +
        `this one ${inspection.manifestSha256.slice(0, 12)}…). A retrained or changed model must carry a new version.`,
    )
  }
  const reason = options.rollback?.reason.trim()
  if (options.rollback) {
    if (!reason) throw new AppFailure('invalid-input', 'A rollback needs a reason (it is audited): --reason "…".')
    if (relation !== 'older') throw new AppFailure('invalid-input', `${version} is not older than the model in use: use it without --rollback.`)
  } else if (relation === 'older' && current) {
    throw new AppFailure(
      'conflict',
      `${bundle.dir}: refused, ${version} (created ${bundle.manifest.createdAt}) is older than the model in use, ${current.modelVersion} (created ${current.modelCreatedAt}). ` +
        'To go back on purpose, roll back: `clinicoco models use --rollback --reason "…"` (audited).',
    )
  }
  await options.prepare?.(inspection)
  const { verdict } = inspection
  const recorded = recordModelSwitch(database, {
    bundleDir: bundle.dir,
    modelVersion: version,
    manifestSha256: inspection.manifestSha256,
    modelCreatedAt: bundle.manifest.createdAt,
    codeSet: bundle.manifest.codeSet,
    signature: verdict.signature,
    signer: verdict.signature === 'trusted' ? { keyId: verdict.signer.keyId, name: verdict.signer.name } : verdict.signature === 'untrusted' ? { keyId: verdict.keyId, name: null } : null,
    goldenMaxDifference: inspection.golden.maxAbsDifference,
    kind: options.kind ?? (options.rollback ? 'rollback' : 'use'),
    reason: reason ?? null,
    actor: options.actor,
  }, current?.id ?? null)
  return { switch: recorded, changed: true, inspection }
}
