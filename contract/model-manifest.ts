/**
 * `manifest.json` of a model bundle (docs/model-bundles.md): written by the
 * Python trainer, checked by the engine before a model is loaded.
 */
import { z } from 'zod'

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex sha256')
const FileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a plain file name inside the bundle')
const Metrics = z.record(z.string(), z.unknown())

export const ModelManifest = z.object({
  format: z.literal('clinicoco-model-bundle'),
  formatVersion: z.literal(1),
  modelVersion: z.string().min(1).max(200),
  createdAt: z.string(),
  codeSet: z.object({ name: z.string(), version: z.string() }),
  codes: z.array(z.string().min(1)).min(1),
  tokenizer: z.object({ vocabFile: FileName, vocabSha256: Sha256 }),
  documentModel: z.object({
    file: FileName,
    maxTokens: z.number().int().min(8),
    embeddingDim: z.number().int().min(1),
  }),
  knn: z.object({
    k: z.number().int().min(1).default(3),
    lambda: z.number().min(0).max(1).default(0.3),
    tau: z.number().positive().default(0.1),
  }),
  threshold: z.number().min(0).max(1),
  trainer: z.record(z.string(), z.unknown()).default({}),
  metrics: z.record(z.string(), Metrics).default({}),
  files: z.record(FileName, Sha256),
})
export type ModelManifest = z.infer<typeof ModelManifest>
