/** The model registry as the admin's view shows it (engine/registry, with the model switches of engine/model-trust). */
import { z } from 'zod'

export const RegisteredModelView = z.object({
  modelVersion: z.string(),
  dir: z.string(),
  /** The manifest's sha256 as registered (trained) or as first pinned (installed). */
  manifestSha256: z.string(),
  signerKeyId: z.string().nullable(),
  source: z.enum(['trained', 'installed']),
  registeredAt: z.string(),
  registeredBy: z.string(),
  trainingJobId: z.number().int().nullable(),
  inUse: z.boolean(),
  provenance: z.object({
    codeSet: z.object({ name: z.string(), version: z.string() }),
    codes: z.number().int(),
    createdAt: z.string(),
    trainingRecords: z.record(z.string(), z.number()).nullable(),
    trainer: z.record(z.string(), z.unknown()),
    report: z.object({ devMicroF1: z.number(), testMicroF1: z.number().nullable(), devMacroF1: z.number(), recallAt9: z.number().nullable() }).nullable(),
    manifestMetrics: z.record(z.string(), z.unknown()),
  }),
})
export type RegisteredModelView = z.infer<typeof RegisteredModelView>

/** One model switch (engine/coding/model-switches.ts): the model in use is the latest, `models history` lists them all. */
export const ModelSwitchView = z.object({
  modelVersion: z.string(),
  bundleDir: z.string(),
  manifestSha256: z.string(),
  signature: z.enum(['trusted', 'unsigned', 'untrusted']),
  signer: z.object({ keyId: z.string(), name: z.string().nullable() }).nullable(),
  kind: z.enum(['use', 'rollback', 'pin-existing']),
  reason: z.string().nullable(),
  actor: z.string(),
  at: z.string(),
})
export type ModelSwitchView = z.infer<typeof ModelSwitchView>

/** What a promotion or rollback did: the switch in force after it, and whether it changed anything. */
export const ModelPromotion = z.object({ changed: z.boolean(), switch: ModelSwitchView, knnSize: z.number().int().nullable() })
export type ModelPromotion = z.infer<typeof ModelPromotion>
