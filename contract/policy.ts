/**
 * The machine policy: one JSON file hospital IT installs in the OS's admin
 * location (`/etc/clinicoco/policy.json`, `%ProgramData%\CliniCoCo\policy.json`;
 * `engine/policy/machine-policy.ts` finds and loads it). It says where the
 * workspace lives, which model-signing keys the machine trusts and whether a
 * model must be signed, when an idle session locks, the size limits of imported
 * data, how often backups are taken and how many are kept, and whether browser
 * mode may run.
 *
 * Every object is strict: a misspelt key ("idleLockMinute") is an error naming
 * it, never a setting silently ignored. A key left out takes the built-in
 * default, which is what the app does without any policy file.
 */
import { z } from 'zod'

/**
 * An Ed25519 public key as IT pastes it: the base64 of its SubjectPublicKeyInfo
 * (DER), i.e. the one line between the BEGIN/END lines of the `.public.pem` that
 * `clinicoco keys generate` or `openssl pkey -pubout` writes. Ed25519's SPKI is
 * always the same 12-byte header ("MCowBQYDK2VwAyEA") and 32 key bytes.
 */
export const Ed25519PublicKey = z
  .string()
  .trim()
  .regex(/^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=$/, 'an Ed25519 public key: the base64 line of its .public.pem (60 characters starting MCowBQYDK2VwAyEA)')

export const TrustedKey = z
  .object({
    /** Who signs with it, shown in the app and in audit rows, e.g. "St Mary's model board 2026". */
    name: z.string().min(1).max(200),
    publicKey: Ed25519PublicKey,
  })
  .strict()
export type TrustedKey = z.infer<typeof TrustedKey>

/** An absolute path (POSIX or Windows): a relative one would depend on the folder the app was started from. */
const AbsolutePath = z
  .string()
  .min(1)
  .max(1000)
  .refine((path) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\'), 'an absolute path')

export const ModelPolicy = z
  .object({
    /** Keys whose signature on a model bundle the machine trusts. */
    trustedKeys: z.array(TrustedKey).max(100).default([]),
    /** Refuse to code with a bundle that is not signed by a trusted key (default false: unsigned bundles are used with a warning). */
    requireSigned: z.boolean().default(false),
    /**
     * Whether keys a workspace admin trusted for one workspace (`clinicoco keys trust`,
     * the demo key of the demo hospital) count too. Set false so that only this file decides.
     */
    allowWorkspaceKeys: z.boolean().default(true),
  })
  .strict()
export type ModelPolicy = z.infer<typeof ModelPolicy>

/** Size limits of imported data and of browser-mode requests; a key left out keeps the app's default. */
export const LimitsPolicy = z
  .object({
    fieldChars: z.number().int().min(1).max(100_000_000).optional(),
    recordChars: z.number().int().min(1).max(100_000_000).optional(),
    fileBytes: z.number().int().min(1).max(1_000_000_000_000).optional(),
    requestBodyBytes: z.number().int().min(1).max(1_000_000_000).optional(),
  })
  .strict()
export type LimitsPolicy = z.infer<typeof LimitsPolicy>

export const BackupPolicy = z
  .object({
    /** Folder of the scheduled backups (default: `backups/` inside the workspace folder). Best on another disk. */
    dir: AbsolutePath.optional(),
    /** Take a backup when the newest one is older than this (hours). */
    everyHours: z.number().min(0.25).max(24 * 366).default(24),
    /** How many scheduled backups to keep; the oldest beyond this are deleted after a new one is verified. */
    keep: z.number().int().min(1).max(1000).default(7),
  })
  .strict()
export type BackupPolicy = z.infer<typeof BackupPolicy>

export const MachinePolicy = z
  .object({
    /** The schema version of this file; 1 is the only one so far. */
    policyVersion: z.literal(1),
    /** The workspace the desktop app opens when it is not given one (`--workspace`, `CLINICOCO_WORKSPACE`). */
    workspaceDir: AbsolutePath.optional(),
    models: ModelPolicy.default({ trustedKeys: [], requireSigned: false, allowWorkspaceKeys: true }),
    /** Minutes without input after which the app locks (default 15). */
    idleLockMinutes: z.number().int().min(1).max(24 * 60).default(15),
    limits: LimitsPolicy.optional(),
    /** Scheduled backups; none are taken when this is left out. */
    backup: BackupPolicy.optional(),
    /** Whether `clinicoco serve` (browser mode) may run on this machine (default true). */
    allowBrowserMode: z.boolean().default(true),
  })
  .strict()
export type MachinePolicy = z.infer<typeof MachinePolicy>
/** The policy file as written, before defaults. */
export type MachinePolicyInput = z.input<typeof MachinePolicy>

/** The policy in effect, and where it came from: what the app shows read-only and `doctor` reports. */
export const EffectivePolicy = z.object({
  /** The file the policy was read from; null when none exists (built-in defaults). */
  source: z.string().nullable(),
  /** Where the app looked: the OS admin location, or the `CLINICOCO_POLICY` override. */
  searched: z.string(),
  policy: MachinePolicy,
})
export type EffectivePolicy = z.infer<typeof EffectivePolicy>

/** What the app shows IT, read-only: the policy in effect, with each trusted key's id (the first 16 hex digits of its sha256). */
export const PolicyView = EffectivePolicy.extend({ keyIds: z.array(z.string()) })
export type PolicyView = z.infer<typeof PolicyView>
