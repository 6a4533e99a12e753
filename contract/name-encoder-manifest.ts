/**
 * `manifest.json` of a name-encoder bundle (docs/normaliser.md): written by the
 * Python trainer `models/clinicoco_names`, checked by the engine before the
 * encoder is used. The encoder maps a diagnosis name's token ids to a unit vector.
 */
import { z } from 'zod'

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex sha256')
const FileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a plain file name inside the bundle')

export const NameEncoderManifest = z.object({
  format: z.literal('clinicoco-name-encoder'),
  formatVersion: z.literal(1),
  encoderVersion: z.string().min(1).max(200),
  createdAt: z.string(),
  tokenizer: z.object({ vocabFile: FileName, vocabSha256: Sha256 }),
  encoder: z.object({
    file: FileName,
    maxTokens: z.number().int().min(2),
    embeddingDim: z.number().int().min(1),
  }),
  trainer: z.record(z.string(), z.unknown()).default({}),
  metrics: z.record(z.string(), z.unknown()).default({}),
  files: z.record(FileName, Sha256),
})
export type NameEncoderManifest = z.infer<typeof NameEncoderManifest>
