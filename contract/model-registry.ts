/** The model registry as the admin's view shows it (engine/registry). */
import { z } from 'zod'

export const RegisteredModelView = z.object({
  modelVersion: z.string(),
  dir: z.string(),
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
